//! The users list's query input: typing, running the search, and recalling earlier
//! queries.

use crossterm::event::KeyEvent;

use super::list::reload;
use crate::lucene;
use crate::tui::effect::Effect;
use crate::tui::msg::Intent;
use crate::tui::state::{Overlay, SearchInput, State};

pub fn search_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    match intent {
        Intent::Submit => run_search(state),
        Intent::Cancel => {
            state.overlay = None;
            Vec::new()
        }
        Intent::Older | Intent::Newer => {
            recall(state, intent == Intent::Older);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

pub fn search_text(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    if let Some(Overlay::Search(input)) = &mut state.overlay {
        crate::tui::overlay::type_line_key(&mut input.text, key);
        input.recalled = None;
        input.error = None;
    }
    Vec::new()
}

/// Why Auth0 would refuse or ignore `query`: checked here so that a query that works
/// in the demo also works on a real tenant.
fn refused(query: &str) -> Option<String> {
    if query.is_empty() {
        return None;
    }
    match lucene::parse(query) {
        Ok(parsed) => lucene::check_supported(&parsed).err(),
        Err(err) => Some(err.to_string()),
    }
}

fn run_search(state: &mut State) -> Vec<Effect> {
    if let Some(Overlay::Search(input)) = &mut state.overlay {
        let query = input.text.lines().join(" ").trim().to_string();
        if let Some(reason) = refused(&query) {
            input.error = Some(reason);
            return Vec::new();
        }
    }
    let Some(Overlay::Search(input)) = state.overlay.take() else {
        return Vec::new();
    };
    let query = input.text.lines().join(" ").trim().to_string();
    let mut effects = Vec::new();
    if !query.is_empty() {
        state.list.history.retain(|q| *q != query);
        state.list.history.push(query.clone());
        if let Some(storage) = &state.storage {
            effects.push(Effect::SaveQueries {
                file: storage.queries_file(),
                queries: state.list.history.clone(),
            });
        }
    }
    state.list.query = query;
    effects.extend(reload(state));
    effects
}

/// Older or newer through earlier queries.
fn recall(state: &mut State, older: bool) {
    let history = &state.list.history;
    let Some(Overlay::Search(input)) = &mut state.overlay else {
        return;
    };
    let Some(last) = history.len().checked_sub(1) else {
        return;
    };
    let next = match (input.recalled, older) {
        (None, true) => Some(last),
        (None, false) => None,
        (Some(i), true) => Some(i.saturating_sub(1)),
        (Some(i), false) if i < last => Some(i + 1),
        (Some(_), false) => None,
    };
    let text = next.and_then(|i| history.get(i)).cloned().unwrap_or_default();
    **input = SearchInput::new(&text);
    input.recalled = next;
}
