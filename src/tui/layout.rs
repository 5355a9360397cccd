//! Where everything goes on screen. `view` draws into these areas and `update` sizes its
//! scrolling from them, so the two can never disagree about how many rows are shown.

use ratatui::layout::{Constraint, Layout, Rect};

/// Header, body, status line and footer.
pub struct ScreenAreas {
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

pub fn screen(area: Rect) -> ScreenAreas {
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    ScreenAreas {
        header,
        body,
        status,
        footer,
    }
}

/// Lines above the users list's first row: the title rule and the column titles.
pub const LIST_CHROME: u16 = 2;

/// Rows of users the list shows in `body`.
pub fn list_rows(body: Rect) -> usize {
    usize::from(body.height.saturating_sub(LIST_CHROME)).max(1)
}

/// Profile, the two trees, and the selected path.
pub struct UserAreas {
    pub profile: Rect,
    pub trees: [Rect; 2],
    pub path: Rect,
}

/// Both trees side by side when each gets at least 60 columns.
pub fn side_by_side(area: Rect) -> bool {
    area.width >= 120
}

const PROFILE_HEIGHT: u16 = 8;
/// Below this many rows of body (a terminal under 30 rows), the profile takes one line
/// so the trees keep their room.
pub const COMPACT_BELOW: u16 = 27;

/// Whether the profile is shown as one line.
pub fn compact_profile(body: Rect) -> bool {
    body.height < COMPACT_BELOW
}

pub fn user(body: Rect) -> UserAreas {
    let profile_height = if compact_profile(body) { 1 } else { PROFILE_HEIGHT };
    let [profile, trees, path] = Layout::vertical([
        Constraint::Length(profile_height),
        Constraint::Min(4),
        Constraint::Length(1),
    ])
    .areas(body);
    let trees = if side_by_side(body) {
        Layout::horizontal([Constraint::Ratio(1, 2); 2]).areas(trees)
    } else {
        Layout::vertical([Constraint::Ratio(1, 2); 2]).areas(trees)
    };
    UserAreas { profile, trees, path }
}

/// Rows inside a bordered tree.
pub fn tree_rows(tree: Rect) -> usize {
    usize::from(tree.height.saturating_sub(2)).max(1)
}

/// Lines inside a full-height bordered overlay (the preview, the conflict screen).
pub fn overlay_rows(body: Rect) -> usize {
    usize::from(body.height.saturating_sub(2)).max(1)
}
