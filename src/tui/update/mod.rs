//! `update(state, msg) -> effects`: the only place state changes. No I/O, no clock, no
//! spawning: what must happen outside comes back as an `Effect`.
//!
//! Modules depend downwards only: `nav` and `drafts` at the bottom, then `session`
//! (entering and leaving a user) and `commit` (making an edit), then each screen and
//! overlay, and this dispatcher on top.

mod applied;
mod audit;
mod bulk;
mod bulk_sources;
mod commit;
mod compare;
mod conflict;
mod copy;
mod drafts;
mod edit;
mod editor;
mod find;
mod hand_off;
mod history;
pub mod list;
mod marks;
mod may_write;
mod menus;
mod mouse;
mod nav;
mod preview;
mod restore;
mod search;
pub mod session;
mod user;

use crossterm::event::KeyEvent;

use super::effect::Effect;
use super::keymap::{resolve, Resolved};
use super::msg::{Intent, Msg};
use super::state::{Overlay, Screen, State, Status};

/// How many status messages `M` keeps.
const KEPT_MESSAGES: usize = 30;

pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    let effects = dispatch(state, msg);
    let worth_keeping = matches!(state.status, Status::Info(_) | Status::Error(_));
    if worth_keeping && state.messages.back() != Some(&state.status) {
        state.messages.push_back(state.status.clone());
        if state.messages.len() > KEPT_MESSAGES {
            state.messages.pop_front();
        }
    }
    effects
}

fn dispatch(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Intent(intent) => intent_update(state, intent),
        Msg::Key(key) => key_update(state, key),
        Msg::Resize(width, height) => {
            state.width = width;
            state.height = height;
            nav::keep_list_cursor_visible(state);
            nav::keep_tree_cursor_visible(state);
            Vec::new()
        }
        Msg::Mouse { event, double } => mouse::mouse(state, event, double),
        Msg::Tick => {
            state.spinner = state.spinner.wrapping_add(1);
            editor::editor_tick(state);
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
            session::user_loaded(state, &id, result)
        }
        Msg::Applied { id, result, rate } => {
            state.rate = rate.or(state.rate);
            applied::applied(state, &id, result)
        }
        Msg::DraftLoaded { user_id, result } => restore::restored(state, &user_id, result),
        Msg::JournalLoaded { user_id, result } => history::journal_loaded(state, &user_id, result),
        Msg::Audited(result) => audit::audited(state, result),
        Msg::FindingUsers(result) => match state.bulk_for_finding.take() {
            Some(words) => bulk_sources::finding_users(state, words, result),
            None => audit::finding_users(state, result),
        },
        Msg::JournalResolved(result) => {
            history::resolved(state, result);
            Vec::new()
        }
        Msg::DraftLocked { user_id, held_by } => drafts::locked(state, &user_id, held_by),
        Msg::ExternalEdited { hand_off, result } => hand_off::edited(state, hand_off, result),
        Msg::DraftsListed(users) => {
            state.list.drafted = users.into_iter().collect();
            Vec::new()
        }
        Msg::QueriesLoaded(queries) => {
            let mut merged = queries;
            merged.retain(|q| !state.list.history.contains(q));
            merged.append(&mut state.list.history);
            state.list.history = merged;
            Vec::new()
        }
        Msg::DraftSaved(result) => {
            drafts::saved(state, result);
            Vec::new()
        }
        Msg::MarkedAll { generation, result } => marks::marked_all(state, generation, result),
        Msg::BulkRead(result) => bulk::read(state, result),
        Msg::BulkRan(result) => bulk::ran(state, result),
        Msg::BatchesLoaded(result) => bulk_sources::batches_loaded(state, result),
    }
}

