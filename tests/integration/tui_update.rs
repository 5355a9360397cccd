//! `update` driven by messages, without a terminal or a runtime.

use crate::common;

use auth0_meta::api::{ApiError, Refusal};
use auth0_meta::tui::effect::Effect;
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::{Overlay, Status};
use auth0_meta::tui::update::update;
use common::tui::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn fetches(effects: &[Effect]) -> Vec<(u64, u32, Option<String>)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::FetchPage { generation, query } => Some((*generation, query.page, query.q.clone())),
            _ => None,
        })
        .collect()
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

#[test]
fn paging_asks_for_the_next_page_exactly_once_near_the_end() {
    let mut state = listed(100, 30);
    let mut asked = Vec::new();
    for _ in 0..49 {
        asked.extend(fetches(&press(&mut state, Intent::Down)));
    }
    assert_eq!(asked, [(state.list.generation, 1, None)], "one fetch, for page 1");
    assert!(state.list.loading);
    assert_eq!(state.list.cursor, 49, "the cursor stops at the last loaded user");
    let generation = state.list.generation;
    update(
        &mut state,
        Msg::PageLoaded {
            generation,
            result: Ok(page(50, 50, 140)),
            rate: None,
        },
    );
    assert_eq!(state.list.users.len(), 100);
    let mut next = Vec::new();
    for _ in 0..50 {
        next.extend(fetches(&press(&mut state, Intent::Down)));
    }
    assert_eq!(next, [(generation, 2, None)]);
    update(
        &mut state,
        Msg::PageLoaded {
            generation,
            result: Ok(page(100, 40, 140)),
            rate: None,
        },
    );
    assert!(state.list.exhausted);
    assert!(
        fetches(&press(&mut state, Intent::Bottom)).is_empty(),
        "nothing left to fetch"
    );
}

#[test]
fn a_query_resets_paging() {
    let mut state = listed(100, 30);
    for _ in 0..5 {
        press(&mut state, Intent::Down);
    }
    press(&mut state, Intent::Search);
    assert!(matches!(state.overlay, Some(Overlay::Search(_))));
    for c in "email:jane*".chars() {
        update(&mut state, key(KeyCode::Char(c)));
    }
    let before = state.list.generation;
    let effects = update(&mut state, key(KeyCode::Enter));
    assert_eq!(fetches(&effects), [(before + 1, 0, Some("email:jane*".to_string()))]);
    assert!(state.list.users.is_empty() && state.list.cursor == 0 && state.overlay.is_none());
    // A late page of the old query is dropped.
    update(
        &mut state,
        Msg::PageLoaded {
            generation: before,
            result: Ok(page(50, 50, 140)),
            rate: None,
        },
    );
    assert!(state.list.users.is_empty());
}

#[test]
fn earlier_queries_come_back_with_up_and_down() {
    let mut state = listed(100, 30);
    for query in ["name:a", "email:b"] {
        press(&mut state, Intent::Search);
        update(&mut state, key(KeyCode::Char('x')));
        if let Some(Overlay::Search(input)) = &mut state.overlay {
            input.text = ratatui_textarea::TextArea::new(vec![query.to_string()]);
        }
        update(&mut state, key(KeyCode::Enter));
    }
    press(&mut state, Intent::Search);
    update(&mut state, key(KeyCode::Up));
    update(&mut state, key(KeyCode::Up));
    let Some(Overlay::Search(input)) = &state.overlay else {
        panic!()
    };
    assert_eq!(input.text.lines(), ["name:a"]);
    update(&mut state, key(KeyCode::Esc));
    assert!(state.overlay.is_none());
    assert_eq!(state.list.query, "email:b", "Esc cancels without searching");
}

#[test]
fn sort_cycles_and_reloads() {
    let mut state = listed(100, 30);
    let effects = press(&mut state, Intent::CycleSort);
    let Some(Effect::FetchPage { query, .. }) = effects.first() else {
        panic!("{effects:?}")
    };
    assert_eq!(query.sort.as_deref(), Some("last_login:-1"));
    let mut sorts = Vec::new();
    for _ in 0..5 {
        let effects = press(&mut state, Intent::CycleSort);
        let Some(Effect::FetchPage { query, .. }) = effects.first() else {
            panic!()
        };
        sorts.push(query.sort.clone().unwrap());
    }
    assert_eq!(
        sorts,
        ["logins_count:-1", "email:1", "name:1", "updated_at:-1", "created_at:-1"]
    );
    let effects = press(&mut state, Intent::FlipSort);
    let Some(Effect::FetchPage { query, .. }) = effects.first() else {
        panic!()
    };
    assert_eq!(query.sort.as_deref(), Some("created_at:1"), "S flips the direction");
    assert_eq!(state.list.sort.label(), "by created, oldest first");
    assert!(
        query.fields.contains(&"email") && !query.fields.contains(&"picture"),
        "only the fields the list uses"
    );
}

#[test]
fn errors_land_in_the_status_line_in_auth0_words() {
    let mut state = listed(100, 30);
    let effects = press(&mut state, Intent::Reload);
    let generation = state.list.generation;
    assert_eq!(effects.len(), 1);
    let err = ApiError::Api(Refusal {
        status: 403,
        code: Some("insufficient_scope".into()),
        message: "Insufficient scope, expected any of: read:users".into(),
        retry_after: None,
    });
    update(
        &mut state,
        Msg::PageLoaded {
            generation,
            result: Err(err),
            rate: None,
        },
    );
    assert_eq!(
        state.status,
        Status::Error("loading users failed: 403 Insufficient scope, expected any of: read:users".into())
    );
    assert!(!state.list.loading);
}

