//! The conflict screen: the server changed a key we are about to write. Rebase puts
//! our edits on the server's copy and previews again; overwrite sends as it stands.

use super::drafts;
use super::preview::{open_preview, send};
use super::session::reload_panes;
use crate::domain::User;
use crate::tui::effect::Effect;
use crate::tui::msg::Intent;
use crate::tui::state::{Overlay, State, Status};

pub fn conflict_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    if !matches!(intent, Intent::Rebase | Intent::Overwrite | Intent::Cancel) {
        return Vec::new();
    }
    let Some(Overlay::Conflict(screen)) = state.overlay.take() else {
        return Vec::new();
    };
    match intent {
        Intent::Overwrite => {
            let body = state.user().map(|view| view.body());
            match body {
                Some(body) => send(state, screen.server.metadata_pair(), body, false),
                None => Vec::new(),
            }
        }
        Intent::Rebase => rebase(state, screen.server),
        _ => {
            state.status = Status::Info("not sent: the edits are still pending".into());
            Vec::new()
        }
    }
}

/// Takes the server's copy as the new original, makes the pending edits again on top,
/// and shows the preview again.
fn rebase(state: &mut State, mut server: User) -> Vec<Effect> {
    let Some(view) = state.user_mut() else {
        return Vec::new();
    };
    let edits = drafts::pending(view);
    reload_panes(view, &mut server);
    view.user = server;
    let failed = drafts::replay(view, edits);
    let mut effects = drafts::save(state);
    effects.extend(open_preview(state));
    if failed > 0 {
        state.status = Status::Error(format!(
            "{failed} edits no longer apply to the server's copy and were dropped"
        ));
    }
    effects
}
