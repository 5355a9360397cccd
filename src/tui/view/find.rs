//! The input of the search in the trees.

use ratatui::layout::Rect;
use ratatui::Frame;

use super::input::{self, InputBox};
use crate::tui::keymap;
use crate::tui::state::FindInput;
use crate::tui::theme::Theme;

pub fn draw(find: &FindInput, frame: &mut Frame, area: Rect, theme: Theme) {
    let input = InputBox {
        text: &find.text,
        prompt: "find in both trees (lower case ignores case; key:… or value:… narrows)".into(),
        error: find.error.as_deref(),
        table: &keymap::FIND,
        width: 80,
        border: theme.border_focused(),
    };
    input::draw(input, frame, area, theme);
}
