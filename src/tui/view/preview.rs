//! The merge preview: the request, the body, problems and warnings, then the diffs.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::{clip, hints, popup};
use crate::domain::diff::{DiffLine, LineKind};
use crate::text::{visible_json, visible_key};
use crate::tui::keymap;
use crate::tui::msg::Intent;
use crate::tui::preview_screen::NoteKind;
use crate::tui::state::{PreviewItem, PreviewScreen};
use crate::tui::theme::Theme;

/// Every text of the preview comes from data (keys, values, the server's messages) and
/// goes through `visible_json`: JSON keys as keys, the rest as values.
fn line(item: PreviewItem<'_>, theme: Theme) -> Line<'static> {
    let shown = |text: &str| visible_json(text).into_owned();
    match item {
        PreviewItem::Title(text) => Line::from(Span::styled(shown(&text), theme.title())),
        PreviewItem::Section(text) => Line::from(Span::styled(format!("── {}", shown(&text)), theme.title())),
        PreviewItem::RootKey(at, what) => Line::from(vec![
            Span::styled(format!("  {}", visible_key(&at.to_string())), theme.key()),
            Span::raw(format!("  {}", shown(what))),
        ]),
        PreviewItem::Hint(text) => Line::from(Span::styled(format!("  {}", shown(text)), theme.dim())),
        PreviewItem::Note(NoteKind::Error, text) => {
            Line::from(Span::styled(format!("  {}", shown(text)), theme.error()))
        }
        PreviewItem::Note(NoteKind::Warning, text) => {
            Line::from(Span::styled(format!("  {}", shown(text)), theme.boolean()))
        }
        PreviewItem::Plain(text) => Line::from(shown(text)),
        PreviewItem::Blank => Line::default(),
        PreviewItem::Diff(diff) => diff_line(diff, theme),
    }
}

/// One line of a structural diff: its sign and colour by kind, indented by depth.
pub fn diff_line(diff: &DiffLine, theme: Theme) -> Line<'static> {
    let (prefix, style) = match diff.kind {
        LineKind::Context => ("  ", Style::default()),
        LineKind::Added => ("+ ", theme.string()),
        LineKind::Removed => ("- ", theme.error()),
        LineKind::Changed => ("~ ", theme.boolean()),
        LineKind::Reordered => ("↕ ", theme.boolean()),
        LineKind::Folded => ("  ", theme.dim()),
    };
    let indent = "  ".repeat(diff.depth);
    Line::from(Span::styled(
        format!("{prefix}{indent}{}", visible_json(&diff.text)),
        style,
    ))
}

pub fn draw_preview(screen: &PreviewScreen, frame: &mut Frame, area: Rect, theme: Theme) {
    let area = popup(area);
    let rows = usize::from(area.height.saturating_sub(2));
    let width = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = screen
        .items()
        .skip(screen.scroll)
        .take(rows)
        .map(|item| clip(line(item, theme), screen.hscroll, width))
        .collect();
    let blocked = screen.preview.is_blocked();
    let keys = hints(&keymap::PREVIEW, |b| {
        (b.intent == Intent::Submit && blocked).then_some("")
    });
    let shown_to = (screen.scroll + rows).min(screen.line_count());
    let position = format!(" lines {}-{shown_to} of {} ", screen.scroll + 1, screen.line_count());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(Span::styled(" preview: exactly what will be sent ", theme.title()))
        .title(Line::from(Span::styled(position, theme.dim())).right_aligned())
        .title_bottom(Span::styled(keys, theme.footer_key()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
