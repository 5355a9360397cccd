//! Values as typed: numbers (range, precision, `1e3`), type changes that lose data, and
//! multi-line strings.

use crate::common;

use auth0_meta::domain::MetadataField;
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::{Confirm, EditorPurpose, Overlay, Status};
use auth0_meta::tui::update::update;
use common::tui::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

#[test]
fn a_number_must_parse_and_the_typed_text_is_kept() {
    let mut state = jane_state();
    press(&mut state, Intent::SwitchTree);
    to_row(&mut state, 2);
    press(&mut state, Intent::Edit);
    clear(&mut state);
    typed(&mut state, "4x");
    key(&mut state, KeyCode::Enter);
    assert_eq!(editor_error(&state).as_deref(), Some("not a number: 4x"));
    let Some(Overlay::Editor(editor)) = &state.overlay else {
        panic!()
    };
    assert_eq!(editor.text.lines(), ["4x"], "the text stays for correction");
    key(&mut state, KeyCode::Backspace);
    key(&mut state, KeyCode::Enter);
    assert_eq!(draft(&state, MetadataField::App)["seats"], json!(4));
}

#[test]
fn t_changes_the_type_with_the_core_rules() {
    let mut state = jane_state();
    press(&mut state, Intent::SwitchTree);
    to_row(&mut state, 2); // seats: 3
    press(&mut state, Intent::Retype);
    key(&mut state, KeyCode::Up); // number -> string
    key(&mut state, KeyCode::Enter);
    assert_eq!(draft(&state, MetadataField::App)["seats"], "3");
    press(&mut state, Intent::Retype);
    for _ in 0..3 {
        key(&mut state, KeyCode::Down);
    }
    key(&mut state, KeyCode::Enter); // null at the root: refused
    assert!(matches!(&state.status, Status::Error(e) if e.contains("null")));
    assert_eq!(draft(&state, MetadataField::App)["seats"], "3");
}

#[test]
fn a_number_past_the_double_range_is_refused_in_place() {
    let mut state = opened(100, 30, jane());
    press(&mut state, Intent::ExpandAll);
    // app_metadata.seats is a number: edit it in the value editor.
    press(&mut state, Intent::SwitchTree);
    to_row(&mut state, 2);
    press(&mut state, Intent::Edit);
    clear(&mut state);
    typed(&mut state, "1e999");
    key(&mut state, KeyCode::Enter);
    let error = editor_error(&state).expect("the editor stays open with the reason");
    assert!(error.contains("outside the range"), "{error}");
    clear(&mut state);
    typed(&mut state, "12345678901234567890");
    key(&mut state, KeyCode::Enter);
    assert!(state.overlay.is_none());
    assert!(
        matches!(&state.status, Status::Info(t) if t.contains("beyond 2^53")),
        "{:?}",
        state.status
    );
}

#[test]
fn a_lossy_type_change_asks_first_and_a_lossless_one_does_not() {
    let mut state = opened(100, 30, jane());
    press(&mut state, Intent::SwitchTree);
    to_row(&mut state, 1); // app_metadata.plan: "full"
    press(&mut state, Intent::Retype);
    if let Some(Overlay::TypeMenu(menu)) = &mut state.overlay {
        menu.selected = 1; // number
    }
    key(&mut state, KeyCode::Enter);
    let Some(Overlay::Confirm(Confirm::Retype { before, after, .. })) = &state.overlay else {
        panic!("{:?}", state.status)
    };
    assert_eq!((before.as_str(), after.as_str()), ("\"full\"", "0"));
    key(&mut state, KeyCode::Esc);
    assert!(!state.user().unwrap().is_dirty(), "no keeps the value");

    to_row(&mut state, 2); // app_metadata.seats: 3
    press(&mut state, Intent::Retype);
    if let Some(Overlay::TypeMenu(menu)) = &mut state.overlay {
        menu.selected = 0; // string
    }
    key(&mut state, KeyCode::Enter);
    assert!(state.overlay.is_none(), "3 -> \"3\" loses nothing: no question");
    assert_eq!(draft(&state, MetadataField::App)["seats"], "3");
}

#[test]
fn a_whole_number_typed_with_an_exponent_is_stored_as_an_integer() {
    let mut state = opened(100, 30, jane());
    press(&mut state, Intent::SwitchTree);
    to_row(&mut state, 2);
    press(&mut state, Intent::Edit);
    clear(&mut state);
    typed(&mut state, "1e3");
    key(&mut state, KeyCode::Enter);
    assert_eq!(draft(&state, MetadataField::App)["seats"], json!(1000));
    assert!(draft(&state, MetadataField::App)["seats"].is_u64());
}

#[test]
fn a_string_can_be_edited_over_several_lines() {
    let mut state = jane_state();
    to_row(&mut state, 1); // hobby: "surfing"
    press(&mut state, Intent::Edit);
    typed(&mut state, " and");
    update(&mut state, Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)));
    typed(&mut state, "sailing");
    ctrl(&mut state, 'j');
    typed(&mut state, "at dawn");
    key(&mut state, KeyCode::Enter);
    assert!(state.overlay.is_none(), "Enter saves: {:?}", state.status);
    assert_eq!(
        draft(&state, MetadataField::User)["hobby"],
        "surfing and\nsailing\nat dawn"
    );
    press(&mut state, Intent::Edit);
    let Some(Overlay::Editor(editor)) = &state.overlay else {
        panic!()
    };
    assert_eq!(
        editor.text.lines(),
        ["surfing and", "sailing", "at dawn"],
        "every line is shown"
    );
}

#[test]
fn a_string_holding_controls_is_edited_as_json_and_keeps_its_bytes() {
    let hostile = "v\u{7f}\u{202e}x\u{1b}[2J";
    let eve = user(9, Some((json!({ "k": hostile }), json!({}))));
    let mut state = opened(100, 30, eve);
    to_row(&mut state, 1);
    press(&mut state, Intent::Edit);
    let Some(Overlay::Editor(editor)) = &state.overlay else {
        panic!("{:?}", state.status)
    };
    assert!(matches!(editor.purpose, EditorPurpose::Json { .. }));
    assert_eq!(editor.text(), r#""v\u007f\u202ex\u001b[2J""#, "shown escaped");
    ctrl(&mut state, 's');
    assert!(state.overlay.is_none(), "{:?}", state.status);
    assert_eq!(draft(&state, MetadataField::User)["k"], hostile, "saved as it was");
    // Changing the visible text changes just what was typed.
    press(&mut state, Intent::Edit);
    key(&mut state, KeyCode::End);
    key(&mut state, KeyCode::Left);
    typed(&mut state, "!");
    ctrl(&mut state, 's');
    assert_eq!(draft(&state, MetadataField::User)["k"], format!("{hostile}!"));
}
