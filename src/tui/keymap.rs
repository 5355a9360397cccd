//! One key table per screen. The same table dispatches keys, fills the footer and the
//! `?` help, so a key cannot work without being listed, or be listed without working.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::msg::{Intent, Msg};
use super::state::{Overlay, Screen, State};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

impl Key {
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Code(KeyCode::Up) => "↑".into(),
            Key::Code(KeyCode::Down) => "↓".into(),
            Key::Code(KeyCode::Left) => "←".into(),
            Key::Code(KeyCode::Right) => "→".into(),
            Key::Code(KeyCode::PageUp) => "PgUp".into(),
            Key::Code(KeyCode::PageDown) => "PgDn".into(),
            Key::Code(KeyCode::BackTab) => "⇧Tab".into(),
            Key::Code(code) => format!("{code}"),
        }
    }

    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => !ctrl && event.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
            Key::Code(code) => !ctrl && event.code == code,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub intent: Intent,
    pub label: &'static str,
    /// Shown in the footer, not only in the help.
    pub footer: bool,
}

const fn bind(keys: &'static [Key], intent: Intent, label: &'static str, footer: bool) -> Binding {
    Binding {
        keys,
        intent,
        label,
        footer,
    }
}

use Key::{Char, Code, Ctrl};

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

pub const LIST: &[Binding] = &[
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
];

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

pub const USER: &[Binding] = &[
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
    bind(DIGITS, Intent::Depth(0), "expand to depth 1-9", false),
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
];

/// The table for what has focus now.
pub fn table(state: &State) -> &'static [Binding] {
    match state.screen {
        Screen::List => LIST,
        Screen::User => USER,
    }
}

fn intent_for(bindings: &[Binding], event: &KeyEvent) -> Option<Intent> {
    let binding = bindings.iter().find(|b| b.keys.iter().any(|k| k.matches(event)))?;
    Some(match (binding.intent, event.code) {
        (Intent::Depth(_), KeyCode::Char(c)) => Intent::Depth(c.to_digit(10).unwrap_or(1) as u8),
        (intent, _) => intent,
    })
}

/// Turns a key press into a message: a focused input takes every key but Ctrl-C.
pub fn msg_for(state: &State, event: KeyEvent) -> Option<Msg> {
    if Key::Ctrl('c').matches(&event) {
        return Some(Msg::Intent(Intent::Quit));
    }
    match state.overlay {
        // Any key closes the help; `?` and `q` are the listed ones.
        Some(Overlay::Help) => return Some(Msg::Intent(Intent::Back)),
        // Inputs, menus and questions take every key; each lists its keys on screen.
        Some(_) => return Some(Msg::Input(event)),
        None => {}
    }
    intent_for(GLOBAL, &event)
        .or_else(|| intent_for(table(state), &event))
        .map(Msg::Intent)
}
