//! One change for many users, from the TUI: `B` in the user view (its pending edits, for
//! the marked users), `u` / `m` in the audit (a finding's key, for its users), Enter in the
//! batches list (a batch reverted). Each opens the bulk screen on a dry run read fresh
//! from the tenant; `y` (after the tenant's name, on production) starts the batch, `p`
//! pauses it, Esc cancels (the batch stops starting users and stays resumable), `r`
//! resumes a stopped one. The batch itself runs in `crate::batch`, as on the command line.

use crossterm::event::KeyEvent;

use crate::batch::Words;
use crate::tui::bulk_screen::{BulkPhase, BulkScreen, PARALLEL};
use crate::tui::effect::{BulkTask, Effect};
use crate::tui::keymap::{key_for, LIST};
use crate::tui::msg::Intent;
use crate::tui::overlay::{text_area, type_line_key};
use crate::tui::state::{Overlay, State, Status};

/// Why nothing can be changed in bulk here, if it cannot.
fn refusal(state: &State) -> Option<String> {
    if let Some(reason) = state.read_only_reason() {
        return Some(reason);
    }
    state
        .storage
        .is_none()
        .then(|| "a batch keeps its plan and progress in the state directory, and there is none here".to_string())
}

/// Words for a new batch of `operation`.
pub fn words(operation: &crate::bulk::Operation, source: String) -> Words {
    let (name, args) = operation.words();
    Words {
        operation: name.to_string(),
        args,
        force: false,
        source,
        parallel: PARALLEL,
        max_rate: None,
    }
}

/// Opens the bulk screen on `screen`'s dry run.
pub fn open(state: &mut State, screen: BulkScreen) -> Vec<Effect> {
    if let Some(reason) = refusal(state) {
        state.status = Status::Error(reason);
        return Vec::new();
    }
    let Some(storage) = state.storage.clone() else {
        return Vec::new();
    };
    let task = BulkTask {
        words: screen.words.clone(),
        ids: (screen.words.operation != "revert").then(|| screen.ids.clone()),
        resume: None,
        storage,
        watch: screen.watch.clone(),
    };
    state.overlay = Some(Overlay::Bulk(Box::new(screen)));
    vec![Effect::BulkRead(Box::new(task))]
}

/// `B` in the user view: the pending edits, for every marked user but this one.
pub fn from_user(state: &mut State) -> Vec<Effect> {
    let Some(view) = state.user() else { return Vec::new() };
    let operation = match crate::bulk::from_edits(view.history.tagged_edits()) {
        Ok(operation) => operation,
        Err(why) => {
            state.status = Status::Error(format!("not for other users: {why}"));
            return Vec::new();
        }
    };
    let own = view.user.id().to_string();
    let ids: Vec<String> = state.list.marked.iter().filter(|id| **id != own).cloned().collect();
    if ids.is_empty() {
        state.status = Status::Error(format!(
            "no other user is marked: mark users in the list first ({} marks one, {} every user of a search)",
            key_for(LIST.bindings, Intent::Mark),
            key_for(LIST.bindings, Intent::MarkAll)
        ));
        return Vec::new();
    }
    let what = operation.describe();
    let source = format!("{} users marked in the TUI", ids.len());
    let screen = BulkScreen::new(what, words(&operation, source), ids);
    open(state, screen)
}

pub fn intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let rows = state.overlay_rows();
    let production = state.guards.production;
    let tenant = state.tenant.clone();
    let Some(Overlay::Bulk(screen)) = &mut state.overlay else {
        return Vec::new();
    };
    if let Some(typed) = &screen.confirm {
        return match intent {
            Intent::Submit if typed.lines().join("").trim() == tenant => {
                screen.confirm = None;
                start(state, None)
            }
            Intent::Submit => {
                screen.error = Some(format!("type {tenant} exactly to start the batch, or Esc"));
                Vec::new()
            }
            Intent::Cancel => {
                screen.confirm = None;
                screen.error = None;
                Vec::new()
            }
            _ => Vec::new(),
        };
    }
    let lines = screen.lines().len();
    match (intent, screen.phase()) {
        (Intent::Down, _) => scroll_by(&mut screen.scroll, 1, lines, rows),
        (Intent::Up, _) => scroll_by(&mut screen.scroll, -1, lines, rows),
        (Intent::PageDown, _) => scroll_by(&mut screen.scroll, rows as isize, lines, rows),
        (Intent::PageUp, _) => scroll_by(&mut screen.scroll, -(rows as isize), lines, rows),
        (Intent::Submit, BulkPhase::Planned(read)) if read.dry.would_change == 0 => {
            screen.error = Some("no user would change: nothing to start".into());
        }
        (Intent::Submit, BulkPhase::Planned(_)) if production => {
            screen.confirm = Some(text_area("", false));
            screen.error = None;
        }
        (Intent::Submit, BulkPhase::Planned(_)) => return start(state, None),
        (Intent::Resume, BulkPhase::Ended(tally)) if tally.paused.is_some() => {
            let id = tally.id.clone();
            return start(state, Some(id));
        }
        (Intent::Pause, BulkPhase::Running { stopping: false }) => {
            return stop(state, "paused in the TUI");
        }
        (Intent::Cancel, BulkPhase::Running { stopping: false }) => {
            return stop(state, "paused: cancelled in the TUI");
        }
        (Intent::Cancel, BulkPhase::Running { stopping: true }) => {
            // Closed while the users in flight settle: the status line gets the summary.
            state.overlay = None;
            state.status = Status::Loading("the batch is stopping: its summary follows here".into());
        }
        (Intent::Cancel, BulkPhase::Reading) => {
            let watch = screen.watch.clone();
            state.overlay = None;
            state.status = Status::Info("dry run cancelled: nothing was sent".into());
            return vec![Effect::StopBatch {
                watch,
                reason: "cancelled".into(),
            }];
        }
        (Intent::Cancel | Intent::Submit, _) => state.overlay = None,
        _ => {}
    }
    Vec::new()
}

