//! The tables of the navigation overlays: find, copy, the editor hand-off, messages,
//! compare, and the production confirm.

use crossterm::event::KeyCode;

use super::binding::Key::{Char, Code};
use super::binding::{bind, KeyTable};
use super::shared::{HELP, HELP_IN_TEXT, MOVES, SIDEWAYS};
use crate::domain::copy::CopyForm;
use crate::tui::msg::{Copying, Intent};

pub const COMPARE: KeyTable = KeyTable {
    title: "compare two users",
    text_input: false,
    bindings: &[
        bind(&[Char('j'), Code(KeyCode::Down)], Intent::Down, "scroll", true),
        MOVES[1],
        MOVES[2],
        MOVES[3],
        MOVES[4],
        MOVES[5],
        SIDEWAYS[0],
        SIDEWAYS[1],
        bind(&[Char('e')], Intent::Expand, "long values in full / folded", true),
        bind(&[Code(KeyCode::Esc)], Intent::Cancel, "close", true),
        HELP,
    ],
};

pub const MESSAGES: KeyTable = KeyTable {
    title: "recent messages",
    text_input: false,
    bindings: &[
        bind(&[Code(KeyCode::Esc), Char('M')], Intent::Cancel, "close", true),
        HELP,
    ],
};

pub const EDITOR_FAILED: KeyTable = KeyTable {
    title: "your editor's text is not valid",
    text_input: false,
    bindings: &[
        bind(
            &[Char('v'), Code(KeyCode::Enter)],
            Intent::OpenInEditor,
            "reopen it (text kept)",
            true,
        ),
        bind(&[Char('d'), Code(KeyCode::Esc)], Intent::Discard, "drop the text", true),
        HELP,
    ],
};

pub const COPY_NODE: KeyTable = KeyTable {
    title: "copy",
    text_input: false,
    bindings: &[
        bind(
            &[Char('y')],
            Intent::Copy(Copying::Node(CopyForm::Json)),
            "value as JSON",
            true,
        ),
        bind(
            &[Char('s')],
            Intent::Copy(Copying::Node(CopyForm::Text)),
            "string text",
            true,
        ),
        bind(&[Char('k')], Intent::Copy(Copying::Node(CopyForm::Key)), "key", true),
        bind(&[Char('p')], Intent::Copy(Copying::Node(CopyForm::Path)), "path", true),
        bind(&[Char('j')], Intent::Copy(Copying::Node(CopyForm::Jq)), "jq path", true),
        bind(
            &[Char('q')],
            Intent::Copy(Copying::Node(CopyForm::Query)),
            "Auth0 search query",
            true,
        ),
        bind(
            &[Char('a')],
            Intent::Copy(Copying::Node(CopyForm::Action)),
            "Actions expression",
            true,
        ),
        bind(&[Code(KeyCode::Esc)], Intent::Cancel, "cancel", true),
        HELP,
    ],
};

pub const COPY_USER_ROW: KeyTable = KeyTable {
    title: "copy from the list",
    text_input: false,
    bindings: &[
        bind(&[Char('i')], Intent::Copy(Copying::UserId), "user id", true),
        bind(&[Char('e')], Intent::Copy(Copying::Email), "email", true),
        bind(&[Code(KeyCode::Esc)], Intent::Cancel, "cancel", true),
        HELP,
    ],
};

pub const FIND: KeyTable = KeyTable {
    title: "find in the trees",
    text_input: true,
    bindings: &[
        bind(&[Code(KeyCode::Enter)], Intent::Submit, "find", true),
        bind(&[Code(KeyCode::Up)], Intent::Up, "the last find", false),
        bind(&[Code(KeyCode::Esc)], Intent::Cancel, "cancel", true),
        HELP_IN_TEXT,
    ],
};

pub const CONFIRM_SEND: KeyTable = KeyTable {
    title: "confirm on a production tenant",
    text_input: true,
    bindings: &[
        bind(&[Code(KeyCode::Enter)], Intent::Submit, "send", true),
        bind(&[Code(KeyCode::Esc)], Intent::Cancel, "back to the preview", true),
        HELP_IN_TEXT,
    ],
};
