//! The users list: moving, paging as the cursor nears the end, sort, opening.

use super::nav::{move_cursor, movement, report};
use super::session::{back, open};
use crate::api::{ApiError, ListQuery, UserPage};
use crate::tui::effect::Effect;
use crate::tui::msg::Intent;
use crate::tui::state::{Overlay, SearchInput, State, Status, LIST_FIELDS, PAGE_SIZE, PREFETCH_MARGIN, SEARCH_WINDOW};

pub fn intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let list = &mut state.list;
    if let Some(target) = movement(intent, list.cursor, list.users.len(), state.list_rows()) {
        let rows = state.list_rows();
        let list = &mut state.list;
        move_cursor(&mut list.cursor, &mut list.scroll, list.users.len(), rows, target);
        return fetch_if_near_end(state);
    }
    match intent {
        Intent::Back => back(state, true),
        Intent::Open => match state.list.users.get(state.list.cursor) {
            Some(chosen) => open(state, chosen.clone()),
            None => Vec::new(),
        },
        Intent::Search => {
            state.overlay = Some(Overlay::Search(Box::new(SearchInput::new(&state.list.query))));
            Vec::new()
        }
        Intent::CycleSort => {
            state.list.sort = state.list.sort.next();
            reload(state)
        }
        Intent::Reload => reload(state),
        Intent::CopyMenu if !state.list.users.is_empty() => {
            state.overlay = Some(Overlay::CopyMenu);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Starts the list over: first page of the current query and sort.
pub fn reload(state: &mut State) -> Vec<Effect> {
    let list = &mut state.list;
    list.generation += 1;
    list.users.clear();
    list.total = None;
    list.cursor = 0;
    list.scroll = 0;
    list.next_page = 0;
    list.exhausted = false;
    list.loading = false;
    fetch_next(state)
}

fn fetch_next(state: &mut State) -> Vec<Effect> {
    let list = &mut state.list;
    if list.loading || list.exhausted {
        return Vec::new();
    }
    list.loading = true;
    state.status = Status::Loading(if list.users.is_empty() {
        "loading users".into()
    } else {
        "loading more users".into()
    });
    let query = ListQuery {
        q: Some(list.query.clone()).filter(|q| !q.trim().is_empty()),
        page: list.next_page,
        per_page: PAGE_SIZE,
        sort: Some(list.sort.param().to_string()),
        fields: LIST_FIELDS.to_vec(),
    };
    vec![Effect::FetchPage {
        generation: list.generation,
        query,
    }]
}

/// The next page is asked for once, when the cursor comes near the last loaded user.
fn fetch_if_near_end(state: &mut State) -> Vec<Effect> {
    let list = &state.list;
    if list.cursor + PREFETCH_MARGIN >= list.users.len() {
        fetch_next(state)
    } else {
        Vec::new()
    }
}

pub fn page_loaded(state: &mut State, generation: u64, result: Result<UserPage, ApiError>) -> Vec<Effect> {
    if generation != state.list.generation {
        return Vec::new(); // a page of a search the user has since replaced
    }
    let list = &mut state.list;
    list.loading = false;
    match result {
        Ok(page) => {
            let got = page.users.len() as u64;
            list.users.extend(page.users);
            list.total = Some(page.total);
            list.next_page += 1;
            let loaded = list.users.len() as u64;
            list.exhausted = got < u64::from(PAGE_SIZE) || loaded >= page.total || loaded >= SEARCH_WINDOW;
            state.status = Status::Idle;
            Vec::new()
        }
        Err(err) => {
            report(state, "loading users failed", &err);
            Vec::new()
        }
    }
}
