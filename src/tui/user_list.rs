//! The users list's state: what was fetched, the query, the sort, the cursor.

use crate::domain::User;

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
