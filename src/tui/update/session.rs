//! Entering and leaving a user: opening it from the list, taking in the server's copy
//! (and any saved draft), showing a saved change, and going back or quitting.

use super::drafts;
use super::nav::{keep_list_cursor_visible, keep_tree_cursor_visible, report};
use crate::api::ApiError;
use crate::domain::tree::Prebuilt;
use crate::domain::{LoadedUser, MetadataField, MetadataPair, User};
use crate::tui::effect::Effect;
use crate::tui::keymap::{key_for, GLOBAL};
use crate::tui::msg::Intent;
use crate::tui::state::{Overlay, Phase, Screen, State, Status, TreePane, UserView};

/// Shows what the list had at once, and fetches the full, current user.
pub fn open(state: &mut State, mut user: User) -> Vec<Effect> {
    let id = user.id().to_string();
    // Moved out of the user into the panes: a 16 MB document is never copied to be shown.
    let docs = user.take_metadata();
    let panes = [
        TreePane::new(MetadataField::User, docs.user_metadata),
        TreePane::new(MetadataField::App, docs.app_metadata),
    ];
    state.screen = Screen::User(Box::new(UserView::new(user, panes)));
    state.status = Status::Loading(format!("loading {id}"));
    vec![Effect::FetchUser { id }]
}

pub fn user_loaded(state: &mut State, id: &str, result: Result<LoadedUser, ApiError>) -> Vec<Effect> {
    let Some(view) = state.user_mut().filter(|v| v.user.id() == id) else {
        return Vec::new(); // the user was left before the answer came
    };
    let LoadedUser { user, docs, trees } = match result {
        Ok(loaded) => loaded,
        Err(err) => {
            report(state, &format!("loading {id} failed"), &err);
            return Vec::new();
        }
    };
    let pending = drafts::pending(view);
    reload_panes(view, docs, trees);
    view.user = user;
    let failed = if pending.is_empty() {
        0
    } else {
        drafts::replay(view, pending)
    };
    let first = view.phase == Phase::Opening;
    state.status = if failed > 0 {
        Status::Error(format!(
            "{failed} pending edits no longer apply to the server's copy and were dropped"
        ))
    } else {
        Status::Idle
    };
    keep_tree_cursor_visible(state);
    if !first {
        return Vec::new();
    }
    let effects = drafts::lock(state);
    if let Some(view) = state.user_mut() {
        if effects.is_empty() {
            view.phase = Phase::Ready;
        } else {
            // Still loading until any saved draft is back: edits wait for it.
            view.phase = Phase::RestoringDraft;
            state.status = Status::Loading(format!("loading {id}"));
        }
    }
    effects
}

/// Shows the server's copy in both panes, keeping each cursor on its node.
pub fn reload_panes(view: &mut UserView, mut docs: MetadataPair, mut trees: [Option<Prebuilt>; 2]) {
    for (pane, tree) in view.panes.iter_mut().zip(&mut trees) {
        let path = pane.tree.locate(pane.cursor).map(|at| at.path);
        pane.reload_with(std::mem::take(docs.get_mut(pane.field)), tree.take());
        if let Some(path) = path {
            pane.cursor = pane.tree.row_of(&path);
        }
    }
}

/// After a successful PATCH: what the server answered becomes the original, nothing pending.
pub fn show_saved(state: &mut State, saved: LoadedUser) {
    if let Some(view) = state.user_mut().filter(|v| v.user.id() == saved.id()) {
        reload_panes(view, saved.docs, saved.trees);
        view.user = saved.user;
        view.history.clear();
        // What was sent is the server's now: a later draft is based on the new copy.
        view.draft_base.clear();
        view.reverting = None;
        for pane in &mut view.panes {
            pane.clear_requested = false;
        }
    }
    keep_tree_cursor_visible(state);
}

/// `q` in the user view, or quitting: asks first when edits are pending, and waits for
/// the outcome of a change on its way (a second Ctrl-C stops waiting; the journal
/// entry is then settled at the next start).
pub fn back(state: &mut State, quit: bool) -> Vec<Effect> {
    if quit && state.sending {
        if state.quit_when_sent {
            return vec![Effect::Quit];
        }
        state.quit_when_sent = true;
        state.status = Status::Loading(format!(
            "sending: waiting for the outcome before quitting ({} again to stop waiting)",
            key_for(GLOBAL, Intent::Quit)
        ));
        return Vec::new();
    }
    if state.user().is_some_and(UserView::is_dirty) {
        state.overlay = Some(Overlay::Leave { quit });
        return Vec::new();
    }
    leave(state, quit, Vec::new())
}

/// The leave question: preview, keep the draft, discard, or stay.
pub fn leave_intent(state: &mut State, intent: Intent, quit: bool) -> Vec<Effect> {
    if !matches!(
        intent,
        Intent::Preview | Intent::KeepDraft | Intent::Discard | Intent::Cancel
    ) {
        return Vec::new();
    }
    state.overlay = None;
    match intent {
        Intent::Preview => super::preview::open_preview(state),
        Intent::KeepDraft if state.drafts_kept() => leave(state, quit, Vec::new()),
        Intent::Discard => {
            let effects = drafts::delete(state);
            leave(state, quit, effects)
        }
        _ => Vec::new(),
    }
}

/// Leaves the user view (or quits), after `before` has run.
pub fn leave(state: &mut State, quit: bool, mut before: Vec<Effect>) -> Vec<Effect> {
    if quit {
        before.push(Effect::Quit);
        return before;
    }
    before.extend(drafts::unlock(state));
    if let Some(view) = state.user() {
        // A draft stays on disk for a user left with edits (when drafts are kept).
        let id = view.user.id().to_string();
        if view.is_dirty() && state.drafts_kept() {
            state.list.drafted.insert(id);
        } else {
            state.list.drafted.remove(&id);
        }
    }
    state.screen = Screen::List;
    if state.is_busy() && !state.list.loading {
        state.status = Status::Idle;
    }
    keep_list_cursor_visible(state);
    before
}
