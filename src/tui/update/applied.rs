//! The answer of the apply path: saved (the draft is spent), stopped by a conflict
//! (the conflict screen opens), or failed (the edits stay pending).

use super::nav::report;
use super::session::{back, show_saved};
use crate::api::ApiError;
use crate::apply::{Applied, Journaled, Saved};
use crate::domain::field_path::join;
use crate::tui::effect::{DraftEffect, Effect};
use crate::tui::keymap::{key_for, USER};
use crate::tui::msg::Intent;
use crate::tui::state::{ConflictScreen, Overlay, State, Status};

pub fn applied(state: &mut State, id: &str, result: Result<Applied, ApiError>) -> Vec<Effect> {
    state.sending = false;
    let mut effects = outcome(state, id, result);
    if std::mem::take(&mut state.quit_when_sent) {
        // Quit was asked while sending: now the outcome is in, quit, or ask first if
        // edits are still pending.
        effects.extend(back(state, true));
    }
    effects
}

fn outcome(state: &mut State, id: &str, result: Result<Applied, ApiError>) -> Vec<Effect> {
    let open = state.user().is_some_and(|v| v.user.id() == id);
    match result {
        Ok(Applied::Saved(saved)) => self::saved(state, saved),
        // The user was left while the answer was on its way: only a save still matters.
        _ if !open => Vec::new(),
        Ok(Applied::Conflict { report, server }) => {
            state.status = Status::Error(format!("not sent: {id} changed on the server since it was loaded"));
            state.overlay = Some(Overlay::Conflict(Box::new(ConflictScreen::new(report, server))));
            Vec::new()
        }
        Ok(Applied::NotSent(reason)) => {
            state.status = Status::Error(format!("not sent: {reason}; the edits are still pending"));
            Vec::new()
        }
        Ok(Applied::Unknown { reason, differing }) => {
            let keys = if differing.is_empty() {
                String::new()
            } else {
                format!("; {} differ from both", join(&differing))
            };
            state.status = Status::Error(format!(
                "outcome unknown: {reason}{keys}; the edits are still pending: {} reloads what the server holds",
                key_for(USER.bindings, Intent::Reload)
            ));
            Vec::new()
        }
        Err(err) => {
            report(state, "not saved, the edits are still pending", &err);
            Vec::new()
        }
    }
}

/// A save ends the draft even if the user was left meanwhile: the journal already holds
/// the change (the apply path wrote it), and the draft it came from is spent.
fn saved(state: &mut State, saved: Saved) -> Vec<Effect> {
    let effects = match &state.storage {
        Some(storage) => vec![Effect::Draft(DraftEffect::Delete {
            file: storage.draft_file(saved.user.id()),
        })],
        None => Vec::new(),
    };
    let summary = saved.summary();
    state.status = match &saved.journal {
        Journaled::Failed { reason } => Status::Error(format!("{summary}; the journal could not be written: {reason}")),
        _ => Status::Info(summary),
    };
    show_saved(state, saved.user);
    effects
}
