//! The command line's manners through the binary: the request log, list formats and
//! CSV escaping, help for every argument, completions and the manual.

use crate::common;

use common::cli::{auth0_meta, run, text};
use common::*;

#[tokio::test]
async fn a_debug_log_holds_requests_but_no_token_and_no_value() {
    let emulator = demo_emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("requests.log");
    let env = [
        ("AUTH0_META_BASE_URL", emulator.base_url()),
        ("AUTH0_API_TOKEN", TOKEN.to_string()),
        ("AUTH0_META_LOG", "debug".into()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let value = "very-private-value-42";
    let set = run(
        dir.path(),
        &env,
        &[
            "--log-file",
            log.to_str().unwrap(),
            "metadata",
            "set",
            JANE,
            "user_metadata.secret_note",
            value,
            "--yes",
        ],
    )
    .await;
    assert!(set.status.success(), "{}", text(&set.stderr));
    let listed = run(
        dir.path(),
        &env,
        &[
            "--log-file",
            log.to_str().unwrap(),
            "users",
            "list",
            "-q",
            "user_metadata.secret_note:\"very-private-value-42\"",
        ],
    )
    .await;
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    let written = std::fs::read_to_string(&log).unwrap();
    assert!(
        written.contains("method=PATCH") && written.contains("status=200"),
        "{written}"
    );
    assert!(written.contains("ratelimit_remaining"), "{written}");
    assert!(
        written.contains("user_metadata.secret_note"),
        "keys are logged: {written}"
    );
    assert!(!written.contains(TOKEN), "no token in the log");
    assert!(
        !written.contains("very-private"),
        "no metadata value in the log: {written}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&log).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

#[tokio::test]
async fn csv_columns_are_escaped_against_formula_injection() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    client
        .patch_user(
            JANE,
            &serde_json::json!({"user_metadata": {"note": "=HYPERLINK(\"x\")"}}),
        )
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let env = [
        ("AUTH0_META_BASE_URL", emulator.base_url()),
        ("AUTH0_API_TOKEN", TOKEN.to_string()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let out = run(
        dir.path(),
        &env,
        &[
            "users",
            "list",
            "--format",
            "csv",
            "--columns",
            "email,user_metadata.note,app_metadata.roles",
            "-q",
            "email:\"jane.doe@example.com\"",
        ],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "email,user_metadata.note,app_metadata.roles\njane.doe@example.com,\"'=HYPERLINK(\"\"x\"\")\",\n"
    );
    let all = run(dir.path(), &env, &["users", "list", "--all", "--format", "ndjson"]).await;
    assert_eq!(
        text(&all.stdout).lines().count(),
        140,
        "every page, data only on stdout"
    );
}

#[test]
fn completions_and_the_manual_are_generated() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = auth0_meta(dir.path(), &[], &["completions", shell]);
        assert!(out.status.success(), "{shell}");
        assert!(text(&out.stdout).contains("auth0-meta"), "{shell}");
    }
    let man = auth0_meta(dir.path(), &[], &["man"]);
    assert!(
        text(&man.stdout).starts_with(".ie") || text(&man.stdout).contains(".TH"),
        "roff"
    );
}

#[test]
fn every_argument_has_a_description_and_subcommands_list_only_their_flags() {
    fn walk(command: &clap::Command, path: &str, blank: &mut Vec<String>) {
        for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
            if arg.get_help().is_none_or(|h| h.to_string().trim().is_empty()) {
                blank.push(format!("{path} {}", arg.get_id()));
            }
        }
        for sub in command.get_subcommands() {
            if sub.get_about().is_none() {
                blank.push(format!("{path} {} (about)", sub.get_name()));
            }
            walk(sub, &format!("{path} {}", sub.get_name()), blank);
        }
    }
    let mut blank = Vec::new();
    walk(&auth0_meta::cli::command(), "auth0-meta", &mut blank);
    assert!(blank.is_empty(), "blank descriptions: {blank:?}");
    let dir = tempfile::tempdir().unwrap();
    let emulator_help = text(&auth0_meta(dir.path(), &[], &["emulator", "--help"]).stdout);
    assert!(
        !emulator_help.contains("--domain") && !emulator_help.contains("--theme"),
        "{emulator_help}"
    );
    let list_help = text(&auth0_meta(dir.path(), &[], &["users", "list", "--help"]).stdout);
    assert!(
        list_help.contains("--tenant") && list_help.contains("[env: AUTH0_DOMAIN]"),
        "{list_help}"
    );
}

/// Runs the binary with its standard output a pipe whose reader is already gone.
fn into_a_closed_pipe(args: &[&str], stderr_closed: bool) -> (std::process::ExitStatus, String) {
    let dir = tempfile::tempdir().unwrap();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let stderr = if stderr_closed {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        std::process::Stdio::from(writer)
    } else {
        std::process::Stdio::piped()
    };
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_auth0-meta"))
        .args(args)
        .env_clear()
        .env("HOME", dir.path())
        .env("AUTH0_META_STATE_DIR", dir.path().join("state"))
        .stdin(std::process::Stdio::null())
        .stdout(writer)
        .stderr(stderr)
        .output()
        .unwrap();
    (output.status, text(&output.stderr))
}

#[test]
fn a_closed_pipe_ends_quietly_with_a_non_zero_status() {
    for args in [
        vec!["completions", "bash"],
        vec!["man"],
        vec!["--demo", "users", "export", "--out", "-"],
        vec!["--demo", "users", "list", "--all", "--format", "ndjson"],
        vec!["--demo", "users", "get", "auth0|64b1f0c2a7e9d3f5b8c1a2e4"],
    ] {
        let (status, stderr) = into_a_closed_pipe(&args, false);
        assert_eq!(status.code(), Some(141), "{args:?}: {status:?} {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("exported"),
            "{args:?}: {stderr}"
        );
        let (status, _) = into_a_closed_pipe(&args, true);
        assert_eq!(
            status.code(),
            Some(141),
            "{args:?} with standard error closed too: {status:?}"
        );
    }
}

#[test]
fn a_variable_that_is_not_text_is_named_not_ignored() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    for name in ["AUTH0_META_STATE_DIR", "AUTH0_META_CONFIG", "AUTH0_API_TOKEN"] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_auth0-meta"))
            .args(["--demo", "users", "list"])
            .env_clear()
            .env("HOME", dir.path())
            .env(name, std::ffi::OsStr::from_bytes(b"/tmp/\xff\xfe"))
            .output()
            .unwrap();
        let said = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {said}");
        assert!(said.contains(name) && said.contains("not UTF-8"), "{name}: {said}");
    }
}

#[test]
fn errors_name_the_flag_they_concern() {
    let dir = tempfile::tempdir().unwrap();
    let not_json = dir.path().join("not-json.txt");
    std::fs::write(&not_json, "hello").unwrap();
    let dir_path = dir.path().to_str().unwrap().to_string();
    for (args, flag) in [
        (
            vec!["--demo", "--demo-state", not_json.to_str().unwrap(), "users", "list"],
            "--demo-state",
        ),
        (
            vec!["--demo", "users", "export", "--force", "--out", &dir_path],
            "--out",
        ),
        (vec!["--demo", "--log-file", &dir_path, "users", "list"], "--log-file"),
    ] {
        let output = auth0_meta(dir.path(), &[], &args);
        let said = text(&output.stderr);
        assert!(!output.status.success(), "{args:?}");
        assert!(said.contains(flag), "{args:?}: {said}");
    }
}
