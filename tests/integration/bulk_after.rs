//! Bulk batches after the run: `revert --batch` (a user changed since is skipped and
//! listed), failed users listed and tried again, `--max-rate` spacing users out.

use auth0_meta::emulator::EmulatorConfig;
use serde_json::{json, Value};

use super::bulk_run::{batch_id, meta, tenant};
use crate::common::{self, *};

#[tokio::test(flavor = "multi_thread")]
async fn revert_batch_puts_every_user_back_but_one_changed_since() {
    let emulator = start(EmulatorConfig::local(TOKEN), &tenant(8)).await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let out = meta(
        dir.path(),
        &base,
        &[
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
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let batch = batch_id(&out.stderr);
    // A colleague changes one user's prefs after the batch.
    let (status, _) = api(
        reqwest::Method::PATCH,
        &base,
        "/api/v2/users/auth0%7Crun005",
        Some(json!({"user_metadata": {"prefs": {"theme": "solarized"}}})),
    )
    .await;
    assert_eq!(status, 200);
    let dry = common::cli::run(
        dir.path(),
        &[("AUTH0_API_TOKEN", "")],
        &["--base-url", &base, "revert", "--batch", &batch, "--dry-run"],
    )
    .await;
    let said = String::from_utf8_lossy(&dry.stdout);
    assert!(
        dry.status.success() && said.contains("puts back 8 users"),
        "{said}{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    let out = meta(dir.path(), &base, &["revert", "--batch", &batch, "--yes"]).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("(changed 7, skipped 1)") && said.contains("skipped auth0|run005: changed_since"),
        "{said}"
    );
    let (_, users) = api(
        reqwest::Method::GET,
        &base,
        "/api/v2/users?q=user_id:auth0|run*&per_page=100&fields=user_id,user_metadata",
        None,
    )
    .await;
    for user in users.as_array().unwrap() {
        let theme = &user["user_metadata"]["prefs"]["theme"];
        let expected = if user["user_id"] == "auth0|run005" {
            "solarized"
        } else {
            "dark"
        };
        assert_eq!(theme, expected, "{user}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn failed_users_are_listed_and_tried_again_on_request() {
    let config = EmulatorConfig {
        faults: true,
        ..EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, &tenant(5)).await;
    let base = emulator.base_url();
    // The first two PATCHes are refused outright (nothing applied).
    let (status, _) = api(
        reqwest::Method::POST,
        &base,
        "/__emulator/faults",
        Some(json!({"status": 400, "count": 2, "method": "PATCH"})),
    )
    .await;
    assert_eq!(status, 204);
    let dir = tempfile::tempdir().unwrap();
    let out = meta(
        dir.path(),
        &base,
        &[
            "bulk",
            "unset",
            "user_metadata.prefs",
            "--query",
            "user_id:auth0|run*",
            "--yes",
            "--parallel",
            "1",
        ],
    )
    .await;
    let batch = batch_id(&out.stderr);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("(changed 3, failed 2)") && said.contains("failed auth0|run000"),
        "{said}"
    );
    let listed = meta(dir.path(), &base, &["bulk", "status", &batch, "--users", "failed"]).await;
    let failed: Vec<Value> = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        failed
            .iter()
            .map(|u| u["user_id"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["auth0|run000", "auth0|run001"]
    );
    assert!(failed[0]["reason"].as_str().unwrap().contains("400"), "{failed:?}");
    let out = meta(dir.path(), &base, &["bulk", "resume", &batch, "--retry-failed"]).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("5 of 5 users settled (changed 5)"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
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
        .all(|u| u["user_metadata"].get("prefs").is_none()));
}

/// `--max-rate N` starts users no faster than N requests a second allow (two each: a read and the PATCH): a
/// lower bound on the time taken, whatever the machine.
#[tokio::test(flavor = "multi_thread")]
async fn max_rate_spaces_the_users_out() {
    let emulator = start(EmulatorConfig::local(TOKEN), &tenant(5)).await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let args = [
        "--base-url",
        &base,
        "bulk",
        "set",
        "app_metadata.tier",
        "2",
        "--query",
        "user_id:auth0|run*",
        "--yes",
        "--max-rate",
        "8",
    ];
    let out = common::cli::run(dir.path(), &[("AUTH0_API_TOKEN", TOKEN)], &args).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(1000),
        "5 users 250 ms apart: {:?}",
        started.elapsed()
    );
    let plan = std::fs::read_dir(dir.path().join("state/batches"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let batch = std::fs::read_dir(plan).unwrap().flatten().next().unwrap().path();
    let plan: Value = serde_json::from_slice(&std::fs::read(batch.join("plan.json")).unwrap()).unwrap();
    assert_eq!(plan["max_rate"], 8.0, "kept for a resume");
}
