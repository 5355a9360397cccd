//! The history list: changes applied to this user from here, newest first, each with
//! its outcome and what it changed; Enter shows one in full.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;
use serde_json::Value;

use super::{hints, popup};
use crate::domain::diff::{diff, lines, LineKind};
use crate::storage::journal::Entry;
use crate::text::visible_json;
use crate::tui::keymap;
use crate::tui::state::HistoryList;
use crate::tui::theme::Theme;

pub fn draw_history(history: &HistoryList, frame: &mut Frame, area: Rect, theme: Theme) {
    let area = popup(area);
    let rows = usize::from(area.height.saturating_sub(2));
    let chosen = history.entries.get(history.cursor).filter(|_| history.detail);
    let (title, lines, table) = match chosen {
        Some(entry) => (" one applied change ", detail(entry, theme), &keymap::HISTORY_ENTRY),
        None => (
            " applied changes, newest first ",
            list(history, rows, theme),
            &keymap::HISTORY,
        ),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme.title()))
        .title_bottom(Span::styled(hints(table, |_| None), theme.footer_key()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn outcome(entry: &Entry) -> &'static str {
    entry.result().map_or("sending?", |o| o.word())
}

fn list(history: &HistoryList, rows: usize, theme: Theme) -> Vec<Line<'static>> {
    if history.entries.is_empty() {
        return vec![Line::from(Span::styled(
            "No change to this user has been applied from here yet.",
            theme.dim(),
        ))];
    }
    let skip = history.cursor.saturating_sub(rows.saturating_sub(1));
    history
        .entries
        .iter()
        .enumerate()
        .skip(skip)
        .take(rows)
        .map(|(i, entry)| {
            let mut text = format!("{}  {:<8}  {}", entry.time, outcome(entry), entry.summary());
            if let Some(reverted) = &entry.reverts {
                text.push_str(&format!("  ↩ reverts {reverted}"));
            }
            let style = if i == history.cursor {
                theme.selected()
            } else {
                Style::default()
            };
            Line::from(Span::styled(safe(text), style))
        })
        .collect()
}

fn detail(entry: &Entry, theme: Theme) -> Vec<Line<'static>> {
    let mut out = vec![
        Line::from(safe(format!("{}  {}  {}", entry.time, outcome(entry), entry.user_id))),
        Line::from(Span::styled(safe(format!("entry {}", entry.id)), theme.dim())),
    ];
    if let Some(reverted) = &entry.reverts {
        out.push(Line::from(safe(format!("reverted entry {reverted}"))));
    }
    for (at, before, after) in entry.changes() {
        out.push(Line::default());
        out.push(Line::from(Span::styled(safe(format!("── {at}")), theme.key())));
        let changed = match (&before, &after) {
            (Some(a), Some(b)) => lines(&diff(a, b)),
            _ => Vec::new(),
        };
        let shown = |v: &Option<Value>| v.as_ref().map_or("(absent)".to_string(), Value::to_string);
        if changed.is_empty() {
            out.push(Line::from(safe(format!("  {} → {}", shown(&before), shown(&after)))));
        }
        for line in changed {
            let (prefix, style) = match line.kind {
                LineKind::Added => ("+ ", theme.string()),
                LineKind::Removed => ("- ", theme.error()),
                LineKind::Changed | LineKind::Reordered => ("~ ", theme.boolean()),
                LineKind::Context => ("  ", Style::default()),
                LineKind::Folded => ("  ", theme.dim()),
            };
            let indent = "  ".repeat(line.depth);
            out.push(Line::from(Span::styled(
                safe(format!("{prefix}{indent}{}", line.text)),
                style,
            )));
        }
    }
    out
}

/// The journal is data too (ids, keys, values): shown through `visible_json`.
fn safe(text: String) -> String {
    visible_json(&text).into_owned()
}
