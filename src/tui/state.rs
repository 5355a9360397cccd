//! Everything the UI shows, and nothing it does not: `view` draws this, `update` changes it.

use std::sync::Arc;

use serde_json::Value;

use crate::api::RateLimit;
use crate::domain::merge::same;
use crate::domain::UpdateBody;
use crate::domain::{
    patch_for, review, History, Mark, Metadata, MetadataField, MetadataPair, MetadataPatch, Tree, User,
};
use crate::storage::Storage;

pub use super::overlay::*;

pub fn field_index(field: MetadataField) -> usize {
    match field {
        MetadataField::User => 0,
        MetadataField::App => 1,
    }
}

/// Users fetched per page.
pub const PAGE_SIZE: u32 = 50;
/// Fetch the next page when the cursor comes this close to the last loaded user.
pub const PREFETCH_MARGIN: usize = 10;
/// Auth0 search reaches only this many results.
pub const SEARCH_WINDOW: u64 = 1000;
/// What the list asks for: what it shows, plus metadata for the marker and for opening.
pub const LIST_FIELDS: [&str; 11] = [
    "user_id",
    "email",
    "phone_number",
    "username",
    "name",
    "identities",
    "last_login",
    "logins_count",
    "blocked",
    "user_metadata",
    "app_metadata",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    List,
    User,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Created,
    LastLogin,
    Email,
}

impl SortKey {
    pub fn next(self) -> Self {
        match self {
            SortKey::Created => SortKey::LastLogin,
            SortKey::LastLogin => SortKey::Email,
            SortKey::Email => SortKey::Created,
        }
    }

    /// Auth0's `sort` parameter: newest first for dates, A to Z for email.
    pub fn param(self) -> &'static str {
        match self {
            SortKey::Created => "created_at:-1",
            SortKey::LastLogin => "last_login:-1",
            SortKey::Email => "email:1",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Created => "newest first",
            SortKey::LastLogin => "last login",
            SortKey::Email => "email A-Z",
        }
    }
}

#[derive(Default)]
pub struct UserList {
    pub users: Vec<User>,
    pub total: Option<u64>,
    pub query: String,
    pub history: Vec<String>,
    pub sort: SortKey,
    pub cursor: usize,
    pub scroll: usize,
    /// Bumped when the query or sort changes, so late pages of an old search are dropped.
    pub generation: u64,
    pub next_page: u32,
    pub loading: bool,
    pub exhausted: bool,
}

impl UserList {
    /// True when Auth0's 1000-result window hides some matches.
    pub fn window_hit(&self) -> bool {
        self.total.is_some_and(|t| t > SEARCH_WINDOW)
    }
}

/// One metadata document as a tree, with its cursor and its pending edits.
pub struct TreePane {
    pub field: MetadataField,
    /// The document as the server held it when loaded.
    pub original: Arc<Value>,
    /// The document with the pending edits; `None` while there are none.
    pub draft: Option<Value>,
    /// Shows the original, or the draft with deleted nodes kept in place.
    pub tree: Tree,
    /// What changed, per tree node id; empty while nothing is pending.
    pub marks: Vec<Mark>,
    /// Root keys a PATCH would carry, counted when the draft changes (not per frame).
    pub sending: usize,
    /// The user asked to clear the document: while the draft stays empty, `{}` is sent
    /// instead of one `null` per key.
    pub clear_requested: bool,
    pub cursor: usize,
    pub scroll: usize,
}

impl TreePane {
    pub fn new(field: MetadataField, original: Value) -> Self {
        let original = Arc::new(original);
        Self {
            field,
            tree: Tree::new(original.clone()),
            original,
            draft: None,
            marks: Vec::new(),
            sending: 0,
            clear_requested: false,
            cursor: 0,
            scroll: 0,
        }
    }

    /// Shows a newer copy from the server, keeping open nodes open; pending edits are
    /// the caller's to replay.
    pub fn reload(&mut self, original: Value) {
        self.original = Arc::new(original);
        self.set_draft(None);
    }

    /// The document as it will be if the pending edits are sent.
    pub fn current(&self) -> &Value {
        self.draft.as_ref().unwrap_or(&self.original)
    }

