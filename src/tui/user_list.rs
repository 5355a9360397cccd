//! The users list's state: what was fetched, the query, the sort, the cursor.

use crate::domain::User;

/// Users fetched per page.
pub const PAGE_SIZE: u32 = 50;
/// Fetch the next page when the cursor comes this close to the last loaded user.
pub const PREFETCH_MARGIN: usize = 10;
/// Metadata of more nodes than this is not kept in the list (a 16 MB legacy profile
/// would otherwise stay in memory as long as the list does).
pub const LIST_METADATA_NODES: usize = 5_000;
/// The same as text, checked before anything is parsed: a page holding a 16 MB profile
/// costs its text, not a 120 MB tree.
pub const LIST_METADATA_BYTES: usize = 256 * 1024;
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

/// The fields `s` cycles through, in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortField {
    #[default]
    Created,
    LastLogin,
    Logins,
    Email,
    Name,
    Updated,
}

impl SortField {
    fn next(self) -> Self {
        match self {
            Self::Created => Self::LastLogin,
            Self::LastLogin => Self::Logins,
            Self::Logins => Self::Email,
            Self::Email => Self::Name,
            Self::Name => Self::Updated,
            Self::Updated => Self::Created,
        }
    }

    fn attribute(self) -> &'static str {
        match self {
            Self::Created => "created_at",
            Self::LastLogin => "last_login",
            Self::Logins => "logins_count",
            Self::Email => "email",
            Self::Name => "name",
            Self::Updated => "updated_at",
        }
    }

    /// Text reads best A to Z; dates and counts newest or most first.
    fn descending_first(self) -> bool {
        !matches!(self, Self::Email | Self::Name)
    }
}

/// `s` picks the field, `S` flips the direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortKey {
    pub field: SortField,
    pub descending: bool,
}

impl Default for SortKey {
    fn default() -> Self {
        Self {
            field: SortField::Created,
            descending: true,
        }
    }
}

impl SortKey {
    pub fn next(self) -> Self {
        let field = self.field.next();
        Self {
            field,
            descending: field.descending_first(),
        }
    }

    pub fn flipped(self) -> Self {
        Self {
            descending: !self.descending,
            ..self
        }
    }

    /// Auth0's `sort` parameter.
    pub fn param(self) -> String {
        format!(
            "{}:{}",
            self.field.attribute(),
            if self.descending { "-1" } else { "1" }
        )
    }

    pub fn label(self) -> String {
        let (field, order) = match (self.field, self.descending) {
            (SortField::Created, true) => ("created", "newest first"),
            (SortField::Created, false) => ("created", "oldest first"),
            (SortField::LastLogin, true) => ("last login", "latest first"),
            (SortField::LastLogin, false) => ("last login", "earliest first"),
            (SortField::Logins, true) => ("logins", "most first"),
            (SortField::Logins, false) => ("logins", "fewest first"),
            (SortField::Email, false) => ("email", "A-Z"),
            (SortField::Email, true) => ("email", "Z-A"),
            (SortField::Name, false) => ("name", "A-Z"),
            (SortField::Name, true) => ("name", "Z-A"),
            (SortField::Updated, true) => ("updated", "latest first"),
            (SortField::Updated, false) => ("updated", "earliest first"),
        };
        format!("by {field}, {order}")
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
    /// `G`: pages are loaded until the end (or the search window), then the cursor goes last.
    pub load_all: bool,
    /// `R`: the user the cursor was on, looked for in the reloaded pages up to `.1` users.
    pub keep: Option<(String, usize)>,
    /// What the status line said when the list was reloaded ("search cleared", a
    /// finding's users), said again once the first page is in.
    pub note: Option<String>,
    /// Users whose metadata is too large to keep in the list (it is fetched on opening):
    /// they have metadata, but the list does not hold it.
    pub heavy: std::collections::HashSet<String>,
    /// Users with a saved draft, marked `✎`.
    pub drafted: std::collections::HashSet<String>,
    /// Users whose profile is over Auth0's 10 KB cap, as far as the list's copy tells
    /// (its metadata, and every heavy user), marked `▲`.
    pub over_cap: std::collections::HashSet<String>,
    /// Users marked for a bulk change (`Space`, `*`), in the order marked; kept across
    /// searches, so users of several searches can be marked.
    pub marked: indexmap::IndexSet<String>,
}

impl UserList {
    /// True when Auth0's 1000-result window hides some matches.
    pub fn window_hit(&self) -> bool {
        self.total.is_some_and(|t| t > SEARCH_WINDOW)
    }
}
