//! The one apply path against the emulator with faults: the journal entry is written
//! before the PATCH leaves, every outcome is established before it is reported, and an
//! unclear answer is settled by reading the user again.

use crate::common;

use auth0_meta::apply::{apply, resolve_unresolved, Applied, Journaled, Request};
use auth0_meta::domain::{SendBody, UpdateBody};
use auth0_meta::emulator::{Emulator, Fault, Spoil};
use auth0_meta::storage::journal::{self, Entry, Outcome};
use auth0_meta::storage::Storage;
use common::*;
use serde_json::json;

fn storage(dir: &tempfile::TempDir) -> Storage {
    Storage {
        root: dir.path().to_path_buf(),
        tenant: "test".into(),
    }
}

/// A request setting `user_metadata.hobby` to `value` on JANE as loaded now.
async fn request(emulator: &Emulator, value: &str) -> Request {
    let (client, _) = client(emulator);
    let loaded = client.get_user(JANE).await.unwrap().metadata_pair();
    let mut edited = loaded.clone();
    edited.user_metadata.insert("hobby".into(), json!(value));
    Request {
        user_id: JANE.into(),
        body: SendBody::new(UpdateBody::between(&loaded, &edited)).unwrap(),
        loaded,
        check: true,
        fresh: false,
        reverts: None,
        batch: None,
    }
}

fn patch_fault(after: Option<Spoil>, status: Option<u16>) -> Fault {
    Fault {
        status,
        count: 1,
        method: Some("PATCH".into()),
        after,
        ..Default::default()
    }
}

fn only_entry(storage: &Storage) -> Entry {
    let read = journal::read(&storage.journal_file(), &storage.tenant, None).unwrap();
    assert_eq!(read.damaged, 0);
    assert_eq!(read.entries.len(), 1, "{:?}", read.entries);
    read.entries.into_iter().next().unwrap()
}

#[tokio::test]
async fn a_plain_save_is_written_ahead_then_recorded_applied() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let request = request(&emulator, "chess").await;
    let Applied::Saved(saved) = apply(&client, Some(&storage(&dir)), &request).await.unwrap() else {
        panic!()
    };
    assert!(saved.settled_after.is_none() && saved.changed_meanwhile.is_empty());
    let entry = only_entry(&storage(&dir));
    assert_eq!(entry.status.as_deref(), Some("sending"), "written ahead");
    assert!(matches!(entry.result(), Some(Outcome::Applied { .. })), "{entry:?}");
    assert_eq!(saved.journal, Journaled::Written { entry_id: entry.id });
}

#[tokio::test]
async fn an_answer_lost_after_the_change_landed_is_settled_as_saved() {
    for spoil in [Spoil::Cut, Spoil::Garbage, Spoil::BadGateway] {
        let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
        let (client, _) = client(&emulator);
        let request = request(&emulator, "chess").await;
        emulator.inject(patch_fault(Some(spoil), None));
        let applied = apply(&client, Some(&storage(&dir)), &request).await;
        let Ok(Applied::Saved(saved)) = applied else {
            panic!("{spoil:?}: {applied:?}")
        };
        assert!(saved.settled_after.is_some(), "{spoil:?}: says the answer was unclear");
        assert_eq!(saved.user.docs.user_metadata["hobby"], "chess");
        assert!(saved.summary().starts_with("saved: user_metadata.hobby"));
        let entry = only_entry(&storage(&dir));
        assert!(
            matches!(entry.result(), Some(Outcome::Applied { .. })),
            "{spoil:?}: {entry:?}"
        );
    }
}

#[tokio::test]
async fn a_server_error_before_the_change_is_a_failure_only_once_established() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let request = request(&emulator, "chess").await;
    emulator.inject(patch_fault(None, Some(502)));
    let err = apply(&client, Some(&storage(&dir)), &request).await.unwrap_err();
    assert_eq!(err.status(), Some(502));
    let entry = only_entry(&storage(&dir));
    let Some(Outcome::Failed { message, .. }) = entry.result() else {
        panic!("{entry:?}")
    };
    assert!(message.contains("still holds what was there before"), "{message}");
    assert_eq!(
        client.get_user(JANE).await.unwrap().metadata_pair().user_metadata["hobby"],
        "surfing"
    );
}

#[tokio::test]
async fn a_refusal_is_recorded_failed() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let mut request = request(&emulator, "chess").await;
    let mut edited = request.loaded.clone();
    edited.user_metadata.insert("a.b".into(), json!(1));
    request.body = SendBody::new(UpdateBody::between(&request.loaded, &edited)).unwrap();
    let err = apply(&client, Some(&storage(&dir)), &request).await.unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert!(matches!(
        only_entry(&storage(&dir)).result(),
        Some(Outcome::Failed { status: Some(400), .. })
    ));
}

