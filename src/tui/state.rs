//! Everything the UI shows, and nothing it does not: `view` draws this, `update` changes it.

use std::sync::Arc;

use serde_json::Value;
use tui_textarea::TextArea;

use crate::api::RateLimit;
use crate::domain::{MetadataField, Tree, User};

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

pub enum Overlay {
    Help,
    Search(Box<SearchInput>),
}

pub struct SearchInput {
    pub text: TextArea<'static>,
    /// Index into the query history while recalling with Up/Down.
    pub recalled: Option<usize>,
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

/// One metadata document as a tree, with its cursor.
pub struct TreePane {
    pub field: MetadataField,
    /// The document as the server held it when loaded.
    pub original: Arc<Value>,
    pub tree: Tree,
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
            cursor: 0,
            scroll: 0,
        }
    }

    /// Shows a newer copy from the server, keeping open nodes open.
    pub fn reload(&mut self, original: Value) {
        self.original = Arc::new(original);
        self.tree.replace_doc(self.original.clone());
    }
}

pub struct UserView {
    pub user: User,
    pub panes: [TreePane; 2],
    pub focus: usize,
    /// The full user is being fetched (what the list gave is shown meanwhile).
    pub loading: bool,
}

impl UserView {
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
