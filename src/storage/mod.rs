//! What the tool keeps on disk, in the user's state directory: drafts of unsent edits
//! (so a crash or a closed terminal loses nothing) and the journal of applied changes
//! (so every change can be undone). Neither ever holds a token or a secret.

pub mod batch_status;
pub mod batches;
pub mod drafts;
mod file_name;
pub mod journal;
pub mod lock;
pub mod private;
pub mod queries;

use std::path::PathBuf;

use file_name::encode_bounded as encode;

/// The state directory and the tenant whose files are meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Storage {
    pub root: PathBuf,
    pub tenant: String,
}

impl Storage {
    /// `AUTH0_META_STATE_DIR`, else `$XDG_STATE_HOME/auth0-meta`, else
    /// `~/.local/state/auth0-meta`; `None` when none can be found.
    pub fn locate(tenant: &str, env: impl Fn(&str) -> Option<String>) -> Option<Self> {
        let non_empty = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        let root = non_empty("AUTH0_META_STATE_DIR")
            .or_else(|| non_empty("XDG_STATE_HOME").map(|d| d.join("auth0-meta")))
            .or_else(|| non_empty("HOME").map(|d| d.join(".local/state/auth0-meta")))?;
        Some(Self {
            root,
            tenant: tenant.to_string(),
        })
    }

    /// One file per tenant and user.
    pub fn draft_file(&self, user_id: &str) -> PathBuf {
        self.drafts_dir().join(format!("{}.json", encode(user_id)))
    }

    /// The tenant's drafts.
    pub fn drafts_dir(&self) -> PathBuf {
        self.root.join("drafts").join(encode(&self.tenant))
    }

    /// The tenant's earlier searches of the users list.
    pub fn queries_file(&self) -> PathBuf {
        self.root.join("queries").join(format!("{}.json", encode(&self.tenant)))
    }

    /// The lock that lets one instance at a time edit the user.
    pub fn lock_file(&self, user_id: &str) -> PathBuf {
        self.draft_file(user_id).with_extension("json.lock")
    }

    pub fn journal_file(&self) -> PathBuf {
        self.root.join("journal.jsonl")
    }

    /// The tenant's journal entries still waiting for their outcome: one locked
    /// marker file each (`journal::OpenEntry`).
    pub fn open_entries_dir(&self) -> PathBuf {
        self.root.join("journal.open").join(encode(&self.tenant))
    }
}
