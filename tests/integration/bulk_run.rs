//! Bulk changes, the real run: every user changed once through the apply path, journal
//! entries tagged with the batch, progress kept; killed with SIGKILL mid-run and resumed,
//! still once per user; a refused token pauses the batch instead of failing every user.

use crate::common;

use std::collections::HashMap;
use std::process::{Command, Stdio};

use auth0_meta::emulator::EmulatorConfig;
use common::*;
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_auth0-meta");

pub(crate) fn tenant(count: u32) -> String {
    let users: Vec<Value> = (0..count)
        .map(|n| {
            json!({
                "user_id": format!("auth0|run{n:03}"), "email": format!("run{n}@example.com"),
                "created_at": "2024-01-01T00:00:00.000Z", "updated_at": "2024-01-01T00:00:00.000Z",
                "identities": [{"connection": "Username-Password-Authentication", "user_id": format!("run{n:03}"), "provider": "auth0", "isSocial": false}],
                "user_metadata": {"age": (20 + n).to_string(), "prefs": {"theme": "dark"}},
            })
        })
        .collect();
    serde_json::to_string(&users).unwrap()
}

/// The binary against the emulator at `base`, with the test token and `dir` as its home.
pub(crate) async fn meta(dir: &std::path::Path, base: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--base-url", base];
    all.extend_from_slice(args);
    common::cli::run(dir, &[("AUTH0_API_TOKEN", TOKEN)], &all).await
}

/// Per user, the journal entries of the batch that applied.
fn applied_per_user(dir: &std::path::Path, batch: &str) -> HashMap<String, usize> {
    let text = std::fs::read_to_string(dir.join("state/journal.jsonl")).unwrap_or_default();
    let mut batch_of: HashMap<String, (String, bool)> = HashMap::new();
    for line in text.lines().filter_map(|l| serde_json::from_str::<Value>(l).ok()) {
        let id = line["id"].as_str().unwrap_or_default().to_string();
        if line["batch"] == batch {
            batch_of.insert(id, (line["user_id"].as_str().unwrap().to_string(), false));
        } else if line["outcome"]["result"] == "applied" {
            if let Some(entry) = batch_of.get_mut(&id) {
                entry.1 = true;
            }
        }
    }
    let mut per_user = HashMap::new();
    for (user, applied) in batch_of.into_values() {
        *per_user.entry(user).or_default() += usize::from(applied);
    }
    per_user
}

pub(crate) fn batch_id(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let first = text.lines().next().unwrap_or_default();
    first
        .strip_prefix("batch ")
        .unwrap_or_else(|| panic!("the first line names the batch: {text}"))
        .to_string()
}

async fn ages(base: &str) -> Vec<Value> {
    let (_, users) = api(
        reqwest::Method::GET,
        base,
        "/api/v2/users?q=user_id:auth0|run*&per_page=100&fields=user_metadata",
        None,
    )
    .await;
    users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["user_metadata"]["age"].clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_batch_changes_every_user_once_and_says_so() {
    let emulator = start(EmulatorConfig::local(TOKEN), &tenant(12)).await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let out = meta(
        dir.path(),
        &base,
        &[
            "bulk",
            "retype",
            "user_metadata.age",
            "number",
            "--query",
            "user_id:auth0|run*",
            "--yes",
        ],
    )
    .await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let batch = batch_id(&out.stderr);
    assert!(String::from_utf8_lossy(&out.stdout).contains("12 of 12 users settled (changed 12)"));
    assert!(ages(&base).await.iter().all(Value::is_number));
    let per_user = applied_per_user(dir.path(), &batch);
    assert_eq!(per_user.len(), 12);
    assert!(per_user.values().all(|n| *n == 1), "{per_user:?}");
    let status = meta(dir.path(), &base, &["bulk", "status", "--json"]).await;
    let rows: Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(rows[0]["id"], json!(batch));
    assert_eq!(
        (
            rows[0]["state"].clone(),
            rows[0]["changed"].clone(),
            rows[0]["total"].clone()
        ),
        (json!("done"), json!(12), json!(12))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_mid_run_and_resumed_every_user_is_changed_once() {
    // A slow budget, so the run is still going when it is killed.
    let config = EmulatorConfig {
        rate_per_second: 20.0,
        burst: 5,
        ..EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, &tenant(40)).await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let (d, b) = (dir.path().to_path_buf(), base.clone());
    let stderr = tokio::task::spawn_blocking(move || {
        let mut child = Command::new(BIN)
            .args([
                "--base-url",
                &b,
                "bulk",
                "move",
                "user_metadata.age",
                "app_metadata.age",
                "--query",
                "user_id:auth0|run*",
                "--yes",
            ])
            .env_clear()
            .env("HOME", &d)
            .env("AUTH0_META_STATE_DIR", d.join("state"))
            .env("AUTH0_API_TOKEN", TOKEN)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1500));
        child.kill().unwrap(); // SIGKILL
        child.wait_with_output().unwrap().stderr
    })
    .await
    .unwrap();
    let batch = batch_id(&stderr);
    let moved_before = applied_per_user(dir.path(), &batch)
        .values()
        .filter(|n| **n > 0)
        .count();
    assert!(moved_before < 40, "killed before the end ({moved_before} moved)");
    let out = meta(dir.path(), &base, &["bulk", "resume", &batch]).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(batch_id(&out.stderr), batch);
    // The run leaves the slow budget drained: the check waits for it as a client would.
    let users = loop {
        let path = "/api/v2/users?q=user_id:auth0|run*&per_page=100";
        match api(reqwest::Method::GET, &base, path, None).await {
            (429, _) => tokio::time::sleep(std::time::Duration::from_millis(200)).await,
            (_, users) => break users,
        }
    };
    for user in users.as_array().unwrap() {
        let n: u32 = user["user_id"].as_str().unwrap()[9..].parse().unwrap();
        assert_eq!(user["app_metadata"]["age"], json!((20 + n).to_string()), "{user}");
        assert!(user["user_metadata"].get("age").is_none(), "{user}");
    }
    let per_user = applied_per_user(dir.path(), &batch);
    let twice: Vec<_> = per_user.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "changed twice: {twice:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_token_pauses_the_batch_and_resume_finishes_it() {
    let emulator = start(EmulatorConfig::local(TOKEN), &tenant(6)).await;
    let base = emulator.base_url();
    let reader = emulator.issue_token(&["read:users"], 600);
    let dir = tempfile::tempdir().unwrap();
    let out = common::cli::run(
        dir.path(),
        &[("AUTH0_API_TOKEN", reader.as_str())],
        &[
            "--base-url",
            &base,
            "bulk",
            "set",
            "user_metadata.prefs.theme",
            "light",
            "--query",
            "user_id:auth0|run*",
            "--yes",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("stopped: the API refused the token") && said.contains("bulk resume"),
        "{said}"
    );
    let batch = batch_id(&out.stderr);
    let status = meta(dir.path(), &base, &["bulk", "status", "--json"]).await;
    let rows: Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(
        (rows[0]["state"].clone(), rows[0]["failed"].clone()),
        (json!("paused"), json!(0)),
        "{rows}"
    );
    let out = meta(dir.path(), &base, &["bulk", "resume", &batch]).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (_, users) = api(
        reqwest::Method::GET,
        &base,
        "/api/v2/users?q=user_id:auth0|run*&per_page=100&fields=user_metadata",
        None,
    )
    .await;
    assert!(users
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["user_metadata"]["prefs"] == json!({"theme": "light"})));
}
