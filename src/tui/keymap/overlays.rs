//! One table per overlay: the keys each claims; a text input gets every other key.

use crossterm::event::KeyCode;

use super::binding::Key::{Alt, Char, Code, Ctrl};
use super::binding::{bind, KeyTable};
use super::shared::{HELP, HELP_IN_TEXT, MOVES, SIDEWAYS};
use crate::tui::msg::Intent;

pub const SEARCH: KeyTable = KeyTable {
    title: "search",
    text_input: true,
    bindings: &[
        bind(&[Code(KeyCode::Enter)], Intent::Submit, "search", true),
        bind(&[Code(KeyCode::Esc)], Intent::Cancel, "cancel", true),
        bind(&[Code(KeyCode::Up)], Intent::Older, "earlier query", true),
        bind(&[Code(KeyCode::Down)], Intent::Newer, "later query", true),
        HELP_IN_TEXT,
    ],
};

pub const VALUE_EDITOR: KeyTable = KeyTable {
    title: "editor",
    text_input: true,
    bindings: &[
        bind(&[Code(KeyCode::Enter)], Intent::Submit, "save", true),
        bind(&[Alt(KeyCode::Enter), Ctrl('j')], Intent::NewLine, "line break", true),
        bind(&[Code(KeyCode::Esc)], Intent::Cancel, "cancel", true),
        HELP_IN_TEXT,
    ],
};

pub const JSON_EDITOR: KeyTable = KeyTable {
    title: "JSON editor",
    text_input: true,
    bindings: &[
        bind(&[Ctrl('s')], Intent::Submit, "save", true),
        bind(&[Code(KeyCode::Esc)], Intent::Cancel, "cancel", true),
        bind(&[Code(KeyCode::PageDown)], Intent::PageDown, "page down", false),
        bind(&[Code(KeyCode::PageUp)], Intent::PageUp, "page up", false),
        HELP_IN_TEXT,
    ],
};

/// Esc was pressed on changed JSON: one more key confirms; typing goes on editing.
pub const JSON_DISCARD: KeyTable = KeyTable {
    title: "JSON editor: discard the changes?",
    text_input: true,
    bindings: &[
        bind(
            &[Char('y'), Code(KeyCode::Esc)],
            Intent::Discard,
            "discard the changes",
            true,
        ),
        HELP_IN_TEXT,
    ],
};

/// The audit of the list's users (`A`).
pub const AUDIT: KeyTable = KeyTable {
    title: "audit",
    text_input: false,
    bindings: &[
        bind(
            &[Code(KeyCode::Enter)],
            Intent::Submit,
            "list the chosen finding's users",
            true,
        ),
        bind(&[Char('s')], Intent::CycleSort, "sort the paths", true),
        bind(&[Char('u')], Intent::BulkUnset, "unset its key for its users", false),
        bind(&[Char('m')], Intent::BulkMove, "move its key, for its users", false),
        bind(&[Char('j'), Code(KeyCode::Down)], Intent::Down, "next finding", true),
        bind(&[Char('k'), Code(KeyCode::Up)], Intent::Up, "previous finding", false),
        MOVES[2],
        MOVES[3],
        MOVES[4],
        MOVES[5],
        bind(&[Code(KeyCode::Esc), Char('q')], Intent::Cancel, "close", true),
        HELP,
    ],
};

pub const CONFIRM: KeyTable = KeyTable {
    title: "question",
    text_input: false,
    bindings: &[
        bind(&[Char('y'), Code(KeyCode::Enter)], Intent::Submit, "yes", true),
        bind(&[Char('n'), Code(KeyCode::Esc), Char('q')], Intent::Cancel, "no", true),
        HELP,
    ],
};

pub const TYPE_MENU: KeyTable = KeyTable {
    title: "change type",
    text_input: false,
    bindings: &[
        MOVES[0],
        MOVES[1],
        bind(&[Code(KeyCode::Enter)], Intent::Submit, "convert", true),
        bind(&[Code(KeyCode::Esc), Char('q')], Intent::Cancel, "cancel", true),
        HELP,
    ],
};

