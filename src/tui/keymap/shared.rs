//! Bindings several tables share: moving, and help.

use crossterm::event::KeyCode;

use super::binding::Key::{Char, Code, Ctrl};
use super::binding::{bind, Binding};
use crate::tui::msg::Intent;

pub(super) const MOVES: [Binding; 6] = [
    bind(&[Char('j'), Code(KeyCode::Down)], Intent::Down, "down", false),
    bind(&[Char('k'), Code(KeyCode::Up)], Intent::Up, "up", false),
    bind(
        &[Code(KeyCode::PageDown), Ctrl('f')],
        Intent::PageDown,
        "page down",
        false,
    ),
    bind(&[Code(KeyCode::PageUp), Ctrl('b')], Intent::PageUp, "page up", false),
    bind(&[Char('g'), Code(KeyCode::Home)], Intent::Top, "first", false),
    bind(&[Char('G'), Code(KeyCode::End)], Intent::Bottom, "last", false),
];

/// `←` / `→` where lines longer than the box end with `…`.
pub(super) const SIDEWAYS: [Binding; 2] = [
    bind(&[Code(KeyCode::Left)], Intent::ScrollLeft, "scroll left", false),
    bind(
        &[Code(KeyCode::Right)],
        Intent::ScrollRight,
        "scroll right (lines ending …)",
        false,
    ),
];

/// `?` in an overlay that takes no text; `F1` where text is typed.
pub(super) const HELP: Binding = bind(&[Char('?')], Intent::Help, "help", false);
pub(super) const HELP_IN_TEXT: Binding = bind(&[Code(KeyCode::F(1))], Intent::Help, "help", false);
