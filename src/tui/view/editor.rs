//! The value and JSON editors and the key prompts.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;

use super::{centered, hints};
use crate::domain::{FieldPath, JsonPath, MetadataField, ValueKind};
use crate::text::visible_key;
use crate::tui::keymap;
use crate::tui::msg::Intent;
use crate::tui::state::{Editor, EditorPurpose, State};
use crate::tui::theme::Theme;

fn full(field: MetadataField, path: &JsonPath) -> String {
    FieldPath::new(field, path.clone()).to_string()
}

/// The editor's title, and what its Submit key does.
fn describe(purpose: &EditorPurpose) -> (String, &'static str) {
    match purpose {
        EditorPurpose::Value { field, path, kind } => {
            let hint = if *kind == ValueKind::String {
                "text, no quotes needed"
            } else {
                "a JSON value"
            };
            (format!(" edit {} ({kind}: {hint}) ", full(*field, path)), "save")
        }
        EditorPurpose::Json { field, path } => (format!(" edit {} as JSON ", full(*field, path)), "save"),
        EditorPurpose::AddKey { field, object, .. } => {
            (format!(" new key in {} ", full(*field, object)), "next: its value")
        }
        EditorPurpose::AddValue {
            field,
            parent,
            key: Some(key),
            ..
        } => (
            format!(
                " value of {} (JSON; a bare word is a string) ",
                full(*field, &parent.clone().key(key.clone()))
            ),
            "add",
        ),
        EditorPurpose::AddValue { field, parent, .. } => (
            format!(" new item in {} (JSON; a bare word is a string) ", full(*field, parent)),
            "add",
        ),
        EditorPurpose::Rename { field, path } => (format!(" rename {} ", full(*field, path)), "rename"),
    }
}

pub fn draw_editor(state: &State, editor: &Editor, frame: &mut Frame, area: Rect, theme: Theme) {
    let json = matches!(editor.purpose, EditorPurpose::Json { .. });
    let (title, submit) = describe(&editor.purpose);
    let text_value = matches!(
        editor.purpose,
        EditorPurpose::Value {
            kind: ValueKind::String,
            ..
        }
    );
    let keys = hints(keymap::table(state), |b| match b.intent {
        Intent::Submit => Some(submit),
        Intent::NewLine if !text_value => Some(""),
        _ => None,
    });
    // A value shows every line it has (a multi-line string), up to the room there is.
    let lines = editor.text.lines().len() as u16;
    let height = if json {
        area.height.saturating_sub(2)
    } else {
        (lines + 2).clamp(3, area.height.saturating_sub(2).max(3))
    };
    let popup = centered(area, area.width.saturating_sub(6).min(100), height);
    let (title, title_style) = match (&editor.error, editor.confirm_discard) {
        (_, true) => (
            " discard the changed text? any other key keeps editing ".to_string(),
            theme.error(),
        ),
        (Some(error), _) => (format!(" ✗ {error} "), theme.error()),
        (None, _) => (title, theme.title()),
    };
    let mut text = editor.text.clone();
    text.set_block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(if editor.error.is_some() {
                theme.error()
            } else {
                theme.border_focused()
            })
            .title(Span::styled(visible_key(&title).into_owned(), title_style))
            .title_bottom(Span::styled(keys, theme.dim())),
    );
    text.set_cursor_line_style(Style::default());
    frame.render_widget(Clear, popup);
    frame.render_widget(&text, popup);
}
