//! Entering and leaving a user: opening it from the list, taking in the server's copy
//! (and any saved draft), showing a saved change, and going back or quitting.

use super::drafts;
use super::drafts::reload_panes;
use super::nav::{keep_list_cursor_visible, keep_tree_cursor_visible, report};
use crate::api::ApiError;
use crate::domain::field_path::join;
use crate::domain::{conflicts, FieldPath, LoadedUser, MetadataField, MetadataPair, User};
use crate::tui::effect::Effect;
use crate::tui::keymap::{key_for, GLOBAL};
use crate::tui::msg::Intent;
use crate::tui::state::{ConflictScreen, Overlay, Phase, Screen, State, Status, TreePane, UserView};

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
    let first = view.phase == Phase::Opening;
    if !first && !pending.is_empty() {
        // `R` with edits pending: a server change to a root key they write is a
        // conflict, decided as at a send, never a silent rebase.
        let report = conflicts(&view.stored(), &docs, &view.body());
        if report.has_conflicts() {
            let mut server = user;
            for field in MetadataField::BOTH {
                server.0.insert(field.name().to_string(), docs.get(field).to_value());
            }
            state.overlay = Some(Overlay::Conflict(Box::new(ConflictScreen::new(report, server))));
            state.status = Status::Error(format!(
                "reloaded {id}: the server changed keys your pending edits write; decide before going on"
            ));
            return Vec::new();
        }
    }
    let changed = changed_root_keys(&view.stored(), &docs);
    reload_panes(view, docs, trees);
    view.user = user;
    let dropped = if pending.is_empty() {
        Vec::new()
    } else {
        drafts::replay(view, pending)
    };
    let kept = view.history.len();
    state.status = if !dropped.is_empty() {
        Status::Error(format!(
            "{} pending edit{} no longer appl{} to the server's copy and {} dropped: {}",
            dropped.len(),
            if dropped.len() == 1 { "" } else { "s" },
            if dropped.len() == 1 { "ies" } else { "y" },
            if dropped.len() == 1 { "was" } else { "were" },
            drafts::name_dropped(&dropped)
        ))
    } else if first {
        Status::Idle
    } else {
        Status::Info(reload_summary(id, &changed, kept))
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

/// After a successful PATCH: what the server answered becomes the original, nothing pending.
pub fn show_saved(state: &mut State, saved: LoadedUser) {
    if let Some(view) = state.user_mut().filter(|v| v.user.id() == saved.id()) {
        reload_panes(view, saved.docs, saved.trees);
        view.user = saved.user;
        view.history.clear();
        view.before_rebase = None;
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

/// The root keys whose values differ between two copies of the metadata.
fn changed_root_keys(before: &MetadataPair, now: &MetadataPair) -> Vec<FieldPath> {
    let mut changed = Vec::new();
    for field in MetadataField::BOTH {
        let (a, b) = (before.get(field), now.get(field));
        let keys = a.keys().chain(b.keys().filter(|k| !a.contains_key(k)));
        for key in keys {
            if !a.same_at(b, key) {
                changed.push(FieldPath::root_key(field, key.clone()));
            }
        }
    }
    changed
}

/// What `R` did: which root keys the server changed, and that pending edits are kept.
fn reload_summary(id: &str, changed: &[FieldPath], pending: usize) -> String {
    let what = match changed.len() {
        0 => "nothing changed on the server".to_string(),
        _ => format!("changed on the server: {}", join(changed)),
    };
    let kept = match pending {
        0 => String::new(),
        1 => "; your 1 pending edit is kept on the new copy".to_string(),
        n => format!("; your {n} pending edits are kept on the new copy"),
    };
    format!("reloaded {id}: {what}{kept}")
}
