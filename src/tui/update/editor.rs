//! The editors: typing, committing (Enter, or Ctrl-S for JSON) and cancelling.
//! What was typed turns into an edit only when it is valid; otherwise the editor stays
//! open with the reason in its title and the text as typed.

use crossterm::event::KeyEvent;
use serde_json::Value;

use super::commit::commit;
use crate::domain::kind::parse_number;
use crate::domain::number::out_of_range;
use crate::domain::validate::{check_key, check_value, parse_json, parse_literal};
use crate::domain::{Edit, JsonPath, MetadataField, Segment, ValueKind};
use crate::tui::effect::Effect;
use crate::tui::msg::Intent;
use crate::tui::state::{Editor, EditorPurpose, Overlay, State};

/// The editor's own keys: Submit commits (Enter, or Ctrl-S for JSON), Cancel closes,
/// unless changed JSON would be lost: then it asks, and Discard confirms.
pub fn editor_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let page = state.overlay_rows().saturating_sub(2).max(1);
    let Some(Overlay::Editor(editor)) = &mut state.overlay else {
        return Vec::new();
    };
    let json = matches!(editor.purpose, EditorPurpose::Json { .. });
    match intent {
        Intent::Submit => submit(state),
        Intent::Cancel if json && editor.text() != editor.initial => {
            editor.confirm_discard = true;
            Vec::new()
        }
        Intent::Cancel | Intent::Discard => {
            state.overlay = None;
            Vec::new()
        }
        // Only text can hold a line break; elsewhere it would only make the input invalid.
        Intent::PageDown | Intent::PageUp => {
            let step = match intent {
                Intent::PageDown => ratatui_textarea::CursorMove::Down,
                _ => ratatui_textarea::CursorMove::Up,
            };
            for _ in 0..page {
                editor.text.move_cursor(step);
            }
            Vec::new()
        }
        Intent::NewLine if text_value(&editor.purpose) => {
            editor.text.insert_newline();
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn text_value(purpose: &EditorPurpose) -> bool {
    matches!(
        purpose,
        EditorPurpose::Value {
            kind: ValueKind::String,
            ..
        }
    )
}

/// A key typed into the editor; a JSON text is checked as it changes.
pub fn editor_text(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let Some(Overlay::Editor(editor)) = &mut state.overlay else {
        return Vec::new();
    };
    if std::mem::take(&mut editor.confirm_discard) {
        return Vec::new(); // the key that answered "keep editing" is not typed too
    }
    if !matches!(editor.purpose, EditorPurpose::Json { .. }) {
        crate::tui::overlay::type_line_key(&mut editor.text, key);
        editor.error = None;
        return Vec::new();
    }
    // A key that changed nothing (a cursor move) leaves the last check standing: a large
    // text is not parsed again for it.
    if !editor.text.input(key) {
        return Vec::new();
    }
    let long = editor.text.lines().iter().map(|l| l.len() + 1).sum::<usize>() > CHECK_AT_ONCE;
    editor.check_owed = long.then_some(0);
    editor.error = if long { None } else { check(editor) };
    Vec::new()
}

/// JSON texts up to this size are checked on every key; longer ones when typing pauses.
pub const CHECK_AT_ONCE: usize = 64 * 1024;
/// Ticks (100 ms each) without a key before a long text is checked.
const QUIET_TICKS: u8 = 2;

fn check(editor: &crate::tui::state::Editor) -> Option<String> {
    parse_json(&editor.text()).err().map(|e| e.to_string())
}

/// A tick: a long JSON text is checked once no key came for `QUIET_TICKS` ticks.
pub fn editor_tick(state: &mut State) {
    let Some(Overlay::Editor(editor)) = &mut state.overlay else {
        return;
    };
    let Some(quiet) = editor.check_owed else { return };
    if quiet + 1 < QUIET_TICKS {
        editor.check_owed = Some(quiet + 1);
        return;
    }
    editor.check_owed = None;
    editor.error = check(editor);
}

/// Turns the editor's text into an edit; on a problem the editor stays open with it.
fn submit(state: &mut State) -> Vec<Effect> {
    let Some(Overlay::Editor(editor)) = &state.overlay else {
        return Vec::new();
    };
    let text = editor.text();
    let purpose = editor.purpose.clone();
    let outcome = match purpose {
        EditorPurpose::AddKey {
            field,
            object,
            position,
        } => match check_new_key(state, field, &object, &text, None) {
            Ok(key) => {
                let next = EditorPurpose::AddValue {
                    field,
                    parent: object,
                    position,
                    key: Some(key),
                };
                state.overlay = Some(Editor::open(next, String::new()));
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

fn edit_from(state: &State, purpose: EditorPurpose, text: &str) -> Result<(MetadataField, Edit), String> {
    match purpose {
        EditorPurpose::Value { field, path, kind } => {
            let value = value_from(kind, text)?;
            problems(field, &path, &value)?;
            Ok((field, Edit::Set { path, value }))
        }
        EditorPurpose::Json { field, path } => {
            let value = json_from(field, &path, text)?;
            Ok((field, Edit::Set { path, value }))
        }
        EditorPurpose::AddValue {
            field,
            parent,
            position,
            key,
        } => insert_from(field, parent, position, key, text).map(|edit| (field, edit)),
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

/// A scalar typed for a value of `kind`: a string as typed, else read as its kind.
fn value_from(kind: ValueKind, text: &str) -> Result<Value, String> {
    Ok(match kind {
        ValueKind::String => Value::String(text.to_string()),
        ValueKind::Number => match out_of_range(text) {
            Some(problem) => return Err(problem),
            None => parse_number(text.trim()).ok_or_else(|| format!("not a number: {text}"))?,
        },
        ValueKind::Bool => match text.trim() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err("a boolean is true or false (t changes the type)".into()),
        },
        _ => parse_literal(text).map_err(|e| e.to_string())?,
    })
}

/// A JSON text for the node at `path`; at a document's root, each root key is checked.
/// JSON written elsewhere (`v`, the user's own editor) for the node at `path`, checked
/// as `E` checks it and made one undoable edit.
pub(super) fn commit_json(
    state: &mut State,
    field: MetadataField,
    path: JsonPath,
    text: &str,
) -> Result<Vec<Effect>, String> {
    let value = json_from(field, &path, text)?;
    commit(state, field, Edit::Set { path, value })
}

fn json_from(field: MetadataField, path: &JsonPath, text: &str) -> Result<Value, String> {
    let value = parse_json(text).map_err(|e| e.to_string())?;
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
        (_, true) => return Err(format!("{field} must be a JSON object")),
        _ => problems(field, path, &value)?,
    }
    Ok(value)
}

/// A new key's value or a new array item.
fn insert_from(
    field: MetadataField,
    parent: JsonPath,
    position: usize,
    key: Option<String>,
    text: &str,
) -> Result<Edit, String> {
    let value = parse_literal(text).map_err(|e| e.to_string())?;
    let at = match &key {
        Some(k) => parent.clone().key(k.clone()),
        None => parent.clone().index(position),
    };
    problems(field, &at, &value)?;
    Ok(match key {
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
    })
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
        .user()
        .and_then(|v| v.pane_for(field).current().keys_at(object))
        .is_some_and(|keys| keys.contains(&key));
    if exists && current != Some(key.as_str()) {
        return Err(format!("there is already a key \"{key}\" here"));
    }
    Ok(key)
}
