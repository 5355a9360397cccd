//! Drafts: the pending edits go to disk after every change and come back when the user
//! is opened again; replaying them is also how a rebase puts them on a newer copy.

use serde_json::Value;

use super::nav::keep_tree_cursor_visible;
use crate::domain::tree::Prebuilt;
use crate::domain::{apply_edits, Edit, MetadataField, MetadataPair, Refused, User};
use crate::storage::drafts::DraftEdit;
use crate::storage::lock::Holder;
use crate::text::{cut, visible_json};
use crate::tui::effect::{DraftEffect, Effect};
use crate::tui::state::{Phase, State, Status, UserView};

/// Records, for each root key the pending edits touch that has no base yet, the
/// server's value as loaded, and forgets the base of keys no pending edit touches any
/// more (an undone edit): a restored draft is only ever checked on keys it edits.
fn note_base(view: &mut UserView) {
    if view.history.is_empty() {
        view.draft_base.clear();
        return;
    }
    // The root keys the edits touch, read from the edits themselves: no copy of the
    // documents is made, however large they are.
    let mut touched: Vec<(MetadataField, Option<String>)> = Vec::new();
    for (field, edit) in view.history.tagged_edits() {
        let source = match edit {
            Edit::Rename { path, .. } => Some(path.clone()),
            _ => None,
        };
        for path in source.into_iter().chain([edit.target()]) {
            touched.push((*field, path.root_key().map(String::from)));
        }
    }
    let mut base = serde_json::Map::new();
    for (field, key) in touched {
        let original = view.pane_for(field).original.clone();
        let keys: Vec<&String> = match &key {
            Some(key) => vec![key],
            None => original.keys().collect(),
        };
        let noted = view.draft_base.get(field.name()).and_then(Value::as_object);
        let entry = base
            .entry(field.name())
            .or_insert_with(|| Value::Object(Default::default()));
        if let Value::Object(map) = entry {
            for key in keys {
                let value = noted.and_then(|n| n.get(key)).cloned();
                let value = value.unwrap_or_else(|| original.get(key).cloned().unwrap_or(Value::Null));
                map.insert(key.clone(), value);
            }
        }
    }
    view.draft_base = base;
}

/// Saves the pending edits, or deletes the draft when none are left.
pub fn save(state: &mut State) -> Vec<Effect> {
    if !super::may_write::owns_draft(state) {
        return Vec::new(); // another instance's draft is never written from here
    }
    if let Some(view) = state.user_mut() {
        note_base(view);
    }
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
        return vec![Effect::Draft(DraftEffect::Delete { file })];
    }
    let cleared = view
        .panes
        .iter()
        .filter(|p| p.clear_requested)
        .map(|p| p.field)
        .collect();
    vec![Effect::Draft(DraftEffect::Save {
        file,
        tenant: storage.tenant.clone(),
        user_id,
        edits,
        cleared,
        base: view.draft_base.clone(),
    })]
}

pub fn delete(state: &State) -> Vec<Effect> {
    if !super::may_write::owns_draft(state) {
        return Vec::new();
    }
    match (&state.storage, state.user()) {
        (Some(storage), Some(view)) => vec![Effect::Draft(DraftEffect::Delete {
            file: storage.draft_file(view.user.id()),
        })],
        _ => Vec::new(),
    }
}

/// Asks for the user's draft lock; the draft is read once it is held.
pub fn lock(state: &State) -> Vec<Effect> {
    match (&state.storage, state.user()) {
        (Some(storage), Some(view)) => {
            let user_id = view.user.id().to_string();
            vec![Effect::Draft(DraftEffect::Lock {
                file: storage.lock_file(&user_id),
                user_id,
            })]
        }
        _ => Vec::new(),
    }
}

pub fn unlock(state: &State) -> Vec<Effect> {
    match (&state.storage, state.user()) {
        (Some(storage), Some(view)) if view.read_only.is_none() => vec![Effect::Draft(DraftEffect::Unlock {
            file: storage.lock_file(view.user.id()),
        })],
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
            state.status = Status::Error(super::may_write::held_elsewhere(&holder.to_string()));
            Vec::new()
        }
    }
}

