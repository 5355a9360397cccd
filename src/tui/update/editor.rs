//! The editors' keys: typing, committing (Enter, or Ctrl-S for JSON) and cancelling.
//! What was typed turns into an edit only when it is valid; otherwise the editor stays
//! open with the reason in its title and the text as typed.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;

use super::edit::{commit, editor};
use crate::domain::kind::parse_number;
use crate::domain::validate::{check_key, check_value, parse_json, parse_literal};
use crate::domain::{Edit, JsonPath, MetadataField, Segment, ValueKind};
use crate::tui::effect::Effect;
use crate::tui::state::{EditorPurpose, Overlay, State};

/// Keys while an editor is open: Enter (Ctrl-S in the JSON editor) commits, Esc cancels.
pub fn editor_input(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let Some(Overlay::Editor(editor)) = &mut state.overlay else {
        return Vec::new();
    };
    let json = matches!(editor.purpose, EditorPurpose::Json { .. });
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc if json && editor.text.lines().join("\n") != editor.initial && !editor.confirm_discard => {
            editor.confirm_discard = true;
            Vec::new()
        }
        KeyCode::Esc => {
            state.overlay = None;
            Vec::new()
        }
        KeyCode::Char('y') if editor.confirm_discard => {
            state.overlay = None;
            Vec::new()
        }
        KeyCode::Char('s') if ctrl && json => submit(state),
        KeyCode::Enter if !json => submit(state),
        _ => {
            editor.confirm_discard = false;
            editor.text.input(key);
            if json {
                editor.error = parse_json(&editor.text.lines().join("\n")).err().map(|e| e.to_string());
            } else {
                editor.error = None;
            }
            Vec::new()
        }
    }
}

/// Turns the editor's text into an edit; on a problem the editor stays open with it.
fn submit(state: &mut State) -> Vec<Effect> {
    let Some(Overlay::Editor(editor)) = &state.overlay else {
        return Vec::new();
    };
    let text = editor.text.lines().join("\n");
    let purpose = editor.purpose.clone();
    let outcome = match purpose {
        EditorPurpose::AddKey {
            field,
            object,
            position,
        } => match check_new_key(state, field, &object, &text, None) {
            Ok(key) => {
                let next = editor_overlay(EditorPurpose::AddValue {
                    field,
                    parent: object,
                    position,
                    key: Some(key),
                });
                state.overlay = Some(next);
                return Vec::new();
            }
            Err(reason) => Err(reason),
        },
        other => edit_from(state, other, &text),
    };
    match outcome.and_then(|(field, edit)| commit(state, field, edit)) {
        Ok(effects) => {
            state.overlay = None;
            effects
        }
        Err(reason) => {
            if let Some(Overlay::Editor(editor)) = &mut state.overlay {
                editor.error = Some(reason);
            }
            Vec::new()
        }
    }
}

fn editor_overlay(purpose: EditorPurpose) -> Overlay {
    editor(purpose, String::new())
}

fn edit_from(state: &State, purpose: EditorPurpose, text: &str) -> Result<(MetadataField, Edit), String> {
    match purpose {
        EditorPurpose::Value { field, path, kind } => {
            let value = match kind {
                ValueKind::String => Value::String(text.to_string()),
                ValueKind::Number => parse_number(text.trim()).ok_or_else(|| format!("not a number: {text}"))?,
                ValueKind::Bool => match text.trim() {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    _ => return Err("a boolean is true or false (t changes the type)".into()),
                },
                _ => parse_literal(text).map_err(|e| e.to_string())?,
            };
            problems(field, &path, &value)?;
            Ok((field, Edit::Set { path, value }))
        }
        EditorPurpose::Json { field, path } => {
            let value = parse_json(text).map_err(|e| e.to_string())?;
            if path.is_root() && !value.is_object() {
                return Err(format!("{field} must be a JSON object"));
            }
            match (&value, path.is_root()) {
                (Value::Object(map), true) => {
                    for (key, child) in map {
                        let at = JsonPath::root().key(key.clone());
                        if let Some(problem) = check_key(field, &at, key) {
                            return Err(problem.to_string());
                        }
                        problems(field, &at, child)?;
                    }
                }
                _ => problems(field, &path, &value)?,
            }
            Ok((field, Edit::Set { path, value }))
        }
        EditorPurpose::AddValue {
            field,
            parent,
            position,
            key,
        } => {
            let value = parse_literal(text).map_err(|e| e.to_string())?;
            let at = match &key {
                Some(k) => parent.clone().key(k.clone()),
                None => parent.clone().index(position),
            };
            problems(field, &at, &value)?;
            Ok((
                field,
                match key {
                    Some(key) => Edit::InsertKey {
                        object: parent,
                        position,
                        key,
                        value,
                    },
                    None => Edit::InsertItem {
                        array: parent,
                        index: position,
                        value,
                    },
                },
            ))
        }
        EditorPurpose::Rename { field, path } => {
            let (parent, _) = path.split_last().ok_or("nothing to rename")?;
            let current = match path.last() {
                Some(Segment::Key(k)) => Some(k.clone()),
                _ => None,
            };
            let key = check_new_key(state, field, &parent, text, current.as_deref())?;
            Ok((field, Edit::Rename { path, to: key }))
        }
        EditorPurpose::AddKey { .. } => Err("a key needs a value".into()),
    }
}

fn problems(field: MetadataField, at: &JsonPath, value: &Value) -> Result<(), String> {
    match check_value(field, at, value).into_iter().next() {
        Some(problem) => Err(problem.to_string()),
        None => Ok(()),
    }
}

/// A key name that may be added to (or renamed within) `object`.
fn check_new_key(
    state: &State,
    field: MetadataField,
    object: &JsonPath,
    text: &str,
    current: Option<&str>,
) -> Result<String, String> {
    let key = text.trim().to_string();
    if key.is_empty() {
        return Err("a key needs a name".into());
    }
    if let Some(problem) = check_key(field, &object.clone().key(key.clone()), &key) {
        return Err(problem.to_string());
    }
    let exists = state
        .user
        .as_ref()
        .and_then(|v| object.get(v.pane_for(field).current()))
        .and_then(Value::as_object)
        .is_some_and(|m| m.contains_key(&key));
    if exists && current != Some(key.as_str()) {
        return Err(format!("there is already a key \"{key}\" here"));
    }
    Ok(key)
}
