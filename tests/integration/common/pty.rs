//! The real binary in a pseudo-terminal, read through a terminal emulator. Waits are
//! for the screen to show something, never for a time.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

const BIN: &str = env!("CARGO_BIN_EXE_auth0-meta");
/// How long to wait for the screen before calling the test failed: a hang guard, not a speed check.
pub const PATIENCE: Duration = Duration::from_secs(60);

pub struct Session {
    pub screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for sequences the screen does not show (OSC 52).
    pub raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    /// Set once every byte the program wrote has been read (the terminal closed).
    drained: Arc<std::sync::atomic::AtomicBool>,
}

impl Session {
    pub fn start_with(args: &[&str], env: &[(&str, &std::path::Path)]) -> Self {
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
        for name in [
            "AUTH0_DOMAIN",
            "AUTH0_API_TOKEN",
            "AUTH0_ACCESS_TOKEN",
            "AUTH0_CLIENT_ID",
            "AUTH0_CLIENT_SECRET",
            "AUTH0_META_BASE_URL",
            "AUTH0_META_TENANT",
            "AUTH0_META_CONFIG",
        ] {
            command.env_remove(name);
        }
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pty.slave.spawn_command(command).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(30, 100, 0)));
        let feed = screen.clone();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_feed = raw.clone();
        let drained = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let done = drained.clone();
        thread::spawn(move || {
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
                raw_feed.lock().unwrap().extend_from_slice(&buf[..n]);
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        Self {
            screen,
            raw,
            writer,
            child,
            drained,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, what: &str, present: bool) {
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

    /// Waits until the raw output holds `bytes`.
    pub fn wait_for_bytes(&self, bytes: &[u8]) {
        let deadline = Instant::now() + PATIENCE;
        while !self.raw.lock().unwrap().windows(bytes.len()).any(|w| w == bytes) {
            assert!(
                Instant::now() < deadline,
                "waited for {:?} in the output",
                String::from_utf8_lossy(bytes)
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the program has quit and everything it wrote has been read, so the
    /// screen shows its last bytes (the terminal restored) however busy the machine is.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "the program did not quit");
            thread::sleep(Duration::from_millis(20));
        };
        while !self.drained.load(std::sync::atomic::Ordering::SeqCst) && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(10));
        }
        status
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Searches for jane.doe and opens her, once the list is in.
pub fn find_jane(mut session: Session) -> Session {
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

/// An executable `$EDITOR` stand-in in `dir` running `body` (its file is `$1`).
pub fn editor_script(dir: &std::path::Path, body: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("editor.sh");
    std::fs::write(&script, format!("#!/bin/sh\n{body}")).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}
