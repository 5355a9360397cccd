//! The conflict screen: for each key both sides changed, their change, yours, and the
//! three values in full.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::{clip, hints, popup};
use crate::domain::diff::LineKind;
use crate::text::visible_json;
use crate::tui::conflict_screen::ConflictLineKind;
use crate::tui::keymap;
use crate::tui::state::ConflictScreen;
use crate::tui::theme::Theme;

pub fn draw_conflict(screen: &ConflictScreen, frame: &mut Frame, area: Rect, theme: Theme) {
    let area = popup(area);
    let rows = usize::from(area.height.saturating_sub(2));
    let width = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = screen
        .lines
        .iter()
        .skip(screen.scroll)
        .take(rows)
        .map(|(kind, depth, text)| {
            let indent = "  ".repeat(*depth);
            let (prefix, style) = match kind {
                ConflictLineKind::Text => ("", Style::default()),
                ConflictLineKind::Heading => ("", theme.key()),
                ConflictLineKind::Label => ("", theme.title()),
                ConflictLineKind::Dim => ("", theme.dim()),
                ConflictLineKind::Diff(LineKind::Added) => ("+ ", theme.string()),
                ConflictLineKind::Diff(LineKind::Removed) => ("- ", theme.error()),
                ConflictLineKind::Diff(LineKind::Changed | LineKind::Reordered) => ("~ ", theme.boolean()),
                ConflictLineKind::Diff(_) => ("  ", theme.dim()),
            };
            let line = Line::from(Span::styled(format!("{indent}{prefix}{}", visible_json(text)), style));
            clip(line, screen.hscroll, width)
        })
        .collect();
    let position = format!(
        " lines {}-{} of {} ",
        screen.scroll + 1,
        (screen.scroll + rows).min(screen.lines.len()),
        screen.lines.len()
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.error())
        .title(Span::styled(
            if screen.from_draft {
                " the restored draft would overwrite changes made on the server "
            } else {
                " conflict: nothing was sent "
            },
            theme.error(),
        ))
        .title(Line::from(Span::styled(position, theme.dim())).right_aligned())
        .title_bottom(Span::styled(
            hints(
                if screen.from_draft {
                    &keymap::DRAFT_CONFLICT
                } else {
                    &keymap::CONFLICT
                },
                |_| None,
            ),
            theme.footer_key(),
        ));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
