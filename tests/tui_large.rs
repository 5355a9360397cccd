//! Large documents in the editor: a multi-megabyte JSON text is checked when typing
//! pauses (two quiet ticks), not on every key; a small one on every key.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly, by design

mod common;

use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::State;
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
