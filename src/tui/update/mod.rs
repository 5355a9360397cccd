//! `update(state, msg) -> effects`: the only place state changes. No I/O, no clock, no
//! spawning: what must happen outside comes back as an `Effect`.

mod apply;
mod drafts;
mod edit;
mod editor;
pub mod list;
pub mod user;

use crossterm::event::{KeyCode, KeyEvent};

use super::effect::Effect;
use super::msg::{Intent, Msg};
use super::state::{Overlay, Screen, State, Status};
use crate::api::{ApiError, Short};

pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Intent(intent) => intent_update(state, intent),
        Msg::Input(key) => input_update(state, key),
        Msg::Resize(width, height) => {
            state.width = width;
            state.height = height;
            list::keep_cursor_visible(state);
            user::keep_cursor_visible(state);
            Vec::new()
        }
        Msg::Tick => {
            state.spinner = state.spinner.wrapping_add(1);
            Vec::new()
        }
        Msg::PageLoaded {
            generation,
            result,
            rate,
        } => {
            state.rate = rate.or(state.rate);
            list::page_loaded(state, generation, result)
        }
        Msg::UserLoaded { id, result, rate } => {
            state.rate = rate.or(state.rate);
            user::user_loaded(state, &id, result)
        }
        Msg::Applied {
            id,
            loaded,
            body,
            result,
            rate,
        } => {
            state.rate = rate.or(state.rate);
            apply::applied(state, &id, loaded, body, result)
        }
        Msg::DraftLoaded { user_id, result } => drafts::restored(state, &user_id, result),
        Msg::JournalLoaded { user_id, result } => apply::journal_loaded(state, &user_id, result),
        Msg::StorageFailed(reason) => {
            state.status = Status::Error(reason);
            Vec::new()
        }
    }
}

fn intent_update(state: &mut State, intent: Intent) -> Vec<Effect> {
    match (intent, &state.overlay) {
        (Intent::Quit, _) if state.user.as_ref().is_none_or(|v| !v.is_dirty()) => return vec![Effect::Quit],
        (Intent::Quit, _) => {
            state.overlay = Some(Overlay::Leave { quit: true });
            return Vec::new();
        }
        (_, Some(Overlay::Help)) => {
            state.overlay = None;
            return Vec::new();
        }
        (Intent::Help, None) => {
            state.overlay = Some(Overlay::Help);
            return Vec::new();
        }
        _ => {}
    }
    match state.screen {
        Screen::List => list::intent(state, intent),
        Screen::User => user::intent(state, intent),
    }
}

fn input_update(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    match &state.overlay {
        Some(Overlay::Editor(_)) => return editor::editor_input(state, key),
        Some(Overlay::TypeMenu(_)) => return edit::type_menu_input(state, key),
        Some(Overlay::Confirm(_)) => return edit::confirm_input(state, key),
        Some(Overlay::Preview(_)) => return apply::preview_input(state, key),
        Some(Overlay::Conflict(_)) => return apply::conflict_input(state, key),
        Some(Overlay::History(_)) => return apply::history_input(state, key),
        Some(Overlay::Leave { quit }) => {
            let quit = *quit;
            return apply::leave_input(state, key, quit);
        }
        Some(Overlay::Search(_)) | Some(Overlay::Help) | None => {}
    }
    match key.code {
        KeyCode::Enter => list::run_search(state),
        KeyCode::Esc => {
            state.overlay = None;
            Vec::new()
        }
        KeyCode::Up => {
            list::recall(state, true);
            Vec::new()
        }
        KeyCode::Down => {
            list::recall(state, false);
            Vec::new()
        }
        _ => {
            if let Some(Overlay::Search(input)) = &mut state.overlay {
                input.text.input(key);
                input.recalled = None;
            }
            Vec::new()
        }
    }
}

/// Puts an API error in the status line: status code and Auth0's words.
pub(super) fn report(state: &mut State, what: &str, err: &ApiError) {
    state.status = Status::Error(format!("{what}: {}", Short(err)));
}

/// Moves `cursor` by `delta` within `len` items and scrolls `scroll` so it stays on screen.
pub(super) fn move_cursor(cursor: &mut usize, scroll: &mut usize, len: usize, rows: usize, target: isize) {
    let last = len.saturating_sub(1) as isize;
    *cursor = target.clamp(0, last.max(0)) as usize;
    follow(*cursor, scroll, rows);
}

pub(super) fn follow(cursor: usize, scroll: &mut usize, rows: usize) {
    if cursor < *scroll {
        *scroll = cursor;
    } else if cursor >= *scroll + rows {
        *scroll = cursor + 1 - rows;
    }
}

/// The cursor target a movement intent asks for, or `None` for other intents.
pub(super) fn movement(intent: Intent, cursor: usize, len: usize, rows: usize) -> Option<isize> {
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
