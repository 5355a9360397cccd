//! The last question before a production tenant is changed: its name, typed.

use ratatui::layout::Rect;
use ratatui::Frame;

use super::input::{self, InputBox};
use crate::tui::keymap;
use crate::tui::state::ConfirmSend;
use crate::tui::theme::Theme;

pub fn draw(confirm: &ConfirmSend, frame: &mut Frame, area: Rect, theme: Theme) {
    let input = InputBox {
        text: &confirm.text,
        prompt: format!("{} is a production tenant: type its name to send", confirm.tenant),
        error: confirm.error.as_deref(),
        table: &keymap::CONFIRM_SEND,
        width: 80,
        border: theme.production(),
    };
    input::draw(input, frame, area, theme);
}
