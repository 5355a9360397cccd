//! The mouse, as crossterm reports it: the wheel scrolls the list, a tree or the
//! preview; a click selects a row, focuses the tree it is in, and on `▸`/`▾` toggles it;
//! a double click on a user opens it. Whether a click is double is told by the event
//! loop, which has the clock.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::nav::keep_list_cursor_visible;
use super::{intent_update, nav::keep_tree_cursor_visible};
use crate::tui::effect::Effect;
use crate::tui::layout;
use crate::tui::msg::Intent;
use crate::tui::state::{Overlay, Screen, State};

/// Rows one notch of the wheel moves.
const WHEEL: usize = 3;

pub fn mouse(state: &mut State, event: MouseEvent, double: bool) -> Vec<Effect> {
    let at = Position::new(event.column, event.row);
    let wheel = match event.kind {
        MouseEventKind::ScrollDown => Some(Intent::Down),
        MouseEventKind::ScrollUp => Some(Intent::Up),
        _ => None,
    };
    let click = matches!(event.kind, MouseEventKind::Down(MouseButton::Left));
    if state.help {
        state.help = !click;
        return Vec::new();
    }
    match (&state.overlay, wheel) {
        (Some(Overlay::Preview(_) | Overlay::Conflict(_) | Overlay::History(_)), Some(step)) => {
            return repeat(state, step)
        }
        (Some(_), _) => return Vec::new(),
        (None, _) => {}
    }
    match (&state.screen, wheel) {
        (Screen::List, Some(step)) => repeat(state, step),
        (Screen::List, None) if click => list_click(state, at, double),
        (Screen::User(_), _) if click || wheel.is_some() => tree_event(state, at, wheel, click),
        _ => Vec::new(),
    }
}

fn repeat(state: &mut State, step: Intent) -> Vec<Effect> {
    (0..WHEEL).flat_map(|_| intent_update(state, step)).collect()
}

fn list_click(state: &mut State, at: Position, double: bool) -> Vec<Effect> {
    let body = state.body();
    let first = body.y + layout::LIST_CHROME;
    if !body.contains(at) || at.y < first {
        return Vec::new();
    }
    let row = state.list.scroll + usize::from(at.y - first);
    if row >= state.list.users.len() {
        return Vec::new();
    }
    state.list.cursor = row;
    keep_list_cursor_visible(state);
    if double {
        return intent_update(state, Intent::Open);
    }
    Vec::new()
}

fn tree_event(state: &mut State, at: Position, wheel: Option<Intent>, click: bool) -> Vec<Effect> {
    let trees = layout::user(state.body()).trees;
    let Some(index) = trees.iter().position(|t| t.contains(at)) else {
        return Vec::new();
    };
    let Some(view) = state.user_mut() else {
        return Vec::new();
    };
    view.focus = index;
    if let Some(step) = wheel {
        return repeat(state, step);
    }
    let inner = Rect::new(
        trees[index].x + 1,
        trees[index].y + 1,
        trees[index].width.saturating_sub(2),
        trees[index].height.saturating_sub(2),
    );
    if !click || !inner.contains(at) {
        return Vec::new();
    }
    let pane = view.pane_mut();
    let row = pane.scroll + usize::from(at.y - inner.y);
    let Some(shown) = pane.tree.rows(row, 1).into_iter().next() else {
        return Vec::new();
    };
    pane.cursor = row;
    // The row: the change mark (2), the indentation (2 per level), then `▸`/`▾`.
    let marker = inner.x + 2 + 2 * shown.depth as u16;
    let on_marker = (marker..marker + 2).contains(&at.x);
    keep_tree_cursor_visible(state);
    if on_marker {
        return intent_update(state, Intent::Toggle);
    }
    Vec::new()
}
