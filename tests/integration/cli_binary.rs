//! The real binary: the `emulator` subcommand, and `metadata set` driving the documented
//! sequence against an emulator over HTTP.

use crate::common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};

use common::*;
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_auth0-meta");
const HOME: &str = "123 Main Street, Anytown, ST 12345";
const WORK: &str = "100 Industrial Way, Anytown, ST 12345";

/// Kills the child when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn run(base_url: &str, args: &[&str]) -> Output {
    run_with_token(base_url, TOKEN, args)
}

fn run_with_token(base_url: &str, token: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_clear()
        .env("AUTH0_META_BASE_URL", base_url)
        .env("AUTH0_API_TOKEN", token)
        .output()
        .expect("binary runs")
}

async fn run_async(base_url: String, args: Vec<&'static str>) -> Output {
    tokio::task::spawn_blocking(move || run(&base_url, &args))
        .await
        .unwrap()
}

#[test]
fn the_emulator_subcommand_prints_where_it_listens_first() {
    let child = Command::new(BIN)
        .args(["emulator", "--listen", "127.0.0.1:0", "--token", "cli-token"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut child = Running(child);
    let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first.strip_prefix("listening on ").expect(&first).to_string();
    assert!(url.starts_with("http://127.0.0.1:") && !url.ends_with(":0"), "{first}");
    let rest: Vec<String> = lines.take(2).map(Result::unwrap).collect();
    assert!(!rest.join("\n").contains("cli-token"), "a given token is never printed");

    let out = run_with_token(&url, "cli-token", &["users", "get", JANE, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let user: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(user["user_metadata"]["hobby"], "surfing");
}

#[test]
fn the_emulator_refuses_a_non_loopback_address() {
    let out = Command::new(BIN)
        .args(["emulator", "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--allow-remote"));
}

#[tokio::test(flavor = "multi_thread")]
async fn metadata_set_drives_the_documented_sequence_to_the_documented_profile() {
    let emulator = demo_emulator().await;
    let base = emulator.base_url();
    let home = format!("\"{HOME}\"");
    let work = format!("\"{WORK}\"");
    let home: &'static str = Box::leak(home.into_boxed_str());
    let work: &'static str = Box::leak(work.into_boxed_str());

    let preview = run_async(
        base.clone(),
        vec!["metadata", "set", JANE, "user_metadata.addresses.home", home],
    )
    .await;
    assert!(preview.status.success());
    let text = String::from_utf8_lossy(&preview.stdout);
    assert!(
        text.starts_with("PATCH /api/v2/users/auth0%7C64b1f0c2a7e9d3f5b8c1a2e4\n"),
        "{text}"
    );
    assert!(text.contains("nothing was sent"));
    let (client, _) = client(&emulator);
    assert!(client.get_user(JANE).await.unwrap().0["user_metadata"]
        .get("addresses")
        .is_none());

    for (path, value) in [
        ("user_metadata.addresses.home", home),
        ("user_metadata.addresses.work", work),
    ] {
        let out = run_async(base.clone(), vec!["metadata", "set", JANE, path, value, "--yes"]).await;
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let second = String::from_utf8_lossy(
        &run_async(
            base.clone(),
            vec!["metadata", "set", JANE, "user_metadata.addresses.work", "\"elsewhere\""],
        )
        .await
        .stdout,
    )
    .into_owned();
    assert!(
        second.contains("warning: editing addresses.work resends all of addresses: 2 keys"),
        "{second}"
    );

    let user = client.get_user(JANE).await.unwrap();
    assert_eq!(
        user.0["user_metadata"],
        json!({"hobby": "surfing", "addresses": {"home": HOME, "work": WORK}})
    );
    assert_eq!(user.0["app_metadata"], json!({"plan": "full"}));
    assert_eq!(user.str("email"), Some("jane.doe@example.com"));

    let out = run_async(
        base.clone(),
        vec!["metadata", "unset", JANE, "user_metadata.hobby", "--yes"],
    )
    .await;
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"hobby\": null"));
    let user = client.get_user(JANE).await.unwrap();
    assert_eq!(
        user.0["user_metadata"],
        json!({"addresses": {"home": HOME, "work": WORK}})
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn exit_codes_say_what_went_wrong() {
    let emulator = demo_emulator().await;
    let base = emulator.base_url();
    let usage = run_async(base.clone(), vec!["metadata", "set", JANE, "profile.x", "1"]).await;
    assert_eq!(usage.status.code(), Some(2));
    let missing = run_async(base.clone(), vec!["users", "get", "auth0|nobody"]).await;
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("The user does not exist. (404 inexistent_user)"));
    let invalid = run_async(
        base.clone(),
        vec!["metadata", "set", JANE, "app_metadata.blocked", "true", "--yes"],
    )
    .await;
    assert_eq!(invalid.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&invalid.stdout).contains("reserved"));

    for args in [&["users", "list"][..], &[][..]] {
        let unconfigured = Command::new(BIN).args(args).env_clear().output().unwrap();
        assert_eq!(unconfigured.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&unconfigured.stderr).contains("auth0-meta --demo"),
            "{args:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn history_lists_applied_changes_and_revert_puts_them_back() {
    let emulator = demo_emulator().await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let state_dir = dir.path().to_path_buf();
    let run_in = move |args: Vec<String>| {
        let (base, state_dir) = (base.clone(), state_dir.clone());
        tokio::task::spawn_blocking(move || {
            Command::new(BIN)
                .args(&args)
                .env_clear()
                .env("AUTH0_META_BASE_URL", &base)
                .env("AUTH0_API_TOKEN", TOKEN)
                .env("AUTH0_META_STATE_DIR", &state_dir)
                .output()
                .unwrap()
        })
    };
    let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();

    let set = run_in(args(&[
        "metadata",
        "set",
        JANE,
        "user_metadata.hobby",
        "chess",
        "--yes",
    ]))
    .await
    .unwrap();
    assert!(set.status.success(), "{}", String::from_utf8_lossy(&set.stderr));
    let history = run_in(args(&["history", JANE, "--json"])).await.unwrap();
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&history.stdout).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["body"], json!({"user_metadata": {"hobby": "chess"}}));
    assert_eq!(entries[0]["previous"], json!({"user_metadata": {"hobby": "surfing"}}));
    let journal = std::fs::read_to_string(dir.path().join("journal.jsonl")).unwrap();
    assert!(!journal.contains(TOKEN), "no secret in the journal");

    let id = entries[0]["id"].as_str().unwrap().to_string();
    let preview = run_in(args(&["revert", &id])).await.unwrap();
    assert!(String::from_utf8_lossy(&preview.stdout).contains("\"hobby\": \"surfing\""));
    let (client, _) = client(&emulator);
    assert_eq!(
        client.get_user(JANE).await.unwrap().0["user_metadata"]["hobby"],
        "chess",
        "preview sends nothing"
    );
    // Someone changes the key after the entry: revert refuses without --force.
    client
        .patch_user(JANE, &json!({"user_metadata": {"hobby": "golf"}}))
        .await
        .unwrap();
    let refused = run_in(args(&["revert", &id, "--yes"])).await.unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("the entry set \"chess\", it was \"surfing\" before, the server now holds \"golf\""),
        "{said}"
    );
    assert_eq!(
        client.get_user(JANE).await.unwrap().0["user_metadata"]["hobby"],
        "golf",
        "nothing sent"
    );

    let revert = run_in(args(&["revert", &id, "--yes", "--force"])).await.unwrap();
    assert!(revert.status.success(), "{}", String::from_utf8_lossy(&revert.stderr));
    assert_eq!(
        client.get_user(JANE).await.unwrap().0["user_metadata"]["hobby"],
        "surfing"
    );

    // The journal is read without credentials; the revert says what it reverted.
    let plain = |list: &[&str]| {
        Command::new(BIN)
            .args(list)
            .env_clear()
            .env("AUTH0_META_STATE_DIR", dir.path())
            .output()
            .unwrap()
    };
    let listed = plain(&["history", "--all-tenants"]);
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(
        text.contains("applied") && text.contains("user_metadata.hobby: \"surfing\" → \"chess\""),
        "{text}"
    );
    assert!(text.contains(&format!("(reverts {id})")), "{text}");
    // A tenant on a loopback address is named with its port.
    let tenant = format!("127.0.0.1:{}", emulator.addr().port());
    let named = plain(&["history", "--tenant", &tenant]);
    assert_eq!(
        String::from_utf8_lossy(&named.stdout).lines().count(),
        2,
        "both entries of that tenant"
    );
    let dry = plain(&["revert", &id, "--dry-run", "--tenant", &tenant]);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    assert!(String::from_utf8_lossy(&dry.stdout).contains("user_metadata.hobby: \"chess\" → \"surfing\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn numbers_past_the_double_range_are_refused_and_past_two_to_the_53_warned() {
    let emulator = demo_emulator().await;
    let base = emulator.base_url();
    let huge = run_async(base.clone(), vec!["metadata", "set", JANE, "user_metadata.n", "1e999"]).await;
    assert_eq!(huge.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&huge.stderr).contains("outside the range of a JSON number"));
    let big = run_async(
        base.clone(),
        vec!["metadata", "set", JANE, "user_metadata.n", "12345678901234567890123"],
    )
    .await;
    assert_eq!(big.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&big.stderr).contains("beyond 2^53"));
}

#[test]
fn a_base_url_of_another_scheme_or_with_credentials_is_handled_with_care() {
    let ftp = Command::new(BIN)
        .args(["users", "list", "--base-url", "ftp://x"])
        .env_clear()
        .env("AUTH0_API_TOKEN", "t")
        .output()
        .unwrap();
    assert_eq!(ftp.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&ftp.stderr).contains("scheme ftp"));
    let unreachable = Command::new(BIN)
        .args(["users", "list", "--base-url", "http://user:hunter2@127.0.0.1:9"])
        .env_clear()
        .env("AUTH0_API_TOKEN", "t")
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&unreachable.stdout),
        String::from_utf8_lossy(&unreachable.stderr)
    );
    assert_eq!(unreachable.status.code(), Some(1), "{all}");
    assert!(!all.contains("hunter2"), "{all}");
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::io::Read;
    let mut child = Command::new(BIN)
        .args(["--demo", "users", "list", "--json", "--per-page", "100"])
        .env_clear()
        .env("HOME", std::env::temp_dir())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take()); // as `| head -c 16` does
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(141), "the output was cut: {stderr}");
}
