//! Soak: `metadata set --yes` and the emulator (with `--state`) are SIGKILLed at random
//! moments, over and over. Afterwards the state file must be valid, every change that
//! reached the server must have a journal entry settled as applied, and no entry may be
//! lost. CI runs a short version; the full one runs on demand:
//!
//! `SOAK_ITERATIONS=300 cargo test --release --test integration soak:: -- --nocapture`

use crate::common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use auth0_meta::apply::resolve_unresolved;
use auth0_meta::storage::journal::{self, Outcome};
use auth0_meta::storage::Storage;
use common::{client_for, JANE};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_auth0-meta");
const TOKEN: &str = "soak-token";

/// A small deterministic generator: the kill moments vary, runs are repeatable.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

struct Emulator {
    child: Child,
    base_url: String,
}

impl Emulator {
    /// Always on the same port, so the tenant keeps one name in the journal.
    fn start(state: &Path, port: u16) -> Self {
        let mut child = Command::new(BIN)
            .args([
                "emulator",
                "--listen",
                &format!("127.0.0.1:{port}"),
                "--token",
                TOKEN,
                "--state",
            ])
            .arg(state)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().expect("the emulator says where it listens").unwrap();
        let base_url = first
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {first}"))
            .trim()
            .to_string();
        std::thread::spawn(move || for _ in lines {});
        Self { child, base_url }
    }

    fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn set(base_url: &str, state_dir: &Path, value: u64) -> Child {
    Command::new(BIN)
        .args(["metadata", "set", JANE, "user_metadata.soak"])
        .arg(value.to_string())
        .args(["--yes", "--base-url", base_url])
        .env_clear()
        .env("AUTH0_API_TOKEN", TOKEN)
        .env("AUTH0_META_STATE_DIR", state_dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Settles interrupted sends as the next start would, and reads `user_metadata.soak`.
fn settle_and_read(runtime: &tokio::runtime::Runtime, base_url: &str, storage: &Storage) -> Option<u64> {
    let target = auth0_meta::config::Target {
        base_url: base_url.to_string(),
        label: base_url.to_string(),
        credentials: auth0_meta::config::Credentials::Token(auth0_meta::secret::Secret::new(TOKEN)),
    };
    runtime.block_on(async {
        let (client, _) = client_for(target);
        resolve_unresolved(&client, storage).await.unwrap();
        let user = client.get_user(JANE).await.unwrap();
        user.metadata_pair().user_metadata.get("soak").and_then(Value::as_u64)
    })
}

#[test]
fn kills_at_random_moments_lose_nothing() {
    let iterations: u64 = std::env::var("SOAK_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let state_file: PathBuf = dir.path().join("tenant.json");
    let state_dir = dir.path().join("state");
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // The CLI names a tenant reached by base URL by its host, and on loopback its port.
    let storage = Storage {
        root: state_dir.clone(),
        tenant: format!("127.0.0.1:{port}"),
    };
    let mut emulator = Emulator::start(&state_file, port);
    let (mut cli_kills, mut emulator_kills, mut applied) = (0, 0, Vec::new());
    let started = Instant::now();
    for value in 1..=iterations {
        let mut cli = set(&emulator.base_url, &state_dir, value);
        std::thread::sleep(Duration::from_micros(dice.roll(40_000)));
        if cli.try_wait().unwrap().is_none() {
            cli.kill().unwrap();
            cli_kills += 1;
        }
        let emulator_killed = dice.roll(4) == 0;
        if emulator_killed {
            emulator.kill();
            emulator_kills += 1;
        }
        cli.wait().unwrap();
        if emulator_killed {
            drop(emulator);
            emulator = Emulator::start(&state_file, port); // refuses a broken state file
        }
        let held = settle_and_read(&runtime, &emulator.base_url, &storage);
        if held == Some(value) {
            applied.push(value);
        }
    }
    let read = journal::read(&state_dir.join("journal.jsonl"), &storage.tenant, None).unwrap();
    let (entries, damaged) = (read.entries, read.damaged);
    let unsettled = entries
        .iter()
        .filter(|e| !matches!(e.result(), Some(Outcome::Applied { .. } | Outcome::Failed { .. })))
        .count();
    let value_of = |e: &journal::Entry| e.body["user_metadata"]["soak"].as_u64();
    let lost: Vec<u64> = applied
        .iter()
        .copied()
        .filter(|v| {
            !entries
                .iter()
                .any(|e| value_of(e) == Some(*v) && matches!(e.result(), Some(Outcome::Applied { .. })))
        })
        .collect();
    let state: Value = serde_json::from_slice(&std::fs::read(&state_file).unwrap()).expect("a valid state file");
    assert!(state.is_array());
    println!(
        "soak: {iterations} iterations in {:.1?}, {cli_kills} CLI kills, {emulator_kills} emulator kills, {} journal entries ({damaged} damaged lines skipped, {unsettled} not settled), {} changes applied, {} lost",
        started.elapsed(),
        entries.len(),
        applied.len(),
        lost.len()
    );
    assert!(lost.is_empty(), "applied without a settled journal entry: {lost:?}");
    assert_eq!(unsettled, 0, "every entry is settled as applied or failed");
}
