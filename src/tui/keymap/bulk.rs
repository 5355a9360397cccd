//! The bulk screen's tables, one per phase (so the footer offers what works now), its
//! production confirmation, the audit's path prompt and the batches list.

use crossterm::event::KeyCode;

use super::binding::Key::{Char, Code};
use super::binding::{bind, KeyTable};
use super::shared::{HELP, HELP_IN_TEXT, MOVES};
use crate::tui::msg::Intent;

pub const BULK_READING: KeyTable = KeyTable {
    title: "bulk: dry run",
    text_input: false,
    bindings: &[
        bind(&[Code(KeyCode::Esc), Char('q')], Intent::Cancel, "cancel", true),
        HELP,
    ],
};

pub const BULK_PLANNED: KeyTable = KeyTable {
    title: "bulk: dry run read",
    text_input: false,
    bindings: &[
        bind(&[Char('y')], Intent::Submit, "start the batch", true),
        MOVES[0],
        MOVES[1],
        MOVES[2],
        MOVES[3],
        bind(
            &[Code(KeyCode::Esc), Char('q')],
            Intent::Cancel,
            "cancel (nothing sent)",
            true,
        ),
        HELP,
    ],
};

pub const BULK_RUNNING: KeyTable = KeyTable {
    title: "bulk: batch running",
    text_input: false,
    bindings: &[
        bind(&[Char('p')], Intent::Pause, "pause", true),
        bind(
            &[Code(KeyCode::Esc), Char('q')],
            Intent::Cancel,
            "cancel (stop; resumable)",
            true,
        ),
        HELP,
    ],
};

pub const BULK_ENDED: KeyTable = KeyTable {
    title: "bulk: batch ended",
    text_input: false,
    bindings: &[
        bind(&[Char('r')], Intent::Resume, "resume (when stopped)", true),
        MOVES[0],
        MOVES[1],
        MOVES[2],
        MOVES[3],
        bind(
            &[Code(KeyCode::Esc), Code(KeyCode::Enter), Char('q')],
            Intent::Cancel,
            "close",
            true,
        ),
        HELP,
    ],
};

pub const BULK_CONFIRM: KeyTable = KeyTable {
    title: "bulk: confirm on a production tenant",
    text_input: true,
    bindings: &[
        bind(&[Code(KeyCode::Enter)], Intent::Submit, "start", true),
        bind(&[Code(KeyCode::Esc)], Intent::Cancel, "back to the dry run", true),
        HELP_IN_TEXT,
    ],
};

pub const BULK_PROMPT: KeyTable = KeyTable {
    title: "bulk: path",
    text_input: true,
    bindings: &[
        bind(&[Code(KeyCode::Enter)], Intent::Submit, "dry run", true),
        bind(&[Code(KeyCode::Esc)], Intent::Cancel, "back to the audit", true),
        HELP_IN_TEXT,
    ],
};

pub const BATCHES: KeyTable = KeyTable {
    title: "batches",
    text_input: false,
    bindings: &[
        bind(&[Code(KeyCode::Enter)], Intent::Submit, "revert (dry run first)", true),
        bind(&[Char('r')], Intent::Resume, "resume a stopped batch", true),
        MOVES[0],
        MOVES[1],
        MOVES[4],
        MOVES[5],
        bind(&[Code(KeyCode::Esc), Char('q')], Intent::Cancel, "close", true),
        HELP,
    ],
};
