//! What `update` asks the outside world to do. The event loop routes every variant in one
//! exhaustive `match` (`runner.rs`): to a task (`perform`), to the ordered draft queue
//! (`FileQueue`, which takes a `DraftEffect`), or to itself (the terminal). A new variant
//! does not compile until it is routed. Each ends in at most one `Msg`.

use std::path::PathBuf;

use crate::api::ListQuery;
use crate::apply::Request;
use crate::batch::Words;
use crate::domain::MetadataField;
use crate::storage::drafts::DraftEdit;
use crate::storage::Storage;
use crate::tui::batch_watch::Watch;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    FetchPage {
        generation: u64,
        query: ListQuery,
    },
    FetchUser {
        id: String,
    },
    /// The one apply path: re-read and check (when asked), PATCH, journal.
    Apply {
        request: Box<Request>,
        storage: Option<Storage>,
    },
    /// A draft file: saved, deleted, read or locked, in the order asked.
    Draft(DraftEffect),
    /// Settle journal entries a previous run left `sending`.
    ResolveJournal {
        storage: Storage,
    },
    LoadJournal {
        file: PathBuf,
        tenant: String,
        user_id: String,
    },
    /// Hand the terminal to `$VISUAL` / `$EDITOR` on a 0600 file in `dir` (the state
    /// directory) holding the text; the file is removed afterwards.
    ExternalEditor {
        hand_off: crate::tui::msg::HandOff,
        dir: Option<PathBuf>,
    },
    /// The tenant's drafts, for the list's `✎`.
    ListDrafts {
        dir: PathBuf,
    },
    LoadQueries {
        file: PathBuf,
    },
    SaveQueries {
        file: PathBuf,
        queries: Vec<String>,
    },
    /// Audit the users a search finds, or every user through the export job (`None`).
    Audit {
        query: Option<String>,
    },
    /// List the users of a finding Auth0's search cannot express, from the audit's spool.
    FindingUsers(FindingUsers),
    /// `*` in the users list: every user id of the search, up to Auth0's window.
    MarkAll {
        generation: u64,
        query: ListQuery,
    },
    /// A bulk change's dry run: each user read fresh and decided, nothing sent.
    BulkRead(Box<BulkTask>),
    /// A bulk change run as a batch (new, or resumed).
    BulkRun(Box<BulkTask>),
    /// Ask a bulk task to stop starting users.
    StopBatch {
        watch: Watch,
        reason: String,
    },
    /// The tenant's batches, for `H` in the users list.
    LoadBatches {
        storage: Storage,
    },
    /// Put text on the clipboard of the terminal (OSC 52: through SSH and tmux too).
    Copy(String),
    Quit,
}

/// The effects on draft files, which one task runs in order (`FileQueue`).
#[derive(Debug, Clone, PartialEq)]
pub enum DraftEffect {
    Save {
        file: PathBuf,
        tenant: String,
        user_id: String,
        edits: Vec<DraftEdit>,
        cleared: Vec<MetadataField>,
        base: serde_json::Map<String, serde_json::Value>,
    },
    Delete {
        file: PathBuf,
    },
    Load {
        file: PathBuf,
        user_id: String,
    },
    /// Take the lock that lets this instance alone edit the user.
    Lock {
        file: PathBuf,
        user_id: String,
    },
    Unlock {
        file: PathBuf,
    },
}

/// A bulk change for a task: what, for which users (`None`: a revert's, from its
/// journal; a resume's, from its batch), where batches are kept, and its watch.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkTask {
    pub words: Words,
    pub ids: Option<Arc<Vec<String>>>,
    /// A batch to resume instead of a new one.
    pub resume: Option<String>,
    pub storage: Storage,
    pub watch: Watch,
}

/// A second pass over an audit's users for one finding's.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingUsers {
    pub users: std::sync::Arc<crate::audit_source::SpoolFile>,
    pub report: std::sync::Arc<crate::audit::Report>,
    pub kind: &'static str,
    pub path: Option<String>,
    /// Ids kept at most: they become one search query.
    pub limit: usize,
}
