//! Starting an edit from a key in the trees: which node, and which editor or question
//! opens for it. The edit itself is made by `commit` once the input is valid.

use std::borrow::Cow;

use serde_json::Value;

use super::commit::{commit_or_report, refuse, undo_redo};
use crate::domain::tree::is_container;
use crate::domain::{Edit, FieldPath, JsonPath, Mark, MetadataField, Segment, ValueKind};
use crate::text::{escape_json, hides_in_an_editor};
use crate::tui::effect::Effect;
use crate::tui::keymap::{key_for, USER};
use crate::tui::msg::Intent;
use crate::tui::state::{Confirm, Editor, EditorPurpose, Overlay, State, Status, TypeMenu};

/// The focused pane's field, and the selected node's path, unless it is a deleted one.
fn selected(state: &mut State) -> Result<(MetadataField, JsonPath, Value), String> {
    let view = state.user().ok_or("no user is open")?;
    let pane = view.pane();
    let at = pane.tree.locate(pane.cursor).ok_or("nothing is selected")?;
    if pane.mark(at.id) == Mark::Deleted {
        return Err(format!(
            "{} is deleted in this draft: {} undoes it",
            at.path,
            key_for(USER.bindings, Intent::Undo)
        ));
    }
    let value = pane
        .current()
        .value_at(&at.path)
        .map(Cow::into_owned)
        .unwrap_or(Value::Null);
    Ok((pane.field, at.path, value))
}

pub fn start(state: &mut State, intent: Intent) -> Vec<Effect> {
    let result = match intent {
        Intent::Undo => return undo_redo(state, true),
        Intent::Redo => return undo_redo(state, false),
        Intent::Edit => selected(state).and_then(|(field, path, value)| edit_value(field, path, &value)),
        Intent::EditJson => selected(state).map(|(field, path, value)| json_editor(field, path, &value)),
        Intent::Add => selected(state).and_then(|(field, path, value)| add(state, field, path, &value)),
        Intent::Rename => selected(state).and_then(|(field, path, _)| rename(field, path)),
        Intent::Delete => {
            return match selected(state) {
                Ok((field, path, value)) => delete(state, field, path, &value),
                Err(reason) => refuse(state, reason),
            }
        }
        Intent::Retype => selected(state).and_then(|(field, path, value)| retype(field, path, &value)),
        _ => return Vec::new(),
    };
    match result {
        Ok(overlay) => state.overlay = Some(overlay),
        Err(reason) => state.status = Status::Error(reason),
    }
    Vec::new()
}

fn edit_value(field: MetadataField, path: JsonPath, value: &Value) -> Result<Overlay, String> {
    // A string holding control, bidi or zero-width characters is edited as a JSON
    // literal: they show as `\uXXXX` and read back unchanged.
    if is_container(value) || value.as_str().is_some_and(hides_in_an_editor) {
        return Ok(json_editor(field, path, value));
    }
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Ok(Editor::open(
        EditorPurpose::Value {
            field,
            path,
            kind: ValueKind::of(value),
        },
        text,
    ))
}

fn json_editor(field: MetadataField, path: JsonPath, value: &Value) -> Overlay {
    let text = escape_json(&serde_json::to_string_pretty(value).unwrap_or_default());
    Editor::open(EditorPurpose::Json { field, path }, text)
}

/// `a`: on the root row or an open container, adds inside it at the end; elsewhere after
/// the selected node, in its parent.
fn add(state: &State, field: MetadataField, path: JsonPath, value: &Value) -> Result<Overlay, String> {
    let pane = state.user().ok_or("no user is open")?.pane();
    let open = pane
        .tree
        .locate(pane.cursor)
        .is_some_and(|at| pane.tree.is_expanded(at.id));
    let (parent, position) = match path.split_last() {
        Some((parent, segment)) if !(open && is_container(value)) => {
            let position = match segment {
                Segment::Index(i) => i + 1,
                Segment::Key(key) => {
                    let siblings = pane.current().keys_at(&parent);
                    siblings
                        .and_then(|keys| keys.iter().position(|k| k == key))
                        .map_or(0, |i| i + 1)
                }
            };
            (parent, position)
        }
        _ => {
            let len = match value {
                Value::Object(m) => m.len(),
                Value::Array(a) => a.len(),
                _ => return Err(format!("{path} holds no keys or items")),
            };
            (path, len)
        }
    };
    let parent_is_array = pane.current().at(&parent).is_some_and(|v| v.is_array());
    Ok(if parent_is_array {
        Editor::open(
            EditorPurpose::AddValue {
                field,
                parent,
                position,
                key: None,
            },
            String::new(),
        )
    } else {
        Editor::open(
            EditorPurpose::AddKey {
                field,
                object: parent,
                position,
            },
            String::new(),
        )
    })
}

fn rename(field: MetadataField, path: JsonPath) -> Result<Overlay, String> {
    match path.last() {
        Some(Segment::Key(key)) => Ok(Editor::open(
            EditorPurpose::Rename {
                field,
                path: path.clone(),
            },
            key.clone(),
        )),
        Some(Segment::Index(_)) => Err("array items have no name to change".into()),
        None => Err(format!("{field} itself cannot be renamed")),
    }
}

fn delete(state: &mut State, field: MetadataField, path: JsonPath, value: &Value) -> Vec<Effect> {
    if path.is_root() {
        let keys = value.as_object().map_or(0, |m| m.len());
        if keys == 0 {
            return refuse(state, format!("{field} is already empty"));
        }
        state.overlay = Some(Overlay::Confirm(Confirm::Clear { field, keys }));
        return Vec::new();
    }
    let children = match value {
        Value::Object(m) => Some((m.len(), "keys")),
        Value::Array(a) => Some((a.len(), "items")),
        _ => None,
    };
    if let Some((n, what)) = children.filter(|(n, _)| *n > 1) {
        let what = format!("{} and its {n} {what}", FieldPath::new(field, path.clone()));
        state.overlay = Some(Overlay::Confirm(Confirm::Delete { field, path, what }));
        return Vec::new();
    }
    commit_or_report(state, field, Edit::Remove { path })
}

fn retype(field: MetadataField, path: JsonPath, value: &Value) -> Result<Overlay, String> {
    if path.is_root() {
        return Err(format!("{field} itself must stay an object"));
    }
    let selected = ValueKind::ALL
        .iter()
        .position(|k| *k == ValueKind::of(value))
        .unwrap_or(0);
    Ok(Overlay::TypeMenu(TypeMenu { field, path, selected }))
}
