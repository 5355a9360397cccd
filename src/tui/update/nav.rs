//! Cursor and scroll arithmetic shared by the list, the trees and the overlays' lists,
//! and the one way an API error reaches the status line.

use crate::api::{ApiError, Short};
use crate::tui::msg::Intent;
use crate::tui::state::{State, Status};

/// Puts an API error in the status line: status code and Auth0's words.
pub fn report(state: &mut State, what: &str, err: &ApiError) {
    state.status = Status::Error(format!("{what}: {}", Short(err)));
}

/// Moves `cursor` to `target` within `len` items and scrolls so it stays on screen.
pub fn move_cursor(cursor: &mut usize, scroll: &mut usize, len: usize, rows: usize, target: isize) {
    let last = len.saturating_sub(1) as isize;
    *cursor = target.clamp(0, last.max(0)) as usize;
    follow(*cursor, scroll, rows);
}

pub fn follow(cursor: usize, scroll: &mut usize, rows: usize) {
    if cursor < *scroll {
        *scroll = cursor;
    } else if cursor >= *scroll + rows {
        *scroll = cursor + 1 - rows;
    }
}

/// The cursor target a movement intent asks for, or `None` for other intents.
pub fn movement(intent: Intent, cursor: usize, len: usize, rows: usize) -> Option<isize> {
    let (cursor, len, rows) = (cursor as isize, len as isize, rows as isize);
    Some(match intent {
        Intent::Down => cursor + 1,
        Intent::Up => cursor - 1,
        Intent::PageDown => cursor + rows,
        Intent::PageUp => cursor - rows,
        Intent::Top => 0,
        Intent::Bottom => len - 1,
        _ => return None,
    })
}

pub fn keep_list_cursor_visible(state: &mut State) {
    let rows = state.list_rows();
    follow(state.list.cursor, &mut state.list.scroll, rows);
}

pub fn keep_tree_cursor_visible(state: &mut State) {
    let rows = state.tree_rows();
    if let Some(view) = state.user_mut() {
        for pane in &mut view.panes {
            pane.cursor = pane.cursor.min(pane.tree.row_count().saturating_sub(1));
            follow(pane.cursor, &mut pane.scroll, rows);
        }
    }
}
