//! A one-line text input in a box near the top, its title saying what to type (or why
//! the text was refused), its keys on the bottom border.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;
use ratatui_textarea::TextArea;

use super::{centered, hints};
use crate::tui::keymap::KeyTable;
use crate::tui::theme::Theme;

pub struct InputBox<'a> {
    pub text: &'a TextArea<'static>,
    /// What to type; replaced by `error` while there is one.
    pub prompt: String,
    pub error: Option<&'a str>,
    pub table: &'static KeyTable,
    pub width: u16,
    pub border: Style,
}

pub fn draw(input: InputBox<'_>, frame: &mut Frame, area: Rect, theme: Theme) {
    let popup = centered(area, area.width.saturating_sub(8).min(input.width), 3);
    let popup = Rect { y: area.y + 1, ..popup };
    let title = match input.error {
        Some(error) => Span::styled(format!(" ✗ {error} "), theme.error()),
        None => Span::styled(format!(" {} ", input.prompt), input.border.patch(theme.title())),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(input.border)
        .title(title)
        .title_bottom(Span::styled(hints(input.table, |_| None), theme.dim()));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(input.text, inner);
}
