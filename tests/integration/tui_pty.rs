//! End to end: the real binary with `--demo` in a pseudo-terminal, read through a
//! terminal emulator. Waits are for the screen to show something, never for a time.

use crate::common;

use std::thread;
use std::time::{Duration, Instant};

use common::pty::{editor_script, find_jane, Session, PATIENCE};

#[test]
fn find_jane_read_her_hobby_and_quit_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = open_jane(dir.path());
    session.wait_for("user_metadata · 1 key", true);
    session.wait_for("surfing", true);
    session.send("h");
    session.wait_for("▸ user_metadata {1}", true);
    session.wait_for("    hobby: \"surfing\"", false);
    session.send("l");
    session.wait_for("▾ user_metadata {1}", true);
    session.wait_for("    hobby: \"surfing\"", true);
    session.send("q");
    session.wait_for("140 users", false);
    session.wait_for("1 user", true);
    session.send("q");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");
    let parser = session.screen.lock().unwrap();
    assert!(!parser.screen().alternate_screen(), "left the alternate screen");
    assert!(!parser.screen().hide_cursor(), "the cursor is shown again");
}

/// Opens jane.doe in a demo whose tenant and drafts live in `dir`.
fn open_jane(dir: &std::path::Path) -> Session {
    let state = dir.join("tenant.json");
    let session = Session::start_with(
        &["--demo", "--demo-state", state.to_str().unwrap()],
        &[("AUTH0_META_STATE_DIR", dir)],
    );
    find_jane(session)
}

#[test]
fn an_applied_edit_is_stored_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = open_jane(dir.path());
    session.send("a");
    session.wait_for("new key in user_metadata", true);
    session.send("addresses\r");
    session.wait_for("value of user_metadata.addresses", true);
    session.send("{\"home\": \"123 Main Street\"}\r");
    session.wait_for("1 root key to send", true);
    session.send("p");
    session.wait_for("preview: exactly what will be sent", true);
    session.send("y");
    session.wait_for("saved: user_metadata.addresses", true);
    session.send("qq");
    assert!(session.wait_exit().success());
    drop(session);

    let session = open_jane(dir.path());
    session.wait_for("addresses: {1} {home: \"123 Main Street\"}", true);
}

#[test]
fn a_draft_survives_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = open_jane(dir.path());
    session.send("a");
    session.wait_for("new key in user_metadata", true);
    session.send("lang\r");
    session.wait_for("value of user_metadata.lang", true);
    session.send("fr\r");
    session.wait_for("1 root key to send", true);
    let draft = dir.path().join("drafts/demo/auth0%7C64b1f0c2a7e9d3f5b8c1a2e4.json");
    let deadline = Instant::now() + PATIENCE;
    while !draft.exists() {
        assert!(Instant::now() < deadline, "no draft written");
        thread::sleep(Duration::from_millis(20));
    }
    session.child.kill().unwrap(); // SIGKILL: no chance to clean up
    drop(session);

    let session = open_jane(dir.path());
    session.wait_for("restored: 1 edit", true);
    session.wait_for("lang: \"fr\"", true);
}

/// Adds `user_metadata.lang = "fr"` to the open user.
fn add_lang(session: &mut Session) {
    session.send("a");
    session.wait_for("new key in user_metadata", true);
    session.send("lang\r");
    session.wait_for("value of user_metadata.lang", true);
    session.send("fr\r");
    session.wait_for("1 root key to send", true);
}

#[test]
fn while_drafts_cannot_be_saved_the_header_says_so_and_leaving_offers_no_draft() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_dir = dir.path().join("a-file");
    std::fs::write(&not_a_dir, b"").unwrap();
    let session = Session::start_with(&["--demo"], &[("AUTH0_META_STATE_DIR", &not_a_dir)]);
    let mut session = find_jane(session);
    add_lang(&mut session);
    session.wait_for("drafts NOT saved", true);
    session.send("q");
    session.wait_for("loses them", true);
    assert!(!session.contents().contains("keep as draft"), "{}", session.contents());
    session.send("k"); // not offered: nothing happens
    session.wait_for("loses them", true);
    session.send("d");
    session.wait_for("1 user", true);
    session.send("q");
    assert!(session.wait_exit().success());
}

#[test]
fn quitting_during_a_slow_send_waits_for_the_outcome() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = runtime.block_on(async {
        let config = auth0_meta::emulator::EmulatorConfig::local("pty-token");
        auth0_meta::emulator::Emulator::start(config, auth0_meta::emulator::DEMO_TENANT)
            .await
            .unwrap()
    });
    let dir = tempfile::tempdir().unwrap();
    let token = std::path::PathBuf::from("pty-token");
    let session = Session::start_with(
        &["--base-url", &emulator.base_url()],
        &[("AUTH0_META_STATE_DIR", dir.path()), ("AUTH0_API_TOKEN", &token)],
    );
    let mut session = find_jane(session);
    add_lang(&mut session);
    session.send("p");
    session.wait_for("preview: exactly what will be sent", true);
    // The PATCH is held for a while before it is handled: long enough to quit meanwhile.
    emulator.inject(auth0_meta::emulator::Fault {
        count: 1,
        delay_ms: 3_000,
        method: Some("PATCH".into()),
        ..Default::default()
    });
    session.send("y");
    session.wait_for("on the server", true);
    session.send("\x03");
    session.wait_for("waiting for the outcome before quitting", true);
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");
    let tenant = format!("127.0.0.1:{}", emulator.addr().port());
    let journal = auth0_meta::storage::journal::read(&dir.path().join("journal.jsonl"), &tenant, None).unwrap();
    assert_eq!(journal.entries.len(), 1, "{journal:?}");
    assert_eq!(journal.entries[0].result().map(|o| o.word()), Some("applied"));
    drop(runtime);
}

