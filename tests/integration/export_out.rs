//! `users export` as a user runs it: the file it writes is replaced only by a complete
//! export, and the fields it asks the job for bring metadata back.

use std::process::Command;

use crate::common;

use common::TOKEN;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_auth0-meta");

/// `users export` against the emulator at `base`, into `out`, with `extra` arguments.
async fn export_to(base: &str, out: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let (base, out) = (base.to_string(), out.to_path_buf());
    let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    tokio::task::spawn_blocking(move || {
        Command::new(BIN)
            .args(["users", "export", "--base-url", &base])
            .args(&extra)
            .arg("--out")
            .arg(&out)
            .env_clear()
            .env("AUTH0_API_TOKEN", TOKEN)
            .output()
            .unwrap()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn an_existing_file_is_replaced_only_with_force_and_only_by_a_complete_export() {
    let emulator = common::demo_emulator().await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("users.ndjson");
    std::fs::write(&out, "yesterday's export\n").unwrap();
    let kept = || std::fs::read_to_string(&out).unwrap() == "yesterday's export\n";
    let only_the_file = || std::fs::read_dir(dir.path()).unwrap().count() == 1;

    let refused = export_to(&base, &out, &[]).await;
    assert_eq!(refused.status.code(), Some(2));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("--out") && said.contains("--force"), "{said}");
    assert!(kept());

    // Checks that fail before anything is downloaded, and a refused token.
    for extra in [
        &["--force", "--filter", "name:("][..],
        &["--force", "--connection", "nope"][..],
    ] {
        let failed = export_to(&base, &out, extra).await;
        assert!(!failed.status.success(), "{extra:?}");
        assert!(kept(), "{extra:?}: the old file is as it was");
        assert!(only_the_file(), "{extra:?}: no temporary file is left");
    }
    let refused_token = tokio::task::spawn_blocking({
        let (base, out) = (base.clone(), out.clone());
        move || {
            Command::new(BIN)
                .args(["users", "export", "--force", "--base-url", &base, "--out"])
                .arg(&out)
                .env_clear()
                .env("AUTH0_API_TOKEN", "not-the-token")
                .output()
                .unwrap()
        }
    })
    .await
    .unwrap();
    assert!(!refused_token.status.success());
    assert!(kept() && only_the_file());

    let replaced = export_to(&base, &out, &["--force"]).await;
    assert!(
        replaced.status.success(),
        "{}",
        String::from_utf8_lossy(&replaced.stderr)
    );
    assert!(std::fs::read_to_string(&out).unwrap().lines().count() > 100);
    assert!(only_the_file());
}

#[tokio::test]
async fn users_export_names_its_fields_so_metadata_comes_back() {
    let emulator = common::demo_emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let whole = dir.path().join("whole.ndjson");
    let done = export_to(&emulator.base_url(), &whole, &[]).await;
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let users: Vec<Value> = std::fs::read_to_string(&whole)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(users.len(), 140);
    assert!(
        users.iter().any(|u| u["app_metadata"]["plan"] == "pro"),
        "metadata is exported"
    );
    assert!(users
        .iter()
        .all(|u| u["user_id"].is_string() && u["identities"].is_array()));

    let narrow = dir.path().join("narrow.ndjson");
    let done = export_to(
        &emulator.base_url(),
        &narrow,
        &[
            "--fields",
            "email,identities[0].connection",
            "--filter",
            "app_metadata.plan:pro",
        ],
    )
    .await;
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let text = std::fs::read_to_string(&narrow).unwrap();
    assert_eq!(
        text.lines().count(),
        27,
        "the filter reads app_metadata though it is not written"
    );
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(
        first.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["email", "identities[0].connection"]
    );
    assert_eq!(first["identities[0].connection"], "Username-Password-Authentication");
}
