//! One key table per screen and per overlay. The same table dispatches keys, fills the
//! footer or the overlay's hint line, and the `?` help, so a key cannot work without
//! being listed, or be listed without working. A text input receives every key its
//! table does not claim.

use crossterm::event::{KeyCode, KeyEvent};

use super::bulk_screen::BulkPhase;
use super::msg::Intent;
use super::state::{EditorPurpose, Overlay, Screen, State};

mod binding;
mod bulk;
mod navigation;
mod overlays;
mod shared;
mod tables;
pub use binding::{Binding, Key, KeyTable};
pub use bulk::*;
pub use tables::*;

/// The table of what has focus now: the overlay if one is open, else the screen.
pub fn table(state: &State) -> &'static KeyTable {
    match &state.overlay {
        Some(Overlay::Search(_)) => &SEARCH,
        Some(Overlay::Editor(editor)) if editor.confirm_discard => &JSON_DISCARD,
        Some(Overlay::Editor(editor)) if matches!(editor.purpose, EditorPurpose::Json { .. }) => &JSON_EDITOR,
        Some(Overlay::Editor(_)) => &VALUE_EDITOR,
        Some(Overlay::Confirm(_)) => &CONFIRM,
        Some(Overlay::Audit(_)) => &AUDIT,
        Some(Overlay::TypeMenu(_)) => &TYPE_MENU,
        Some(Overlay::Preview(_)) => &PREVIEW,
        Some(Overlay::Conflict(screen)) if screen.from_draft => &DRAFT_CONFLICT,
        Some(Overlay::Conflict(_)) => &CONFLICT,
        Some(Overlay::Leave { .. }) if state.drafts_kept() => &LEAVE,
        Some(Overlay::Leave { .. }) => &LEAVE_UNSAVED,
        Some(Overlay::History(list)) if list.detail => &HISTORY_ENTRY,
        Some(Overlay::History(_)) => &HISTORY,
        Some(Overlay::ConfirmSend(_)) => &CONFIRM_SEND,
        Some(Overlay::Find(_)) => &FIND,
        Some(Overlay::Messages) => &MESSAGES,
        Some(Overlay::Compare(_)) => &COMPARE,
        Some(Overlay::EditorFailed(_)) => &EDITOR_FAILED,
        Some(Overlay::Bulk(screen)) => table_for_bulk(screen),
        Some(Overlay::BulkPrompt(_)) => &BULK_PROMPT,
        Some(Overlay::Batches(_)) => &BATCHES,
        Some(Overlay::CopyMenu) if state.on_list() => &COPY_USER_ROW,
        Some(Overlay::CopyMenu) => &COPY_NODE,
        None => match state.screen {
            Screen::List => &LIST,
            Screen::User(_) => &USER,
        },
    }
}

/// The bulk screen's table: its confirmation's, or its phase's.
pub fn table_for_bulk(screen: &crate::tui::bulk_screen::BulkScreen) -> &'static KeyTable {
    if screen.confirm.is_some() {
        return &BULK_CONFIRM;
    }
    match screen.phase() {
        BulkPhase::Reading => &BULK_READING,
        BulkPhase::Planned(_) => &BULK_PLANNED,
        BulkPhase::Running { .. } => &BULK_RUNNING,
        BulkPhase::Ended(_) | BulkPhase::Failed(_) => &BULK_ENDED,
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

/// How a message names the key for `intent` among `bindings`: read from the table, so a
/// rebinding can never make a message lie. `?` if the table has none (the tests below
/// check every pair a message uses).
pub fn key_for(bindings: &[Binding], intent: Intent) -> String {
    bindings
        .iter()
        .find(|b| b.intent == intent)
        .and_then(|b| b.keys.first())
        .map_or_else(|| "?".to_string(), |key| key.label())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key a status line or a question names.
    #[test]
    fn the_keys_messages_name_are_bound() {
        let named = [
            (USER.bindings, Intent::Undo, "u"),
            (USER.bindings, Intent::TakeOver, "T"),
            (USER.bindings, Intent::Reload, "R"),
            (USER.bindings, Intent::History, "H"),
            (USER.bindings, Intent::OpenInEditor, "v"),
            (PREVIEW.bindings, Intent::Submit, "y"),
            (GLOBAL, Intent::Quit, "Ctrl-C"),
        ];
        for (bindings, intent, label) in named {
            assert_eq!(key_for(bindings, intent), label, "{intent:?}");
        }
        assert_eq!(key_for(PREVIEW.bindings, Intent::TakeOver), "?");
    }
}