#[test]
fn opening_a_user_shows_it_and_fetches_it_fresh() {
    let mut state = listed(100, 30);
    press(&mut state, Intent::Down);
    let effects = press(&mut state, Intent::Open);
    assert_eq!(
        effects,
        [Effect::FetchUser {
            id: "auth0|000000000000000000000001".into()
        }]
    );
    assert!(state.user().is_some());
    press(&mut state, Intent::Back);
    assert!(state.on_list());
    assert_eq!(press(&mut state, Intent::Back), [Effect::Quit], "q on the list quits");
}

fn rows(state: &auth0_meta::tui::state::State) -> Vec<String> {
    let pane = state.user().unwrap().pane();
    pane.tree
        .rows(0, 100)
        .iter()
        .map(|r| format!("{}{:?}", "  ".repeat(r.depth), r.key))
        .collect()
}

#[test]
fn expand_collapse_and_depth_keys_change_the_visible_rows() {
    let mut state = opened(100, 30, jane());
    assert_eq!(rows(&state).len(), 5, "root and its four keys");
    press(&mut state, Intent::Down);
    press(&mut state, Intent::Down);
    press(&mut state, Intent::Expand);
    assert_eq!(rows(&state)[3], "    Key(\"home\")");
    press(&mut state, Intent::Expand);
    assert_eq!(
        state.user().unwrap().pane().cursor,
        3,
        "l on an open node moves to its first child"
    );
    press(&mut state, Intent::Collapse);
    assert_eq!(
        state.user().unwrap().pane().cursor,
        2,
        "h on a closed node moves to the parent"
    );
    press(&mut state, Intent::Collapse);
    assert_eq!(rows(&state).len(), 5);
    press(&mut state, Intent::ExpandAll);
    assert_eq!(rows(&state).len(), 15);
    assert_eq!(state.user().unwrap().pane().cursor, 2, "the cursor stays on addresses");
    press(&mut state, Intent::CollapseAll);
    assert_eq!(rows(&state).len(), 5);
    press(&mut state, Intent::Depth(2));
    assert_eq!(
        rows(&state).len(),
        9,
        "addresses and devices open, their children closed"
    );
    press(&mut state, Intent::Toggle);
    assert_eq!(rows(&state).len(), 7);
    press(&mut state, Intent::SwitchTree);
    assert_eq!(state.user().unwrap().focus, 1);
    assert_eq!(rows(&state).len(), 4, "app_metadata: root and three keys");
}

#[test]
fn a_user_without_metadata_shows_empty_trees() {
    let state = opened(100, 30, user(7, None));
    let view = state.user().unwrap();
    for pane in &view.panes {
        assert_eq!(pane.tree.row_count(), 1, "only the root row");
        assert_eq!(
            pane.original.to_value(),
            serde_json::json!({}),
            "an absent document is an empty object, not null"
        );
        assert!(pane.current().is_empty());
    }
}

#[test]
fn a_query_auth0_would_refuse_is_not_sent_and_the_input_says_why() {
    let mut state = listed(100, 30);
    press(&mut state, Intent::Search);
    for c in "user_metadata.hobby:surf*".chars() {
        update(&mut state, key(KeyCode::Char(c)));
    }
    let effects = update(&mut state, key(KeyCode::Enter));
    assert!(effects.is_empty(), "nothing is sent: {effects:?}");
    let Some(Overlay::Search(input)) = &state.overlay else {
        panic!()
    };
    assert!(input
        .error
        .as_deref()
        .unwrap_or_default()
        .contains("wildcards or ranges on user_metadata"));
    assert_eq!(
        input.text.lines()[0],
        "user_metadata.hobby:surf*",
        "the text typed is kept"
    );
}

#[test]
fn a_query_on_a_field_auth0_does_not_index_is_refused_before_it_is_sent() {
    let mut state = listed(100, 30);
    press(&mut state, Intent::Search);
    if let Some(Overlay::Search(input)) = &mut state.overlay {
        input.text = ratatui_textarea::TextArea::new(vec!["plan:pro".to_string()]);
    }
    let effects = update(&mut state, key(KeyCode::Enter));
    assert!(effects.is_empty(), "{effects:?}");
    let Some(Overlay::Search(input)) = &state.overlay else {
        panic!("the input stays open with the text as typed")
    };
    let error = input.error.clone().unwrap();
    assert!(error.contains("plan") && error.contains("unknown field"), "{error}");
    assert_eq!(input.text.lines(), ["plan:pro"]);
}

#[test]
fn users_over_the_profile_cap_are_marked_in_the_list() {
    use auth0_meta::tui::state::State;
    let mut state: State = common::tui::state(100, 30);
    auth0_meta::tui::update::list::reload(&mut state);
    let generation = state.list.generation;
    let mut page = common::tui::page(0, 3, 3);
    page.users[1] = common::tui::user(
        1,
        Some((serde_json::json!({"blob": "x".repeat(11_000)}), serde_json::json!({}))),
    );
    update(
        &mut state,
        Msg::PageLoaded {
            generation,
            result: Ok(page),
            rate: None,
        },
    );
    let screen = common::tui::screen(&state);
    let marked: Vec<&str> = screen.lines().filter(|l| l.contains('▲')).collect();
    assert_eq!(marked.len(), 1, "{screen}");
    assert!(marked[0].contains("user001@example.com"), "{screen}");
}
