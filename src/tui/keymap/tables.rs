//! The screens' tables, the moves and help keys the overlays share, and the list of
//! every table. The overlays' own tables are in `overlays.rs`.

use crossterm::event::KeyCode;

use super::binding::Key::{Char, Code, Ctrl};
use super::binding::{bind, Binding, Key, KeyTable};
use crate::tui::msg::Intent;

pub use super::bulk::*;
pub use super::navigation::*;
pub use super::overlays::*;
use super::shared::MOVES;

/// Keys of every screen (not of overlays, which have their own way back).
pub const GLOBAL: &[Binding] = &[
    bind(&[Char('?')], Intent::Help, "help", true),
    bind(&[Char('q')], Intent::Back, "back / quit", true),
    bind(&[Char('M')], Intent::Messages, "recent messages", false),
    bind(&[Ctrl('c')], Intent::Quit, "quit", false),
];

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
        bind(&[Char('s')], Intent::CycleSort, "sort by the next field", true),
        bind(&[Char('S')], Intent::FlipSort, "reverse the sort", false),
        bind(&[Code(KeyCode::Esc)], Intent::Cancel, "clear the search", false),
        bind(&[Char('R')], Intent::Reload, "reload", true),
        bind(&[Char('y')], Intent::CopyMenu, "copy id / email", false),
        bind(
            &[Char('A')],
            Intent::Audit,
            "audit these users (sizes, findings)",
            false,
        ),
        bind(&[Char('c')], Intent::Compare, "compare with another user", false),
        bind(&[Char(' ')], Intent::Mark, "mark for a bulk change", false),
        bind(&[Char('*')], Intent::MarkAll, "mark every user of the search", false),
        bind(&[Char('x')], Intent::ClearMarks, "unmark all", false),
        bind(&[Char('H')], Intent::History, "batches (revert, resume)", false),
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
        bind(&[Char('/')], Intent::Search, "find", true),
        bind(&[Code(KeyCode::Esc)], Intent::Cancel, "clear the find", false),
        bind(&[Char('y')], Intent::CopyMenu, "copy…", false),
        bind(&[Char('c')], Intent::Compare, "compare with another user", false),
        bind(&[Char('n')], Intent::NextMatch, "next match", false),
        bind(&[Char('N')], Intent::PrevMatch, "previous match", false),
        bind(&[Char('R')], Intent::Reload, "reload user", false),
        bind(&[Char('S')], Intent::ToggleWeights, "sizes (bytes of each node)", false),
        bind(&[Char('e')], Intent::Edit, "edit value", true),
        bind(&[Char('E')], Intent::EditJson, "edit as JSON", false),
        bind(&[Char('v')], Intent::OpenInEditor, "open in $EDITOR", false),
        bind(&[Char('a')], Intent::Add, "add key / item", true),
        bind(&[Char('r')], Intent::Rename, "rename key", false),
        bind(&[Char('d')], Intent::Delete, "delete", true),
        bind(&[Char('t')], Intent::Retype, "change type", false),
        bind(&[Char('u')], Intent::Undo, "undo", true),
        bind(&[Ctrl('r')], Intent::Redo, "redo", false),
        bind(&[Char('p')], Intent::Preview, "preview & apply", true),
        bind(&[Char('H')], Intent::History, "history / revert", false),
        bind(&[Char('B')], Intent::Bulk, "these edits for the marked users", false),
        bind(&[Char('T')], Intent::TakeOver, "take over (open elsewhere)", false),
    ],
};

/// Every table, for tests and for checks that span them all.
pub const ALL: [&KeyTable; 30] = [
    &AUDIT,
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
    &CONFIRM_SEND,
    &FIND,
    &COPY_NODE,
    &COPY_USER_ROW,
    &EDITOR_FAILED,
    &MESSAGES,
    &COMPARE,
    &BULK_READING,
    &BULK_PLANNED,
    &BULK_RUNNING,
    &BULK_ENDED,
    &BULK_CONFIRM,
    &BULK_PROMPT,
    &BATCHES,
];