/// Two emulators as two tenants of one configuration file: `--tenant` picks the one
/// whose users are listed, and the header names it (a production tenant's name in red).
#[test]
fn the_tenant_flag_picks_the_tenant_and_the_header_names_it() {
    use auth0_meta::emulator::{Emulator, EmulatorConfig, DEMO_TENANT};
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let start = |seed: String| {
        runtime
            .block_on(Emulator::start(EmulatorConfig::local(common::TOKEN), &seed))
            .unwrap()
    };
    let (demo, small) = (start(DEMO_TENANT.to_string()), start(common::many_users(3)));
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[tenants.demo]\nbase_url = \"{}\"\ntoken_command = \"printf {}\"\n\n[tenants.small]\nbase_url = \"{}\"\ntoken_command = \"printf {}\"\nproduction = true\nread_only = true\n",
        demo.base_url(),
        common::TOKEN,
        small.base_url(),
        common::TOKEN
    );
    let path = dir.path().join("config.toml");
    std::fs::write(&path, config).unwrap();
    let env = [
        ("AUTH0_META_CONFIG", path.as_path()),
        ("AUTH0_META_STATE_DIR", dir.path()),
    ];
    for (tenant, count) in [("small", "3 users"), ("demo", "140 users")] {
        let mut session = Session::start_with(&["--tenant", tenant], &env);
        session.wait_for(count, true);
        session.wait_for(&format!("tenant {tenant} (http://127.0.0.1"), true);
        if tenant == "small" {
            session.wait_for("PRODUCTION", true);
            session.wait_for("READ-ONLY", true);
        }
        session.send("q");
        assert!(session.wait_exit().success());
    }
}

/// `y` then `p` on a tree row puts its path on the clipboard with OSC 52.
#[test]
fn yp_copies_the_path_through_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = open_jane(dir.path());
    session.wait_for("surfing", true);
    session.send("j");
    session.wait_for("path user_metadata.hobby", true);
    session.send("y");
    session.wait_for("Actions expression", true);
    session.send("p");
    session.wait_for("copied path: user_metadata.hobby", true);
    // base64 of "user_metadata.hobby"
    session.wait_for_bytes(b"\x1b]52;c;dXNlcl9tZXRhZGF0YS5ob2JieQ==\x07");
    session.send("q");
    session.send("q");
    assert!(session.wait_exit().success());
}

/// `v` hands the node to `$EDITOR` (here a script that rewrites it); the change shows in
/// the tree and in the preview, and the terminal is the program's again.
#[test]
fn v_hands_the_node_to_the_editor_and_takes_the_change_back() {
    let dir = tempfile::tempdir().unwrap();
    let script = editor_script(dir.path(), "printf '\"kitesurfing\"' > \"$1\"\n");
    let state = dir.path().join("tenant.json");
    let session = Session::start_with(
        &["--demo", "--demo-state", state.to_str().unwrap()],
        &[
            ("AUTH0_META_STATE_DIR", dir.path()),
            ("EDITOR", script.as_path()),
            ("VISUAL", script.as_path()),
        ],
    );
    let mut session = find_jane(session);
    session.wait_for("surfing", true);
    session.send("j");
    session.wait_for("path user_metadata.hobby", true);
    session.send("v");
    session.wait_for("hobby: \"kitesurfing\"", true);
    session.wait_for("changed in your editor: one edit", true);
    session.send("p");
    session.wait_for("\"surfing\" → \"kitesurfing\"", true);
    let edits = std::fs::read_dir(dir.path().join("edit")).unwrap().count();
    assert_eq!(edits, 0, "the handed file is removed");
    session.send("\x1b");
    session.wait_for("exactly what will be sent", false);
    session.send("u");
    session.wait_for("kitesurfing", false);
    session.send("q");
    session.send("q");
    assert!(session.wait_exit().success());
}

#[test]
fn state_files_are_the_owners_alone_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    // A umask that would leave everything readable by all.
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 000; AUTH0_META_STATE_DIR='{}' HOME='{}' '{}' --demo metadata set 'auth0|fab36728a78beb7e0787c0de' user_metadata.addresses.work.city Porto --yes",
            state.display(),
            dir.path().display(),
            env!("CARGO_BIN_EXE_auth0-meta")
        ))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&state), 0o700, "the state directory");
    assert_eq!(mode(&state.join("journal.jsonl")), 0o600, "the journal");
}
