//! Editing in the trees: starting an edit from a key, the editors' input, and making the
//! edit through the domain core with its history. Bad input stays in the editor with
//! the reason; nothing typed is lost.

use crossterm::event::{KeyCode, KeyEvent};
use serde_json::Value;
use tui_textarea::{CursorMove, TextArea};

use super::drafts;
use crate::domain::tree::is_container;
use crate::domain::{Edit, JsonPath, Mark, MetadataField, Segment, ValueKind};
use crate::tui::effect::Effect;
use crate::tui::msg::Intent;
use crate::tui::state::{Confirm, Editor, EditorPurpose, Overlay, State, Status, TypeMenu};

/// The focused pane's field, and the selected node's path, unless it is a deleted one.
fn selected(state: &mut State) -> Result<(MetadataField, JsonPath, Value), String> {
    let view = state.user.as_ref().ok_or("no user is open")?;
    let pane = view.pane();
    let at = pane.tree.locate(pane.cursor).ok_or("nothing is selected")?;
    if pane.mark(at.id) == Mark::Deleted {
        return Err(format!("{} is deleted in this draft: u undoes it", at.path));
    }
    let value = at.path.get(pane.current()).cloned().unwrap_or(Value::Null);
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

fn refuse(state: &mut State, reason: String) -> Vec<Effect> {
    state.status = Status::Error(reason);
    Vec::new()
}

pub(super) fn editor(purpose: EditorPurpose, text: String) -> Overlay {
    let mut area = TextArea::new(text.lines().map(String::from).collect());
    area.set_cursor_line_style(ratatui::style::Style::default());
    // A one-line value is typed on at its end; a JSON text is read from its top.
    if matches!(purpose, EditorPurpose::Json { .. }) {
        area.move_cursor(CursorMove::Top);
    } else {
        area.move_cursor(CursorMove::End);
    }
    Overlay::Editor(Box::new(Editor {
        purpose,
        text: area,
        error: None,
        initial: text,
        confirm_discard: false,
    }))
}

fn edit_value(field: MetadataField, path: JsonPath, value: &Value) -> Result<Overlay, String> {
    if is_container(value) {
        return Ok(json_editor(field, path, value));
    }
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Ok(editor(
        EditorPurpose::Value {
            field,
            path,
            kind: ValueKind::of(value),
        },
        text,
    ))
}

fn json_editor(field: MetadataField, path: JsonPath, value: &Value) -> Overlay {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    editor(EditorPurpose::Json { field, path }, text)
}

/// `a`: on the root row or an open container, adds inside it at the end; elsewhere after
/// the selected node, in its parent.
fn add(state: &State, field: MetadataField, path: JsonPath, value: &Value) -> Result<Overlay, String> {
    let pane = state.user.as_ref().ok_or("no user is open")?.pane();
    let open = pane
        .tree
        .locate(pane.cursor)
        .is_some_and(|at| pane.tree.is_expanded(at.id));
    let (parent, position) = match path.split_last() {
        Some((parent, segment)) if !(open && is_container(value)) => {
            let position = match segment {
                Segment::Index(i) => i + 1,
                Segment::Key(key) => {
                    let siblings = parent.get(pane.current()).and_then(Value::as_object);
                    siblings
                        .and_then(|m| m.keys().position(|k| k == key))
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
    let parent_is_array = parent.get(pane.current()).is_some_and(Value::is_array);
    Ok(if parent_is_array {
        editor(
            EditorPurpose::AddValue {
                field,
                parent,
                position,
                key: None,
            },
            String::new(),
        )
    } else {
        editor(
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
        Some(Segment::Key(key)) => Ok(editor(
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
        let what = format!("{path} and its {n} {what}");
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

/// Makes `edit` on the field's draft, recording it for undo, refreshing the marks and
/// saving the draft. `Err` carries the reason, for the editor that asked.
pub fn commit(state: &mut State, field: MetadataField, edit: Edit) -> Result<Vec<Effect>, String> {
    let view = state.user.as_mut().ok_or("no user is open")?;
    let pane = view.pane_for_mut(field);
    let mut doc = pane.draft.take().unwrap_or_else(|| (*pane.original).clone());
    if let Err(err) = view.history.apply_to(field, &mut doc, edit.clone()) {
        let pane = view.pane_for_mut(field);
        pane.draft = Some(doc).filter(|_| !pane.marks.is_empty());
        return Err(err.to_string());
    }
    let pane = view.pane_for_mut(field);
    pane.set_draft(Some(doc));
    pane.clear_requested = false;
    pane.cursor = pane.tree.row_of(&edit.target());
    state.status = Status::Info(edit.describe());
    super::user::keep_cursor_visible(state);
    Ok(drafts::save(state))
}

fn commit_or_report(state: &mut State, field: MetadataField, edit: Edit) -> Vec<Effect> {
    commit(state, field, edit).unwrap_or_else(|reason| refuse(state, reason))
}

fn undo_redo(state: &mut State, undo: bool) -> Vec<Effect> {
    let Some(view) = state.user.as_mut() else {
        return Vec::new();
    };
    let next = if undo {
        view.history.next_undo()
    } else {
        view.history.next_redo()
    };
    let Some(field) = next.copied() else {
        return refuse(state, format!("nothing to {}", if undo { "undo" } else { "redo" }));
    };
    let pane = view.pane_for_mut(field);
    let mut doc = pane.draft.take().unwrap_or_else(|| (*pane.original).clone());
    let result = if undo {
        view.history.undo(&mut doc)
    } else {
        view.history.redo(&mut doc)
    };
    let pane = view.pane_for_mut(field);
    pane.set_draft(Some(doc));
    match result {
        Ok(Some(edit)) => {
            pane.cursor = pane.tree.row_of(&edit.target());
            view.focus = crate::tui::state::field_index(field);
            state.status = Status::Info(format!(
                "{}: {}",
                if undo { "undone" } else { "redone" },
                edit.describe()
            ));
        }
        Ok(None) => {}
        Err(err) => state.status = Status::Error(err.to_string()),
    }
    super::user::keep_cursor_visible(state);
    drafts::save(state)
}

/// Keys in the type menu: j/k or arrows to choose, Enter to convert, Esc to leave.
pub fn type_menu_input(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let Some(Overlay::TypeMenu(menu)) = &mut state.overlay else {
        return Vec::new();
    };
    let last = ValueKind::ALL.len() - 1;
    match key.code {
        KeyCode::Char('j') | KeyCode::Down => menu.selected = (menu.selected + 1).min(last),
        KeyCode::Char('k') | KeyCode::Up => menu.selected = menu.selected.saturating_sub(1),
        KeyCode::Esc | KeyCode::Char('q') => state.overlay = None,
        KeyCode::Enter => {
            let (field, path, to) = (menu.field, menu.path.clone(), ValueKind::ALL[menu.selected]);
            state.overlay = None;
            if to == ValueKind::Null && path.len() == 1 {
                let key = path.root_key().unwrap_or_default().to_string();
                return refuse(state, crate::domain::Problem::NullRootValue { field, key }.to_string());
            }
            return commit_or_report(state, field, Edit::Retype { path, to });
        }
        _ => {}
    }
    Vec::new()
}

/// `y` confirms a deletion; anything else keeps the node.
pub fn confirm_input(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let Some(Overlay::Confirm(confirm)) = state.overlay.take() else {
        return Vec::new();
    };
    if !matches!(key.code, KeyCode::Char('y') | KeyCode::Enter) {
        return Vec::new();
    }
    match confirm {
        Confirm::Delete { field, path, .. } => commit_or_report(state, field, Edit::Remove { path }),
        Confirm::Clear { field, .. } => {
            let empty = Value::Object(Default::default());
            let effects = commit_or_report(
                state,
                field,
                Edit::Set {
                    path: JsonPath::root(),
                    value: empty,
                },
            );
            if let Some(view) = state.user.as_mut() {
                view.pane_for_mut(field).clear_requested = true;
            }
            state.status = Status::Info(format!("{field} will be cleared with {{}} when applied"));
            effects
        }
    }
}
