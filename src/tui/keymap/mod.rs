//! One key table per screen and per overlay. The same table dispatches keys, fills the
//! footer or the overlay's hint line, and the `?` help, so a key cannot work without
//! being listed, or be listed without working. A text input receives every key its
//! table does not claim.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::msg::Intent;
use super::state::{EditorPurpose, Overlay, Screen, State};

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

    pub fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => !ctrl && event.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
            Key::Code(code) => !ctrl && event.code == code,
        }
    }

    /// The event this key stands for, as a terminal reports it.
    pub fn event(self) -> KeyEvent {
        match self {
            Key::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
            Key::Code(code) => KeyEvent::new(code, KeyModifiers::NONE),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in the footer and help, when listing them would not do.
    pub keys_text: Option<&'static str>,
    pub intent: Intent,
    pub label: &'static str,
    /// Shown in the footer, not only in the help.
    pub footer: bool,
}

impl Binding {
    /// `j/↓`, or the binding's own wording such as `1-9`.
    pub fn keys_label(&self) -> String {
        match self.keys_text {
            Some(text) => text.to_string(),
            None => self.keys.iter().map(|k| k.label()).collect::<Vec<_>>().join("/"),
        }
    }
}

const fn bind(keys: &'static [Key], intent: Intent, label: &'static str, footer: bool) -> Binding {
    Binding {
        keys,
        keys_text: None,
        intent,
        label,
        footer,
    }
}

/// A table: what has focus, its bindings, and whether unclaimed keys are typed text.
#[derive(Debug, Clone, Copy)]
pub struct KeyTable {
    pub title: &'static str,
    pub bindings: &'static [Binding],
    pub text_input: bool,
}

mod tables;
pub use tables::*;

/// The table of what has focus now: the overlay if one is open, else the screen.
pub fn table(state: &State) -> &'static KeyTable {
    match &state.overlay {
        Some(Overlay::Search(_)) => &SEARCH,
        Some(Overlay::Editor(editor)) if editor.confirm_discard => &JSON_DISCARD,
        Some(Overlay::Editor(editor)) if matches!(editor.purpose, EditorPurpose::Json { .. }) => &JSON_EDITOR,
        Some(Overlay::Editor(_)) => &VALUE_EDITOR,
        Some(Overlay::Confirm(_)) => &CONFIRM,
        Some(Overlay::TypeMenu(_)) => &TYPE_MENU,
        Some(Overlay::Preview(_)) => &PREVIEW,
        Some(Overlay::Conflict(_)) => &CONFLICT,
        Some(Overlay::Leave { .. }) => &LEAVE,
        Some(Overlay::History(_)) => &HISTORY,
        None => match state.screen {
            Screen::List => &LIST,
            Screen::User(_) => &USER,
        },
    }
}

/// The bindings help and the footer list: the focused table, plus the global keys on a screen.
pub fn listed(state: &State) -> impl Iterator<Item = &'static Binding> {
    let global: &'static [Binding] = if state.overlay.is_none() { GLOBAL } else { &[] };
    table(state).bindings.iter().chain(global)
}

/// What a key press means where the focus is.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    Intent(Intent),
    /// A key for the focused text input.
    Text(KeyEvent),
    Ignored,
}

pub fn resolve(state: &State, event: &KeyEvent) -> Resolved {
    if Key::Ctrl('c').matches(event) {
        return Resolved::Intent(Intent::Quit);
    }
    if state.help {
        // Any key closes the help.
        return Resolved::Intent(Intent::Help);
    }
    let table = table(state);
    let global: &[Binding] = if state.overlay.is_none() { GLOBAL } else { &[] };
    if let Some(intent) = intent_for(global, event).or_else(|| intent_for(table.bindings, event)) {
        return Resolved::Intent(intent);
    }
    if table.text_input {
        Resolved::Text(*event)
    } else {
        Resolved::Ignored
    }
}

fn intent_for(bindings: &[Binding], event: &KeyEvent) -> Option<Intent> {
    let binding = bindings.iter().find(|b| b.keys.iter().any(|k| k.matches(event)))?;
    Some(match (binding.intent, event.code) {
        (Intent::Depth(_), KeyCode::Char(c)) => Intent::Depth(c.to_digit(10).unwrap_or(1) as u8),
        (intent, _) => intent,
    })
}