/// Starts the batch (or resumes `resume`) behind the screen.
fn start(state: &mut State, resume: Option<String>) -> Vec<Effect> {
    let Some(storage) = state.storage.clone() else {
        return Vec::new();
    };
    let Some(Overlay::Bulk(screen)) = &mut state.overlay else {
        return Vec::new();
    };
    screen.watch = Default::default();
    screen.set_phase(BulkPhase::Running { stopping: false });
    screen.error = None;
    let task = BulkTask {
        words: screen.words.clone(),
        ids: Some(screen.ids.clone()),
        resume,
        storage,
        watch: screen.watch.clone(),
    };
    state.sending = true;
    vec![Effect::BulkRun(Box::new(task))]
}

/// Moves `scroll` by `step` lines, keeping a screenful in view.
fn scroll_by(scroll: &mut usize, step: isize, lines: usize, rows: usize) {
    let last = lines.saturating_sub(rows) as isize;
    *scroll = (*scroll as isize + step).clamp(0, last.max(0)) as usize;
}

/// Quitting while a batch runs stops it starting users first (the loop then waits for
/// those in flight, as for any send).
pub fn stop_for_quit(state: &mut State) -> Vec<Effect> {
    match &state.overlay {
        Some(Overlay::Bulk(screen)) if matches!(screen.phase(), BulkPhase::Running { stopping: false }) => {
            stop(state, "interrupted: the TUI was quit")
        }
        _ => Vec::new(),
    }
}

fn stop(state: &mut State, reason: &str) -> Vec<Effect> {
    let Some(Overlay::Bulk(screen)) = &mut state.overlay else {
        return Vec::new();
    };
    screen.set_phase(BulkPhase::Running { stopping: true });
    vec![Effect::StopBatch {
        watch: screen.watch.clone(),
        reason: reason.to_string(),
    }]
}

pub fn confirm_text(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    if let Some(Overlay::Bulk(screen)) = &mut state.overlay {
        if let Some(typed) = &mut screen.confirm {
            type_line_key(typed, key);
            screen.error = None;
        }
    }
    Vec::new()
}

pub fn read(state: &mut State, result: Result<(crate::batch::DryRead, Vec<String>), String>) -> Vec<Effect> {
    let Some(Overlay::Bulk(screen)) = &mut state.overlay else {
        return Vec::new(); // cancelled meanwhile
    };
    if !matches!(screen.phase(), BulkPhase::Reading) {
        return Vec::new();
    }
    let phase = match result {
        Ok((read, ids)) => {
            screen.ids = std::sync::Arc::new(ids);
            BulkPhase::Planned(Box::new(read))
        }
        Err(why) => BulkPhase::Failed(format!("the dry run stopped: {why}")),
    };
    screen.set_phase(phase);
    Vec::new()
}

pub fn ran(state: &mut State, result: Result<crate::batch::Tally, String>) -> Vec<Effect> {
    state.sending = false;
    let summary = match &result {
        Ok(tally) => {
            let stopped = tally.paused.as_ref().map(|reason| {
                format!(
                    "; stopped ({reason}): r in {} resumes it, or auth0-meta bulk resume {}",
                    key_for(LIST.bindings, Intent::History),
                    tally.id
                )
            });
            format!(
                "batch {}: {} of {} users settled: {}{}",
                tally.id,
                tally.settled(),
                tally.total,
                tally.counts_line(),
                stopped.unwrap_or_default()
            )
        }
        Err(why) => format!("the batch stopped: {why}"),
    };
    state.status = match &result {
        Ok(tally) if tally.paused.is_none() => Status::Info(summary),
        _ => Status::Error(summary),
    };
    if let Some(Overlay::Bulk(screen)) = &mut state.overlay {
        screen.set_phase(match result {
            Ok(tally) => BulkPhase::Ended(Box::new(tally)),
            Err(why) => BulkPhase::Failed(why),
        });
    }
    let quit = std::mem::take(&mut state.quit_when_sent);
    match quit {
        true => vec![Effect::Quit],
        false => Vec::new(),
    }
}