pub const PREVIEW: KeyTable = KeyTable {
    title: "preview",
    text_input: false,
    bindings: &[
        bind(&[Char('y'), Code(KeyCode::Enter)], Intent::Submit, "send", true),
        bind(
            &[Code(KeyCode::Esc), Char('q')],
            Intent::Cancel,
            "back to editing",
            true,
        ),
        bind(&[Char('j'), Code(KeyCode::Down)], Intent::Down, "scroll", true),
        MOVES[1],
        MOVES[2],
        MOVES[3],
        SIDEWAYS[0],
        SIDEWAYS[1],
        bind(&[Ctrl('d')], Intent::HalfPageDown, "half a page down", false),
        bind(&[Ctrl('u')], Intent::HalfPageUp, "half a page up", false),
        MOVES[4],
        MOVES[5],
        bind(&[Code(KeyCode::Tab)], Intent::NextSection, "next section", true),
        bind(
            &[Code(KeyCode::BackTab)],
            Intent::PrevSection,
            "previous section",
            false,
        ),
        HELP,
    ],
};

pub const CONFLICT: KeyTable = KeyTable {
    title: "conflict",
    text_input: false,
    bindings: &[
        bind(&[Char('r')], Intent::Rebase, "rebase (your edits on their copy)", true),
        bind(&[Char('o')], Intent::Overwrite, "overwrite (preview first)", true),
        bind(&[Char('c'), Code(KeyCode::Esc)], Intent::Cancel, "cancel", true),
        MOVES[0],
        MOVES[1],
        MOVES[2],
        MOVES[3],
        MOVES[4],
        MOVES[5],
        SIDEWAYS[0],
        SIDEWAYS[1],
        HELP,
    ],
};

/// A restored draft whose keys changed on the server since it was made.
pub const DRAFT_CONFLICT: KeyTable = KeyTable {
    title: "draft conflict",
    text_input: false,
    bindings: &[
        bind(&[Char('r')], Intent::Rebase, "rebase (your edits on their copy)", true),
        bind(&[Char('o')], Intent::Overwrite, "keep mine (preview first)", true),
        bind(&[Char('d')], Intent::Discard, "discard the draft", true),
        bind(&[Char('c'), Code(KeyCode::Esc)], Intent::Cancel, "decide later", true),
        MOVES[0],
        MOVES[1],
        MOVES[2],
        MOVES[3],
        MOVES[4],
        MOVES[5],
        SIDEWAYS[0],
        SIDEWAYS[1],
        HELP,
    ],
};

pub const LEAVE: KeyTable = KeyTable {
    title: "unsent edits",
    text_input: false,
    bindings: &[
        bind(&[Char('p')], Intent::Preview, "preview and apply", true),
        bind(&[Char('k')], Intent::KeepDraft, "keep as draft", true),
        bind(&[Char('d')], Intent::Discard, "discard", true),
        bind(&[Code(KeyCode::Esc)], Intent::Cancel, "stay", true),
        HELP,
    ],
};

/// Leaving while drafts cannot be written: keeping a draft would lose the edits.
pub const LEAVE_UNSAVED: KeyTable = KeyTable {
    title: "unsent edits, drafts NOT saved",
    text_input: false,
    bindings: &[
        bind(&[Char('p')], Intent::Preview, "preview and apply", true),
        bind(&[Char('d')], Intent::Discard, "discard", true),
        bind(&[Code(KeyCode::Esc)], Intent::Cancel, "stay", true),
        HELP,
    ],
};

pub const HISTORY: KeyTable = KeyTable {
    title: "history",
    text_input: false,
    bindings: &[
        bind(
            &[Code(KeyCode::Enter)],
            Intent::Submit,
            "show in full (Enter there reverts)",
            true,
        ),
        MOVES[0],
        MOVES[1],
        MOVES[2],
        MOVES[3],
        MOVES[4],
        MOVES[5],
        bind(&[Code(KeyCode::Esc), Char('q')], Intent::Cancel, "close", true),
        HELP,
    ],
};

/// One entry of the history, in full.
pub const HISTORY_ENTRY: KeyTable = KeyTable {
    title: "history entry",
    text_input: false,
    bindings: &[
        bind(
            &[Code(KeyCode::Enter)],
            Intent::Submit,
            "revert (shown in the preview first)",
            true,
        ),
        bind(
            &[Code(KeyCode::Esc), Char('q')],
            Intent::Cancel,
            "back to the list",
            true,
        ),
        HELP,
    ],
};
