//! The real path on the 16 MB user (issue 11), over HTTP from an in-process emulator:
//! bytes from the server to the first frame, and editing one small root key, opening
//! the preview and applying it (re-read, PATCH, answer, panes reloaded, frame drawn).
//! The emulator's own time is measured apart (a bare GET and a bare PATCH of the same
//! user, read whole) and printed beside, so our own work is the difference.
//! Run with `cargo bench --bench large_apply`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly, by design

use std::time::{Duration, Instant};

use auth0_meta::api::Client;
use auth0_meta::config::{Credentials, Target};
use auth0_meta::domain::User;
use auth0_meta::emulator::{Emulator, EmulatorConfig};
use auth0_meta::secret::Secret;
use auth0_meta::tui::effect::Effect;
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::route::{route, Route};
use auth0_meta::tui::state::{Overlay, State, Status};
use auth0_meta::tui::theme::Theme;
use auth0_meta::tui::update::{session, update};
use auth0_meta::tui::view::draw;
use criterion::{criterion_group, Criterion};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use tokio::runtime::Runtime;

#[path = "support/big_user.rs"]
mod big_user;

const TOKEN: &str = "bench";

/// Performs effects and feeds their answers back, as the event loop does (no drafts:
/// the state has no storage).
fn settle(runtime: &Runtime, state: &mut State, client: &Client, mut effects: Vec<Effect>) {
    while let Some(effect) = effects.pop() {
        if let Route::Task(task) = route(effect, client) {
            if let Some(msg) = runtime.block_on(task) {
                effects.extend(update(state, msg));
            }
        }
    }
}

fn frame(terminal: &mut Terminal<TestBackend>, state: &State) {
    terminal.draw(|f| draw(state, f, Theme::DARK)).unwrap();
}

fn key(state: &mut State, code: KeyCode) -> Vec<Effect> {
    update(state, Msg::Key(KeyEvent::from(code)))
}

fn bench(c: &mut Criterion) {
    let runtime = Runtime::new().unwrap();
    let text = big_user::big_user_json();
    let emulator: Emulator = runtime
        .block_on(Emulator::start(EmulatorConfig::local(TOKEN), &format!("[{text}]")))
        .unwrap();
    let target = Target {
        base_url: emulator.base_url(),
        label: "bench".into(),
        credentials: Credentials::Token(Secret::new(TOKEN)),
    };
    let client = Client::new(&target).unwrap();
    let mut listed: User = serde_json::from_str(&text).unwrap();
    listed.drop_large_metadata(0); // as the list holds it
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    let open = |terminal: &mut Terminal<TestBackend>| {
        let mut state = State::new("bench", false, 200, 50);
        let effects = session::open(&mut state, listed.clone());
        settle(&runtime, &mut state, &client, effects);
        frame(terminal, &state);
        state
    };

    let mut group = c.benchmark_group("large_user_http");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    group.bench_function("enter_to_first_frame", |b| b.iter(|| open(&mut terminal)));

    let mut state = open(&mut terminal);
    update(&mut state, Msg::Intent(Intent::Down)); // `tier`
    group.bench_function("edit_preview_apply", |b| {
        b.iter(|| {
            update(&mut state, Msg::Intent(Intent::Edit));
            key(&mut state, KeyCode::Char('x'));
            key(&mut state, KeyCode::Enter);
            update(&mut state, Msg::Intent(Intent::Preview));
            assert!(matches!(state.overlay, Some(Overlay::Preview(_))), "{:?}", state.status);
            let effects = key(&mut state, KeyCode::Char('y'));
            settle(&runtime, &mut state, &client, effects);
            frame(&mut terminal, &state);
            assert!(
                matches!(&state.status, Status::Info(s) if s.contains("saved")),
                "{:?}",
                state.status
            );
        })
    });
    group.finish();

    // The emulator's part, measured alone: the same GET and a PATCH of one small key.
    let http = auth0_meta::api::http_builder().build().unwrap();
    let url = format!("{}/api/v2/users/auth0%7Clegacy", emulator.base_url());
    let time = |request: reqwest::RequestBuilder| {
        let start = Instant::now();
        let bytes = runtime.block_on(async { request.send().await.unwrap().bytes().await.unwrap() });
        assert!(bytes.len() > 16_000_000);
        start.elapsed()
    };
    let median = |mut runs: Vec<Duration>| {
        runs.sort();
        runs[runs.len() / 2]
    };
    let gets = (0..9).map(|_| time(http.get(&url).bearer_auth(TOKEN))).collect();
    let patches = (0..9)
        .map(|i| {
            let body = serde_json::json!({"user_metadata": {"tier": format!("t{i}")}});
            time(http.patch(&url).bearer_auth(TOKEN).json(&body))
        })
        .collect();
    eprintln!(
        "the emulator alone (median of 9, read whole): GET {:?}, PATCH {:?}; applying makes one of each (and opening one GET)",
        median(gets),
        median(patches)
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
