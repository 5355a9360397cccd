//! `y` then a letter, through `update`: the exact text each form copies and what the
//! status line says; in the list, the user's id and email.

use crate::common;

use auth0_meta::domain::copy::CopyForm;
use auth0_meta::tui::effect::Effect;
use auth0_meta::tui::msg::{Copying, Intent};
use auth0_meta::tui::state::{Overlay, State, Status};
use common::tui::*;

fn copy(state: &mut State, copying: Copying) -> Option<String> {
    press(state, Intent::CopyMenu);
    assert!(matches!(state.overlay, Some(Overlay::CopyMenu)));
    let effects = press(state, Intent::Copy(copying));
    assert!(state.overlay.is_none());
    effects.into_iter().find_map(|e| match e {
        Effect::Copy(text) => Some(text),
        _ => None,
    })
}

#[test]
fn each_form_of_a_tree_node() {
    let mut state = jane_state();
    press(&mut state, Intent::ExpandAll);
    to_row(&mut state, 4); // addresses.home.city
    let node = |state: &mut State, form| copy(state, Copying::Node(form)).unwrap();
    assert_eq!(node(&mut state, CopyForm::Json), "\"Lisbon\"");
    assert_eq!(node(&mut state, CopyForm::Text), "Lisbon");
    assert_eq!(node(&mut state, CopyForm::Key), "city");
    assert_eq!(node(&mut state, CopyForm::Path), "user_metadata.addresses.home.city");
    assert_eq!(node(&mut state, CopyForm::Jq), ".user_metadata.addresses.home.city");
    assert_eq!(
        node(&mut state, CopyForm::Query),
        "user_metadata.addresses.home.city:\"Lisbon\""
    );
    assert_eq!(
        node(&mut state, CopyForm::Action),
        "event.user.user_metadata.addresses.home.city"
    );
    assert_eq!(
        state.status,
        Status::Info("copied Actions expression: event.user.user_metadata.addresses.home.city".into())
    );
    to_row(&mut state, 2); // addresses: an object
    assert_eq!(node(&mut state, CopyForm::Query), "_exists_:user_metadata.addresses");
    assert!(node(&mut state, CopyForm::Json).starts_with("{\n  \"home\""));
    assert!(
        matches!(&state.status, Status::Info(s) if s.ends_with('…')),
        "a long copy is shortened: {:?}",
        state.status
    );
    assert_eq!(copy(&mut state, Copying::Node(CopyForm::Text)), None);
    assert!(matches!(&state.status, Status::Error(s) if s.contains("not a string")));
}

#[test]
fn the_list_copies_the_id_or_email_of_the_user_under_the_cursor() {
    let mut state = listed(100, 30);
    to_row(&mut state, 2);
    assert_eq!(
        copy(&mut state, Copying::UserId).unwrap(),
        "auth0|000000000000000000000002"
    );
    assert_eq!(copy(&mut state, Copying::Email).unwrap(), "user002@example.com");
    press(&mut state, Intent::CopyMenu);
    press(&mut state, Intent::Cancel);
    assert!(state.overlay.is_none());
}
