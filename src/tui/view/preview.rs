//! The merge preview, the conflict screen and the history list.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::centered;
use crate::domain::validate::Severity;
use crate::preview::{DiffKind, DiffLine};
use crate::tui::state::{ConflictScreen, HistoryList, PreviewScreen};
use crate::tui::theme::Theme;

fn popup(area: Rect) -> Rect {
    centered(area, area.width.saturating_sub(4), area.height)
}

/// One line of the preview, cheap to make: only the lines on screen become `Line`s, so
/// scrolling a large body does not format all of it per frame.
enum Item<'a> {
    Title(String),
    Plain(&'a str),
    Blank,
    Styled(String, Style),
    Diff(&'a DiffLine),
}

pub fn draw_preview(screen: &PreviewScreen, frame: &mut Frame, area: Rect, theme: Theme) {
    let preview = &screen.preview;
    let notes = preview
        .problems
        .iter()
        .map(|problem| match problem.severity() {
            Severity::Error => Item::Styled(format!("error (blocks sending): {problem}"), theme.error()),
            Severity::Warning => Item::Styled(format!("warning: {problem}"), theme.boolean()),
        })
        .chain(
            preview
                .warnings
                .iter()
                .map(|w| Item::Styled(format!("warning: {w}"), theme.boolean())),
        );
    let diffs = screen.diffs.iter().flat_map(|(field, diff)| {
        [Item::Blank, Item::Title(format!("{field} on the server afterwards:"))]
            .into_iter()
            .chain(diff.iter().map(Item::Diff))
    });
    let area = popup(area);
    let rows = usize::from(area.height.saturating_sub(2));
    let lines: Vec<Line> = std::iter::once(Item::Title(preview.request_line.clone()))
        .chain(preview.body_text.lines().map(Item::Plain))
        .chain(std::iter::once(Item::Blank))
        .chain(notes)
        .chain(diffs)
        .skip(screen.scroll)
        .take(rows)
        .map(|item| match item {
            Item::Title(text) => Line::from(Span::styled(text, theme.title())),
            Item::Plain(text) => Line::from(text),
            Item::Blank => Line::default(),
            Item::Styled(text, style) => Line::from(Span::styled(text, style)),
            Item::Diff(line) => {
                let (prefix, style) = match line.kind {
                    DiffKind::Same => ("  ", Style::default()),
                    DiffKind::Added => ("+ ", theme.string()),
                    DiffKind::Removed => ("- ", theme.error()),
                    DiffKind::Folded => ("  ", theme.dim()),
                };
                Line::from(Span::styled(format!("{prefix}{}", line.text), style))
            }
        })
        .collect();
    let keys = if preview.is_blocked() {
        " Esc back to editing · j/k scroll "
    } else {
        " y/Enter send · Esc back to editing · j/k scroll "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(Span::styled(" preview: exactly what will be sent ", theme.title()))
        .title_bottom(Span::styled(keys, theme.footer_key()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn compact(value: Option<&serde_json::Value>) -> String {
    let text = value.map_or_else(|| "(absent)".to_string(), |v| v.to_string());
    if text.chars().count() > 70 {
        format!("{}…", text.chars().take(69).collect::<String>())
    } else {
        text
    }
}

pub fn draw_conflict(screen: &ConflictScreen, frame: &mut Frame, area: Rect, theme: Theme) {
    let mut lines = vec![Line::from(
        "Changed on the server since you loaded this user, and overwritten by your edits:",
    )];
    for conflict in &screen.report.overwritten {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!("{}.{}", conflict.field, conflict.key),
            theme.key(),
        )));
        lines.push(Line::from(format!(
            "  server now: {}",
            compact(conflict.server.as_ref())
        )));
        lines.push(Line::from(format!("  yours:      {}", compact(conflict.ours.as_ref()))));
    }
    if !screen.report.kept.is_empty() {
        let kept: Vec<String> = screen.report.kept.iter().map(|(f, k)| format!("{f}.{k}")).collect();
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!("Also changed there, and kept: {}", kept.join(", ")),
            theme.dim(),
        )));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.error())
        .title(Span::styled(" conflict: nothing was sent ", theme.error()))
        .title_bottom(Span::styled(
            " r rebase (your edits on the server's copy, then preview) · o overwrite · c cancel ",
            theme.footer_key(),
        ));
    let area = popup(area);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

pub fn draw_history(list: &HistoryList, frame: &mut Frame, area: Rect, theme: Theme) {
    let mut lines = Vec::new();
    if list.entries.is_empty() {
        lines.push(Line::from(Span::styled(
            "No change to this user has been applied from here yet.",
            theme.dim(),
        )));
    }
    for (i, entry) in list.entries.iter().enumerate() {
        let keys = entry.touched_keys();
        let text = format!("{}  {}", entry.time, keys.join(", "));
        let style = if i == list.cursor {
            theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" applied changes, newest first ", theme.title()))
        .title_bottom(Span::styled(
            " Enter revert (shown in the preview first) · j/k · Esc ",
            theme.footer_key(),
        ));
    let area = popup(area);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
