//! The history list: changes applied to this user from here, newest first.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::{hints, popup};
use crate::domain::field_path::join;
use crate::tui::keymap;
use crate::tui::state::HistoryList;
use crate::tui::theme::Theme;

pub fn draw_history(history: &HistoryList, frame: &mut Frame, area: Rect, theme: Theme) {
    let mut lines = Vec::new();
    if history.entries.is_empty() {
        lines.push(Line::from(Span::styled(
            "No change to this user has been applied from here yet.",
            theme.dim(),
        )));
    }
    for (i, entry) in history.entries.iter().enumerate() {
        let outcome = entry.result().map_or("sending?", |o| o.word());
        let text = format!("{}  {outcome:<8}  {}", entry.time, join(&entry.touched_keys()));
        let style = if i == history.cursor {
            theme.selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" applied changes, newest first ", theme.title()))
        .title_bottom(Span::styled(hints(&keymap::HISTORY, |_| None), theme.footer_key()));
    let area = popup(area);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
