//! The tables themselves, one per screen and overlay.

use crossterm::event::KeyCode;

use super::binding::Key::{Alt, Char, Code, Ctrl};
use super::binding::{bind, Binding, Key, KeyTable};
use crate::tui::msg::Intent;

/// Keys of every screen (not of overlays, which have their own way back).
pub const GLOBAL: &[Binding] = &[
    bind(&[Char('?')], Intent::Help, "help", true),
    bind(&[Char('q')], Intent::Back, "back / quit", true),
    bind(&[Ctrl('c')], Intent::Quit, "quit", false),
];

const MOVES: [Binding; 6] = [
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

/// `?` in an overlay that takes no text; `F1` where text is typed.
const HELP: Binding = bind(&[Char('?')], Intent::Help, "help", false);
const HELP_IN_TEXT: Binding = bind(&[Code(KeyCode::F(1))], Intent::Help, "help", false);

pub const LIST: KeyTable = KeyTable {
    title: "users list",
    text_input: false,
    bindings: &[
        MOVES[0],
        MOVES[1],
        MOVES[2],
        MOVES[3],
        MOVES[4],
        MOVES[5],
        bind(&[Code(KeyCode::Enter)], Intent::Open, "open user", true),
        bind(&[Char('/')], Intent::Search, "search (Lucene)", true),
        bind(&[Char('s')], Intent::CycleSort, "sort", true),
        bind(&[Char('R')], Intent::Reload, "reload", true),
    ],
};

const DIGITS: &[Key] = &[
    Char('1'),
    Char('2'),
    Char('3'),
    Char('4'),
    Char('5'),
    Char('6'),
    Char('7'),
    Char('8'),
    Char('9'),
];

pub const USER: KeyTable = KeyTable {
    title: "user view",
    text_input: false,
    bindings: &[
        MOVES[0],
        MOVES[1],
        MOVES[2],
        MOVES[3],
        MOVES[4],
        MOVES[5],
        bind(
            &[Char('l'), Code(KeyCode::Right)],
            Intent::Expand,
            "expand / first child",
            false,
        ),
        bind(
            &[Char('h'), Code(KeyCode::Left)],
            Intent::Collapse,
            "collapse / parent",
            false,
        ),
        bind(&[Char(' ')], Intent::Toggle, "toggle", false),
        bind(&[Char('*')], Intent::ExpandAll, "expand all", false),
        bind(&[Char('0')], Intent::CollapseAll, "collapse all", false),
        // The digit pressed is the depth: see `intent_for`.
        Binding {
            keys_text: Some("1-9"),
            ..bind(DIGITS, Intent::Depth(0), "expand to depth 1-9", false)
        },
        bind(
            &[Code(KeyCode::Tab), Code(KeyCode::BackTab)],
            Intent::SwitchTree,
            "switch tree",
            false,
        ),
        bind(&[Char('R')], Intent::Reload, "reload user", false),
        bind(&[Char('e')], Intent::Edit, "edit value", true),
        bind(&[Char('E')], Intent::EditJson, "edit as JSON", false),
        bind(&[Char('a')], Intent::Add, "add key / item", true),
        bind(&[Char('r')], Intent::Rename, "rename key", false),
        bind(&[Char('d')], Intent::Delete, "delete", true),
        bind(&[Char('t')], Intent::Retype, "change type", false),
        bind(&[Char('u')], Intent::Undo, "undo", true),
        bind(&[Ctrl('r')], Intent::Redo, "redo", false),
        bind(&[Char('p')], Intent::Preview, "preview & apply", true),
        bind(&[Char('H')], Intent::History, "history / revert", false),
        bind(&[Char('T')], Intent::TakeOver, "take over (open elsewhere)", false),
    ],
};

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
            "revert (shown in the preview first)",
            true,
        ),
        MOVES[0],
        MOVES[1],
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

/// Every table, for tests and for checks that span them all.
pub const ALL: [&KeyTable; 15] = [
    &LIST,
    &USER,
    &SEARCH,
    &VALUE_EDITOR,
    &JSON_EDITOR,
    &JSON_DISCARD,
    &CONFIRM,
    &TYPE_MENU,
    &PREVIEW,
    &CONFLICT,
    &DRAFT_CONFLICT,
    &LEAVE,
    &LEAVE_UNSAVED,
    &HISTORY,
    &HISTORY_ENTRY,
];
