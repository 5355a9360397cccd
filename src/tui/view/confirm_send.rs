//! The last question before a production tenant is changed: its name, typed.

use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;

use super::{centered, hints};
use crate::tui::keymap;
use crate::tui::state::ConfirmSend;
use crate::tui::theme::Theme;

pub fn draw(confirm: &ConfirmSend, frame: &mut Frame, area: Rect, theme: Theme) {
    let popup = centered(area, area.width.saturating_sub(8).min(80), 3);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.production())
        .title(match &confirm.error {
            Some(error) => Span::styled(format!(" ✗ {error} "), theme.error()),
            None => Span::styled(
                format!(" {} is a production tenant: type its name to send ", confirm.tenant),
                theme.production(),
            ),
        })
        .title_bottom(Span::styled(hints(&keymap::CONFIRM_SEND, |_| None), theme.dim()));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(&confirm.text, inner);
}
