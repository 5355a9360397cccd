//! Making an edit on a pane's draft, and undoing or redoing one: each records the edit
//! for undo, refreshes the marks, moves the cursor to what changed and saves the draft.

use serde_json::Value;

use super::drafts;
use super::nav::keep_tree_cursor_visible;
use crate::domain::metadata::same;
use crate::domain::number::precision_warning;
use crate::domain::FieldPath;
use crate::domain::{Edit, EditError, MetadataField};
use crate::tui::effect::Effect;
use crate::tui::state::{field_index, State, Status, TreePane};

/// Runs `change` (which makes `edit`) on the pane's document as it is with the pending
/// edits, and shows the result as the new draft, whatever `change` answers. Only the root
/// keys `edit` touches are copied; the rest stay shared with the copy as loaded.
fn change_draft<T>(pane: &mut TreePane, edit: &Edit, change: impl FnOnce(&mut Value) -> T) -> T {
    let mut doc = pane.draft.take().unwrap_or_else(|| pane.original.clone());
    let result = doc.edit(edit, change);
    pane.set_draft(Some(doc));
    result
}

/// Makes `edit` on the field's draft. `Err` carries the reason, for the editor that asked.
pub fn commit(state: &mut State, field: MetadataField, edit: Edit) -> Result<Vec<Effect>, String> {
    let view = state.user_mut().ok_or("no user is open")?;
    let history = &mut view.history;
    let pane = &mut view.panes[field_index(field)];
    let target = edit.target();
    // Setting a value to what it already is changes nothing: no edit, no draft, no ✎.
    if let Edit::Set { path, value } = &edit {
        if !path.is_root() && pane.current().at(path).is_some_and(|now| same(&now, value)) {
            state.status = Status::Info(format!(
                "no change: {} already holds that value",
                FieldPath::new(field, path.clone())
            ));
            return Ok(Vec::new());
        }
    }
    let mut described = edit.describe();
    if let Some(warning) = written_value(&edit).and_then(precision_warning) {
        described.push_str(&format!(" (warning: {warning})"));
    }
    change_draft(pane, &edit.clone(), |doc| history.apply_to(field, doc, edit))
        .map_err(|e: EditError| e.to_string())?;
    pane.clear_requested = false;
    pane.cursor = pane.tree.row_of(&target);
    state.status = Status::Info(described);
    keep_tree_cursor_visible(state);
    Ok(drafts::save(state))
}

/// The value an edit writes, if it writes one.
fn written_value(edit: &Edit) -> Option<&Value> {
    match edit {
        Edit::Set { value, .. } | Edit::InsertKey { value, .. } | Edit::InsertItem { value, .. } => Some(value),
        _ => None,
    }
}

pub fn refuse(state: &mut State, reason: String) -> Vec<Effect> {
    state.status = Status::Error(reason);
    Vec::new()
}

pub fn commit_or_report(state: &mut State, field: MetadataField, edit: Edit) -> Vec<Effect> {
    commit(state, field, edit).unwrap_or_else(|reason| refuse(state, reason))
}

pub fn undo_redo(state: &mut State, undo: bool) -> Vec<Effect> {
    let word = if undo { "undo" } else { "redo" };
    if undo {
        if let Some(effects) = drafts::undo_rebase(state) {
            return effects;
        }
    }
    let Some(view) = state.user_mut() else {
        return Vec::new();
    };
    let Some((field, step)) = view.history.next_step(undo).map(|(f, e)| (*f, e.clone())) else {
        return refuse(state, format!("nothing to {word}"));
    };
    let history = &mut view.history;
    let pane = &mut view.panes[field_index(field)];
    let result = change_draft(
        pane,
        &step,
        |doc| if undo { history.undo(doc) } else { history.redo(doc) },
    );
    match result {
        Ok(Some(edit)) => {
            pane.cursor = pane.tree.row_of(&edit.target());
            view.focus = field_index(field);
            let done = if undo { "undone" } else { "redone" };
            state.status = Status::Info(format!("{done}: {}", edit.describe()));
        }
        Ok(None) => {}
        Err(err) => state.status = Status::Error(err.to_string()),
    }
    keep_tree_cursor_visible(state);
    drafts::save(state)
}
