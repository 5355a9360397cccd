//! `H`: the changes applied to this user, from the journal, and reverting one of them
//! through the same preview as any edit.

use super::commit::commit;
use super::nav::movement;
use super::preview::open_preview;
use crate::apply::Resolution;
use crate::domain::{Conflict, ConflictReport};
use crate::storage::journal::{Entry, Journal};
use crate::tui::effect::Effect;
use crate::tui::keymap::{key_for, USER};
use crate::tui::msg::Intent;
use crate::tui::state::{ConflictScreen, HistoryList, Overlay, State, Status};

pub fn open_history(state: &mut State) -> Vec<Effect> {
    match (&state.storage, state.user()) {
        (Some(storage), Some(view)) => vec![Effect::LoadJournal {
            file: storage.journal_file(),
            tenant: storage.tenant.clone(),
            user_id: view.user.id().to_string(),
        }],
        _ => {
            state.status = Status::Error("no state directory: set AUTH0_META_STATE_DIR or HOME".into());
            Vec::new()
        }
    }
}

pub fn journal_loaded(state: &mut State, user_id: &str, result: Result<Journal, String>) -> Vec<Effect> {
    if state.user().is_none_or(|v| v.user.id() != user_id) {
        return Vec::new();
    }
    match result {
        Ok(journal) => {
            let mut entries = journal.entries;
            entries.reverse();
            state.overlay = Some(Overlay::History(Box::new(HistoryList {
                entries,
                cursor: 0,
                detail: false,
            })));
            if journal.damaged > 0 {
                state.status = Status::Error(format!(
                    "{} unreadable journal lines were skipped (a crash mid-write)",
                    journal.damaged
                ));
            }
        }
        Err(err) => state.status = Status::Error(format!("the journal could not be read: {err}")),
    }
    Vec::new()
}

/// Up and down choose, Submit shows the chosen change in full and then reverts it
/// (through the preview), Cancel goes back.
pub fn history_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let rows = state.overlay_rows();
    let Some(Overlay::History(list)) = &mut state.overlay else {
        return Vec::new();
    };
    let len = list.entries.len();
    if let Some(target) = movement(intent, list.cursor, len, rows).filter(|_| !list.detail) {
        list.cursor = target.clamp(0, len.saturating_sub(1) as isize) as usize;
        return Vec::new();
    }
    match intent {
        Intent::Cancel if list.detail => list.detail = false,
        Intent::Cancel => state.overlay = None,
        Intent::Submit if !list.detail && len > 0 => list.detail = true,
        Intent::Submit if list.detail => {
            let Some(entry) = list.entries.get(list.cursor).cloned() else {
                return Vec::new();
            };
            state.overlay = None;
            return revert(state, &entry);
        }
        _ => {}
    }
    Vec::new()
}

/// Puts back what `entry` replaced, as ordinary edits, and shows the preview; or, when a
/// key changed on the server since the entry was applied, the conflict view first.
fn revert(state: &mut State, entry: &Entry) -> Vec<Effect> {
    if let Some(reason) = super::may_write::refusal(state) {
        state.status = Status::Error(reason);
        return Vec::new();
    }
    let Some(view) = state.user() else { return Vec::new() };
    if view.is_dirty() {
        state.status = Status::Error("send or discard the pending edits before reverting".into());
        return Vec::new();
    }
    let stored = view.stored();
    let changed_since: Vec<Conflict> = entry
        .changes()
        .into_iter()
        .filter_map(|(at, before, after)| {
            let key = at.path.root_key()?.to_string();
            let now = stored.get(at.field).get(&key).cloned();
            (now != after).then_some(Conflict {
                field: at.field,
                key,
                loaded: after,
                server: now,
                ours: before,
            })
        })
        .collect();
    let server = super::drafts::server_copy(view);
    let edits = entry.revert_edits(&stored);
    if edits.is_empty() {
        state.status = Status::Info("nothing to revert: the server already holds those values".into());
        return Vec::new();
    }
    if let Some(view) = state.user_mut() {
        view.reverting = Some(entry.id.clone());
    }
    let mut effects = Vec::new();
    for (field, edit) in edits {
        match commit(state, field, edit) {
            Ok(more) => effects = more,
            Err(reason) => {
                state.status = Status::Error(format!("revert stopped: {reason}"));
                return effects;
            }
        }
    }
    if changed_since.is_empty() {
        effects.extend(open_preview(state));
    } else {
        let report = ConflictReport {
            overwritten: changed_since,
            kept: Vec::new(),
        };
        state.status =
            Status::Error("changed on the server since that entry was applied: reverting would overwrite it".into());
        state.overlay = Some(Overlay::Conflict(Box::new(ConflictScreen::new(report, server))));
    }
    effects
}
/// What settling the sends a previous run left open found, in the status line.
pub fn resolved(state: &mut State, result: Result<Vec<Resolution>, String>) {
    match result {
        Ok(settled) if settled.is_empty() => {}
        Ok(settled) => {
            let count = |word: &str| settled.iter().filter(|r| r.outcome.word() == word).count();
            let (applied, failed, unknown) = (count("applied"), count("failed"), count("unknown"));
            let text = format!(
                "{} send(s) interrupted last time, now settled: {applied} applied, {failed} not applied, {unknown} unknown ({} shows them)",
                settled.len(),
                key_for(USER.bindings, Intent::History)
            );
            state.status = if unknown > 0 {
                Status::Error(text)
            } else {
                Status::Info(text)
            };
        }
        Err(err) => state.status = Status::Error(format!("interrupted sends could not be settled: {err}")),
    }
}