/// A key press, read through the key table of what has focus.
fn key_update(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    if state.help {
        help_key(state, key);
        return Vec::new();
    }
    match resolve(state, &key) {
        Resolved::Intent(intent) => intent_update(state, intent),
        Resolved::Text(key) => match &state.overlay {
            Some(Overlay::Editor(_)) => editor::editor_text(state, key),
            Some(Overlay::Search(_)) => search::search_text(state, key),
            Some(Overlay::ConfirmSend(_)) => preview::confirm_text(state, key),
            Some(Overlay::Find(_)) => find::find_text(state, key),
            Some(Overlay::Bulk(_)) => bulk::confirm_text(state, key),
            Some(Overlay::BulkPrompt(_)) => bulk_sources::prompt_text(state, key),
            _ => Vec::new(),
        },
        Resolved::Ignored => Vec::new(),
    }
}

/// In the help: `j`/`k`, arrows and pages scroll it when it is longer than the screen;
/// any other key closes it.
fn help_key(state: &mut State, key: KeyEvent) {
    use crossterm::event::KeyCode;
    let page = state.overlay_rows().max(1);
    match key.code {
        KeyCode::Char('j') | KeyCode::Down => state.help_scroll += 1,
        KeyCode::Char('k') | KeyCode::Up => state.help_scroll = state.help_scroll.saturating_sub(1),
        KeyCode::PageDown | KeyCode::Char(' ') => state.help_scroll += page,
        KeyCode::PageUp => state.help_scroll = state.help_scroll.saturating_sub(page),
        _ => state.help = false,
    }
}

pub(super) fn intent_update(state: &mut State, intent: Intent) -> Vec<Effect> {
    if intent == Intent::Quit {
        let mut effects = bulk::stop_for_quit(state);
        effects.extend(session::back(state, true));
        return effects;
    }
    if state.help {
        state.help = false;
        return Vec::new();
    }
    if intent == Intent::Help {
        state.help = true;
        state.help_scroll = 0;
        return Vec::new();
    }
    if intent == Intent::Messages && state.overlay.is_none() {
        state.overlay = Some(Overlay::Messages);
        return Vec::new();
    }
    match &state.overlay {
        Some(Overlay::Search(_)) => search::search_intent(state, intent),
        Some(Overlay::Editor(_)) => editor::editor_intent(state, intent),
        Some(Overlay::Confirm(_)) => menus::confirm_intent(state, intent),
        Some(Overlay::Audit(_)) if matches!(intent, Intent::BulkUnset | Intent::BulkMove) => {
            bulk_sources::from_finding(state, intent == Intent::BulkMove)
        }
        Some(Overlay::Audit(_)) => audit::audit_intent(state, intent),
        Some(Overlay::Bulk(_)) => bulk::intent(state, intent),
        Some(Overlay::Batches(_)) => bulk_sources::batches_intent(state, intent),
        Some(Overlay::BulkPrompt(_)) => bulk_sources::prompt_intent(state, intent),
        Some(Overlay::TypeMenu(_)) => menus::type_menu_intent(state, intent),
        Some(Overlay::Preview(_)) => preview::preview_intent(state, intent),
        Some(Overlay::Conflict(_)) => conflict::conflict_intent(state, intent),
        Some(Overlay::History(_)) => history::history_intent(state, intent),
        Some(Overlay::ConfirmSend(_)) => preview::confirm_intent(state, intent),
        Some(Overlay::Find(_)) => find::find_intent(state, intent),
        Some(Overlay::Compare(_)) => compare::compare_intent(state, intent),
        Some(Overlay::Messages) => {
            if intent == Intent::Cancel {
                state.overlay = None;
            }
            Vec::new()
        }
        Some(Overlay::CopyMenu) => copy::copy_intent(state, intent),
        Some(Overlay::EditorFailed(_)) => hand_off::failed_intent(state, intent),
        Some(Overlay::Leave { quit }) => {
            let quit = *quit;
            session::leave_intent(state, intent, quit)
        }
        None => match state.screen {
            Screen::List if intent == Intent::Audit => audit::start(state),
            Screen::List if matches!(intent, Intent::Mark | Intent::MarkAll | Intent::ClearMarks) => {
                marks::intent(state, intent)
            }
            Screen::List if intent == Intent::History => bulk_sources::open_batches(state),
            Screen::User(_) if intent == Intent::Bulk => bulk::from_user(state),
            Screen::List => list::intent(state, intent),
            Screen::User(_) => user::intent(state, intent),
        },
    }
}