pub fn load(state: &State) -> Vec<Effect> {
    match (&state.storage, state.user()) {
        (Some(storage), Some(view)) => {
            let user_id = view.user.id().to_string();
            vec![Effect::Draft(DraftEffect::Load {
                file: storage.draft_file(&user_id),
                user_id,
            })]
        }
        _ => Vec::new(),
    }
}

/// Makes `edits` anew on the panes' current originals; returns how many no longer apply.
pub fn replay(view: &mut UserView, edits: Vec<(MetadataField, Edit)>) -> Vec<Refused> {
    view.history.clear();
    let mut docs = view.stored();
    let refused = apply_edits(&mut docs, &mut view.history, edits);
    let MetadataPair {
        user_metadata,
        app_metadata,
    } = docs;
    view.panes[0].set_draft(Some(user_metadata));
    view.panes[1].set_draft(Some(app_metadata));
    refused
}

/// Names edits that no longer apply, with their values and why: "user_metadata: set
/// devices[1].trusted = true (…)".
pub fn name_dropped(refused: &[Refused]) -> String {
    let named: Vec<String> = refused
        .iter()
        .map(|r| {
            let value = match &r.edit {
                Edit::Set { value, .. } | Edit::InsertKey { value, .. } | Edit::InsertItem { value, .. } => {
                    format!(" = {}", cut(&visible_json(&value.to_string()), 40))
                }
                _ => String::new(),
            };
            format!("{}: {}{value} ({})", r.field, r.edit.describe(), r.error)
        })
        .collect();
    named.join("; ")
}

pub fn pending(view: &UserView) -> Vec<(MetadataField, Edit)> {
    view.history.tagged_edits().map(|(f, e)| (*f, e.clone())).collect()
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

/// The user as the server holds it, metadata included (the view keeps it in panes).
pub fn server_copy(view: &UserView) -> User {
    let mut user = view.user.clone();
    let stored = view.stored();
    for field in MetadataField::BOTH {
        user.0.insert(field.name().to_string(), stored.get(field).to_value());
    }
    user
}

/// Drops the pending edits and the draft: the user is shown as the server holds it.
pub fn discard(state: &mut State) -> Vec<Effect> {
    let effects = delete(state);
    if let Some(view) = state.user_mut() {
        view.history.clear();
        view.draft_base.clear();
        view.before_rebase = None;
        view.reverting = None;
        for pane in &mut view.panes {
            pane.clear_requested = false;
            pane.set_draft(None);
        }
    }
    keep_tree_cursor_visible(state);
    effects
}

/// Shows the server's copy in both panes, keeping each cursor on its node.
pub fn reload_panes(view: &mut UserView, mut docs: MetadataPair, mut trees: [Option<Prebuilt>; 2]) {
    for (pane, tree) in view.panes.iter_mut().zip(&mut trees) {
        let path = pane.tree.locate(pane.cursor).map(|at| at.path);
        pane.reload_with(std::mem::take(docs.get_mut(pane.field)), tree.take());
        if let Some(path) = path {
            pane.cursor = pane.tree.row_of(&path);
        }
    }
}

/// `u` right after a rebase (or once every edit since is undone): the copy loaded
/// before and the edits made on it come back, dropped ones included.
pub fn undo_rebase(state: &mut State) -> Option<Vec<Effect>> {
    let view = state.user_mut()?;
    if view.before_rebase.as_ref().is_none_or(|b| b.mark != view.history.len()) {
        return None;
    }
    let before = *view.before_rebase.take()?;
    reload_panes(view, before.docs, [None, None]);
    view.user = before.user;
    let count = before.edits.len();
    let _ = replay(view, before.edits);
    view.draft_base = before.draft_base;
    state.status = Status::Info(format!(
        "rebase undone: your {count} edit{} are back on the copy loaded before (sending checks it against the server again)",
        if count == 1 { "" } else { "s" }
    ));
    keep_tree_cursor_visible(state);
    Some(save(state))
}

/// Cancelling a revert's preview or conflict abandons the revert: its edits were made
/// only to send it (a revert starts with nothing pending), so none is left behind for
/// an unrelated send to carry. `None` when no revert is pending.
pub fn abandon_revert(state: &mut State) -> Option<Vec<Effect>> {
    state.user().and_then(|view| view.reverting.as_ref())?;
    let effects = discard(state);
    state.status = Status::Info("revert cancelled: nothing was sent and nothing is pending".into());
    Some(effects)
}
