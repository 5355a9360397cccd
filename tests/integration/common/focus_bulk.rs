//! States where the bulk tables have focus, for the key-table tests: the bulk screen in
//! each phase, its production confirmation, the audit's path prompt, the batches list.
#![allow(dead_code)]

use auth0_meta::batch::{DryRead, Tally, Words};
use auth0_meta::storage::batch_status::BatchStatus;
use auth0_meta::tui::bulk_screen::{BatchesList, BulkPhase, BulkScreen};
use auth0_meta::tui::msg::Intent;
use auth0_meta::tui::state::{Overlay, State};
use serde_json::json;

use super::tui::*;

pub fn words() -> Words {
    Words {
        operation: "unset".into(),
        args: vec!["user_metadata.history".into()],
        force: false,
        source: "test".into(),
        parallel: 4,
        max_rate: None,
    }
}

/// A dry run of 40 users, long enough to scroll.
pub fn planned() -> DryRead {
    let mut read = DryRead::default();
    read.dry.users = 40;
    read.dry.would_change = 30;
    read.dry.already = 10;
    for n in 0..3 {
        let diff: Vec<String> = (0..12).map(|i| format!("- history[{i}]")).collect();
        read.dry.samples.push(json!({"user_id": format!("auth0|{n}"), "request": {"line": "PATCH /api/v2/users/x", "body": {"user_metadata": {"history": null}}}, "diff": diff}));
    }
    read
}

pub fn with_screen(phase: BulkPhase) -> State {
    let mut state = listed(100, 30);
    let ids = (0..40).map(|n| format!("auth0|{n}")).collect();
    let mut screen = BulkScreen::new("unset user_metadata.history".into(), words(), ids);
    screen.set_phase(phase);
    state.overlay = Some(Overlay::Bulk(Box::new(screen)));
    state
}

pub fn stopped_tally() -> Tally {
    let mut tally = Tally {
        id: "b1-abcd".into(),
        total: 40,
        paused: Some("paused in the TUI".into()),
        ..Tally::default()
    };
    tally.counts.insert("changed".into(), 12);
    tally
}

pub fn state_for_bulk(title: &str, intent: Intent) -> Option<State> {
    Some(match title {
        "bulk: dry run" => with_screen(BulkPhase::Reading),
        "bulk: dry run read" => {
            let mut state = with_screen(BulkPhase::Planned(Box::new(planned())));
            if intent == Intent::Up || intent == Intent::PageUp {
                press(&mut state, Intent::PageDown);
            }
            state
        }
        "bulk: batch running" => with_screen(BulkPhase::Running { stopping: false }),
        "bulk: batch ended" => {
            let mut tally = stopped_tally();
            tally.noted = (0..40)
                .map(|n| auth0_meta::storage::batches::Settled {
                    n,
                    user_id: format!("auth0|{n}"),
                    result: "skipped".into(),
                    reason: Some("path_missing".into()),
                    entry: None,
                })
                .collect();
            let mut state = with_screen(BulkPhase::Ended(Box::new(tally)));
            if intent == Intent::Up || intent == Intent::PageUp {
                press(&mut state, Intent::PageDown);
            }
            state
        }
        "bulk: confirm on a production tenant" => {
            let mut state = with_screen(BulkPhase::Planned(Box::new(planned())));
            state.guards.production = true;
            press(&mut state, Intent::Submit);
            state
        }
        "bulk: path" => {
            let mut state = super::focus::audited();
            press(&mut state, Intent::BulkUnset);
            state
        }
        "batches" => {
            let mut state = listed(100, 30);
            let row = |n: u64, state: &'static str| BatchStatus {
                id: format!("b{n}"),
                operation: "set".into(),
                args: vec!["app_metadata.x".into(), "1".into()],
                source: "--query q".into(),
                created_at: format!("2026-12-0{n}T10:00:00.000Z"),
                state,
                total: 10,
                changed: 5,
                already: 0,
                skipped: 0,
                failed: 0,
                unknown: 0,
                paused: None,
            };
            let rows = vec![row(3, "interrupted"), row(2, "done"), row(1, "done")];
            let cursor = usize::from(matches!(intent, Intent::Up | Intent::Top));
            state.overlay = Some(Overlay::Batches(Box::new(BatchesList { rows, cursor })));
            state
        }
        _ => return None,
    })
}
