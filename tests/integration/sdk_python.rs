//! Auth0's official Python SDK, unchanged, against the emulator (tests/sdk/python_sdk.py:
//! users, connections, an export job). `.ci/run` installs it into `target/sdk-venv`;
//! `AUTH0_META_SDK_PYTHON` names another interpreter that has it. Without either the test
//! says it was skipped, so `cargo test` alone still runs everywhere.

use crate::common;

use std::path::PathBuf;
use std::process::Command;

use common::*;

fn python() -> Option<PathBuf> {
    let named = std::env::var_os("AUTH0_META_SDK_PYTHON").map(PathBuf::from);
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/sdk-venv/bin/python");
    named.or_else(|| venv.exists().then_some(venv))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_official_python_sdk_runs_its_calls_unchanged() {
    let Some(python) = python() else {
        eprintln!("skipped: no Python with auth0-python (bash .ci/run installs it into target/sdk-venv)");
        return;
    };
    let emulator = demo_emulator().await;
    let base = emulator.base_url();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/sdk/python_sdk.py");
    let out = tokio::task::spawn_blocking(move || {
        Command::new(python)
            .arg(script)
            .args([base.as_str(), TOKEN])
            .env("NO_PROXY", "127.0.0.1")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && said.trim() == "ok",
        "{said}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
