//! The speed targets of the metadata trees (issue 4): a 16 MB metadata document of about
//! 500k nodes, opened and drawn into a 200x50 `TestBackend`, and each key press followed
//! by a redraw. Run with `cargo bench --bench tree`; peak memory is printed at the end.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly, by design

use std::hint::black_box;
use std::time::{Duration, Instant};

use auth0_meta::domain::LoadedUser;
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::State;
use auth0_meta::tui::theme::Theme;
use auth0_meta::tui::update::{session, update};
use auth0_meta::tui::view::draw;
use criterion::{criterion_group, Criterion};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use serde_json::{json, Value};

const THEME: Theme = Theme::DARK;

#[path = "support/big_user.rs"]
mod big_user;
use big_user::big_user_json;

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(200, 50)).unwrap()
}

fn frame(terminal: &mut Terminal<TestBackend>, state: &State) {
    terminal.draw(|f| draw(state, f, THEME)).unwrap();
}

/// The real path from Enter: the list's row opens the user, the answer's text arrives
/// and is read, both trees are built, the first frame is drawn.
fn open(text: &str, terminal: &mut Terminal<TestBackend>) -> State {
    open_owned(text.to_string(), terminal)
}

fn open_owned(text: String, terminal: &mut Terminal<TestBackend>) -> State {
    let loaded = LoadedUser::from_json_shown(text).unwrap();
    let mut state = State::new("bench", false, 200, 50);
    session::open(&mut state, loaded.user.clone());
    let id = loaded.user.id().to_string();
    update(
        &mut state,
        Msg::UserLoaded {
            id,
            result: Ok(loaded),
            rate: None,
        },
    );
    frame(terminal, &state);
    state
}

fn press(state: &mut State, terminal: &mut Terminal<TestBackend>, intent: Intent) {
    update(state, Msg::Intent(intent));
    frame(terminal, state);
}

/// Times only `measured`, after `setup` has put the tree in the state it starts from.
fn timed(iters: u64, state: &mut State, term: &mut Terminal<TestBackend>, setup: Intent, measured: Intent) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        press(state, term, setup);
        let start = Instant::now();
        press(state, term, measured);
        total += start.elapsed();
    }
    total
}

