//! The open user: the profile, both metadata panes, focus, undo history and how far
//! loading has come.

use crate::domain::{History, MetadataField, MetadataPair, UpdateBody, User};
use crate::tui::tree_search::TreeSearch;

use super::pane::TreePane;

pub fn field_index(field: MetadataField) -> usize {
    match field {
        MetadataField::User => 0,
        MetadataField::App => 1,
    }
}

/// How far opening a user has come. Edits wait for `Ready`, so a new edit can never
/// overwrite a saved draft that has not been restored yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// What the list had is shown while the full, current user is fetched.
    Opening,
    /// The server's copy is in; any saved draft is being read.
    RestoringDraft,
    Ready,
}

pub struct UserView {
    /// The user without its metadata, which lives in the panes.
    pub user: User,
    pub panes: [TreePane; 2],
    pub focus: usize,
    pub phase: Phase,
    pub history: History<MetadataField>,
    /// Another instance holds this user's draft lock (who, and since when): shown
    /// read-only until it is gone and this one takes over.
    pub read_only: Option<String>,
    /// The journal entry the pending edits revert, recorded with them when sent.
    pub reverting: Option<String>,
    /// The draft's base: each root key the edits touch, as the server held it when first
    /// edited (the shape `Draft::base` stores).
    pub draft_base: serde_json::Map<String, serde_json::Value>,
    /// The search over both trees, while one is active (`/`, then `n` / `N`).
    pub search: Option<TreeSearch>,
    /// The last query searched, offered again by `/`.
    pub last_query: String,
    /// What a rebase replaced, so `u` right after it (or after undoing every edit made
    /// since) puts it all back, dropped edits included.
    pub before_rebase: Option<Box<BeforeRebase>>,
    /// `S`: each node's serialized size is shown beside it, to find what to trim.
    pub weights: bool,
}

/// The view as it was before a rebase: the copy loaded then and the edits on it.
#[derive(Debug, Clone)]
pub struct BeforeRebase {
    pub user: User,
    pub docs: crate::domain::MetadataPair,
    pub edits: Vec<(MetadataField, crate::domain::Edit)>,
    pub draft_base: serde_json::Map<String, serde_json::Value>,
    /// The history's length right after the rebase.
    pub mark: usize,
}

impl UserView {
    pub fn new(user: User, panes: [TreePane; 2]) -> Self {
        Self {
            user,
            panes,
            focus: 0,
            phase: Phase::Opening,
            history: History::default(),
            read_only: None,
            reverting: None,
            draft_base: serde_json::Map::new(),
            search: None,
            last_query: String::new(),
            before_rebase: None,
            weights: false,
        }
    }

    pub fn pane_for(&self, field: MetadataField) -> &TreePane {
        &self.panes[field_index(field)]
    }

    pub fn pane_for_mut(&mut self, field: MetadataField) -> &mut TreePane {
        &mut self.panes[field_index(field)]
    }

    pub fn is_dirty(&self) -> bool {
        self.panes.iter().any(|p| p.draft.is_some())
    }

    pub fn stored(&self) -> MetadataPair {
        MetadataPair {
            user_metadata: self.panes[0].original.clone(),
            app_metadata: self.panes[1].original.clone(),
        }
    }

    /// The body to send: the smallest patch per document, or `{}` where a clear was asked.
    pub fn body(&self) -> UpdateBody {
        UpdateBody {
            user_metadata: self.panes[0].patch(),
            app_metadata: self.panes[1].patch(),
        }
    }

    pub fn edited(&self) -> MetadataPair {
        MetadataPair {
            user_metadata: self.panes[0].current().clone(),
            app_metadata: self.panes[1].current().clone(),
        }
    }

    pub fn pane(&self) -> &TreePane {
        &self.panes[self.focus]
    }

    pub fn pane_mut(&mut self) -> &mut TreePane {
        &mut self.panes[self.focus]
    }
}
