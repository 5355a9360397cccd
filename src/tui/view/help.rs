//! `?`: every key of the current screen, from the same table that dispatches them.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::{centered, keys_label};
use crate::tui::keymap;
use crate::tui::state::{Screen, State};
use crate::tui::theme::Theme;

pub fn draw(state: &State, frame: &mut Frame, area: Rect, theme: Theme) {
    let screen = match state.screen {
        Screen::List => "users list",
        Screen::User => "user view",
    };
    let bindings: Vec<_> = keymap::table(state).iter().chain(keymap::GLOBAL).collect();
    let lines: Vec<Line> = bindings
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!("  {:<16}", keys_label(b)), theme.footer_key()),
                Span::raw(b.label),
            ])
        })
        .collect();
    let popup = centered(area, 52, lines.len() as u16 + 2);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" keys: {screen} "), theme.title()))
        .title_bottom(Span::styled(" any key closes ", theme.dim()));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
