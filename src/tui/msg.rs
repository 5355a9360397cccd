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
    /// Leave the program now (after the drafts are written and a send in flight settles).
    Quit,
    /// Go back one level: close the user, or leave from the list (asking about drafts).
    Back,
    /// Show or hide the help of what has focus.
    Help,
    /// `c`: mark this user, or compare it with the one marked.
    Compare,
    /// `M`: the recent status messages in full.
    Messages,
    /// The row above.
    Up,
    /// The row below.
    Down,
    /// A screenful up.
    PageUp,
    /// A screenful down.
    PageDown,
    /// The first row.
    Top,
    /// The last row.
    Bottom,
    /// Open the user under the cursor.
    Open,
    /// Ask for a Lucene query for the users list.
    Search,
    /// Sort the list by the next field.
    CycleSort,
    /// `S`: the other direction of the same sort.
    FlipSort,
    /// Ask the server again for what is shown.
    Reload,
    /// `S` in the user view: show each node's serialized size beside it, or stop.
    ToggleWeights,
    /// `A` in the users list: audit the users of the search (or, asked first, all).
    Audit,
    /// `←` / `→` in a long text view: see the part of long lines past the box's edge.
    ScrollLeft,
    ScrollRight,
    /// Open this node, or go to its first child when it is open.
    Expand,
    /// Close this node, or go to its parent when it is closed.
    Collapse,
    /// Open a closed node, close an open one.
    Toggle,
    /// Open every node of the focused tree.
    ExpandAll,
    /// Close every node of the focused tree.
    CollapseAll,
    /// Expand to this depth; the key table binds `1`-`9` to it.
    Depth(u8),
    /// Move the focus to the other metadata tree.
    SwitchTree,
    /// Change the value under the cursor.
    Edit,
    /// Change the node under the cursor as JSON text.
    EditJson,
    /// Add a key or an item under (or beside) the cursor.
    Add,
    /// Give the key under the cursor another name.
    Rename,
    /// Delete the key or item under the cursor (pending until sent).
    Delete,
    /// Change the type of the value under the cursor.
    Retype,
    /// Take back the last edit.
    Undo,
    /// Make the last undone edit again.
    Redo,
    /// See exactly what would be sent, before sending it.
    Preview,
    /// The journal of changes sent for this user, to read or revert.
    History,
    /// The focused overlay's main action: send, save, search, yes, convert, revert.
    Submit,
    /// Close the overlay without acting.
    Cancel,
    /// An earlier entry of the search history.
    Older,
    /// A later entry of the search history.
    Newer,
    /// In a conflict: keep my edits on top of what the server holds now.
    Rebase,
    /// In a conflict: send my version anyway, replacing what changed meanwhile.
    Overwrite,
    /// Leave the user and keep the pending edits as a draft.
    KeepDraft,
    /// Throw the pending edits (or the restored draft) away.
    Discard,
    /// Take over a user another instance had open.
    TakeOver,
    /// A line break in a text value.
    NewLine,
    /// Half a screenful down.
    HalfPageDown,
    /// Half a screenful up.
    HalfPageUp,
    /// `y`: the menu of what can be copied here.
    CopyMenu,
    /// Copy this to the terminal's clipboard.
    Copy(Copying),
    /// `v`: the focused node in the user's own editor.
    OpenInEditor,
    /// The next match of the tree search.
    NextMatch,
    /// The previous match of the tree search.
    PrevMatch,
    /// The next section of a long overlay.
    NextSection,
    /// The previous section of a long overlay.
    PrevSection,
    /// `Space` in the users list: mark or unmark the user for a bulk change.
    Mark,
    /// `*` in the users list: mark every user of the search (up to Auth0's window).
    MarkAll,
    /// `x` in the users list: unmark every user.
    ClearMarks,
    /// `B` in the user view: the pending edits, for every marked user (a dry run first).
    Bulk,
    /// `u` in the audit: unset the chosen finding's key for its users.
    BulkUnset,
    /// `m` in the audit: move the chosen finding's key, for its users.
    BulkMove,
    /// Stop starting users in a running batch (those in flight are settled).
    Pause,
    /// Go on with a stopped batch.
    Resume,
}

impl Intent {
    /// The intents that change the draft (or open an editor to change it): refused, and
    /// not offered in the footer, where the user may not be written.
    pub fn changes_draft(self) -> bool {
        matches!(
            self,
            Intent::Edit
                | Intent::EditJson
                | Intent::Add
                | Intent::Rename
                | Intent::Delete
                | Intent::Retype
                | Intent::Undo
                | Intent::Redo
                | Intent::OpenInEditor
        )
    }
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
    /// The audit `A` asked for, or why it could not be made.
    Audited(Result<Box<Audited>, String>),
    /// The first ids of a finding's users, from the audit's spool, and their count.
    FindingUsers(Result<(Vec<String>, u64), String>),
    /// The user's draft lock: taken (`None`), or held by another instance.
    DraftLocked {
        user_id: String,
        held_by: Option<Holder>,
    },
    /// The user's editor closed: the text it left, or why it could not run.
    ExternalEdited {
        hand_off: HandOff,
        result: Result<String, crate::tui::external::Unfinished>,
    },
    /// Users of this tenant with a saved draft.
    DraftsListed(Vec<String>),
    /// The tenant's earlier searches, oldest first.
    QueriesLoaded(Vec<String>),
    /// A draft was written (or deleted) on disk, or could not be.
    DraftSaved(Result<(), String>),
    /// `*`: the ids of the search's users (up to the window), and how many it has.
    MarkedAll {
        generation: u64,
        result: Result<(Vec<String>, Option<u64>), ApiError>,
    },
    /// A bulk dry run, and the users it read.
    BulkRead(Result<(crate::batch::DryRead, Vec<String>), String>),
    /// A batch's run ended: done, or stopped with users left.
    BulkRan(Result<crate::batch::Tally, String>),
    /// The tenant's batches, newest first.
    BatchesLoaded(Result<Vec<crate::storage::batch_status::BatchStatus>, String>),
}

/// An audit's report, and the users it read, kept for Enter on a finding.
#[derive(Debug)]
pub struct Audited {
    pub report: crate::audit::Report,
    pub users: std::sync::Arc<crate::audit_source::SpoolFile>,
}
