//! The users list: Esc clears a search, `G` loads to the end (or the search window),
//! `R` keeps the cursor on the same user, drafts are marked, searches are remembered.

use crate::common;

use auth0_meta::tui::effect::Effect;
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::{State, Status};
use auth0_meta::tui::update::update;
use common::tui::*;

/// Answers the page the effects ask for, from a tenant of `total` users.
fn answer(state: &mut State, effects: &[Effect], total: u64) -> Vec<Effect> {
    let Some(Effect::FetchPage { generation, query }) = effects.iter().find(|e| matches!(e, Effect::FetchPage { .. }))
    else {
        return Vec::new();
    };
    let start = (query.page * query.per_page) as usize;
    let count = (total as usize).saturating_sub(start).min(query.per_page as usize);
    update(
        state,
        Msg::PageLoaded {
            generation: *generation,
            result: Ok(page(start, count, total)),
            rate: None,
        },
    )
}

#[test]
fn esc_clears_an_active_search_and_the_full_list_comes_back() {
    let mut state = listed(100, 30);
    state.list.query = "name:x".into();
    let effects = press(&mut state, Intent::Cancel);
    assert!(state.list.query.is_empty());
    let Some(Effect::FetchPage { query, .. }) = effects.first() else {
        panic!()
    };
    assert_eq!(query.q, None);
    assert!(
        press(&mut state, Intent::Cancel).is_empty(),
        "nothing to clear: nothing happens"
    );
}

#[test]
fn g_loads_every_page_up_to_the_window_then_goes_last() {
    let mut state = listed(100, 30);
    let mut effects = press(&mut state, Intent::Bottom);
    let mut pages = 0;
    while !effects.is_empty() {
        if let Status::Loading(what) = &state.status {
            assert!(what.starts_with("loading users ") && what.contains(" / "), "{what}");
        }
        effects = answer(&mut state, &effects, 4_000);
        pages += 1;
    }
    assert_eq!(pages, 19, "pages 2 to 20 of 50 users");
    assert_eq!(state.list.users.len(), 1000);
    assert_eq!(state.list.cursor, 999);
    assert!(matches!(&state.status, Status::Info(s) if s.contains("Auth0 search stops there")));
}

#[test]
fn r_keeps_the_cursor_on_the_same_user() {
    let mut state = listed(100, 30);
    let mut effects = press(&mut state, Intent::Bottom);
    while !effects.is_empty() {
        effects = answer(&mut state, &effects, 140);
    }
    to_row(&mut state, 120);
    let id = state.list.users[120].id().to_string();
    let mut effects = press(&mut state, Intent::Reload);
    while !effects.is_empty() {
        effects = answer(&mut state, &effects, 140);
    }
    assert_eq!(state.list.users[state.list.cursor].id(), id, "found again on page 3");
}

#[test]
fn drafts_are_marked_and_searches_remembered_across_runs() {
    let mut state = listed(100, 30);
    update(
        &mut state,
        Msg::DraftsListed(vec!["auth0|000000000000000000000002".into()]),
    );
    assert!(state.list.drafted.contains("auth0|000000000000000000000002"));
    let shown = screen(&state);
    let marked: Vec<&str> = shown.lines().filter(|l| l.contains('✎')).collect();
    assert_eq!(marked.len(), 1, "{shown}");
    assert!(marked[0].contains("user002@example.com"), "{marked:?}");
    update(&mut state, Msg::QueriesLoaded(vec!["name:old".into()]));
    press(&mut state, Intent::Search);
    typed(&mut state, "name:new");
    let effects = key(&mut state, crossterm::event::KeyCode::Enter);
    let saved = effects.iter().find_map(|e| match e {
        Effect::SaveQueries { queries, .. } => Some(queries.clone()),
        _ => None,
    });
    assert_eq!(saved.unwrap(), ["name:old", "name:new"]);
}

#[test]
fn inputs_take_the_readline_keys() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut state = listed(100, 30);
    press(&mut state, Intent::Search);
    typed(&mut state, "name:jane email:x");
    let send = |state: &mut State, code: KeyCode, modifiers: KeyModifiers| {
        update(state, Msg::Key(KeyEvent::new(code, modifiers)));
    };
    let text = |state: &State| match &state.overlay {
        Some(auth0_meta::tui::state::Overlay::Search(input)) => input.text.lines().join(""),
        _ => panic!("no input"),
    };
    send(&mut state, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(text(&state), "name:jane email:", "Ctrl-W deletes a word");
    send(&mut state, KeyCode::Char('a'), KeyModifiers::CONTROL);
    send(&mut state, KeyCode::Char('f'), KeyModifiers::ALT);
    send(&mut state, KeyCode::Char('k'), KeyModifiers::CONTROL);
    assert_eq!(
        text(&state),
        "name",
        "Ctrl-A to the start, Alt-F a word on, Ctrl-K to the end"
    );
    send(&mut state, KeyCode::Char('e'), KeyModifiers::CONTROL);
    send(&mut state, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(text(&state), "", "Ctrl-U deletes to the start, it does not undo");
}

#[test]
fn large_metadata_is_not_kept_in_the_list() {
    let mut state = listed(100, 30);
    let big: Vec<u32> = (0..10_000).collect();
    let mut page = page(0, 2, 2);
    page.users[1]
        .0
        .insert("user_metadata".into(), serde_json::json!({"big": big}));
    let generation = state.list.generation + 1;
    state.list.generation = generation;
    state.list.users.clear();
    update(
        &mut state,
        Msg::PageLoaded {
            generation,
            result: Ok(page),
            rate: None,
        },
    );
    let heavy = &state.list.users[1];
    assert!(heavy.0.get("user_metadata").is_none(), "dropped from the list");
    assert!(state.list.heavy.contains(heavy.id()));
    assert!(
        state.list.users[0].0.get("user_metadata").is_some(),
        "small metadata is kept"
    );
    to_row(&mut state, 1);
    press(&mut state, Intent::Compare);
    assert!(matches!(&state.status, Status::Info(s) if s.contains("open it (Enter), then c")));
}
