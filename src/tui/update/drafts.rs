//! Drafts: the pending edits go to disk after every change and come back when the user
//! is opened again; replaying them is also how a rebase puts them on a newer copy.

use serde_json::Value;

use crate::domain::{Edit, MetadataField};
use crate::storage::drafts::{Draft, DraftEdit};
use crate::timestamp::format_millis;
use crate::tui::effect::Effect;
use crate::tui::state::{field_index, State, Status, UserView};

/// Saves the pending edits, or deletes the draft when none are left.
pub fn save(state: &State) -> Vec<Effect> {
    let (Some(storage), Some(view)) = (&state.storage, &state.user) else {
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
    match (&state.storage, &state.user) {
        (Some(storage), Some(view)) => vec![Effect::DeleteDraft {
            file: storage.draft_file(view.user.id()),
        }],
        _ => Vec::new(),
    }
}

pub fn load(state: &State) -> Vec<Effect> {
    match (&state.storage, &state.user) {
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
    let mut docs: [Value; 2] = [(*view.panes[0].original).clone(), (*view.panes[1].original).clone()];
    let mut failed = 0;
    for (field, edit) in edits {
        if view
            .history
            .apply_to(field, &mut docs[field_index(field)], edit)
            .is_err()
        {
            failed += 1;
        }
    }
    let [user_doc, app_doc] = docs;
    view.panes[0].set_draft(Some(user_doc));
    view.panes[1].set_draft(Some(app_doc));
    failed
}

pub fn pending(view: &UserView) -> Vec<(MetadataField, Edit)> {
    view.history.tagged_edits().map(|(f, e)| (*f, e.clone())).collect()
}

pub fn restored(state: &mut State, user_id: &str, result: Result<Option<Draft>, String>) -> Vec<Effect> {
    let Some(view) = state.user.as_mut().filter(|v| v.user.id() == user_id) else {
        return Vec::new();
    };
    view.ready = true;
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
                &at[11..16],
                if count == 1 { "" } else { "s" }
            );
            if failed > 0 {
                notice.push_str(&format!(" ({failed} no longer apply and were dropped)"));
            }
            state.status = Status::Info(notice);
            super::user::keep_cursor_visible(state);
            Vec::new()
        }
        Ok(_) => {
            if state.is_busy() {
                state.status = Status::Idle;
            }
            Vec::new()
        }
        Err(err) => {
            state.status = Status::Error(format!("the saved draft could not be read: {err}"));
            Vec::new()
        }
    }
}
