//! The conflict screen: the server changed a key we are about to write. Rebase puts
//! our edits on the server's copy and previews again; overwrite sends as it stands.

use super::drafts;
use super::drafts::reload_panes;
use super::nav::movement;
use super::preview::open_preview;
use crate::domain::{rebase_edits, User};
use crate::preview::Preview;
use crate::tui::effect::Effect;
use crate::tui::keymap::{key_for, CONFLICT, PREVIEW, USER};
use crate::tui::msg::Intent;
use crate::tui::state::{ConflictScreen, Overlay, PreviewScreen, State, Status};
use crate::tui::user_view::BeforeRebase;

pub fn conflict_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let rows = state.overlay_rows();
    if let Some(Overlay::Conflict(screen)) = &mut state.overlay {
        if matches!(intent, Intent::ScrollLeft | Intent::ScrollRight) {
            screen.hscroll = crate::tui::view::sideways(screen.hscroll, intent);
            return Vec::new();
        }
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
        Intent::Rebase => rebase(state, screen),
        Intent::Discard => {
            let effects = drafts::discard(state);
            state.status = Status::Info("draft discarded: the user is shown as the server holds it".into());
            effects
        }
        _ => drafts::abandon_revert(state).unwrap_or_else(|| {
            state.status = Status::Info("not sent: the edits are still pending".into());
            Vec::new()
        }),
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
/// and shows the preview again. Edits that no longer apply are named; `u` undoes the
/// whole rebase and brings them back.
fn rebase(state: &mut State, screen: Box<ConflictScreen>) -> Vec<Effect> {
    let Some(view) = state.user_mut() else {
        return Vec::new();
    };
    let mut server = screen.server.clone();
    // An edit inside an array follows its item to where it is on the server's copy.
    let edits = match rebase_edits(&view.stored(), &server.metadata_pair(), &drafts::pending(view)) {
        Ok(edits) => edits,
        Err(unplaced) => {
            state.overlay = Some(Overlay::Conflict(screen));
            state.status = Status::Error(format!(
                "not rebased: your edit to {unplaced}, so it cannot be placed; {} overwrites, {} cancels",
                key_for(CONFLICT.bindings, Intent::Overwrite),
                key_for(CONFLICT.bindings, Intent::Cancel)
            ));
            return Vec::new();
        }
    };
    let mut before = BeforeRebase {
        user: view.user.clone(),
        docs: view.stored(),
        edits: drafts::pending(view),
        draft_base: std::mem::take(&mut view.draft_base), // the server's copy is the new base
        mark: 0,
    };
    reload_panes(view, server.take_metadata(), [None, None]);
    view.user = server;
    let dropped = drafts::replay(view, edits);
    before.mark = view.history.len();
    view.before_rebase = Some(Box::new(before));
    let mut effects = drafts::save(state);
    effects.extend(open_preview(state));
    if !dropped.is_empty() {
        let n = dropped.len();
        state.status = Status::Error(format!(
            "rebased, but {n} edit{} no longer appl{} to the server's copy and {} dropped: {}; {} (after the preview) brings back the copy and edits from before the rebase",
            if n == 1 { "" } else { "s" },
            if n == 1 { "ies" } else { "y" },
            if n == 1 { "was" } else { "were" },
            drafts::name_dropped(&dropped),
            key_for(USER.bindings, Intent::Undo)
        ));
    }
    effects
}
