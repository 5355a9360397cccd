//! The conflict screen: the server changed a key we are about to write. Rebase puts
//! our edits on the server's copy and previews again; overwrite sends as it stands.

use super::drafts;
use super::nav::movement;
use super::preview::open_preview;
use super::session::reload_panes;
use crate::domain::User;
use crate::preview::Preview;
use crate::tui::effect::Effect;
use crate::tui::keymap::{key_for, PREVIEW};
use crate::tui::msg::Intent;
use crate::tui::state::{Overlay, PreviewScreen, State, Status};

pub fn conflict_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let rows = state.overlay_rows();
    if let Some(Overlay::Conflict(screen)) = &mut state.overlay {
        let len = screen.lines.len();
        if let Some(target) = movement(intent, screen.scroll, len, rows) {
            let target = if intent == Intent::Bottom { len as isize } else { target };
            screen.scroll_to(target, rows);
            return Vec::new();
        }
    }
    let from_draft = matches!(&state.overlay, Some(Overlay::Conflict(screen)) if screen.from_draft);
    let acts = matches!(intent, Intent::Rebase | Intent::Overwrite | Intent::Cancel);
    if !(acts || from_draft && intent == Intent::Discard) {
        return Vec::new();
    }
    let Some(Overlay::Conflict(screen)) = state.overlay.take() else {
        return Vec::new();
    };
    match intent {
        Intent::Overwrite if screen.from_draft => super::restore::keep_mine(state, screen.keep_mine),
        Intent::Overwrite => overwrite(state, screen.server),
        Intent::Rebase => rebase(state, screen.server),
        Intent::Discard => {
            let effects = drafts::discard(state);
            state.status = Status::Info("draft discarded: the user is shown as the server holds it".into());
            effects
        }
        _ => {
            state.status = Status::Info("not sent: the edits are still pending".into());
            Vec::new()
        }
    }
}

/// Shows the preview of sending the edits as they are, with the server's copy as the
/// base: its diff shows exactly what overwriting replaces. Nothing is sent from here.
fn overwrite(state: &mut State, server: User) -> Vec<Effect> {
    let Some(view) = state.user() else { return Vec::new() };
    let preview = Preview::with_body(&server, server.metadata_pair(), view.body());
    let note = "based on the server's copy now: the diff shows what overwriting replaces";
    let mut screen = PreviewScreen::with_note(preview, Some(note));
    screen.reverts = view.reverting.clone();
    state.overlay = Some(Overlay::Preview(Box::new(screen)));
    state.status = Status::Info(format!(
        "overwrite: check what it replaces, then {} sends",
        key_for(PREVIEW.bindings, Intent::Submit)
    ));
    Vec::new()
}

/// Takes the server's copy as the new original, makes the pending edits again on top,
/// and shows the preview again.
fn rebase(state: &mut State, mut server: User) -> Vec<Effect> {
    let Some(view) = state.user_mut() else {
        return Vec::new();
    };
    let edits = drafts::pending(view);
    // The server's copy is the new base of the draft.
    view.draft_base.clear();
    reload_panes(view, server.take_metadata(), [None, None]);
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
