//! The bulk screens as update tests and snapshots: marks, the dry run read, the
//! production confirmation, pause and resume, the audit's `u` and `B`'s refusals.

use crate::common;

use auth0_meta::batch::Tally;
use auth0_meta::tui::bulk_screen::BulkPhase;
use auth0_meta::tui::effect::Effect;
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::{Overlay, Status};
use auth0_meta::tui::update::update;
use common::focus::jane_at;
use common::focus_bulk::{planned, stopped_tally, with_screen};
use common::tui::{key, listed, press, screen, to_row, typed};
use crossterm::event::KeyCode;

#[test]
fn space_marks_and_unmarks_and_the_title_counts() {
    let mut state = listed(100, 30);
    press(&mut state, Intent::Mark);
    press(&mut state, Intent::Mark);
    assert_eq!(state.list.cursor, 2, "Space moves on");
    assert_eq!(state.list.marked.len(), 2);
    to_row(&mut state, 0);
    press(&mut state, Intent::Mark);
    assert_eq!(state.list.marked.len(), 1, "Space again unmarks");
    insta::assert_snapshot!(screen(&state));
    press(&mut state, Intent::ClearMarks);
    assert!(state.list.marked.is_empty());
}

#[test]
fn marking_a_search_larger_than_the_window_says_so() {
    let mut state = listed(100, 30);
    let effects = press(&mut state, Intent::MarkAll);
    assert!(matches!(effects.as_slice(), [Effect::MarkAll { .. }]));
    let ids = (0..1000).map(|n| format!("auth0|{n}")).collect();
    let generation = state.list.generation;
    update(
        &mut state,
        Msg::MarkedAll {
            generation,
            result: Ok((ids, Some(2345))),
        },
    );
    assert_eq!(state.list.marked.len(), 1000);
    let Status::Info(said) = &state.status else {
        panic!("{:?}", state.status)
    };
    assert!(said.contains("of 2345") && said.contains("--from"), "{said}");
}

#[test]
fn the_dry_run_screen() {
    let mut state = with_screen(BulkPhase::Planned(Box::new(planned())));
    insta::assert_snapshot!(screen(&state));
    press(&mut state, Intent::PageDown);
    assert!(screen(&state).contains("history[11]"), "it scrolls");
}

#[test]
fn a_production_tenant_asks_for_its_name_before_the_batch() {
    let mut state = with_screen(BulkPhase::Planned(Box::new(planned())));
    state.guards.production = true;
    state.tenant = "acme-prod".into();
    assert!(press(&mut state, Intent::Submit).is_empty(), "nothing starts yet");
    typed(&mut state, "acme");
    assert!(key(&mut state, KeyCode::Enter).is_empty());
    assert!(screen(&state).contains("type acme-prod exactly"), "{}", screen(&state));
    typed(&mut state, "-prod");
    let effects = key(&mut state, KeyCode::Enter);
    assert!(matches!(effects.as_slice(), [Effect::BulkRun(_)]), "{effects:?}");
}

