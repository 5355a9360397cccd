//! End to end: the real binary with `--demo` in a pseudo-terminal, read through a
//! terminal emulator. Waits are for the screen to show something, never for a time.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly, by design

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

const BIN: &str = env!("CARGO_BIN_EXE_auth0-meta");
/// How long to wait for the screen before calling the test failed: a hang guard, not a speed check.
const PATIENCE: Duration = Duration::from_secs(60);

struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start_with(args: &[&str], env: &[(&str, &std::path::Path)]) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut command = CommandBuilder::new(BIN);
        command.args(args);
        command.env("TERM", "xterm-256color");
        command.env_remove("AUTH0_DOMAIN");
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pty.slave.spawn_command(command).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(30, 100, 0)));
        let feed = screen.clone();
        thread::spawn(move || {
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        Self { screen, writer, child }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, what: &str, present: bool) {
        let deadline = Instant::now() + PATIENCE;
        while self.contents().contains(what) != present {
            assert!(
                Instant::now() < deadline,
                "waited for {what:?} (present: {present}); screen:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the program did not quit");
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

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

/// Searches for jane.doe and opens her, once the list is in.
fn find_jane(mut session: Session) -> Session {
    session.wait_for("140 users", true);
    session.send("/");
    session.wait_for("search users", true);
    session.send("email:jane.doe*\r");
    session.wait_for("1 user", true);
    session.send("\r");
    session.wait_for("┌ user_metadata · ", true);
    // Edits wait for the server's copy (and any draft): the spinner goes when it is in.
    session.wait_for("loading auth0|", false);
    session
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
    let journal = auth0_meta::storage::journal::read(&dir.path().join("journal.jsonl"), "127.0.0.1", None).unwrap();
    assert_eq!(journal.entries.len(), 1, "{journal:?}");
    assert_eq!(journal.entries[0].result().map(|o| o.word()), Some("applied"));
    drop(runtime);
}
