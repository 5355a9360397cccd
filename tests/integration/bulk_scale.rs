//! Bulk batches at scale: a client-credentials token renewed while a batch runs, and the
//! journal's growth said before a batch of more than 100,000 changes.

use std::io::Write;

use auth0_meta::emulator::EmulatorConfig;
use serde_json::json;

use super::bulk_run::{batch_id, tenant};
use crate::common::{self, *};

/// A token that must be renewed every two seconds (its lifetime is five minutes past the
/// client's renewal margin plus two seconds) over a batch that takes longer: every user
/// is changed, nothing pauses, and the token was fetched again meanwhile.
#[tokio::test(flavor = "multi_thread")]
async fn client_credentials_are_renewed_while_a_batch_runs() {
    let config = EmulatorConfig {
        client: Some(("cid".into(), "csecret".into())),
        token_lifetime: 302,
        rate_per_second: 12.0,
        burst: 4,
        ..EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, &tenant(30)).await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let env = [("AUTH0_CLIENT_ID", "cid"), ("AUTH0_CLIENT_SECRET", "csecret")];
    let args = [
        "--base-url",
        &base,
        "bulk",
        "set",
        "app_metadata.renewed",
        "true",
        "--query",
        "user_id:auth0|run*",
        "--yes",
    ];
    let out = common::cli::run(dir.path(), &env, &args).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let batch = batch_id(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("batch {batch}: 30 of 30 users settled (changed 30)")),
        "{stdout}"
    );
    assert!(
        emulator.token_requests() >= 3,
        "renewed during the run: {} token requests",
        emulator.token_requests()
    );
}

/// More than 100,000 changes: the dry run says how much a real run adds to the journal.
#[test]
fn a_batch_of_more_than_100000_changes_says_how_much_the_journal_grows() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("users.ndjson");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    for n in 0..100_001 {
        let user = json!({"user_id": format!("auth0|{n}"), "user_metadata": {"plan": "free"}});
        writeln!(out, "{user}").unwrap();
    }
    out.flush().unwrap();
    drop(out);
    let from = file.to_string_lossy().to_string();
    let args = ["bulk", "set", "user_metadata.plan", "pro", "--from", &from, "--offline"];
    let out = common::cli::auth0_meta(dir.path(), &[], &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("a real run writes 100001 journal entries: the journal grows by about 70 MB"),
        "{stderr}"
    );
    let few = dir.path().join("few.ndjson");
    std::fs::write(&few, "{\"user_id\":\"auth0|1\",\"user_metadata\":{}}\n").unwrap();
    let few = few.to_string_lossy().to_string();
    let out = common::cli::auth0_meta(
        dir.path(),
        &[],
        &["bulk", "unset", "user_metadata.x", "--from", &few, "--offline"],
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("journal grows"));
}
