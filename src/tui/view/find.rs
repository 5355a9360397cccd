//! The input of the search in the trees.

use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;

use super::{centered, hints};
use crate::tui::keymap;
use crate::tui::state::FindInput;
use crate::tui::theme::Theme;

pub fn draw(input: &FindInput, frame: &mut Frame, area: Rect, theme: Theme) {
    let popup = centered(area, area.width.saturating_sub(8).min(80), 3);
    let popup = Rect { y: area.y + 1, ..popup };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(match &input.error {
            Some(error) => Span::styled(format!(" ✗ {error} "), theme.error()),
            None => Span::styled(
                " find in both trees (lower case ignores case; key:… or value:… narrows) ",
                theme.title(),
            ),
        })
        .title_bottom(Span::styled(hints(&keymap::FIND, |_| None), theme.dim()));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(&input.text, inner);
}