    /// Replaces the draft and rebuilds what the tree shows and marks.
    pub fn set_draft(&mut self, draft: Option<Value>) {
        match draft {
            Some(draft) if !same(&draft, &self.original) => {
                let (shown, marks) = review(&self.original, &draft);
                self.tree.replace_doc(shown);
                self.marks = marks;
                self.draft = Some(draft);
                self.sending = self.keys_to_send();
            }
            _ => {
                self.tree.replace_doc(self.original.clone());
                self.marks.clear();
                self.draft = None;
                self.sending = 0;
            }
        }
    }

    pub fn mark(&self, id: u32) -> Mark {
        self.marks.get(id as usize).copied().unwrap_or(Mark::Same)
    }

    /// The root keys a PATCH would carry for this document.
    pub fn keys_to_send(&self) -> usize {
        match self.patch() {
            MetadataPatch::Keys(keys) => keys.len(),
            MetadataPatch::Clear => self.original.as_object().map_or(0, |m| m.len()),
            MetadataPatch::Unchanged => 0,
        }
    }

    /// What the PATCH says about this document.
    pub fn patch(&self) -> MetadataPatch {
        let empty = self
            .draft
            .as_ref()
            .and_then(Value::as_object)
            .is_some_and(|m| m.is_empty());
        if self.clear_requested && empty {
            return MetadataPatch::Clear;
        }
        match (self.original.as_object(), self.current().as_object()) {
            (Some(original), Some(current)) => patch_for(original, current),
            _ => MetadataPatch::Unchanged,
        }
    }

    pub fn original_map(&self) -> Metadata {
        self.original.as_object().cloned().unwrap_or_default()
    }

    pub fn current_map(&self) -> Metadata {
        self.current().as_object().cloned().unwrap_or_default()
    }
}

pub struct UserView {
    /// The user without its metadata, which lives in the panes.
    pub user: User,
    pub panes: [TreePane; 2],
    pub focus: usize,
    /// The full user is being fetched (what the list gave is shown meanwhile).
    pub loading: bool,
    /// The server's copy has been read once: a draft may now be restored onto it.
    pub loaded_once: bool,
    /// The server's copy is in and any saved draft has been restored onto it: only now
    /// may edits be made, so a new edit can never overwrite a draft not yet restored.
    pub ready: bool,
    pub history: History<MetadataField>,
}

impl UserView {
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
            user_metadata: self.panes[0].original_map(),
            app_metadata: self.panes[1].original_map(),
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
            user_metadata: self.panes[0].current_map(),
            app_metadata: self.panes[1].current_map(),
        }
    }

    pub fn pane(&self) -> &TreePane {
        &self.panes[self.focus]
    }

    pub fn pane_mut(&mut self) -> &mut TreePane {
        &mut self.panes[self.focus]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Status {
    #[default]
    Idle,
    Loading(String),
    Error(String),
    Info(String),
}

pub struct State {
    /// The tenant's domain or base URL.
    pub tenant: String,
    /// Where drafts and the journal go; `None` keeps nothing on disk.
    pub storage: Option<Storage>,
    pub demo: bool,
    pub rate: Option<RateLimit>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub list: UserList,
    pub user: Option<UserView>,
    pub status: Status,
    pub spinner: usize,
    pub width: u16,
    pub height: u16,
}

/// Smaller than this, the layout would break: a message is shown instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

impl State {
    pub fn new(tenant: impl Into<String>, demo: bool, width: u16, height: u16) -> Self {
        Self {
            tenant: tenant.into(),
            storage: None,
            demo,
            rate: None,
            screen: Screen::List,
            overlay: None,
            list: UserList::default(),
            user: None,
            status: Status::Idle,
            spinner: 0,
            width,
            height,
        }
    }

    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    pub fn is_busy(&self) -> bool {
        matches!(self.status, Status::Loading(_))
    }

    /// Rows of the users list on screen: all but header, column titles, status and footer.
    pub fn list_rows(&self) -> usize {
        usize::from(self.height.saturating_sub(6)).max(1)
    }

    /// Rows of one tree on screen, given the layout `view::user` draws.
    pub fn tree_rows(&self) -> usize {
        let area = self.height.saturating_sub(3 + 8 + 1);
        let per_tree = if self.side_by_side() { area } else { area / 2 };
        usize::from(per_tree.saturating_sub(2)).max(1)
    }

    /// Both trees side by side when each gets at least 60 columns.
    pub fn side_by_side(&self) -> bool {
        self.width >= 120
    }
}
