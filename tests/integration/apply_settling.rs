//! How the apply path settles what it cannot see directly: keys others added, a cleared
//! document behind an unclear answer, a refusal (settled without reading again), an
//! outcome that stays unknown, and several users' interrupted sends at the next start.

use std::time::Duration;

use crate::common;

use auth0_meta::apply::{apply, resolve_unresolved, Applied, Request};
use auth0_meta::domain::{MetadataPair, MetadataPatch, SendBody, UpdateBody};
use auth0_meta::emulator::{Emulator, Fault, Spoil};
use auth0_meta::storage::journal::{self, Entry, Outcome};
use auth0_meta::storage::Storage;
use common::*;
use serde_json::json;

const JOHN: &str = "auth0|fab36728a78beb7e0787c0de";

fn storage(dir: &tempfile::TempDir) -> Storage {
    Storage {
        root: dir.path().to_path_buf(),
        tenant: "test".into(),
    }
}

async fn loaded(emulator: &Emulator, id: &str) -> MetadataPair {
    client(emulator).0.get_user(id).await.unwrap().metadata_pair()
}

fn request(id: &str, loaded: MetadataPair, edit: impl FnOnce(&mut MetadataPair)) -> Request {
    let mut edited = loaded.clone();
    edit(&mut edited);
    Request {
        user_id: id.into(),
        body: SendBody::new(UpdateBody::between(&loaded, &edited)).unwrap(),
        loaded,
        check: true,
        fresh: false,
        reverts: None,
        batch: None,
    }
}

fn set_hobby(value: &str) -> impl FnOnce(&mut MetadataPair) + '_ {
    move |pair| {
        pair.user_metadata.insert("hobby".into(), json!(value));
    }
}

fn fault(method: Option<&str>, status: Option<u16>, after: Option<Spoil>, count: u32, delay_ms: u64) -> Fault {
    Fault {
        status,
        count,
        delay_ms,
        method: method.map(String::from),
        after,
        every: None,
    }
}

fn outcomes(storage: &Storage) -> Vec<Option<Outcome>> {
    let read = journal::read(&storage.journal_file(), &storage.tenant, None).unwrap();
    read.entries.iter().map(|e| e.result()).collect()
}

#[tokio::test]
async fn a_root_key_someone_else_added_is_reported_as_changed_meanwhile() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let loaded = loaded(&emulator, JANE).await;
    // A colleague adds `theme` after our copy was read; an overwrite sends without a
    // check, so the answer holds a key we did not expect.
    client
        .patch_user(JANE, &json!({"user_metadata": {"theme": "dark"}}))
        .await
        .unwrap();
    let mut request = request(JANE, loaded, set_hobby("chess"));
    request.check = false;
    let Applied::Saved(saved) = apply(&client, Some(&storage(&dir)), &request).await.unwrap() else {
        panic!()
    };
    let changed: Vec<String> = saved.changed_meanwhile.iter().map(ToString::to_string).collect();
    assert_eq!(changed, ["user_metadata.theme"]);
}

#[tokio::test]
async fn a_cleared_document_behind_an_unclear_answer_is_settled_by_reading_again() {
    for (spoil, status, landed) in [(Some(Spoil::Cut), None, true), (None, Some(502), false)] {
        let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
        let (client, _) = client(&emulator);
        let loaded = loaded(&emulator, JANE).await;
        let clear = UpdateBody {
            user_metadata: MetadataPatch::Clear,
            app_metadata: MetadataPatch::Unchanged,
        };
        let request = Request {
            user_id: JANE.into(),
            body: SendBody::new(clear).unwrap(),
            loaded,
            check: true,
            fresh: false,
            reverts: None,
            batch: None,
        };
        assert_eq!(request.body.to_json()["user_metadata"], json!({}), "a clearing body");
        emulator.inject(fault(Some("PATCH"), status, spoil, 1, 0));
        let applied = apply(&client, Some(&storage(&dir)), &request).await;
        let held = client.get_user(JANE).await.unwrap().metadata_pair().user_metadata;
        match applied {
            Ok(Applied::Saved(saved)) if landed => {
                assert!(saved.settled_after.is_some());
                assert!(held.is_empty());
                assert!(matches!(outcomes(&storage(&dir))[..], [Some(Outcome::Applied { .. })]));
            }
            Err(err) if !landed => {
                assert_eq!(err.status(), Some(502));
                assert!(!held.is_empty(), "nothing was cleared");
                let [Some(Outcome::Failed { message, .. })] = &outcomes(&storage(&dir))[..] else {
                    panic!()
                };
                assert!(message.contains("still holds what was there before"), "{message}");
            }
            other => panic!("{spoil:?} {status:?}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_refusal_is_settled_with_the_servers_message_without_reading_again() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let request = request(JANE, loaded(&emulator, JANE).await, |pair| {
        pair.user_metadata.insert("a.b".into(), json!(1));
    });
    let before = emulator.user_reads();
    let err = apply(&client, Some(&storage(&dir)), &request).await.unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(
        emulator.user_reads() - before,
        1,
        "the check only: a refusal needs no re-read"
    );
    let [Some(Outcome::Failed { status, message })] = &outcomes(&storage(&dir))[..] else {
        panic!()
    };
    assert_eq!(*status, Some(400));
    assert_eq!(message, &err.to_string(), "the server's message, as reported");
    assert!(message.contains('.'), "names the refused key: {message}");
}

#[tokio::test]
async fn an_unclear_answer_and_a_failed_reread_are_unknown() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let mut request = request(JANE, loaded(&emulator, JANE).await, set_hobby("chess"));
    request.check = false;
    // The PATCH and every try of the re-read answer 502.
    emulator.inject(fault(None, Some(502), None, 1 + auth0_meta::api::MAX_TRIES, 0));
    let applied = apply(&client, Some(&storage(&dir)), &request).await.unwrap();
    let Applied::Unknown { reason, differing } = applied else {
        panic!("{applied:?}")
    };
    assert!(reason.contains("reading the user again failed too"), "{reason}");
    let differing: Vec<String> = differing.iter().map(ToString::to_string).collect();
    assert_eq!(differing, ["user_metadata.hobby"]);
    let [Some(Outcome::Unknown { differing, .. })] = &outcomes(&storage(&dir))[..] else {
        panic!()
    };
    assert_eq!(differing, &["user_metadata.hobby"]);
}

