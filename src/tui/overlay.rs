//! The overlays drawn over a screen: help, search, editors, questions, the preview, the
//! conflict screen and the history list. Each takes the keys while it is open.

use tui_textarea::TextArea;

use crate::domain::{ConflictReport, JsonPath, MetadataField, UpdateBody, User, ValueKind};
use crate::preview::{DiffLine, Preview};
use crate::storage::journal::Entry;

pub enum Overlay {
    Help,
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
    /// Empty a whole metadata document with `{}`: Auth0's explicit clear.
    Clear { field: MetadataField, keys: usize },
    Delete {
        field: MetadataField,
        path: JsonPath,
        what: String,
    },
}

pub struct TypeMenu {
    pub field: MetadataField,
    pub path: JsonPath,
    pub selected: usize,
}

pub struct PreviewScreen {
    pub preview: Preview,
    pub diffs: Vec<(MetadataField, Vec<DiffLine>)>,
    pub scroll: usize,
}

pub struct ConflictScreen {
    pub report: ConflictReport,
    /// The user as the server holds it now, for a rebase.
    pub server: User,
    pub body: UpdateBody,
}

pub struct HistoryList {
    pub entries: Vec<Entry>,
    pub cursor: usize,
}

pub struct SearchInput {
    pub text: TextArea<'static>,
    /// Index into the query history while recalling with Up/Down.
    pub recalled: Option<usize>,
}
