//! `v`: the node handed to the user's editor and what comes back: changed (one undoable
//! edit), unchanged (no edit), invalid (reopen with the text kept, or drop).

use crate::common;

use auth0_meta::domain::MetadataField;
use auth0_meta::tui::effect::Effect;
use auth0_meta::tui::msg::{HandOff, Intent, Msg};
use auth0_meta::tui::state::{Overlay, State, Status};
use auth0_meta::tui::update::update;
use common::tui::*;
use serde_json::json;

/// Presses `v` and returns what was handed over.
fn handed(state: &mut State) -> HandOff {
    let effects = press(state, Intent::OpenInEditor);
    let Some(Effect::ExternalEditor { hand_off, dir }) = effects.into_iter().next() else {
        panic!("no hand-off: {:?}", state.status)
    };
    assert!(dir.is_some(), "in the state directory");
    hand_off
}

fn back(state: &mut State, hand_off: HandOff, text: &str) -> Vec<Effect> {
    update(
        state,
        Msg::ExternalEdited {
            hand_off,
            result: Ok(text.to_string()),
        },
    )
}

#[test]
fn a_changed_node_is_one_undoable_edit() {
    let mut state = jane_state();
    press(&mut state, Intent::ExpandAll);
    to_row(&mut state, 2); // addresses
    let hand_off = handed(&mut state);
    assert_eq!(
        hand_off.text,
        "{\n  \"home\": {\n    \"city\": \"Lisbon\",\n    \"zip\": 1000\n  },\n  \"work\": \"100 Industrial Way\"\n}\n"
    );
    back(&mut state, hand_off, "{\"home\": {\"city\": \"Porto\"}}");
    assert_eq!(
        draft(&state, MetadataField::User)["addresses"],
        json!({"home": {"city": "Porto"}})
    );
    assert_eq!(state.user().unwrap().history.len(), 1);
    press(&mut state, Intent::Undo);
    assert!(!state.user().unwrap().is_dirty());
}

#[test]
fn the_root_row_hands_the_whole_document_and_unchanged_is_no_edit() {
    let mut state = jane_state();
    let hand_off = handed(&mut state);
    assert!(hand_off.text.contains("\"hobby\": \"surfing\"") && hand_off.path.is_root());
    let same = hand_off.original.clone();
    back(&mut state, hand_off, &same);
    assert!(!state.user().unwrap().is_dirty());
    assert_eq!(state.status, Status::Info("unchanged in your editor: no edit".into()));
}

#[test]
fn invalid_text_is_kept_to_reopen_or_dropped() {
    let mut state = jane_state();
    to_row(&mut state, 1);
    let hand_off = handed(&mut state);
    back(&mut state, hand_off, "{\"broken\": ");
    let Some(Overlay::EditorFailed(failed)) = &state.overlay else {
        panic!("{:?}", state.status)
    };
    assert!(failed.error.contains("line 1"), "{}", failed.error);
    let effects = press(&mut state, Intent::OpenInEditor);
    let Some(Effect::ExternalEditor { hand_off, .. }) = effects.into_iter().next() else {
        panic!()
    };
    assert_eq!(hand_off.text, "{\"broken\": ", "the text is kept");
    back(&mut state, hand_off, "not json either");
    press(&mut state, Intent::Discard);
    assert!(state.overlay.is_none());
    assert!(!state.user().unwrap().is_dirty(), "dropped: nothing changed");
}

#[test]
fn a_read_only_tenant_hands_nothing_over() {
    let mut state = jane_state();
    state.guards.read_only = true;
    assert!(press(&mut state, Intent::OpenInEditor).is_empty());
    assert!(matches!(&state.status, Status::Error(s) if s.contains("read-only")));
}
