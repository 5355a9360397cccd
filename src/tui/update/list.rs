//! The users list: moving, paging as the cursor nears the end, search, sort, opening.

use tui_textarea::TextArea;

use super::{follow, move_cursor, movement, report, user};
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
        Intent::Back => vec![Effect::Quit],
        Intent::Open => match state.list.users.get(state.list.cursor) {
            Some(chosen) => user::open(state, chosen.clone()),
            None => Vec::new(),
        },
        Intent::Search => {
            let mut text = TextArea::new(vec![state.list.query.clone()]);
            text.set_cursor_line_style(ratatui::style::Style::default());
            text.move_cursor(tui_textarea::CursorMove::End);
            state.overlay = Some(Overlay::Search(Box::new(SearchInput { text, recalled: None })));
            Vec::new()
        }
        Intent::CycleSort => {
            state.list.sort = state.list.sort.next();
            reload(state)
        }
        Intent::Reload => reload(state),
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

pub fn run_search(state: &mut State) -> Vec<Effect> {
    let Some(Overlay::Search(input)) = state.overlay.take() else {
        return Vec::new();
    };
    let query = input.text.lines().join(" ").trim().to_string();
    if !query.is_empty() {
        state.list.history.retain(|q| *q != query);
        state.list.history.push(query.clone());
    }
    state.list.query = query;
    reload(state)
}

/// Up (older) / Down (newer) through earlier queries.
pub fn recall(state: &mut State, older: bool) {
    let history = &state.list.history;
    let Some(Overlay::Search(input)) = &mut state.overlay else {
        return;
    };
    if history.is_empty() {
        return;
    }
    let last = history.len() - 1;
    let next = match (input.recalled, older) {
        (None, true) => Some(last),
        (None, false) => None,
        (Some(i), true) => Some(i.saturating_sub(1)),
        (Some(i), false) if i < last => Some(i + 1),
        (Some(_), false) => None,
    };
    input.recalled = next;
    let text = next.map(|i| history[i].clone()).unwrap_or_default();
    input.text = TextArea::new(vec![text]);
    input.text.set_cursor_line_style(ratatui::style::Style::default());
    input.text.move_cursor(tui_textarea::CursorMove::End);
}

pub fn keep_cursor_visible(state: &mut State) {
    let rows = state.list_rows();
    follow(state.list.cursor, &mut state.list.scroll, rows);
}
