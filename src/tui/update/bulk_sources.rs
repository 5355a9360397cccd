//! Where a bulk change comes from besides the user view's `B`: the audit's `u` / `m` on a
//! finding (its key unset or moved for the users the audit found it on; a prompt asks
//! for the path where the finding names none, and for the new path of a move), and the
//! batches list (`H` in the users list: Enter reverts a batch, `r` resumes one stopped).

use crossterm::event::KeyEvent;

use super::bulk::{open, words};
use crate::batch::Words;
use crate::bulk::parse_operation;
use crate::tui::bulk_screen::{BatchesList, BulkPrompt, BulkScreen, PARALLEL};
use crate::tui::effect::{BulkTask, Effect, FindingUsers};
use crate::tui::msg::Intent;
use crate::tui::overlay::{text_area, type_line_key};
use crate::tui::state::{Overlay, State, Status};

/// `u` / `m` on the audit's chosen finding: a prompt for the path (prefilled with the
/// finding's, or the heaviest key of the largest profile for a finding of sizes).
pub fn from_finding(state: &mut State, moving: bool) -> Vec<Effect> {
    let Some(Overlay::Audit(screen)) = state.overlay.take() else {
        return Vec::new();
    };
    let path = screen.finding().and_then(|f| f.path.clone()).or_else(|| {
        let heaviest = screen.report.sizes.largest.first()?.heaviest.first()?;
        Some(heaviest.path.clone())
    });
    let (moving, text) = match (moving, path) {
        (true, Some(from)) => (Some(from), String::new()),
        (true, None) => {
            state.status = Status::Error("this finding names no key to move: choose one with a path".into());
            state.overlay = Some(Overlay::Audit(screen));
            return Vec::new();
        }
        (false, path) => (None, path.unwrap_or_default()),
    };
    state.overlay = Some(Overlay::BulkPrompt(Box::new(BulkPrompt {
        audit: screen,
        moving,
        text: text_area(&text, false),
        error: None,
    })));
    Vec::new()
}

pub fn prompt_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let Some(Overlay::BulkPrompt(prompt)) = &mut state.overlay else {
        return Vec::new();
    };
    match intent {
        Intent::Cancel => {
            if let Some(Overlay::BulkPrompt(prompt)) = state.overlay.take() {
                state.overlay = Some(Overlay::Audit(prompt.audit));
            }
            Vec::new()
        }
        Intent::Submit => {
            let typed = prompt.text.lines().join("").trim().to_string();
            let (name, args) = match &prompt.moving {
                Some(from) => ("move", vec![from.clone(), typed]),
                None => ("unset", vec![typed]),
            };
            let operation = match parse_operation(name, &args, false) {
                Ok(operation) => operation,
                Err(why) => {
                    prompt.error = Some(why);
                    return Vec::new();
                }
            };
            let Some(finding) = prompt.audit.finding().cloned() else {
                return Vec::new();
            };
            let Some(users) = prompt.audit.users.clone() else {
                prompt.error = Some("the audit kept no users to change".into());
                return Vec::new();
            };
            let report = prompt.audit.report.clone();
            let source = format!("the users of the audit's {}", finding.kind);
            state.bulk_for_finding = Some(words(&operation, source));
            state.status = Status::Loading(format!("finding the users of {}…", finding.kind));
            vec![Effect::FindingUsers(FindingUsers {
                users,
                report,
                kind: finding.kind,
                path: finding.path.clone(),
                limit: usize::MAX,
            })]
        }
        _ => Vec::new(),
    }
}

pub fn prompt_text(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    if let Some(Overlay::BulkPrompt(prompt)) = &mut state.overlay {
        type_line_key(&mut prompt.text, key);
        prompt.error = None;
    }
    Vec::new()
}

/// A finding's users are in: the dry run of the change asked for them.
pub fn finding_users(state: &mut State, words: Words, result: Result<(Vec<String>, u64), String>) -> Vec<Effect> {
    match result {
        Ok((ids, _)) if ids.is_empty() => {
            state.status = Status::Info("no user of that finding was found again in the audit's users".into());
            Vec::new()
        }
        Ok((ids, _)) => {
            state.status = Status::Idle;
            let what = parse_operation(&words.operation, &words.args, words.force)
                .map(|op| op.describe())
                .unwrap_or_default();
            open(state, BulkScreen::new(what, words, ids))
        }
        Err(err) => {
            state.status = Status::Error(format!("reading the audit's users failed: {err}"));
            Vec::new()
        }
    }
}

/// `H` in the users list.
pub fn open_batches(state: &mut State) -> Vec<Effect> {
    match state.storage.clone() {
        Some(storage) => {
            state.status = Status::Loading("reading the batches…".into());
            vec![Effect::LoadBatches { storage }]
        }
        None => {
            state.status = Status::Error("no state directory: there are no batches".into());
            Vec::new()
        }
    }
}

pub fn batches_loaded(
    state: &mut State,
    result: Result<Vec<crate::storage::batch_status::BatchStatus>, String>,
) -> Vec<Effect> {
    match result {
        Ok(rows) => {
            state.status = Status::Idle;
            state.overlay = Some(Overlay::Batches(Box::new(BatchesList { rows, cursor: 0 })));
        }
        Err(why) => state.status = Status::Error(format!("the batches could not be read: {why}")),
    }
    Vec::new()
}

pub fn batches_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let Some(Overlay::Batches(list)) = &mut state.overlay else {
        return Vec::new();
    };
    let last = list.rows.len().saturating_sub(1);
    match intent {
        Intent::Down => list.cursor = (list.cursor + 1).min(last),
        Intent::Up => list.cursor = list.cursor.saturating_sub(1),
        Intent::Top => list.cursor = 0,
        Intent::Bottom => list.cursor = last,
        Intent::Cancel => state.overlay = None,
        Intent::Submit => {
            let Some(row) = list.rows.get(list.cursor) else {
                return Vec::new();
            };
            let words = Words {
                operation: "revert".into(),
                args: vec![row.id.clone()],
                force: false,
                source: format!("revert of batch {}", row.id),
                parallel: PARALLEL,
                max_rate: None,
            };
            let what = format!("revert batch {} ({} {})", row.id, row.operation, row.args.join(" "));
            return open(state, BulkScreen::new(what, words, Vec::new()));
        }
        Intent::Resume => {
            let Some(row) = list.rows.get(list.cursor) else {
                return Vec::new();
            };
            if matches!(row.state, "done" | "running") {
                state.status = Status::Info(format!("batch {} is {}: nothing to resume", row.id, row.state));
                return Vec::new();
            }
            let Some(storage) = state.storage.clone() else {
                return Vec::new();
            };
            let mut screen = BulkScreen::new(
                format!("resume batch {} ({} {})", row.id, row.operation, row.args.join(" ")),
                Words {
                    operation: row.operation.clone(),
                    args: row.args.clone(),
                    force: false,
                    source: row.source.clone(),
                    parallel: PARALLEL,
                    max_rate: None,
                },
                Vec::new(),
            );
            screen.set_phase(crate::tui::bulk_screen::BulkPhase::Running { stopping: false });
            let task = BulkTask {
                words: screen.words.clone(),
                ids: None,
                resume: Some(row.id.clone()),
                storage,
                watch: screen.watch.clone(),
            };
            state.overlay = Some(Overlay::Bulk(Box::new(screen)));
            state.sending = true;
            return vec![Effect::BulkRun(Box::new(task))];
        }
        _ => {}
    }
    Vec::new()
}
