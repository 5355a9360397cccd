//! What `update` asks the outside world to do. `perform` (and `FileQueue` for drafts)
//! run them outside the UI; each ends in at most one `Msg`.

use std::path::PathBuf;

use crate::api::ListQuery;
use crate::apply::Request;
use crate::domain::MetadataField;
use crate::storage::drafts::DraftEdit;
use crate::storage::Storage;

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
    SaveDraft {
        file: PathBuf,
        tenant: String,
        user_id: String,
        edits: Vec<DraftEdit>,
        cleared: Vec<MetadataField>,
        base: serde_json::Map<String, serde_json::Value>,
    },
    DeleteDraft {
        file: PathBuf,
    },
    LoadDraft {
        file: PathBuf,
        user_id: String,
    },
    /// Take the lock that lets this instance alone edit the user.
    LockDraft {
        file: PathBuf,
        user_id: String,
    },
    UnlockDraft {
        file: PathBuf,
    },
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
    /// Put text on the clipboard of the terminal (OSC 52: through SSH and tmux too).
    Copy(String),
    Quit,
}
