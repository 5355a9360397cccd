//! What a key table is made of: keys, bindings of keys to intents, and tables.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::msg::Intent;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    Alt(KeyCode),
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
            Key::Alt(code) => format!("Alt-{}", Key::Code(code).label()),
        }
    }

    pub fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        match self {
            Key::Char(c) => !ctrl && !alt && event.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
            Key::Code(code) => !ctrl && !alt && event.code == code,
            Key::Alt(code) => alt && !ctrl && event.code == code,
        }
    }

    /// The event this key stands for, as a terminal reports it.
    pub fn event(self) -> KeyEvent {
        match self {
            Key::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
            Key::Code(code) => KeyEvent::new(code, KeyModifiers::NONE),
            Key::Alt(code) => KeyEvent::new(code, KeyModifiers::ALT),
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

pub(super) const fn bind(keys: &'static [Key], intent: Intent, label: &'static str, footer: bool) -> Binding {
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
