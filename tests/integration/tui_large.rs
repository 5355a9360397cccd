//! Large documents: a root value is parsed only when an edit or a diff needs it, and in
//! the editor a multi-megabyte JSON text is checked when typing pauses (two quiet ticks),
//! not on every key; a small one on every key.

use crate::common;

use auth0_meta::domain::MetadataField;
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::{Overlay, State};
use auth0_meta::tui::update::update;
use common::tui::*;
use crossterm::event::KeyCode;
use serde_json::json;

fn big_state() -> State {
    let items: Vec<String> = (0..5_000)
        .map(|i| format!("item number {i:05} of a long list"))
        .collect();
    let user = user(7, Some((json!({"big": items}), json!({}))));
    opened(100, 30, user)
}

#[test]
fn editing_and_previewing_one_root_key_leaves_the_others_unparsed() {
    let items: Vec<String> = (0..2_000).map(|i| format!("event {i}")).collect();
    let metadata = json!({"tier": "gold", "history": items, "prefs": {"a": {"b": 1}}});
    let mut state = opened(100, 30, user(7, Some((metadata, json!({"plan": "x"})))));
    to_row(&mut state, 1);
    press(&mut state, Intent::Edit);
    key(&mut state, KeyCode::Char('x'));
    key(&mut state, KeyCode::Enter);
    let edited = state
        .user()
        .unwrap()
        .pane_for(MetadataField::User)
        .current()
        .get("tier")
        .cloned();
    assert_eq!(edited, Some(json!("goldx")));
    press(&mut state, Intent::ExpandAll);
    press(&mut state, Intent::Preview);
    assert!(matches!(state.overlay, Some(Overlay::Preview(_))));
    let view = state.user().unwrap();
    let pane = view.pane_for(MetadataField::User);
    for key in ["history", "prefs"] {
        assert!(pane.original.shared(key).unwrap().is_raw(), "{key} was parsed");
        assert!(pane.current().shared(key).unwrap().is_raw(), "{key} was parsed");
    }
    assert!(view
        .pane_for(MetadataField::App)
        .original
        .shared("plan")
        .unwrap()
        .is_raw());
    let rows = screen(&state);
    assert!(rows.contains("goldx"), "{rows}");
}

#[test]
fn reading_a_node_inside_a_large_key_parses_only_that_node() {
    let items: Vec<String> = (0..2_000).map(|i| format!("event {i}")).collect();
    let metadata = json!({"tier": "gold", "history": items});
    let mut state = opened(100, 30, user(7, Some((metadata, json!({})))));
    to_row(&mut state, 2);
    press(&mut state, Intent::Expand);
    to_row(&mut state, 4); // history[1]
    press(&mut state, Intent::Edit);
    assert!(matches!(state.overlay, Some(Overlay::Editor(_))), "{:?}", state.status);
    let history = |state: &State| {
        let pane = state.user().unwrap().pane_for(MetadataField::User);
        pane.original.shared("history").unwrap().is_raw()
    };
    assert!(history(&state), "opening the editor on one item parsed the whole key");
    key(&mut state, KeyCode::Esc);
    assert!(history(&state));
    // The whole document as JSON (`E` on the root) is a copy: the key stays text.
    to_row(&mut state, 0);
    press(&mut state, Intent::EditJson);
    assert!(matches!(state.overlay, Some(Overlay::Editor(_))), "{:?}", state.status);
    assert!(history(&state), "the JSON editor on the root parsed the key for good");
}

#[test]
fn a_long_json_text_is_checked_when_typing_pauses() {
    let mut state = big_state();
    to_row(&mut state, 1);
    press(&mut state, Intent::EditJson);
    key(&mut state, KeyCode::Char('x')); // at the top: not JSON any more
    assert_eq!(editor_error(&state), None, "not checked on the key");
    assert!(state.wants_ticks());
    update(&mut state, Msg::Tick);
    assert_eq!(editor_error(&state), None, "one quiet tick is not a pause");
    key(&mut state, KeyCode::Char('y'));
    update(&mut state, Msg::Tick);
    assert_eq!(editor_error(&state), None, "a key restarts the wait");
    update(&mut state, Msg::Tick);
    assert!(
        editor_error(&state).is_some_and(|e| e.contains("line 1")),
        "{:?}",
        editor_error(&state)
    );
    assert!(!state.wants_ticks(), "checked: no more ticks wanted");
}

#[test]
fn a_short_json_text_is_checked_on_every_key() {
    let mut state = jane_state();
    to_row(&mut state, 2);
    press(&mut state, Intent::EditJson);
    key(&mut state, KeyCode::Char('x'));
    assert!(editor_error(&state).is_some());
    assert!(!state.wants_ticks());
}
