//! Everything the UI shows, and nothing it does not: `view` draws this, `update` changes it.

use ratatui::layout::Rect;

use super::layout;
use crate::api::RateLimit;
use crate::profile::Guards;
use crate::storage::Storage;

pub use super::overlay::*;
pub use super::pane::TreePane;
pub use super::user_list::*;
pub use super::user_view::{field_index, Phase, UserView};

/// The screen under any overlay. The open user lives inside, so there is no user
/// without the user screen, nor the user screen without a user.
pub enum Screen {
    List,
    User(Box<UserView>),
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
    /// The configured tenant's name, read-only and production: what the header shows
    /// and what editing and sending refuse.
    pub guards: Guards,
    pub rate: Option<RateLimit>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// The `?` help is open over whatever has focus.
    pub help: bool,
    /// How far the help is scrolled, when it is longer than the screen.
    pub help_scroll: usize,
    /// A change is on its way to the server; quitting waits for its outcome.
    pub sending: bool,
    /// What an audit on its way covers (`A`), while it runs.
    pub auditing: Option<String>,
    /// The finding whose users are being read again from the audit, for the list.
    pub finding_users: Option<(&'static str, Option<String>)>,
    /// The bulk change whose users are being read from the audit (its `u` / `m`).
    pub bulk_for_finding: Option<crate::batch::Words>,
    /// Quit was asked while sending: quit once the outcome is in.
    pub quit_when_sent: bool,
    /// Why the last draft write failed; `None` while drafts are being saved.
    pub drafts_failing: Option<String>,
    pub list: UserList,
    pub status: Status,
    /// The user `c` marked, to compare with the next one `c` is pressed on.
    pub compare_mark: Option<super::compare_screen::Marked>,
    /// The latest messages the status line showed, oldest first, for `M`.
    pub messages: std::collections::VecDeque<Status>,
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
            guards: Guards::default(),
            rate: None,
            screen: Screen::List,
            overlay: None,
            help: false,
            help_scroll: 0,
            sending: false,
            auditing: None,
            finding_users: None,
            bulk_for_finding: None,
            quit_when_sent: false,
            drafts_failing: None,
            list: UserList::default(),
            status: Status::Idle,
            compare_mark: None,
            messages: std::collections::VecDeque::new(),
            spinner: 0,
            width,
            height,
        }
    }

    /// The open user, if the user screen is shown.
    pub fn user(&self) -> Option<&UserView> {
        match &self.screen {
            Screen::User(view) => Some(view),
            Screen::List => None,
        }
    }

    pub fn user_mut(&mut self) -> Option<&mut UserView> {
        match &mut self.screen {
            Screen::User(view) => Some(view),
            Screen::List => None,
        }
    }

    /// Whether pending edits are being kept on disk as a draft.
    pub fn drafts_kept(&self) -> bool {
        self.storage.is_some() && self.drafts_failing.is_none()
    }

    pub fn on_list(&self) -> bool {
        matches!(self.screen, Screen::List)
    }

    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// Why nothing can be changed here, when the tenant is read-only.
    pub fn read_only_reason(&self) -> Option<String> {
        self.guards.read_only.then(|| {
            let name = self.guards.name.as_deref().unwrap_or(&self.tenant);
            format!("tenant {name} is read-only (--read-only or read_only = true): look, copy and preview, but nothing is sent")
        })
    }

    pub fn is_busy(&self) -> bool {
        matches!(self.status, Status::Loading(_))
    }

    /// Ticks are wanted while something loads (the spinner) or a long JSON text waits
    /// for typing to pause before it is checked.
    pub fn wants_ticks(&self) -> bool {
        use super::bulk_screen::BulkPhase;
        let bulk_moving = matches!(&self.overlay, Some(Overlay::Bulk(b)) if matches!(b.phase(), BulkPhase::Reading | BulkPhase::Running { .. }));
        self.is_busy() || bulk_moving || matches!(&self.overlay, Some(Overlay::Editor(e)) if e.check_owed.is_some())
    }

    /// The area between header and status line.
    pub fn body(&self) -> Rect {
        layout::screen(Rect::new(0, 0, self.width, self.height)).body
    }

    /// Rows of the users list on screen.
    pub fn list_rows(&self) -> usize {
        layout::list_rows(self.body())
    }

    /// Lines of a full-height overlay on screen.
    pub fn overlay_rows(&self) -> usize {
        layout::overlay_rows(self.body())
    }

    /// Rows of one tree on screen (the smaller tree, where they differ by a row).
    pub fn tree_rows(&self) -> usize {
        let trees = layout::user(self.body()).trees;
        layout::tree_rows(trees[0]).min(layout::tree_rows(trees[1]))
    }
}
