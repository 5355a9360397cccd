//! The user view: two metadata trees, moving and folding in them.

use super::drafts;
use super::edit::start;
use super::find;
use super::hand_off;
use super::history::open_history;
use super::may_write;
use super::nav::{keep_tree_cursor_visible, move_cursor, movement};
use super::preview::open_preview;
use super::session::back;
use crate::domain::Tree;
use crate::tui::effect::Effect;
use crate::tui::msg::Intent;
use crate::tui::state::{State, Status, TreePane};

pub fn intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let rows = state.tree_rows();
    let refusal = may_write::refusal(state);
    let Some(view) = state.user_mut() else {
        return Vec::new();
    };
    let read_only = view.read_only.clone();
    // Esc clears a find; `q` always does what the footer says (leave), find or not.
    if intent == Intent::Cancel {
        if view.search.take().is_some() {
            state.status = Status::Info("find cleared".into());
        }
        return Vec::new();
    }
    let pane = view.pane_mut();
    let len = pane.tree.row_count();
    if let Some(target) = movement(intent, pane.cursor, len, rows) {
        move_cursor(&mut pane.cursor, &mut pane.scroll, len, rows, target);
        return Vec::new();
    }
    match intent {
        Intent::Back => return back(state, false),
        Intent::Search => return find::open(state),
        Intent::Compare => return super::compare::mark_or_compare(state),
        Intent::CopyMenu => {
            state.overlay = Some(crate::tui::state::Overlay::CopyMenu);
            return Vec::new();
        }
        Intent::NextMatch | Intent::PrevMatch => return find::step(state, intent == Intent::NextMatch),
        edit if edit.changes_draft() => {
            return match refusal {
                Some(reason) => {
                    state.status = Status::Error(reason);
                    Vec::new()
                }
                None if edit == Intent::OpenInEditor => hand_off::open(state),
                None => start(state, edit),
            };
        }
        Intent::TakeOver => return take_over(state, read_only.is_some()),
        Intent::Preview => return open_preview(state),
        Intent::History => return open_history(state),
        Intent::Reload => {
            let id = view.user.id().to_string();
            state.status = Status::Loading(format!("loading {id}"));
            return vec![Effect::FetchUser { id }];
        }
        Intent::SwitchTree => view.focus = 1 - view.focus,
        Intent::ToggleWeights => {
            view.weights = !view.weights;
            state.status = Status::Info(match view.weights {
                true => "sizes shown: each node's bytes as compact JSON (the profile's total is in the header)".into(),
                false => "sizes hidden".into(),
            });
        }
        fold => fold_tree(pane, fold),
    }
    keep_tree_cursor_visible(state);
    Vec::new()
}

/// `T`: take the lock another instance held, once it is gone.
fn take_over(state: &mut State, read_only: bool) -> Vec<Effect> {
    if read_only {
        state.status = Status::Loading("taking over this user".into());
        drafts::lock(state)
    } else {
        state.status = Status::Info("this user is already edited here".into());
        Vec::new()
    }
}

/// The keys that open and close nodes.
fn fold_tree(pane: &mut TreePane, intent: Intent) {
    match intent {
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
        _ => {}
    }
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