#[tokio::test]
async fn nothing_is_sent_that_the_journal_cannot_record() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let dir = tempfile::tempdir().unwrap();
    let blocked = dir.path().join("a-file");
    std::fs::write(&blocked, b"").unwrap();
    let storage = Storage {
        root: blocked.join("state"),
        tenant: "test".into(),
    };
    let request = request(&emulator, "chess").await;
    let applied = apply(&client, Some(&storage), &request).await.unwrap();
    assert!(matches!(applied, Applied::NotSent(_)), "{applied:?}");
    assert_eq!(
        client.get_user(JANE).await.unwrap().metadata_pair().user_metadata["hobby"],
        "surfing"
    );
}

#[tokio::test]
async fn keys_that_differ_from_the_expected_result_are_reported() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let mut request = request(&emulator, "chess").await;
    // The loaded copy is stale on a key the body leaves alone, and the check is off (an
    // overwrite): the server's answer differs from what we expected there.
    request.loaded.user_metadata.insert("theme".into(), json!("dark"));
    request.check = false;
    let Applied::Saved(saved) = apply(&client, Some(&storage(&dir)), &request).await.unwrap() else {
        panic!()
    };
    let changed: Vec<String> = saved.changed_meanwhile.iter().map(ToString::to_string).collect();
    assert_eq!(changed, ["user_metadata.theme"]);
    assert!(saved
        .summary()
        .contains("user_metadata.theme changed on the server while sending"));
    let Some(Outcome::Applied { changed_meanwhile, .. }) = only_entry(&storage(&dir)).result() else {
        panic!()
    };
    assert_eq!(changed_meanwhile, ["user_metadata.theme"]);
}

#[tokio::test]
async fn entries_left_sending_are_settled_at_the_next_start() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let storage = storage(&dir);
    // Three sends interrupted before their outcome was written: one landed, one did not,
    // and one was overtaken by a third value.
    for (value, land) in [("chess", Some("chess")), ("golf", None), ("polo", Some("darts"))] {
        let request = request(&emulator, value).await;
        let entry = Entry::new(&storage.tenant, JANE, &request.body, &request.loaded);
        drop(journal::write_ahead(&storage, &entry).unwrap()); // its writer died
        if let Some(held) = land {
            client
                .patch_user(JANE, &json!({"user_metadata": {"hobby": held}}))
                .await
                .unwrap();
        }
        let settled = resolve_unresolved(&client, &storage).await.unwrap();
        assert_eq!(settled.len(), 1);
        let word = settled[0].outcome.word();
        let want = match land {
            Some(held) if held == value => "applied",
            Some(_) => "unknown",
            None => "failed",
        };
        assert_eq!(word, want, "{value}: {:?}", settled[0].outcome);
        client
            .patch_user(JANE, &json!({"user_metadata": {"hobby": "surfing"}}))
            .await
            .unwrap();
    }
    // Each entry has its one outcome: a later start settles nothing again.
    let again = resolve_unresolved(&client, &storage).await.unwrap();
    assert!(again.is_empty(), "each is settled once: {again:?}");
    let lines = std::fs::read_to_string(storage.journal_file()).unwrap();
    assert_eq!(lines.matches("\"outcome\":").count(), 3, "one outcome line per entry");
}

#[test]
fn a_line_cut_by_a_crash_does_not_swallow_the_next_entry() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("journal.jsonl");
    let loaded = auth0_meta::domain::MetadataPair::default();
    let mut edited = loaded.clone();
    edited.user_metadata.insert("a".into(), json!(1));
    let body = SendBody::new(UpdateBody::between(&loaded, &edited)).unwrap();
    journal::append(&file, &Entry::new("t", "auth0|1", &body, &loaded)).unwrap();
    std::fs::write(&file, {
        let mut bytes = std::fs::read(&file).unwrap();
        bytes.extend_from_slice(b"{\"id\":\"half-writ");
        bytes
    })
    .unwrap();
    journal::append(&file, &Entry::new("t", "auth0|2", &body, &loaded)).unwrap();
    let read = journal::read(&file, "t", None).unwrap();
    assert_eq!(read.entries.len(), 2, "both whole entries are read");
    assert_eq!(read.damaged, 1, "the cut line is counted");
    let one = journal::read(&file, "t", Some("auth0|2")).unwrap();
    assert_eq!(one.entries.len(), 1, "one user's entries only");
    assert_eq!(one.damaged, 1, "the cut line is counted when reading one user too");
}
