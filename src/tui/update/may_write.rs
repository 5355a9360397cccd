//! The one answer to "may this view write?", asked by every path that changes the
//! draft or sends: edit keys, `v`, a revert, the preview's send (reached from a restored
//! draft, a conflict or the leave dialog) and the draft files themselves. A production
//! tenant's typed confirmation comes after it, at the send (`preview::intent`).

use crate::tui::keymap::{key_for, USER};
use crate::tui::msg::Intent;
use crate::tui::state::{Phase, State};

/// Why the open user cannot be changed or sent from here now, if it cannot: still
/// loading, a read-only tenant, or another instance holding the user.
pub fn refusal(state: &State) -> Option<String> {
    let view = state.user()?;
    if view.phase != Phase::Ready {
        return Some("the user is still loading: edits wait for the server's copy".into());
    }
    if let Some(reason) = state.read_only_reason() {
        return Some(reason);
    }
    view.read_only.as_ref().map(|holder| held_elsewhere(holder))
}

/// Whether this instance may touch the user's draft file: not while another holds it.
pub fn owns_draft(state: &State) -> bool {
    state.user().is_some_and(|view| view.read_only.is_none())
}

pub fn held_elsewhere(holder: &str) -> String {
    format!(
        "read-only: another auth0-meta ({holder}) has this user open; {} takes over once it is closed",
        key_for(USER.bindings, Intent::TakeOver)
    )
}
