//! The overlays drawn over a screen: search, editors, questions, the preview, the
//! conflict screen and the history list. Each takes the keys while it is open.

use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea};

pub use super::conflict_screen::ConflictScreen;
pub use super::preview_screen::{PreviewItem, PreviewScreen};
use crate::domain::{JsonPath, MetadataField, ValueKind};
use crate::storage::journal::Entry;

pub enum Overlay {
    /// `A`: an audit of the list's users.
    Audit(Box<crate::tui::audit_screen::AuditScreen>),
    Search(Box<SearchInput>),
    /// A text input for an edit: a value, a key, or a subtree as JSON.
    Editor(Box<Editor>),
    /// A yes/no question before something that loses data.
    Confirm(Confirm),
    TypeMenu(TypeMenu),
    Preview(Box<PreviewScreen>),
    Conflict(Box<ConflictScreen>),
    /// Leaving a user (or quitting) with edits not sent.
    Leave {
        quit: bool,
    },
    History(Box<HistoryList>),
    /// `c` on a second user: the two users' metadata as one diff.
    Compare(Box<super::compare_screen::CompareScreen>),
    /// `M`: the recent messages in full.
    Messages,
    /// `y`: what can be copied, one letter each (`yy` copies the value).
    CopyMenu,
    /// The user's editor left text that is not valid there: reopen it, or drop it.
    EditorFailed(Box<EditorFailed>),
    /// `/` in the user view: text to find in both trees.
    Find(Box<FindInput>),
    /// A production tenant: its name typed before the preview's change is sent.
    ConfirmSend(Box<ConfirmSend>),
    /// One change for many users: its dry run, its batch's progress, its summary.
    Bulk(Box<super::bulk_screen::BulkScreen>),
    /// `H` in the users list: the tenant's batches (Enter reverts one, `r` resumes one).
    Batches(Box<super::bulk_screen::BatchesList>),
    /// The audit's `u` / `m`: the path to unset, or the new path.
    BulkPrompt(Box<super::bulk_screen::BulkPrompt>),
}

pub struct EditorFailed {
    pub hand_off: crate::tui::msg::HandOff,
    pub error: String,
}

pub struct FindInput {
    pub text: TextArea<'static>,
    /// Why nothing was found, shown in the input's title; the text stays.
    pub error: Option<String>,
}

pub struct ConfirmSend {
    /// The preview it came from, back on Esc, sent on a match.
    pub screen: Box<PreviewScreen>,
    pub tenant: String,
    pub text: TextArea<'static>,
    pub error: Option<String>,
}

pub struct Editor {
    pub purpose: EditorPurpose,
    pub text: TextArea<'static>,
    /// Why the text cannot be committed yet, shown in the editor's title.
    pub error: Option<String>,
    /// The text it opened with, to know whether Esc loses anything.
    pub initial: String,
    /// Esc was pressed on changed JSON text: the next `y` discards it.
    pub confirm_discard: bool,
    /// A long JSON text is checked once typing pauses, not on every key: ticks since
    /// the last key, while a check is owed.
    pub check_owed: Option<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EditorPurpose {
    /// `e` on a scalar: the value as text (a string without quotes).
    Value {
        field: MetadataField,
        path: JsonPath,
        kind: ValueKind,
    },
    /// `E`: the node as pretty JSON.
    Json {
        field: MetadataField,
        path: JsonPath,
    },
    /// `a` in an object: first the key...
    AddKey {
        field: MetadataField,
        object: JsonPath,
        position: usize,
    },
    /// ...then the value (a JSON literal; a bare word is a string). `key` is `None` in an array.
    AddValue {
        field: MetadataField,
        parent: JsonPath,
        position: usize,
        key: Option<String>,
    },
    Rename {
        field: MetadataField,
        path: JsonPath,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    /// `A` without a search: every user of the tenant, through an export job.
    AuditTenant,
    /// Empty a whole metadata document with `{}`: Auth0's explicit clear.
    Clear { field: MetadataField, keys: usize },
    Delete {
        field: MetadataField,
        path: JsonPath,
        what: String,
    },
    /// A type change that loses the value: `tier: "enterprise" → 0`.
    Retype {
        field: MetadataField,
        path: JsonPath,
        to: ValueKind,
        before: String,
        after: String,
    },
}

pub struct TypeMenu {
    pub field: MetadataField,
    pub path: JsonPath,
    pub selected: usize,
}

pub struct HistoryList {
    pub entries: Vec<Entry>,
    pub cursor: usize,
    /// The chosen entry's full change is shown (Enter again reverts it).
    pub detail: bool,
}

/// A text area as every input here starts: no highlighted cursor line, the cursor at
/// the end of the text (or at its top, for a JSON document to read from the start).
/// A key typed into an input, with the readline keys fingers know: ratatui-textarea
/// already has Ctrl-A/E, Ctrl-K, Ctrl-W and Alt-B/F; Ctrl-U deletes everything before the
/// cursor here instead of undoing (as readline does in a multi-line command, so a
/// multi-line value is cleared whole, not only its last line).
pub fn type_line_key(area: &mut TextArea<'static>, key: crossterm::event::KeyEvent) {
    use crossterm::event::{KeyCode, KeyModifiers};
    if key.code == KeyCode::Char('u') && key.modifiers == KeyModifiers::CONTROL {
        area.cancel_selection();
        area.start_selection();
        area.move_cursor(CursorMove::Top);
        area.move_cursor(CursorMove::Head);
        area.cut();
    } else {
        area.input(key);
    }
}

pub fn text_area(text: &str, at_top: bool) -> TextArea<'static> {
    let mut area = TextArea::new(text.lines().map(String::from).collect());
    area.set_cursor_line_style(Style::default());
    if at_top {
        area.move_cursor(CursorMove::Top);
    } else {
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
    }
    area
}

impl Editor {
    pub fn open(purpose: EditorPurpose, text: String) -> Overlay {
        let at_top = matches!(purpose, EditorPurpose::Json { .. });
        Overlay::Editor(Box::new(Editor {
            purpose,
            text: text_area(&text, at_top),
            error: None,
            initial: text,
            confirm_discard: false,
            check_owed: None,
        }))
    }

    pub fn text(&self) -> String {
        self.text.lines().join("\n")
    }
}

impl SearchInput {
    pub fn new(query: &str) -> Self {
        Self {
            text: text_area(query, false),
            error: None,
            recalled: None,
        }
    }
}

pub struct SearchInput {
    pub text: TextArea<'static>,
    /// Why the query was not sent: Auth0 would refuse or ignore it as written.
    pub error: Option<String>,
    /// Index into the query history while recalling with Up/Down.
    pub recalled: Option<usize>,
}
