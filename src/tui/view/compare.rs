//! Two users' metadata as one diff, scrollable.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::hints;
use super::preview::diff_line;
use crate::text::{visible_json, visible_key};
use crate::tui::compare_screen::{CompareItem, CompareScreen};
use crate::tui::keymap;
use crate::tui::theme::Theme;

pub fn draw(screen: &CompareScreen, frame: &mut Frame, area: Rect, theme: Theme) {
    let rows = usize::from(area.height.saturating_sub(2));
    let width = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = screen
        .items
        .iter()
        .skip(screen.scroll)
        .take(rows)
        .map(|item| match item {
            CompareItem::Heading(text) => Line::from(Span::styled(visible_json(text).into_owned(), theme.title())),
            CompareItem::Same(text) => Line::from(Span::styled(visible_json(text).into_owned(), theme.dim())),
            CompareItem::Diff(line) => diff_line(line, theme),
        })
        .map(|line| super::clip(line, screen.hscroll, width))
        .collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(Span::styled(
            format!(
                " compare: {} → {} (+ only the second has it, - only the first) ",
                visible_key(&screen.left),
                visible_key(&screen.right)
            ),
            theme.title(),
        ))
        .title_bottom(Span::styled(hints(&keymap::COMPARE, |_| None), theme.dim()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
