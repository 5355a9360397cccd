//! Editing flows through `update`: each edit operation, undo/redo, and bad input kept
//! in place with the reason.

use crate::common;

use auth0_meta::domain::{Mark, MetadataField};
use auth0_meta::tui::effect::{DraftEffect, Effect};
use auth0_meta::tui::msg::Intent;
use auth0_meta::tui::state::{Confirm, EditorPurpose, Overlay, Status};
use common::tui::*;
use crossterm::event::KeyCode;
use serde_json::json;

#[test]
fn e_edits_a_string_without_quotes() {
    let mut state = jane_state();
    to_row(&mut state, 1);
    press(&mut state, Intent::Edit);
    clear(&mut state);
    typed(&mut state, "chess");
    key(&mut state, KeyCode::Enter);
    assert!(state.overlay.is_none());
    assert_eq!(draft(&state, MetadataField::User)["hobby"], "chess");
    let pane = state.user().unwrap().pane();
    assert_eq!(pane.mark(pane.tree.locate(1).unwrap().id), Mark::Changed);
    assert_eq!(pane.sending, 1);
}

#[test]
fn a_adds_a_key_then_its_value_and_refuses_bad_keys() {
    let mut state = jane_state();
    press(&mut state, Intent::Add); // on the root row: a root key at the end
    typed(&mut state, "a.b");
    key(&mut state, KeyCode::Enter);
    assert!(editor_error(&state)
        .unwrap()
        .starts_with("Fields with \".\" are not allowed"));
    clear(&mut state);
    typed(&mut state, "hobby");
    key(&mut state, KeyCode::Enter);
    assert_eq!(
        editor_error(&state).as_deref(),
        Some("there is already a key \"hobby\" here")
    );
    clear(&mut state);
    typed(&mut state, "lang");
    key(&mut state, KeyCode::Enter);
    let Some(Overlay::Editor(editor)) = &state.overlay else {
        panic!()
    };
    assert!(matches!(editor.purpose, EditorPurpose::AddValue { .. }));
    typed(&mut state, "null");
    key(&mut state, KeyCode::Enter);
    assert!(editor_error(&state)
        .unwrap()
        .contains("deletes a root key sent as null"));
    clear(&mut state);
    typed(&mut state, "en");
    key(&mut state, KeyCode::Enter);
    let keys = user_keys(&state);
    assert_eq!(keys, ["hobby", "addresses", "devices", "nickname", "lang"]);
    assert_eq!(
        draft(&state, MetadataField::User)["lang"],
        "en",
        "a bare word is a string"
    );
}

#[test]
fn reserved_app_metadata_keys_are_refused_where_typed() {
    let mut state = jane_state();
    press(&mut state, Intent::SwitchTree);
    press(&mut state, Intent::Add);
    typed(&mut state, "blocked");
    key(&mut state, KeyCode::Enter);
    assert!(editor_error(&state).unwrap().contains("reserved"));
}

#[test]
fn a_in_an_array_adds_an_item_after_the_cursor() {
    let mut state = jane_state();
    to_row(&mut state, 3);
    press(&mut state, Intent::Expand); // devices
    press(&mut state, Intent::Down); // devices[0]
    press(&mut state, Intent::Add);
    typed(&mut state, "{\"name\": \"Mac\"}");
    key(&mut state, KeyCode::Enter);
    let devices = &draft(&state, MetadataField::User)["devices"];
    assert_eq!(devices[1], json!({"name": "Mac"}));
    assert_eq!(devices.as_array().unwrap().len(), 3);
}

#[test]
fn r_renames_in_place_and_d_deletes_with_a_question_for_subtrees() {
    let mut state = jane_state();
    to_row(&mut state, 1);
    press(&mut state, Intent::Rename);
    clear(&mut state);
    typed(&mut state, "pastime");
    key(&mut state, KeyCode::Enter);
    let keys = user_keys(&state);
    assert_eq!(keys[0], "pastime");

    to_row(&mut state, 3); // pastime, then hobby struck through, then addresses
    let at = {
        let p = state.user().unwrap().pane();
        p.tree.locate(p.cursor).unwrap().path.to_string()
    };
    assert_eq!(at, "addresses");
    press(&mut state, Intent::Delete);
    assert!(matches!(state.overlay, Some(Overlay::Confirm(Confirm::Delete { .. }))));
    key(&mut state, KeyCode::Char('n'));
    assert!(
        draft(&state, MetadataField::User).get("addresses").is_some(),
        "anything but y keeps it"
    );
    press(&mut state, Intent::Delete);
    key(&mut state, KeyCode::Char('y'));
    assert!(draft(&state, MetadataField::User).get("addresses").is_none());
    let pane = state.user().unwrap().pane();
    assert_eq!(
        pane.mark(pane.tree.locate(3).unwrap().id),
        Mark::Deleted,
        "deleted rows stay visible"
    );
    press(&mut state, Intent::Edit);
    assert!(
        matches!(&state.status, Status::Error(e) if e.contains("deleted")),
        "{:?}",
        state.status
    );
}

