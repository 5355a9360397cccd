//! The user view: two metadata trees, moving and folding in them.

use serde_json::Value;

use super::{apply, drafts, edit, follow, move_cursor, movement, report};
use crate::api::ApiError;
use crate::domain::{History, MetadataField, Tree, User};
use crate::tui::effect::Effect;
use crate::tui::msg::Intent;
use crate::tui::state::{Overlay, Screen, State, Status, TreePane, UserView};

/// Moves a metadata document out of the user into its pane: parsed metadata can be
/// large (a 16 MB document is about 120 MB in memory), so it is never copied to be shown.
fn take_metadata(user: &mut User, field: MetadataField) -> Value {
    match user.0.shift_remove(field.name()) {
        Some(doc @ Value::Object(_)) => doc,
        _ => Value::Object(Default::default()),
    }
}

/// Shows what the list had at once, and fetches the full, current user.
pub fn open(state: &mut State, mut user: User) -> Vec<Effect> {
    let id = user.id().to_string();
    let panes = [
        TreePane::new(MetadataField::User, take_metadata(&mut user, MetadataField::User)),
        TreePane::new(MetadataField::App, take_metadata(&mut user, MetadataField::App)),
    ];
    state.user = Some(UserView {
        panes,
        user,
        focus: 0,
        loading: true,
        loaded_once: false,
        ready: false,
        history: History::default(),
    });
    state.screen = Screen::User;
    state.status = Status::Loading(format!("loading {id}"));
    vec![Effect::FetchUser { id }]
}

pub fn user_loaded(state: &mut State, id: &str, result: Result<User, ApiError>) -> Vec<Effect> {
    let Some(view) = state.user.as_mut().filter(|v| v.user.id() == id) else {
        return Vec::new(); // the user was left before the answer came
    };
    view.loading = false;
    let mut effects = Vec::new();
    match result {
        Ok(mut user) => {
            let pending = drafts::pending(view);
            reload_panes(view, &mut user);
            view.user = user;
            let failed = if pending.is_empty() {
                0
            } else {
                drafts::replay(view, pending)
            };
            state.status = if failed > 0 {
                Status::Error(format!(
                    "{failed} pending edits no longer apply to the server's copy and were dropped"
                ))
            } else {
                Status::Idle
            };
            if !view.loaded_once {
                view.loaded_once = true;
                effects = drafts::load(state);
                if effects.is_empty() {
                    if let Some(view) = state.user.as_mut() {
                        view.ready = true;
                    }
                } else {
                    // Still loading until any saved draft is back: edits wait for it.
                    state.status = Status::Loading(format!("loading {id}"));
                }
            }
        }
        Err(err) => report(state, &format!("loading {id} failed"), &err),
    }
    keep_cursor_visible(state);
    effects
}

/// Shows the server's copy in both panes, keeping each cursor on its node.
pub fn reload_panes(view: &mut UserView, user: &mut User) {
    for pane in &mut view.panes {
        let path = pane.tree.locate(pane.cursor).map(|at| at.path);
        pane.reload(take_metadata(user, pane.field));
        if let Some(path) = path {
            pane.cursor = pane.tree.row_of(&path);
        }
    }
}

/// After a successful PATCH: what the server answered becomes the original, nothing pending.
pub fn show_saved(state: &mut State, mut user: User) {
    if let Some(view) = state.user.as_mut() {
        reload_panes(view, &mut user);
        view.user = user;
        view.history.clear();
        for pane in &mut view.panes {
            pane.clear_requested = false;
        }
    }
    keep_cursor_visible(state);
}

pub fn intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let rows = state.tree_rows();
    let Some(view) = state.user.as_mut() else {
        return Vec::new();
    };
    let (dirty, ready) = (view.is_dirty(), view.ready);
    let pane = view.pane_mut();
    let len = pane.tree.row_count();
    if let Some(target) = movement(intent, pane.cursor, len, rows) {
        move_cursor(&mut pane.cursor, &mut pane.scroll, len, rows, target);
        return Vec::new();
    }
    match intent {
        Intent::Back | Intent::Quit if dirty => {
            state.overlay = Some(Overlay::Leave {
                quit: intent == Intent::Quit,
            });
            return Vec::new();
        }
        Intent::Quit => return vec![Effect::Quit],
        Intent::Back => return apply::leave(state, false, Vec::new()),
        Intent::Edit
        | Intent::EditJson
        | Intent::Add
        | Intent::Rename
        | Intent::Delete
        | Intent::Retype
        | Intent::Undo
        | Intent::Redo => {
            if !ready {
                state.status = Status::Error("the user is still loading: edits wait for the server's copy".into());
                return Vec::new();
            }
            return edit::start(state, intent);
        }
        Intent::Preview => return apply::open_preview(state),
        Intent::History => return apply::open_history(state),
        Intent::SwitchTree => view.focus = 1 - view.focus,
        Intent::Expand => expand_or_descend(pane),
        Intent::Collapse => collapse_or_ascend(pane),
        Intent::Toggle => {
            let open = pane
                .tree
                .locate(pane.cursor)
                .is_some_and(|at| pane.tree.is_expanded(at.id));
            pane.tree.set_expanded(pane.cursor, !open);
        }
        Intent::ExpandAll => keep_node(pane, Tree::expand_all),
        Intent::CollapseAll => keep_node(pane, Tree::collapse_all),
        Intent::Depth(depth) => keep_node(pane, |tree| tree.expand_to_depth(usize::from(depth))),
        Intent::Reload => {
            let id = view.user.id().to_string();
            view.loading = true;
            state.status = Status::Loading(format!("loading {id}"));
            return vec![Effect::FetchUser { id }];
        }
        _ => {}
    }
    keep_cursor_visible(state);
    Vec::new()
}

fn expand_or_descend(pane: &mut TreePane) {
    let Some(at) = pane.tree.locate(pane.cursor) else {
        return;
    };
    if pane.tree.is_expanded(at.id) {
        if pane.cursor + 1 < pane.tree.row_count()
            && pane
                .tree
                .locate(pane.cursor + 1)
                .is_some_and(|next| next.path.len() > at.path.len())
        {
            pane.cursor += 1;
        }
    } else {
        pane.tree.set_expanded(pane.cursor, true);
    }
}

fn collapse_or_ascend(pane: &mut TreePane) {
    let Some(at) = pane.tree.locate(pane.cursor) else {
        return;
    };
    if pane.tree.is_expanded(at.id) {
        pane.tree.set_expanded(pane.cursor, false);
    } else if let Some((parent, _)) = at.path.split_last() {
        pane.cursor = pane.tree.row_of(&parent);
    }
}

/// Runs a whole-tree fold and keeps the cursor on the same node (or its shown ancestor).
fn keep_node(pane: &mut TreePane, fold: impl FnOnce(&mut Tree)) {
    let path = pane.tree.locate(pane.cursor).map(|at| at.path);
    fold(&mut pane.tree);
    pane.cursor = path.map_or(0, |p| pane.tree.row_of(&p));
}

pub fn keep_cursor_visible(state: &mut State) {
    let rows = state.tree_rows();
    if let Some(view) = state.user.as_mut() {
        for pane in &mut view.panes {
            pane.cursor = pane.cursor.min(pane.tree.row_count().saturating_sub(1));
            follow(pane.cursor, &mut pane.scroll, rows);
        }
    }
}
