//! A write refused for the rate limit is sent again only after the user is checked
//! again: a change a colleague makes during the wait is a conflict, never overwritten,
//! and the journal's previous value is what the last check saw.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common;

use auth0_meta::api::{Client, Sleeper};
use auth0_meta::apply::{apply, Applied, Request};
use auth0_meta::domain::{MetadataPair, SendBody, UpdateBody};
use auth0_meta::emulator::{Emulator, Fault};
use auth0_meta::storage::journal::{self, Outcome};
use auth0_meta::storage::Storage;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

fn storage(dir: &tempfile::TempDir) -> Storage {
    Storage {
        root: dir.path().to_path_buf(),
        tenant: "test".into(),
    }
}

fn rate_limited_patches(count: u32) -> Fault {
    Fault {
        status: Some(429),
        count,
        method: Some("PATCH".into()),
        ..Default::default()
    }
}

/// A client whose first wait lets a colleague write `change` to JANE's user_metadata.
fn client_with_colleague(emulator: &Emulator, change: Value) -> (Client, Arc<Mutex<Vec<Duration>>>) {
    let waits = Arc::new(Mutex::new(Vec::new()));
    let (recorded, base) = (waits.clone(), emulator.base_url());
    let change = Arc::new(Mutex::new(Some(change)));
    let sleeper: Sleeper = Arc::new(move |wait| {
        recorded.lock().unwrap().push(wait);
        let (base, change) = (base.clone(), change.lock().unwrap().take());
        Box::pin(async move {
            if let Some(change) = change {
                let path = format!("/api/v2/users/{}", urlencoding(JANE));
                let (status, _) = api(Method::PATCH, &base, &path, Some(json!({ "user_metadata": change }))).await;
                assert_eq!(status, 200);
            }
        })
    });
    let client = Client::new(&target(emulator, TOKEN)).unwrap().with_sleeper(sleeper);
    (client, waits)
}

fn urlencoding(id: &str) -> String {
    auth0_meta::api::encode_segment(id)
}

async fn hobby_request(client: &Client, value: &str) -> Request {
    let loaded: MetadataPair = client.get_user(JANE).await.unwrap().metadata_pair();
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

#[tokio::test]
async fn a_colleagues_change_during_the_rate_limit_wait_is_a_conflict_not_overwritten() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, waits) = client_with_colleague(&emulator, json!({ "hobby": "colleague's" }));
    let request = hobby_request(&client, "mine").await;
    emulator.inject(rate_limited_patches(1));
    let applied = apply(&client, Some(&storage(&dir)), &request).await.unwrap();
    assert!(matches!(applied, Applied::Conflict { .. }), "{applied:?}");
    assert_eq!(waits.lock().unwrap().len(), 1, "waited once, as the 429 asked");
    let now = client.get_user(JANE).await.unwrap();
    assert_eq!(
        now.metadata_pair().user_metadata["hobby"],
        "colleague's",
        "not overwritten"
    );
    let read = journal::read(&storage(&dir).journal_file(), "test", None).unwrap();
    assert_eq!(read.entries.len(), 1, "only the refused attempt: {:?}", read.entries);
    assert!(
        matches!(
            read.entries[0].result(),
            Some(Outcome::Failed { status: Some(429), .. })
        ),
        "{:?}",
        read.entries[0]
    );
}

#[tokio::test]
async fn a_retried_write_records_the_previous_value_the_last_check_saw() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client_with_colleague(&emulator, json!({ "theme": "solarized" }));
    let request = hobby_request(&client, "mine").await;
    emulator.inject(rate_limited_patches(1));
    let Applied::Saved(saved) = apply(&client, Some(&storage(&dir)), &request).await.unwrap() else {
        panic!("the colleague changed another key: the change is sent")
    };
    assert_eq!(saved.user.docs.user_metadata["hobby"], "mine");
    assert_eq!(
        saved.user.docs.user_metadata["theme"], "solarized",
        "the colleague's key kept"
    );
    let read = journal::read(&storage(&dir).journal_file(), "test", None).unwrap();
    let outcomes: Vec<_> = read.entries.iter().map(|e| e.result()).collect();
    assert!(
        matches!(
            outcomes[..],
            [Some(Outcome::Failed { .. }), Some(Outcome::Applied { .. })]
        ),
        "{outcomes:?}"
    );
    let last = &read.entries[1];
    assert_eq!(
        last.previous["user_metadata"]["theme"],
        Value::Null,
        "the body does not write theme"
    );
    assert_eq!(last.previous["user_metadata"]["hobby"], json!("surfing"));
}

#[tokio::test]
async fn a_write_still_refused_after_its_tries_reports_the_429() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, waits) = client(&emulator);
    let request = hobby_request(&client, "mine").await;
    emulator.inject(rate_limited_patches(10));
    let err = apply(&client, Some(&storage(&dir)), &request).await.unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(waits.lock().unwrap().len(), 2, "three tries in all");
    let read = journal::read(&storage(&dir).journal_file(), "test", None).unwrap();
    assert_eq!(read.entries.len(), 3);
    assert!(read
        .entries
        .iter()
        .all(|e| matches!(e.result(), Some(Outcome::Failed { status: Some(429), .. }))));
}

/// A batch's write is sent on the read it was decided from (`fresh`), but a resend after
/// a 429 reads the user again all the same: the colleague's change is a conflict.
#[tokio::test]
async fn a_fresh_write_is_still_checked_again_before_its_resend() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client_with_colleague(&emulator, json!({ "hobby": "colleague's" }));
    let mut request = hobby_request(&client, "mine").await;
    request.fresh = true;
    emulator.inject(rate_limited_patches(1));
    let applied = apply(&client, Some(&storage(&dir)), &request).await.unwrap();
    assert!(matches!(applied, Applied::Conflict { .. }), "{applied:?}");
    let now = client.get_user(JANE).await.unwrap();
    assert_eq!(now.metadata_pair().user_metadata["hobby"], "colleague's");
}
