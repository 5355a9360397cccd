//! Several writers on one state directory: an entry whose writer is alive is never
//! settled by another process, every entry ends with exactly one outcome line, and a
//! writer that died right after sending is given time for its request to land.

use std::collections::HashMap;
use std::process::Command;
use std::sync::{Arc, Mutex};

use crate::common;

use auth0_meta::api::{Client, Sleeper};
use auth0_meta::apply::{resolve_unresolved, LANDING_GRACE};
use auth0_meta::domain::{SendBody, UpdateBody};
use auth0_meta::storage::journal::{self, Entry, Outcome};
use auth0_meta::storage::Storage;
use common::*;
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_auth0-meta");

fn storage(dir: &std::path::Path) -> Storage {
    Storage {
        root: dir.to_path_buf(),
        tenant: "test".into(),
    }
}

/// An entry setting Jane's `user_metadata.hobby` to `value`, on Jane as she is now.
async fn hobby_entry(client: &Client, storage: &Storage, value: &str) -> Entry {
    let loaded = client.get_user(JANE).await.unwrap().metadata_pair();
    let mut edited = loaded.clone();
    edited.user_metadata.insert("hobby".into(), json!(value));
    let body = SendBody::new(UpdateBody::between(&loaded, &edited)).unwrap();
    Entry::new(&storage.tenant, JANE, &body, &loaded)
}

#[tokio::test]
async fn an_entry_whose_writer_is_alive_is_left_to_it() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let storage = storage(dir.path());
    let entry = hobby_entry(&client, &storage, "chess").await;
    let open = journal::write_ahead(&storage, &entry).unwrap();
    assert!(
        resolve_unresolved(&client, &storage).await.unwrap().is_empty(),
        "the writer holds it"
    );
    let read = journal::read(&storage.journal_file(), "test", None).unwrap();
    assert!(read.entries[0].is_unresolved(), "nothing recorded for a live writer");
    drop(open); // the writer dies
    let settled = resolve_unresolved(&client, &storage).await.unwrap();
    assert_eq!(settled.len(), 1);
}

#[tokio::test]
async fn a_request_that_lands_after_its_writer_died_is_waited_for() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let storage = storage(dir.path());
    let (plain, _) = client(&emulator);
    let entry = hobby_entry(&plain, &storage, "chess").await;
    drop(journal::write_ahead(&storage, &entry).unwrap());
    // The request lands while the resolver waits.
    let (waits, base) = (Arc::new(Mutex::new(Vec::new())), emulator.base_url());
    let recorded = waits.clone();
    let sleeper: Sleeper = Arc::new(move |wait| {
        recorded.lock().unwrap().push(wait);
        let base = base.clone();
        Box::pin(async move {
            let path = format!("/api/v2/users/{}", auth0_meta::api::encode_segment(JANE));
            api(
                reqwest::Method::PATCH,
                &base,
                &path,
                Some(json!({"user_metadata": {"hobby": "chess"}})),
            )
            .await;
        })
    });
    let client = Client::new(&target(&emulator, TOKEN)).unwrap().with_sleeper(sleeper);
    let settled = resolve_unresolved(&client, &storage).await.unwrap();
    assert_eq!(settled[0].outcome.word(), "applied", "{settled:?}");
    let waits = waits.lock().unwrap().clone();
    assert!(
        waits.len() == 1 && waits[0] <= LANDING_GRACE && waits[0] > LANDING_GRACE / 2,
        "{waits:?}"
    );
}

/// Raw outcome lines per entry id, and the entries' user and body.
fn journal_lines(file: &std::path::Path) -> (HashMap<String, usize>, Vec<Value>) {
    let (mut outcomes, mut entries) = (HashMap::new(), Vec::new());
    for line in std::fs::read_to_string(file).unwrap().lines() {
        let value: Value = serde_json::from_str(line).unwrap();
        match value.get("outcome") {
            Some(_) => *outcomes.entry(value["id"].as_str().unwrap().to_string()).or_insert(0) += 1,
            None => entries.push(value),
        }
    }
    (outcomes, entries)
}

