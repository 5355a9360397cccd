//! `M`: the recent status messages, newest first, in full.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::hints;
use crate::text::visible;
use crate::tui::keymap;
use crate::tui::state::{State, Status};
use crate::tui::theme::Theme;

pub fn draw(state: &State, frame: &mut Frame, area: Rect, theme: Theme) {
    let lines: Vec<Line> = match state.messages.is_empty() {
        true => vec![Line::from(Span::styled(" no messages yet", theme.dim()))],
        false => state
            .messages
            .iter()
            .rev()
            .map(|status| match status {
                Status::Error(text) => Line::from(Span::styled(format!("✗ {}", visible(text)), theme.error())),
                Status::Info(text) => Line::from(Span::styled(format!("✓ {}", visible(text)), theme.info())),
                _ => Line::default(),
            })
            .collect(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(Span::styled(" recent messages, newest first ", theme.title()))
        .title_bottom(Span::styled(hints(&keymap::MESSAGES, |_| None), theme.dim()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}
