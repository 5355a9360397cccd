//! The query input: Auth0 Lucene syntax, with a reminder of how it works.

use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;

use super::{centered, hints};
use crate::tui::keymap;
use crate::tui::state::SearchInput;
use crate::tui::theme::Theme;

pub fn draw(input: &SearchInput, frame: &mut Frame, area: Rect, theme: Theme) {
    let popup = centered(area, area.width.saturating_sub(8).min(90), 3);
    let popup = Rect { y: area.y + 1, ..popup };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(match &input.error {
            Some(error) => Span::styled(format!(" ✗ {error} "), theme.error()),
            None => Span::styled(
                " search users (Lucene: email:jane*  app_metadata.plan:\"pro\"  email.domain:example.com) ",
                theme.title(),
            ),
        })
        .title_bottom(Span::styled(hints(&keymap::SEARCH, |_| None), theme.dim()));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(&input.text, inner);
}