#[tokio::test]
async fn parallel_writers_each_settle_their_own_entries_once() {
    // A budget no burst of these writers exhausts: the test is about the journal.
    let config = auth0_meta::emulator::EmulatorConfig {
        rate_per_second: 10_000.0,
        burst: 10_000,
        ..auth0_meta::emulator::EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, auth0_meta::emulator::DEMO_TENANT).await;
    let dir = tempfile::tempdir().unwrap();
    let base = emulator.base_url();
    let state = dir.path().join("state");
    const WRITERS: usize = 4;
    const ROUNDS: usize = 5;
    let runs: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (base, state) = (base.clone(), state.clone());
            std::thread::spawn(move || {
                for round in 1..=ROUNDS {
                    let out = Command::new(BIN)
                        .args([
                            "metadata",
                            "set",
                            JANE,
                            &format!("user_metadata.writer{w}"),
                            &round.to_string(),
                        ])
                        .args(["--yes", "--base-url", &base])
                        .env_clear()
                        .env("AUTH0_API_TOKEN", TOKEN)
                        .env("AUTH0_META_STATE_DIR", &state)
                        .output()
                        .unwrap();
                    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                }
            })
        })
        .collect();
    // Joined off the runtime, which serves the emulator meanwhile.
    tokio::task::spawn_blocking(move || runs.into_iter().for_each(|r| r.join().unwrap()))
        .await
        .unwrap();
    let (outcomes, entries) = journal_lines(&state.join("journal.jsonl"));
    for entry in &entries {
        let id = entry["id"].as_str().unwrap();
        assert_eq!(outcomes.get(id), Some(&1), "one outcome line for {id}");
    }
    // Every change applied once; a send the emulator's rate limit refused under this
    // load is its own entry, recorded failed with its 429, and was sent again.
    let read = journal::read_any(&state.join("journal.jsonl"), None, None).unwrap();
    let applied = read
        .entries
        .iter()
        .filter(|e| matches!(e.result(), Some(Outcome::Applied { .. })))
        .count();
    assert_eq!(applied, WRITERS * ROUNDS);
    for entry in &read.entries {
        let fine = matches!(
            entry.result(),
            Some(Outcome::Applied { .. } | Outcome::Failed { status: Some(429), .. })
        );
        assert!(fine, "{entry:?}");
    }
    let (client, _) = client(&emulator);
    let now = client.get_user(JANE).await.unwrap().metadata_pair();
    for w in 0..WRITERS {
        assert_eq!(
            now.user_metadata[&format!("writer{w}")],
            json!(ROUNDS),
            "writer {w}'s last value"
        );
    }
}

#[tokio::test]
async fn an_old_interrupted_entry_is_settled_failed_without_waiting() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, waits) = client(&emulator);
    let storage = storage(dir.path());
    let mut entry = hobby_entry(&client, &storage, "chess").await;
    entry.time = "2020-01-01T00:00:00.000Z".into(); // long past any landing
    drop(journal::write_ahead(&storage, &entry).unwrap());
    let settled = resolve_unresolved(&client, &storage).await.unwrap();
    assert_eq!(settled[0].outcome.word(), "failed");
    assert!(waits.lock().unwrap().is_empty(), "nothing to wait for");
}

#[tokio::test]
async fn a_start_with_nothing_open_settles_nothing_and_a_stray_marker_is_cleared() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let storage = storage(dir.path());
    assert!(
        resolve_unresolved(&client, &storage).await.unwrap().is_empty(),
        "no state yet"
    );
    // A writer that died after taking its lock, before writing its entry.
    let marker = storage.open_entries_dir().join("19000000000-abcdef.lock");
    std::fs::create_dir_all(marker.parent().unwrap()).unwrap();
    std::fs::write(&marker, "4242\n").unwrap();
    assert!(resolve_unresolved(&client, &storage).await.unwrap().is_empty());
    assert!(!marker.exists(), "the marker of an entry never written is removed");
}