#[tokio::test]
async fn an_unclear_answer_then_a_third_value_is_unknown() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let request = request(JANE, loaded(&emulator, JANE).await, set_hobby("chess"));
    // The change lands, then the answer waits and is cut: a colleague writes meanwhile.
    emulator.inject(fault(Some("PATCH"), None, Some(Spoil::Cut), 1, 3000));
    let dir_path = storage(&dir);
    let sending = tokio::spawn({
        let (client, _) = common::client(&emulator);
        async move { apply(&client, Some(&dir_path), &request).await }
    });
    let hobby = || async { client.get_user(JANE).await.unwrap().metadata_pair().user_metadata["hobby"].clone() };
    while hobby().await != json!("chess") {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    client
        .patch_user(JANE, &json!({"user_metadata": {"hobby": "darts"}}))
        .await
        .unwrap();
    let applied = sending.await.unwrap().unwrap();
    let Applied::Unknown { differing, .. } = applied else {
        panic!("{applied:?}")
    };
    let differing: Vec<String> = differing.iter().map(ToString::to_string).collect();
    assert_eq!(differing, ["user_metadata.hobby"]);
    assert!(matches!(outcomes(&storage(&dir))[..], [Some(Outcome::Unknown { .. })]));
}

#[tokio::test]
async fn an_interrupted_entry_a_newer_change_followed_is_unknown_with_that_reason() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let storage = storage(&dir);
    let jane = loaded(&emulator, JANE).await;
    let john = loaded(&emulator, JOHN).await;
    // Jane: an older send overtaken by a newer one; John: one send. None has an outcome.
    let sends = [
        (JANE, jane.clone(), "chess"),
        (JOHN, john.clone(), "rowing"),
        (JANE, jane.clone(), "golf"),
    ];
    let mut ids = Vec::new();
    for (id, loaded, value) in sends {
        let request = request(id, loaded, set_hobby(value));
        let entry = Entry::new(&storage.tenant, id, &request.body, &request.loaded);
        drop(journal::write_ahead(&storage, &entry).unwrap()); // its writer died
        ids.push(entry.id);
    }
    client
        .patch_user(JANE, &json!({"user_metadata": {"hobby": "golf"}}))
        .await
        .unwrap();
    let settled = resolve_unresolved(&client, &storage).await.unwrap();
    let found: Vec<(&str, &str)> = settled
        .iter()
        .map(|r| (r.entry_id.as_str(), r.outcome.word()))
        .collect();
    assert_eq!(
        found,
        [
            (ids[0].as_str(), "unknown"),
            (ids[1].as_str(), "failed"),
            (ids[2].as_str(), "applied")
        ]
    );
    let Outcome::Unknown { reason, .. } = &settled[0].outcome else {
        panic!()
    };
    assert!(reason.contains(&ids[2]), "names the newer change: {reason}");
    assert!(
        resolve_unresolved(&client, &storage).await.unwrap().is_empty(),
        "settled once"
    );
}

#[tokio::test]
async fn an_interrupted_send_overtaken_by_a_third_value_names_the_key() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let storage = storage(&dir);
    let request = request(JANE, loaded(&emulator, JANE).await, |pair| {
        pair.user_metadata.insert("hobby".into(), json!("polo"));
        pair.user_metadata.insert("lang".into(), json!("fr"));
    });
    let entry = Entry::new(&storage.tenant, JANE, &request.body, &request.loaded);
    drop(journal::write_ahead(&storage, &entry).unwrap());
    // `lang` landed as sent; `hobby` holds a third value.
    client
        .patch_user(JANE, &json!({"user_metadata": {"hobby": "darts", "lang": "fr"}}))
        .await
        .unwrap();
    let settled = resolve_unresolved(&client, &storage).await.unwrap();
    let [resolution] = &settled[..] else {
        panic!("{settled:?}")
    };
    let Outcome::Unknown { differing, .. } = &resolution.outcome else {
        panic!("{resolution:?}")
    };
    assert_eq!(differing, &["user_metadata.hobby"]);
}
