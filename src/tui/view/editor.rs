//! The overlays of editing: the value and JSON editors, the key prompts, the type menu,
//! and the questions asked before losing anything.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::centered;
use crate::domain::{JsonPath, MetadataField, ValueKind};
use crate::tui::state::{Confirm, Editor, EditorPurpose, TypeMenu};
use crate::tui::theme::Theme;

fn full(field: MetadataField, path: &JsonPath) -> String {
    let rest = path.to_string();
    match rest.chars().next() {
        None => field.name().to_string(),
        Some('[') => format!("{field}{rest}"),
        Some(_) => format!("{field}.{rest}"),
    }
}

fn describe(purpose: &EditorPurpose) -> (String, &'static str) {
    match purpose {
        EditorPurpose::Value { field, path, kind } => {
            let hint = if *kind == ValueKind::String {
                "text, no quotes needed"
            } else {
                "a JSON value"
            };
            (
                format!(" edit {} ({kind}: {hint}) ", full(*field, path)),
                " Enter save · Esc cancel ",
            )
        }
        EditorPurpose::Json { field, path } => (
            format!(" edit {} as JSON ", full(*field, path)),
            " Ctrl-S save · Esc cancel ",
        ),
        EditorPurpose::AddKey { field, object, .. } => (
            format!(" new key in {} ", full(*field, object)),
            " Enter next: its value · Esc cancel ",
        ),
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
            " Enter add · Esc cancel ",
        ),
        EditorPurpose::AddValue { field, parent, .. } => (
            format!(" new item in {} (JSON; a bare word is a string) ", full(*field, parent)),
            " Enter add · Esc cancel ",
        ),
        EditorPurpose::Rename { field, path } => (
            format!(" rename {} ", full(*field, path)),
            " Enter rename · Esc cancel ",
        ),
    }
}

pub fn draw_editor(editor: &Editor, frame: &mut Frame, area: Rect, theme: Theme) {
    let json = matches!(editor.purpose, EditorPurpose::Json { .. });
    let (title, keys) = describe(&editor.purpose);
    let height = if json { area.height.saturating_sub(2) } else { 3 };
    let popup = centered(area, area.width.saturating_sub(6).min(100), height);
    let (title, title_style) = match (&editor.error, editor.confirm_discard) {
        (_, true) => (
            " discard the changed text? y discards, any other key keeps editing ".to_string(),
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
            .title(Span::styled(title, title_style))
            .title_bottom(Span::styled(keys, theme.dim())),
    );
    text.set_cursor_line_style(Style::default());
    frame.render_widget(Clear, popup);
    frame.render_widget(&text, popup);
}

pub fn draw_type_menu(menu: &TypeMenu, frame: &mut Frame, area: Rect, theme: Theme) {
    let lines: Vec<Line> = ValueKind::ALL
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let style = if i == menu.selected {
                theme.selected()
            } else {
                Style::default()
            };
            Line::from(Span::styled(format!("  {:<10}", kind.name()), style))
        })
        .collect();
    let popup = centered(area, 44, lines.len() as u16 + 2);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            format!(" type of {} ", full(menu.field, &menu.path)),
            theme.title(),
        ))
        .title_bottom(Span::styled(" j/k choose · Enter convert · Esc ", theme.dim()));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// A question with its answers, in the middle of the screen.
pub fn draw_question(title: &str, text: &str, keys: &str, frame: &mut Frame, area: Rect, theme: Theme) {
    let popup = centered(area, 64, 6);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.error())
        .title(Span::styled(format!(" {title} "), theme.title()))
        .title_bottom(Span::styled(format!(" {keys} "), theme.footer_key()));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(text.to_string()).wrap(Wrap { trim: true }).block(block),
        popup,
    );
}

pub fn draw_confirm(confirm: &Confirm, frame: &mut Frame, area: Rect, theme: Theme) {
    let text = match confirm {
        Confirm::Delete { field, what, .. } => {
            format!("Delete {field}.{what}? The deletion stays pending until you apply it, and u undoes it.")
        }
        Confirm::Clear { field, keys } => format!(
            "Clear all of {field} ({keys} keys)? Applying sends {{}}, which also removes keys added on the server meanwhile. u undoes it before then."
        ),
    };
    draw_question("delete", &text, "y yes · any other key keeps it", frame, area, theme);
}

pub fn draw_leave(quit: bool, pending: usize, frame: &mut Frame, area: Rect, theme: Theme) {
    let verb = if quit { "Quitting" } else { "Leaving this user" };
    let text = format!(
        "{verb} with {pending} pending edit{} not sent.",
        if pending == 1 { "" } else { "s" }
    );
    draw_question(
        "unsent edits",
        &text,
        "p preview and apply · k keep as draft · d discard · Esc stay",
        frame,
        area,
        theme,
    );
}
