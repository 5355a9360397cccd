//! The menu `y` opens: one letter per form of what can be copied.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::centered;
use crate::tui::keymap::KeyTable;
use crate::tui::theme::Theme;

pub fn draw(table: &KeyTable, frame: &mut Frame, area: Rect, theme: Theme) {
    let lines: Vec<Line> = table
        .bindings
        .iter()
        .filter(|b| b.footer)
        .map(|b| {
            Line::from(vec![
                Span::styled(format!(" {:<5}", b.keys_label()), theme.footer_key()),
                Span::raw(b.label),
            ])
        })
        .collect();
    let popup = centered(area, 36, lines.len() as u16 + 2);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(Span::styled(" copy ", theme.title()));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
