//! Finding text in the open user's trees: `/` asks, Enter goes to the first match from
//! the cursor, `n` / `N` go on (wrapping, with a notice), Esc (or `q`) clears.

use crossterm::event::KeyEvent;

use super::nav::keep_tree_cursor_visible;
use crate::domain::Needle;
use crate::tui::effect::Effect;
use crate::tui::msg::Intent;
use crate::tui::overlay::{text_area, type_line_key};
use crate::tui::state::{FindInput, Overlay, State, Status};
use crate::tui::tree_search::TreeSearch;

/// `/`: the input, holding the last query.
/// Opens empty, so typing starts a new find; ↑ brings back the last one.
pub fn open(state: &mut State) -> Vec<Effect> {
    state.overlay = Some(Overlay::Find(Box::new(FindInput {
        text: text_area("", false),
        error: None,
    })));
    Vec::new()
}

pub fn find_text(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    if let Some(Overlay::Find(input)) = &mut state.overlay {
        type_line_key(&mut input.text, key);
        input.error = None;
    }
    Vec::new()
}

pub fn find_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    match intent {
        Intent::Cancel => state.overlay = None,
        Intent::Submit => run(state),
        Intent::Up => {
            let last = state.user().map(|v| v.last_query.clone()).unwrap_or_default();
            if let Some(Overlay::Find(input)) = &mut state.overlay {
                input.text = text_area(&last, false);
                input.text.move_cursor(ratatui_textarea::CursorMove::End);
            }
        }
        _ => {}
    }
    Vec::new()
}

fn run(state: &mut State) {
    let Some(Overlay::Find(input)) = &mut state.overlay else {
        return;
    };
    let query = input.text.lines().join(" ");
    let Some(needle) = Needle::parse(&query) else {
        input.error = Some("type something to find (key:… for keys only, value:… for values only)".into());
        return;
    };
    let Some(view) = state.user_mut() else { return };
    let search = TreeSearch::run(&query, needle, &view.panes);
    view.last_query = query.clone();
    if search.total() == 0 {
        if let Some(Overlay::Find(input)) = &mut state.overlay {
            input.error = Some(format!("no match for {query}"));
        }
        return;
    }
    let pane = view.focus;
    let here = view.panes[pane]
        .tree
        .locate(view.panes[pane].cursor)
        .map_or(0, |at| at.id);
    let first = search.first_from(pane, here);
    view.search = Some(search);
    state.overlay = None;
    go_to(state, first);
}

/// `n` / `N`: the next or previous match, wrapping around with a notice.
pub fn step(state: &mut State, forward: bool) -> Vec<Effect> {
    let Some(view) = state.user_mut() else {
        return Vec::new();
    };
    let Some(search) = &mut view.search else {
        state.status = Status::Info("no search: / finds text in both trees".into());
        return Vec::new();
    };
    search.refresh(&view.panes);
    let total = search.total();
    if total == 0 {
        let query = search.query.clone();
        state.status = Status::Error(format!("no match for {query} any more"));
        return Vec::new();
    }
    let (next, wrapped) = match (forward, search.current) {
        (true, at) if at + 1 >= total => (0, true),
        (true, at) => (at + 1, false),
        (false, 0) => (total - 1, true),
        (false, at) => (at - 1, false),
    };
    go_to(state, next);
    if wrapped {
        let notice = if forward {
            "search wrapped to the top"
        } else {
            "search wrapped to the bottom"
        };
        state.status = Status::Info(notice.into());
    }
    Vec::new()
}

/// Focuses the tree of match `index`, opens the way to it and puts the cursor on it.
fn go_to(state: &mut State, index: usize) {
    let Some(view) = state.user_mut() else { return };
    let Some(search) = &mut view.search else { return };
    let Some((pane, id)) = search.at(index) else { return };
    search.current = index;
    let position = search.position(pane).unwrap_or_default();
    view.focus = pane;
    let tree_pane = &mut view.panes[pane];
    tree_pane.cursor = tree_pane.tree.reveal(id);
    state.status = Status::Info(position);
    keep_tree_cursor_visible(state);
}
