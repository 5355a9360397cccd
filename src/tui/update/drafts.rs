//! Drafts: the pending edits go to disk after every change and come back when the user
//! is opened again; replaying them is also how a rebase puts them on a newer copy.

use serde_json::Value;

use super::nav::keep_tree_cursor_visible;
use crate::domain::{apply_edits, Edit, MetadataField, MetadataPair};
use crate::storage::drafts::{Draft, DraftEdit};
use crate::storage::lock::Holder;
use crate::timestamp::format_millis;
use crate::tui::effect::Effect;
use crate::tui::state::{Phase, State, Status, UserView};

/// Saves the pending edits, or deletes the draft when none are left.
pub fn save(state: &State) -> Vec<Effect> {
    let (Some(storage), Some(view)) = (&state.storage, state.user()) else {
        return Vec::new();
    };
    let user_id = view.user.id().to_string();
    let file = storage.draft_file(&user_id);
    let edits: Vec<DraftEdit> = view
        .history
        .tagged_edits()
        .map(|(field, edit)| DraftEdit {
            field: *field,
            edit: edit.clone(),
        })
        .collect();
    if edits.is_empty() {
        return vec![Effect::DeleteDraft { file }];
    }
    let cleared = view
        .panes
        .iter()
        .filter(|p| p.clear_requested)
        .map(|p| p.field)
        .collect();
    vec![Effect::SaveDraft {
        file,
        tenant: storage.tenant.clone(),
        user_id,
        edits,
        cleared,
    }]
}

pub fn delete(state: &State) -> Vec<Effect> {
    match (&state.storage, state.user()) {
        (Some(storage), Some(view)) => vec![Effect::DeleteDraft {
            file: storage.draft_file(view.user.id()),
        }],
        _ => Vec::new(),
    }
}

/// Asks for the user's draft lock; the draft is read once it is held.
pub fn lock(state: &State) -> Vec<Effect> {
    match (&state.storage, state.user()) {
        (Some(storage), Some(view)) => {
            let user_id = view.user.id().to_string();
            vec![Effect::LockDraft {
                file: storage.lock_file(&user_id),
                user_id,
            }]
        }
        _ => Vec::new(),
    }
}

pub fn unlock(state: &State) -> Vec<Effect> {
    match (&state.storage, state.user()) {
        (Some(storage), Some(view)) if view.read_only.is_none() => vec![Effect::UnlockDraft {
            file: storage.lock_file(view.user.id()),
        }],
        _ => Vec::new(),
    }
}

/// The lock's answer: held here, so read the draft; or held by another instance, so
/// the user stays read-only here.
pub fn locked(state: &mut State, user_id: &str, held_by: Option<Holder>) -> Vec<Effect> {
    let Some(view) = state.user_mut().filter(|v| v.user.id() == user_id) else {
        return Vec::new();
    };
    match held_by {
        None => {
            view.read_only = None;
            load(state)
        }
        Some(holder) => {
            view.read_only = Some(holder.to_string());
            view.phase = Phase::Ready;
            state.status = Status::Error(format!(
                "read-only: another auth0-meta ({holder}) has this user open; T takes over once it is closed"
            ));
            Vec::new()
        }
    }
}

pub fn load(state: &State) -> Vec<Effect> {
    match (&state.storage, state.user()) {
        (Some(storage), Some(view)) => {
            let user_id = view.user.id().to_string();
            vec![Effect::LoadDraft {
                file: storage.draft_file(&user_id),
                user_id,
            }]
        }
        _ => Vec::new(),
    }
}

/// Makes `edits` anew on the panes' current originals; returns how many no longer apply.
pub fn replay(view: &mut UserView, edits: Vec<(MetadataField, Edit)>) -> usize {
    view.history.clear();
    let mut docs = view.stored();
    let failed = apply_edits(&mut docs, &mut view.history, edits).len();
    let MetadataPair {
        user_metadata,
        app_metadata,
    } = docs;
    view.panes[0].set_draft(Some(Value::Object(user_metadata)));
    view.panes[1].set_draft(Some(Value::Object(app_metadata)));
    failed
}

pub fn pending(view: &UserView) -> Vec<(MetadataField, Edit)> {
    view.history.tagged_edits().map(|(f, e)| (*f, e.clone())).collect()
}

pub fn restored(state: &mut State, user_id: &str, result: Result<Option<Draft>, String>) -> Vec<Effect> {
    let Some(view) = state.user_mut().filter(|v| v.user.id() == user_id) else {
        return Vec::new();
    };
    view.phase = Phase::Ready;
    match result {
        Ok(Some(draft)) if !draft.edits.is_empty() => {
            let count = draft.edits.len();
            for field in &draft.cleared {
                view.pane_for_mut(*field).clear_requested = true;
            }
            let failed = replay(view, draft.edits.into_iter().map(|d| (d.field, d.edit)).collect());
            let at = format_millis(draft.saved_at);
            let mut notice = format!(
                "draft from {} UTC restored: {count} edit{}",
                at.get(11..16).unwrap_or(&at),
                if count == 1 { "" } else { "s" }
            );
            if failed > 0 {
                notice.push_str(&format!(" ({failed} no longer apply and were dropped)"));
            }
            state.status = Status::Info(notice);
            keep_tree_cursor_visible(state);
        }
        Ok(_) if state.is_busy() => state.status = Status::Idle,
        Ok(_) => {}
        Err(err) => state.status = Status::Error(format!("the saved draft could not be read: {err}")),
    }
    Vec::new()
}

/// A draft write's outcome: while writes fail, the header says drafts are NOT saved
/// and leaving no longer offers to keep a draft.
pub fn saved(state: &mut State, result: Result<(), String>) {
    match result {
        Ok(()) => {
            if state.drafts_failing.take().is_some() {
                state.status = Status::Info("drafts are saved again".into());
            }
        }
        Err(reason) => {
            state.status = Status::Error(format!(
                "saving the draft failed: {reason}; the edits are NOT saved on disk: apply them, or fix the state directory"
            ));
            state.drafts_failing = Some(reason);
        }
    }
}