fn benches(c: &mut Criterion) {
    let text = big_user_json();
    let mut term = terminal();
    eprintln!(
        "peak memory of a process that only opens it: {}",
        measure_open_in_child(&text)
    );
    let mut state = open(&text, &mut term);
    let nodes = state.user().unwrap().panes[0].tree.node_count();
    eprintln!(
        "document: {:.1} MB, {nodes} nodes in user_metadata",
        text.len() as f64 / 1e6
    );

    let mut group = c.benchmark_group("tree_16mb");
    group.sample_size(20).measurement_time(Duration::from_secs(8));
    group.bench_function("open_parse_and_first_frame", |b| {
        b.iter_custom(|n| {
            let mut total = Duration::ZERO;
            for _ in 0..n {
                let start = Instant::now();
                let opened = black_box(open(&text, &mut term));
                total += start.elapsed();
                drop(opened); // leaving a user is not part of opening one
            }
            total
        })
    });

    // Everything open, as the heaviest case for moving around.
    press(&mut state, &mut term, Intent::ExpandAll);
    group.bench_function("move_down", |b| b.iter(|| press(&mut state, &mut term, Intent::Down)));
    group.bench_function("page_down", |b| {
        b.iter(|| press(&mut state, &mut term, Intent::PageDown))
    });
    group.bench_function("jump_to_end", |b| {
        b.iter(|| {
            press(&mut state, &mut term, Intent::Bottom);
            press(&mut state, &mut term, Intent::Top);
        })
    });
    press(&mut state, &mut term, Intent::CollapseAll);
    press(&mut state, &mut term, Intent::Down);
    group.bench_function("expand_then_collapse_history", |b| {
        b.iter(|| {
            press(&mut state, &mut term, Intent::Expand);
            press(&mut state, &mut term, Intent::Collapse);
        })
    });
    group.bench_function("expand_all", |b| {
        b.iter_custom(|n| timed(n, &mut state, &mut term, Intent::CollapseAll, Intent::ExpandAll))
    });
    group.bench_function("collapse_all", |b| {
        b.iter_custom(|n| timed(n, &mut state, &mut term, Intent::ExpandAll, Intent::CollapseAll))
    });
    // The in-tree search (`/`): a full scan of both trees, keys and values.
    let panes = &state.user().unwrap().panes;
    for (name, query) in [
        ("find_scan_rare", "sess_0000000000002a"),
        ("find_scan_common", "mozilla"),
    ] {
        let needle = auth0_meta::domain::Needle::parse(query).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| black_box(auth0_meta::tui::tree_search::TreeSearch::run(query, needle.clone(), panes).total()))
        });
    }
    // One small root key of the 16 MB user edited, then the preview opened (issue 11:
    // under 100 ms of our own work). Undone and closed between iterations.
    // The server's copy is in (as after Enter), so edits are allowed.
    press(&mut state, &mut term, Intent::CollapseAll);
    press(&mut state, &mut term, Intent::Top);
    press(&mut state, &mut term, Intent::Down); // `tier`
    group.bench_function("edit_small_root_key_and_preview", |b| {
        b.iter_custom(|n| {
            let mut total = Duration::ZERO;
            let (mut editing, mut previewing) = (Duration::ZERO, Duration::ZERO);
            for _ in 0..n {
                let start = Instant::now();
                press(&mut state, &mut term, Intent::Edit);
                update(&mut state, Msg::Key(KeyEvent::from(KeyCode::Char('x'))));
                update(&mut state, Msg::Key(KeyEvent::from(KeyCode::Enter)));
                let edited = Instant::now();
                press(&mut state, &mut term, Intent::Preview);
                editing += edited - start;
                previewing += edited.elapsed();
                total += start.elapsed();
                assert!(
                    matches!(state.overlay, Some(auth0_meta::tui::state::Overlay::Preview(_))),
                    "the preview is open: {:?}",
                    state.status
                );
                press(&mut state, &mut term, Intent::Cancel);
                press(&mut state, &mut term, Intent::Undo);
            }
            eprintln!(
                "  of which the edit {:?}, the preview {:?} (mean)",
                editing / n as u32,
                previewing / n as u32
            );
            total
        })
    });
    group.finish();

    // A 10 KB user: parse and first frame (issue 11: under 20 ms of our own work).
    let small = small_user_json();
    let mut small_group = c.benchmark_group("tree_10kb");
    small_group.bench_function("open_parse_and_first_frame", |b| {
        b.iter(|| black_box(open(&small, &mut term)))
    });
    small_group.finish();
}

/// About 10 KB: Auth0's cap for new profiles.
fn small_user_json() -> String {
    let prefs: serde_json::Map<String, Value> = (0..120)
        .map(|k| {
            (
                format!("setting_{k:03}"),
                json!({"on": k % 2 == 0, "label": format!("Setting {k}")}),
            )
        })
        .collect();
    let user = json!({
        "user_id": "auth0|small",
        "email": "small@example.com",
        "user_metadata": {"preferences": prefs},
        "app_metadata": {"plan": "pro"},
    });
    serde_json::to_string(&user).unwrap()
}

criterion_group!(tree, benches);

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "unknown".into())
}

/// Generating the document leaves freed memory in the allocator, which would count in
/// this process's peak; a child process that reads the text and opens it measures opening alone.
fn measure_open_in_child(text: &str) -> String {
    let file = std::env::temp_dir().join(format!("auth0-meta-bench-{}.json", std::process::id()));
    if std::fs::write(&file, text).is_err() {
        return "unknown (cannot write a temporary file)".into();
    }
    let output = std::process::Command::new(std::env::current_exe().expect("own path"))
        .env(OPEN_ONLY, &file)
        .output();
    let _ = std::fs::remove_file(&file);
    match output {
        Ok(out) => String::from_utf8_lossy(&out.stdout).trim().to_string(),
        Err(err) => format!("unknown ({err})"),
    }
}

const OPEN_ONLY: &str = "AUTH0_META_BENCH_OPEN_ONLY";

fn main() {
    if let Some(file) = std::env::var_os(OPEN_ONLY) {
        let text = std::fs::read_to_string(file).expect("the document");
        let megabytes = text.len() as f64 / 1e6;
        let state = open_owned(text, &mut terminal());
        black_box(&state);
        println!("{} for a {megabytes:.1} MB document", peak_memory());
        return;
    }
    tree();
    Criterion::default().configure_from_args().final_summary();
}
