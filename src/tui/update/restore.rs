//! A saved draft restored when its user is opened again, and what happens when the
//! server changed keys it edits since it was made. Each side is
//! labelled truthfully: what the server changed, what the draft changed (its edits on
//! the copy it was made on), and the two choices differ: "keep mine" sends each key as
//! the draft made it, a rebase sends the draft's edits made again on the server's copy.

use serde_json::Value;

use super::drafts::{pending, replay, save, server_copy};
use super::nav::keep_tree_cursor_visible;
use super::preview::open_preview;
use crate::domain::field_path::join;
use crate::domain::rebase_edits;
use crate::domain::{
    apply_edits, Conflict, ConflictReport, Edit, FieldPath, History, JsonPath, MetadataField, MetadataPair,
};
use crate::storage::drafts::Draft;
use crate::timestamp::format_millis;
use crate::tui::conflict_screen::ConflictScreen;
use crate::tui::effect::Effect;
use crate::tui::state::{Overlay, Phase, State, Status, UserView};

/// The saved draft's answer: its edits made again on the server's copy, and the
/// conflict screen when the server changed keys the draft edits.
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
            let edits: Vec<(MetadataField, Edit)> = draft.edits.into_iter().map(|d| (d.field, d.edit)).collect();
            view.draft_base = draft.base;
            // Edits inside arrays follow their items onto the server's copy; an item
            // not found there exactly once shows in the conflict view below.
            let placed = rebase_edits(&base_docs(view), &view.stored(), &edits).unwrap_or_else(|_| edits.clone());
            let failed = replay(view, placed);
            let conflict = draft_conflict(view, &edits);
            let at = format_millis(draft.saved_at);
            let mut notice = format!(
                "draft from {} UTC restored: {count} edit{}",
                at.get(11..16).unwrap_or(&at),
                if count == 1 { "" } else { "s" }
            );
            if !failed.is_empty() {
                notice.push_str(&format!(
                    " ({} no longer appl{} to the server's copy and {} dropped: {})",
                    failed.len(),
                    if failed.len() == 1 { "ies" } else { "y" },
                    if failed.len() == 1 { "was" } else { "were" },
                    super::drafts::name_dropped(&failed)
                ));
            }
            keep_tree_cursor_visible(state);
            if let Some(screen) = conflict {
                let keys: Vec<FieldPath> = screen
                    .report
                    .overwritten
                    .iter()
                    .map(|c| FieldPath::root_key(c.field, c.key.clone()))
                    .collect();
                notice.push_str(&format!(
                    "; but {} changed on the server since: decide before editing on",
                    join(&keys)
                ));
                state.overlay = Some(Overlay::Conflict(Box::new(screen)));
                state.status = Status::Error(notice);
            } else {
                state.status = Status::Info(notice);
            }
        }
        Ok(_) if state.is_busy() => state.status = Status::Idle,
        Ok(_) => {}
        Err(err) => state.status = Status::Error(format!("the saved draft could not be read: {err}")),
    }
    Vec::new()
}

/// The conflict screen for a draft just restored in `view` from `edits`, if the server
/// changed a root key the draft edits.
pub fn draft_conflict(view: &UserView, edits: &[(MetadataField, Edit)]) -> Option<ConflictScreen> {
    let mut report = changed_since(view);
    if !report.has_conflicts() {
        return None;
    }
    let made = as_made(view, edits);
    let rebased = report
        .overwritten
        .iter_mut()
        .map(|c| std::mem::replace(&mut c.ours, made.get(c.field).get(&c.key).cloned()))
        .collect();
    Some(ConflictScreen::for_draft(report, server_copy(view), rebased))
}

/// The documents as the draft made them: its base put back, its edits made on it.
fn as_made(view: &UserView, edits: &[(MetadataField, Edit)]) -> MetadataPair {
    let mut docs = base_docs(view);
    let _ = apply_edits(
        &mut docs,
        &mut History::<MetadataField>::default(),
        edits.iter().cloned(),
    );
    docs
}

/// The server's copy with the draft's base put back: the copy the draft was made on,
/// as far as the keys it edits go.
fn base_docs(view: &UserView) -> MetadataPair {
    let mut docs = view.stored();
    for (name, keys) in &view.draft_base {
        let (Some(field), Some(keys)) = (MetadataField::from_name(name), keys.as_object()) else {
            continue;
        };
        let doc = docs.get_mut(field);
        for (key, value) in keys {
            match value {
                Value::Null => drop(doc.remove(key)),
                value => doc.insert(key.clone(), value.clone()),
            }
        }
    }
    docs
}

/// "Keep mine": the pending edits, then each conflicting key set to what the draft
/// made of it; the preview shows what that replaces on the server.
pub fn keep_mine(state: &mut State, keep: Vec<(MetadataField, String, Option<Value>)>) -> Vec<Effect> {
    let Some(view) = state.user_mut() else {
        return Vec::new();
    };
    let mut edits = pending(view);
    for (field, key, value) in keep {
        let doc = view.pane_for(field).current();
        let path = JsonPath::root().key(key.clone());
        let edit = match (value, doc.contains_key(&key)) {
            (Some(value), true) => Edit::Set { path, value },
            (Some(value), false) => Edit::InsertKey {
                object: JsonPath::root(),
                position: doc.len(),
                key,
                value,
            },
            (None, true) => Edit::Remove { path },
            (None, false) => continue,
        };
        replay(view, edits.iter().cloned().chain([(field, edit.clone())]).collect());
        edits.push((field, edit));
    }
    view.draft_base.clear(); // decided: the server's copy now is the draft's base
    let mut effects = save(state);
    effects.extend(open_preview(state));
    effects
}

/// Root keys of the draft's base that the server has changed since: each would be
/// overwritten by sending the draft.
fn changed_since(view: &UserView) -> ConflictReport {
    let stored = view.stored();
    let mut report = ConflictReport::default();
    for (name, keys) in &view.draft_base {
        let (Some(field), Some(keys)) = (MetadataField::from_name(name), keys.as_object()) else {
            continue;
        };
        for (key, base) in keys {
            let base = Some(base.clone()).filter(|v| !v.is_null());
            let now = stored.get(field).get(key).cloned();
            if now != base {
                let ours = view.pane_for(field).current().get(key).cloned();
                report.overwritten.push(Conflict {
                    field,
                    key: key.clone(),
                    loaded: base,
                    server: now,
                    ours,
                });
            }
        }
    }
    report
}