#[test]
fn the_json_editor_reports_errors_by_line_and_commits_with_ctrl_s() {
    let mut state = jane_state();
    to_row(&mut state, 2);
    press(&mut state, Intent::EditJson);
    clear(&mut state);
    typed(&mut state, "{\"home\": ");
    assert!(editor_error(&state).unwrap().starts_with("line 1, column"));
    key(&mut state, KeyCode::Esc);
    let Some(Overlay::Editor(editor)) = &state.overlay else {
        panic!("Esc on changed text asks first")
    };
    assert!(editor.confirm_discard);
    let before = editor.text();
    key(&mut state, KeyCode::Char('k')); // "any other key keeps editing": it is not typed
    let Some(Overlay::Editor(editor)) = &state.overlay else {
        panic!()
    };
    assert!(!editor.confirm_discard);
    assert_eq!(editor.text(), before, "the answering key is not typed into the text");
    typed(&mut state, "\"x\"}");
    assert_eq!(editor_error(&state), None);
    ctrl(&mut state, 's');
    assert!(state.overlay.is_none());
    assert_eq!(draft(&state, MetadataField::User)["addresses"], json!({"home": "x"}));
}

#[test]
fn undo_and_redo_across_both_trees() {
    let mut state = jane_state();
    to_row(&mut state, 1);
    press(&mut state, Intent::Delete);
    press(&mut state, Intent::SwitchTree);
    to_row(&mut state, 1);
    press(&mut state, Intent::Delete);
    assert!(draft(&state, MetadataField::App).get("plan").is_none());
    press(&mut state, Intent::Undo);
    assert_eq!(draft(&state, MetadataField::App)["plan"], "full");
    press(&mut state, Intent::Undo);
    assert_eq!(draft(&state, MetadataField::User)["hobby"], "surfing");
    assert!(!state.user().unwrap().is_dirty());
    press(&mut state, Intent::Redo);
    assert!(draft(&state, MetadataField::User).get("hobby").is_none());
}

#[test]
fn every_edit_saves_the_draft_and_the_last_undo_deletes_it() {
    let mut state = jane_state();
    state.storage = Some(auth0_meta::storage::Storage {
        root: "/tmp/x".into(),
        tenant: "t".into(),
    });
    to_row(&mut state, 1);
    let effects = press(&mut state, Intent::Delete);
    assert!(
        matches!(&effects[..], [Effect::Draft(DraftEffect::Save { edits, .. })] if edits.len() == 1),
        "{effects:?}"
    );
    let effects = press(&mut state, Intent::Undo);
    assert!(
        matches!(&effects[..], [Effect::Draft(DraftEffect::Delete { .. })]),
        "{effects:?}"
    );
}

#[test]
fn the_json_editor_checks_its_text_only_when_a_key_changed_it() {
    let mut state = jane_state();
    to_row(&mut state, 2);
    press(&mut state, Intent::EditJson);
    typed(&mut state, "x");
    let first = editor_error(&state).expect("the text is checked when typed");
    // Mark the last check: a key that moves the cursor leaves it standing.
    let Some(Overlay::Editor(editor)) = &mut state.overlay else {
        panic!()
    };
    editor.error = Some(format!("{first} (last check)"));
    key(&mut state, KeyCode::Left);
    key(&mut state, KeyCode::Home);
    assert_eq!(editor_error(&state), Some(format!("{first} (last check)")));
    key(&mut state, KeyCode::Delete);
    assert_ne!(
        editor_error(&state),
        Some(format!("{first} (last check)")),
        "a change is checked"
    );
}

#[test]
fn setting_a_value_to_what_it_is_makes_no_edit_and_no_draft() {
    let mut state = jane_state();
    to_row(&mut state, 1); // hobby: "surfing"
    press(&mut state, Intent::Edit);
    clear(&mut state);
    typed(&mut state, "surfing");
    let effects = key(&mut state, KeyCode::Enter);
    assert!(state.overlay.is_none());
    assert!(effects.is_empty(), "no draft is saved: {effects:?}");
    assert!(
        matches!(&state.status, Status::Info(text) if text.starts_with("no change")),
        "{:?}",
        state.status
    );
    assert!(
        state.user().unwrap().history.next_step(true).is_none(),
        "nothing to undo"
    );
}
