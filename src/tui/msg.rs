//! What `update` reacts to: intents from the key table, raw keys for a focused text
//! input, and the results of effects.

use crossterm::event::KeyEvent;

use crate::api::{ApiError, RateLimit, UserPage};
use crate::apply::{Applied, Resolution};
use crate::domain::copy::CopyForm;
use crate::domain::LoadedUser;
use crate::storage::drafts::Draft;
use crate::storage::journal::Journal;
use crate::storage::lock::Holder;

/// A node handed to the user's editor: where it is, and the text it was handed as.
#[derive(Debug, Clone, PartialEq)]
pub struct HandOff {
    pub field: crate::domain::MetadataField,
    pub path: crate::domain::JsonPath,
    /// The node's text as first handed over: the same text back is no edit.
    pub original: String,
    /// The text to open the editor with (the rejected text, when reopened).
    pub text: String,
}

/// What `y` then a letter copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copying {
    /// A form of the focused tree node.
    Node(CopyForm),
    UserId,
    Email,
}

/// A bindable action: small and `Copy`, so the key table can hold it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Quit,
    Back,
    Help,
    /// `c`: mark this user, or compare it with the one marked.
    Compare,
    /// `M`: the recent status messages in full.
    Messages,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Search,
    CycleSort,
    /// `S`: the other direction of the same sort.
    FlipSort,
    Reload,
    Expand,
    Collapse,
    Toggle,
    ExpandAll,
    CollapseAll,
    /// Expand to this depth; the key table binds `1`-`9` to it.
    Depth(u8),
    SwitchTree,
    Edit,
    EditJson,
    Add,
    Rename,
    Delete,
    Retype,
    Undo,
    Redo,
    Preview,
    History,
    /// The focused overlay's main action: send, save, search, yes, convert, revert.
    Submit,
    /// Close the overlay without acting.
    Cancel,
    /// An earlier / a later entry of the search history.
    Older,
    Newer,
    Rebase,
    Overwrite,
    KeepDraft,
    Discard,
    /// Take over a user another instance had open.
    TakeOver,
    /// A line break in a text value.
    NewLine,
    HalfPageDown,
    HalfPageUp,
    /// `y`: the menu of what can be copied here.
    CopyMenu,
    Copy(Copying),
    /// `v`: the focused node in the user's own editor.
    OpenInEditor,
    /// The next / previous match of the tree search.
    NextMatch,
    PrevMatch,
    /// The next / previous section of a long overlay.
    NextSection,
    PrevSection,
}

// Messages are moved once, from a task to `update`: their size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Msg {
    Intent(Intent),
    /// A key press: `update` reads it through the key table of what has focus.
    Key(KeyEvent),
    Resize(u16, u16),
    /// A mouse event; `double` when it is the second click in a row on the same cell.
    Mouse {
        event: crossterm::event::MouseEvent,
        double: bool,
    },
    /// Animates the spinner while something loads.
    Tick,
    PageLoaded {
        generation: u64,
        result: Result<UserPage, ApiError>,
        rate: Option<RateLimit>,
    },
    UserLoaded {
        id: String,
        result: Result<LoadedUser, ApiError>,
        rate: Option<RateLimit>,
    },
    Applied {
        id: String,
        result: Result<Applied, ApiError>,
        rate: Option<RateLimit>,
    },
    DraftLoaded {
        user_id: String,
        result: Result<Option<Draft>, String>,
    },
    JournalLoaded {
        user_id: String,
        result: Result<Journal, String>,
    },
    /// Sends a previous run left unresolved, now settled.
    JournalResolved(Result<Vec<Resolution>, String>),
    /// The user's draft lock: taken (`None`), or held by another instance.
    DraftLocked {
        user_id: String,
        held_by: Option<Holder>,
    },
    /// The user's editor closed: the text it left, or why it could not run.
    ExternalEdited {
        hand_off: HandOff,
        result: Result<String, String>,
    },
    /// Users of this tenant with a saved draft.
    DraftsListed(Vec<String>),
    /// The tenant's earlier searches, oldest first.
    QueriesLoaded(Vec<String>),
    /// A draft was written (or deleted) on disk, or could not be.
    DraftSaved(Result<(), String>),
}
