//! Reading the journal: entries are filtered by tenant and user, and a journal that
//! exists but cannot be read is an error, never an empty history.

use auth0_meta::domain::{MetadataPair, SendBody, UpdateBody};
use auth0_meta::storage::journal::{self, Entry};
use serde_json::json;

fn body() -> (SendBody, MetadataPair) {
    let loaded = MetadataPair::default();
    let mut edited = loaded.clone();
    edited.user_metadata.insert("a".into(), json!(1));
    (SendBody::new(UpdateBody::between(&loaded, &edited)).unwrap(), loaded)
}

fn who(entries: &[Entry]) -> Vec<(String, String)> {
    entries.iter().map(|e| (e.tenant.clone(), e.user_id.clone())).collect()
}

#[test]
fn entries_are_filtered_by_tenant_and_by_user() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("journal.jsonl");
    let (body, loaded) = body();
    for (tenant, user) in [
        ("t1", "auth0|1"),
        ("t1", "auth0|2"),
        ("t2", "auth0|1"),
        ("t2", "auth0|2"),
    ] {
        journal::append(&file, &Entry::new(tenant, user, &body, &loaded)).unwrap();
    }
    let pair = |t: &str, u: &str| (t.to_string(), u.to_string());
    let one = journal::read(&file, "t1", Some("auth0|1")).unwrap();
    assert_eq!(who(&one.entries), [pair("t1", "auth0|1")]);
    let tenant = journal::read(&file, "t2", None).unwrap();
    assert_eq!(who(&tenant.entries), [pair("t2", "auth0|1"), pair("t2", "auth0|2")]);
    let user_everywhere = journal::read_any(&file, None, Some("auth0|2")).unwrap();
    assert_eq!(
        who(&user_everywhere.entries),
        [pair("t1", "auth0|2"), pair("t2", "auth0|2")]
    );
    assert_eq!(journal::read_any(&file, None, None).unwrap().entries.len(), 4);
}

#[test]
fn a_journal_that_cannot_be_read_is_an_error_not_an_empty_history() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("journal.jsonl");
    std::fs::create_dir(&file).unwrap();
    let err = journal::read(&file, "t", None).unwrap_err();
    assert!(!err.to_string().is_empty());
    assert!(journal::read_any(&file, None, Some("auth0|1")).is_err());
    // One that cannot even be opened (its folder is a file) is an error too.
    let blocked = dir.path().join("a-file");
    std::fs::write(&blocked, b"").unwrap();
    assert!(journal::read(&blocked.join("journal.jsonl"), "t", None).is_err());
    // Only a journal that does not exist yet is an empty one.
    let missing = dir.path().join("none.jsonl");
    assert_eq!(journal::read(&missing, "t", None).unwrap().entries.len(), 0);
}
