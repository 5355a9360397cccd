//! The users list: moving, paging as the cursor nears the end, sort, opening.

use super::nav::{keep_list_cursor_visible, move_cursor, movement, report};
use super::session::{back, open};
use crate::api::{ApiError, ListQuery, UserPage};
use crate::domain::metadata::json_len;
use crate::domain::validate::PROFILE_CAP;
use crate::tui::effect::Effect;
use crate::tui::msg::Intent;
use crate::tui::state::{
    Overlay, SearchInput, State, Status, LIST_FIELDS, LIST_METADATA_NODES, PAGE_SIZE, PREFETCH_MARGIN, SEARCH_WINDOW,
};

pub fn intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let list = &mut state.list;
    if intent == Intent::Bottom && !list.exhausted {
        // `G`: every page up to the end or the search window first, then the last row.
        list.load_all = true;
        return fetch_next(state);
    }
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
            // Empty, so typing starts a new query; ↑ recalls the current and earlier ones.
            state.overlay = Some(Overlay::Search(Box::new(SearchInput::new(""))));
            Vec::new()
        }
        Intent::CycleSort => {
            state.list.sort = state.list.sort.next();
            reload(state)
        }
        Intent::FlipSort => {
            state.list.sort = state.list.sort.flipped();
            reload(state)
        }
        Intent::Cancel if !state.list.query.is_empty() => {
            state.list.query.clear();
            state.status = Status::Info("search cleared: all users".into());
            reload(state)
        }
        Intent::Reload => {
            // The cursor stays on the same user if the reloaded result still holds it.
            let list = &state.list;
            let keep = list
                .users
                .get(list.cursor)
                .map(|u| (u.id().to_string(), list.users.len()));
            let effects = reload(state);
            state.list.keep = keep;
            effects
        }
        Intent::Compare => super::compare::mark_or_compare(state),
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
    list.load_all = false;
    list.keep = None;
    list.note = match &state.status {
        Status::Info(text) => Some(text.clone()),
        _ => None,
    };
    fetch_next(state)
}

fn fetch_next(state: &mut State) -> Vec<Effect> {
    let list = &mut state.list;
    if list.loading || list.exhausted {
        return Vec::new();
    }
    list.loading = true;
    state.status = Status::Loading(match (list.users.is_empty(), list.total) {
        (true, _) => "loading users".into(),
        (false, Some(total)) if list.load_all => {
            format!("loading users {} / {}", list.users.len(), total.min(SEARCH_WINDOW))
        }
        (false, _) => "loading more users".into(),
    });
    let query = ListQuery {
        q: Some(list.query.clone()).filter(|q| !q.trim().is_empty()),
        page: list.next_page,
        per_page: PAGE_SIZE,
        sort: Some(list.sort.param()),
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
            list.over_cap.extend(page.heavy.iter().cloned());
            list.heavy.extend(page.heavy);
            for mut user in page.users {
                if json_len(&user.0) > PROFILE_CAP {
                    list.over_cap.insert(user.id().to_string());
                }
                if user.drop_large_metadata(LIST_METADATA_NODES) {
                    list.heavy.insert(user.id().to_string());
                }
                list.users.push(user);
            }
            list.total = Some(page.total);
            list.next_page += 1;
            let loaded = list.users.len() as u64;
            list.exhausted = got < u64::from(PAGE_SIZE) || loaded >= page.total || loaded >= SEARCH_WINDOW;
            state.status = match list.note.take() {
                Some(note) => Status::Info(note),
                None => Status::Idle,
            };
            after_page(state)
        }
        Err(err) => {
            report(state, "loading users failed", &err);
            Vec::new()
        }
    }
}

/// What a loaded page leads to: more pages for `G` or for the user `R` keeps, or the
/// cursor put where they asked.
fn after_page(state: &mut State) -> Vec<Effect> {
    let list = &mut state.list;
    if let Some((id, until)) = list.keep.clone() {
        if let Some(at) = list.users.iter().position(|u| u.id() == id) {
            list.keep = None;
            list.cursor = at;
            keep_list_cursor_visible(state);
            return Vec::new();
        }
        if list.users.len() < until && !list.exhausted {
            return fetch_next(state);
        }
        list.keep = None;
        state.status = Status::Info("the user the cursor was on is no longer in the result".into());
        return Vec::new();
    }
    if list.load_all {
        if !list.exhausted {
            return fetch_next(state);
        }
        list.load_all = false;
        list.cursor = list.users.len().saturating_sub(1);
        if list.window_hit() {
            state.status = Status::Info(format!(
                "the first {SEARCH_WINDOW} of the result: Auth0 search stops there; refine the search, or export (auth0-meta users export)"
            ));
        }
        keep_list_cursor_visible(state);
    }
    Vec::new()
}
