//! The query input: Auth0 Lucene syntax, with a reminder of how it works.

use ratatui::layout::Rect;
use ratatui::Frame;

use super::input::{self, InputBox};
use crate::tui::keymap;
use crate::tui::state::SearchInput;
use crate::tui::theme::Theme;

pub fn draw(search: &SearchInput, frame: &mut Frame, area: Rect, theme: Theme) {
    let input = InputBox {
        text: &search.text,
        prompt: "search users (Lucene: email:jane*  app_metadata.plan:\"pro\"  email.domain:example.com)".into(),
        error: search.error.as_deref(),
        table: &keymap::SEARCH,
        width: 90,
        border: theme.border_focused(),
    };
    input::draw(input, frame, area, theme);
}