#[test]
fn pause_stops_the_batch_and_r_resumes_it() {
    let mut state = with_screen(BulkPhase::Running { stopping: false });
    if let Some(Overlay::Bulk(screen)) = &state.overlay {
        let mut tally = stopped_tally();
        tally.paused = None;
        tally.elapsed = std::time::Duration::from_secs(4);
        tally.before = 0;
        tally.budget = Some(50);
        screen.watch.set_tally(&tally);
    }
    insta::assert_snapshot!("bulk_running", screen(&state));
    let effects = key(&mut state, KeyCode::Char('p'));
    assert!(matches!(effects.as_slice(), [Effect::StopBatch { reason, .. }] if reason == "paused in the TUI"));
    assert!(screen(&state).contains("stopping"));
    update(&mut state, Msg::BulkRan(Ok(stopped_tally())));
    assert!(
        screen(&state).contains("28 users left (r resumes"),
        "{}",
        screen(&state)
    );
    let effects = key(&mut state, KeyCode::Char('r'));
    let [Effect::BulkRun(task)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(task.resume.as_deref(), Some("b1-abcd"));
}

#[test]
fn quitting_during_a_batch_stops_it_first() {
    let mut state = with_screen(BulkPhase::Running { stopping: false });
    state.sending = true;
    let effects = update(&mut state, Msg::Intent(Intent::Quit));
    assert!(
        effects.iter().any(|e| matches!(e, Effect::StopBatch { .. })),
        "{effects:?}"
    );
    assert!(state.quit_when_sent, "the loop waits for the users in flight");
}

#[test]
fn u_in_the_audit_unsets_the_findings_key_for_its_users() {
    let mut state = common::focus::audited();
    press(&mut state, Intent::BulkUnset);
    let Some(Overlay::BulkPrompt(prompt)) = &state.overlay else {
        panic!("a prompt")
    };
    let path = prompt.text.lines().join("");
    assert!(path.contains("_metadata."), "prefilled with the finding's path: {path}");
    let effects = key(&mut state, KeyCode::Enter);
    let [Effect::FindingUsers(request)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(request.limit, usize::MAX, "every user of the finding");
    let effects = update(&mut state, Msg::FindingUsers(Ok((vec!["auth0|3".into()], 1))));
    let [Effect::BulkRead(task)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (task.words.operation.as_str(), task.words.args.clone()),
        ("unset", vec![path])
    );
}

#[test]
fn a_prompt_refuses_a_path_into_an_array_and_keeps_the_text() {
    let mut state = common::focus::audited();
    press(&mut state, Intent::BulkMove);
    typed(&mut state, "app_metadata.list[0]");
    assert!(key(&mut state, KeyCode::Enter).is_empty());
    let Some(Overlay::BulkPrompt(prompt)) = &state.overlay else {
        panic!("the prompt stays")
    };
    assert!(
        prompt.error.as_deref().unwrap_or("").contains("arrays"),
        "{:?}",
        prompt.error
    );
    assert_eq!(prompt.text.lines().join(""), "app_metadata.list[0]");
}

#[test]
fn b_needs_marked_users_and_object_paths() {
    let mut state = jane_at(1);
    press(&mut state, Intent::Delete);
    assert!(press(&mut state, Intent::Bulk).is_empty());
    let Status::Error(said) = &state.status else {
        panic!("{:?}", state.status)
    };
    assert!(said.contains("Space") && said.contains('*'), "names the keys: {said}");
    state.list.marked.insert("auth0|other".into());
    let effects = press(&mut state, Intent::Bulk);
    assert!(
        matches!(effects.as_slice(), [Effect::BulkRead(_)]),
        "{:?}",
        state.status
    );
}

#[test]
fn the_summary_lists_users_not_changed() {
    let mut tally = Tally {
        id: "b9".into(),
        total: 3,
        ..Tally::default()
    };
    tally.counts.insert("changed".into(), 2);
    tally.counts.insert("skipped".into(), 1);
    tally.noted.push(auth0_meta::storage::batches::Settled {
        n: 2,
        user_id: "auth0|x".into(),
        result: "skipped".into(),
        reason: Some("replaces_container: user_metadata.prefs".into()),
        entry: None,
    });
    let state = with_screen(BulkPhase::Ended(Box::new(tally)));
    let shown = screen(&state);
    assert!(
        shown.contains("3 of 3 users settled") && shown.contains("skipped auth0|x: replaces_container"),
        "{shown}"
    );
}

#[test]
fn esc_twice_closes_a_stopping_batch_and_the_status_line_gets_its_summary() {
    let mut state = with_screen(BulkPhase::Running { stopping: false });
    state.sending = true;
    let effects = key(&mut state, KeyCode::Esc);
    assert!(
        matches!(effects.as_slice(), [Effect::StopBatch { .. }]),
        "the first Esc stops it"
    );
    assert!(state.overlay.is_some());
    key(&mut state, KeyCode::Esc);
    assert!(state.overlay.is_none(), "the second closes the screen");
    update(&mut state, Msg::BulkRan(Ok(stopped_tally())));
    let Status::Error(said) = &state.status else {
        panic!("{:?}", state.status)
    };
    assert!(said.contains("batch b1-abcd: 12 of 40 users settled"), "{said}");
    assert!(!state.sending, "quitting no longer waits");
}
