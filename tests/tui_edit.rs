//! Editing flows through `update`: each edit operation, undo/redo, bad input kept in
//! place, the preview, the leave prompt, and the conflict choices.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly, by design

mod common;

use auth0_meta::apply::{Applied, Journaled, Saved};
use auth0_meta::domain::{Mark, MetadataField, UpdateBody};
use auth0_meta::tui::effect::Effect;
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::{Confirm, EditorPurpose, Overlay, State, Status};
use auth0_meta::tui::update::update;
use common::tui::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::{json, Value};

fn ctrl(state: &mut State, c: char) -> Vec<Effect> {
    update(state, Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
}

fn draft(state: &State, field: MetadataField) -> Value {
    state.user().unwrap().pane_for(field).current().clone()
}

/// The root keys of the user_metadata draft, in order.
fn user_keys(state: &State) -> Vec<String> {
    draft(state, MetadataField::User)
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

fn editor_error(state: &State) -> Option<String> {
    match &state.overlay {
        Some(Overlay::Editor(editor)) => editor.error.clone(),
        _ => None,
    }
}

fn jane_state() -> State {
    opened(130, 30, jane())
}

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
        matches!(&effects[..], [Effect::SaveDraft { edits, .. }] if edits.len() == 1),
        "{effects:?}"
    );
    let effects = press(&mut state, Intent::Undo);
    assert!(matches!(&effects[..], [Effect::DeleteDraft { .. }]), "{effects:?}");
}

#[test]
fn the_preview_sends_exactly_its_body_after_y() {
    let mut state = jane_state();
    press(&mut state, Intent::Preview);
    assert!(state.overlay.is_none(), "nothing pending, no preview");
    to_row(&mut state, 1);
    press(&mut state, Intent::Delete);
    press(&mut state, Intent::Preview);
    let Some(Overlay::Preview(screen)) = &state.overlay else {
        panic!()
    };
    assert_eq!(
        screen.preview.body_json(),
        Some(json!({"user_metadata": {"hobby": null}}))
    );
    assert!(screen
        .preview
        .warnings
        .iter()
        .any(|w| w.to_string().contains("deletes user_metadata.hobby")));
    key(&mut state, KeyCode::Esc);
    assert!(
        state.overlay.is_none() && state.user().unwrap().is_dirty(),
        "Esc keeps everything"
    );
    press(&mut state, Intent::Preview);
    let effects = key(&mut state, KeyCode::Char('y'));
    let [Effect::Apply { request, .. }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert!(request.check, "a send from the preview checks for conflicts first");
    assert_eq!(request.body.to_json(), json!({"user_metadata": {"hobby": null}}));
}

#[test]
fn leaving_with_pending_edits_asks_first() {
    let mut state = jane_state();
    to_row(&mut state, 1);
    press(&mut state, Intent::Delete);
    press(&mut state, Intent::Back);
    assert!(matches!(state.overlay, Some(Overlay::Leave { quit: false })));
    key(&mut state, KeyCode::Esc);
    assert!(state.user().is_some());
    let effects = press(&mut state, Intent::Quit);
    assert!(effects.is_empty(), "Ctrl-C asks too");
    assert!(matches!(state.overlay, Some(Overlay::Leave { quit: true })));
    let effects = key(&mut state, KeyCode::Char('d'));
    assert!(
        matches!(&effects[..], [Effect::DeleteDraft { .. }, Effect::Quit]),
        "discard deletes the draft, then quits: {effects:?}"
    );
}

#[test]
fn while_drafts_cannot_be_saved_leaving_offers_no_draft_and_says_so() {
    let mut state = jane_state();
    to_row(&mut state, 1);
    let effects = press(&mut state, Intent::Delete);
    assert!(matches!(&effects[..], [Effect::SaveDraft { .. }]));
    update(
        &mut state,
        Msg::DraftSaved(Err("Permission denied (os error 13)".into())),
    );
    assert!(!state.drafts_kept());
    assert!(matches!(&state.status, Status::Error(e) if e.contains("NOT saved")));
    press(&mut state, Intent::Quit);
    assert_eq!(
        auth0_meta::tui::keymap::table(&state).title,
        "unsent edits, drafts NOT saved"
    );
    let effects = key(&mut state, KeyCode::Char('k'));
    assert!(effects.is_empty(), "k keeps nothing: it is not offered");
    assert!(
        matches!(state.overlay, Some(Overlay::Leave { quit: true })),
        "still asking"
    );
    update(&mut state, Msg::DraftSaved(Ok(())));
    assert!(state.drafts_kept(), "a later successful save clears the marker");
}

#[test]
fn keep_as_draft_leaves_the_user() {
    let mut state = jane_state();
    to_row(&mut state, 1);
    press(&mut state, Intent::Delete);
    press(&mut state, Intent::Back);
    key(&mut state, KeyCode::Char('k'));
    assert!(state.on_list());
}

fn conflicted(state: &mut State) {
    to_row(state, 1);
    press(state, Intent::Delete);
    let id = state.user().unwrap().user.id().to_string();
    let loaded = state.user().unwrap().stored();
    let body = UpdateBody::between(&loaded, &state.user().unwrap().edited());
    let mut server = jane();
    server.0["user_metadata"]["hobby"] = json!("kitesurfing");
    server.0["user_metadata"]["added"] = json!(1);
    answer_with_conflict(state, id, loaded, body, server);
    assert!(matches!(state.overlay, Some(Overlay::Conflict(_))));
}

#[test]
fn a_conflict_offers_rebase_overwrite_and_cancel() {
    let mut state = jane_state();
    conflicted(&mut state);
    key(&mut state, KeyCode::Char('c'));
    assert!(state.overlay.is_none() && state.user().unwrap().is_dirty());

    let mut state = jane_state();
    conflicted(&mut state);
    let effects = key(&mut state, KeyCode::Char('o'));
    assert!(effects.is_empty(), "overwrite sends nothing from the conflict view");
    assert!(
        matches!(state.overlay, Some(Overlay::Preview(_))),
        "it opens the preview"
    );

    let mut state = jane_state();
    conflicted(&mut state);
    key(&mut state, KeyCode::Char('r'));
    let Some(Overlay::Preview(screen)) = &state.overlay else {
        panic!("rebase shows the preview again")
    };
    assert_eq!(
        screen.preview.body_json(),
        Some(json!({"user_metadata": {"hobby": null}}))
    );
    assert_eq!(
        screen.preview.stored.user_metadata["hobby"], "kitesurfing",
        "on the server's copy"
    );
    assert_eq!(
        draft(&state, MetadataField::User)["added"],
        1,
        "the server's other change is kept"
    );
}

#[test]
fn a_failed_send_keeps_the_edits_and_says_why() {
    let mut state = jane_state();
    to_row(&mut state, 1);
    press(&mut state, Intent::Delete);
    let id = state.user().unwrap().user.id().to_string();
    let err = auth0_meta::api::ApiError::Api(auth0_meta::api::Refusal {
        status: 429,
        code: Some("too_many_requests".into()),
        message: "Global limit has been reached".into(),
    });
    update(
        &mut state,
        Msg::Applied {
            id,
            result: Err(err),
            rate: None,
        },
    );
    assert!(matches!(&state.status, Status::Error(e) if e.contains("429 Global limit has been reached")));
    assert!(state.user().unwrap().is_dirty());
}

#[test]
fn edits_wait_until_the_server_copy_and_any_draft_are_in() {
    let mut state = listed(100, 30);
    auth0_meta::tui::update::session::open(&mut state, jane());
    to_row(&mut state, 1);
    press(&mut state, Intent::Delete);
    assert!(
        matches!(&state.status, Status::Error(e) if e.contains("still loading")),
        "{:?}",
        state.status
    );
    assert!(!state.user().unwrap().is_dirty());
}

#[test]
fn a_save_that_lands_after_leaving_the_user_still_ends_its_draft() {
    let mut state = jane_state();
    state.storage = Some(auth0_meta::storage::Storage {
        root: "/tmp/unused".into(),
        tenant: "t".into(),
    });
    to_row(&mut state, 1);
    press(&mut state, Intent::Delete);
    let id = state.user().unwrap().user.id().to_string();
    press(&mut state, Intent::Back);
    key(&mut state, KeyCode::Char('k')); // keep as draft and leave
    assert!(state.on_list());
    let effects = update(
        &mut state,
        Msg::Applied {
            id,
            result: Ok(Applied::Saved(Saved {
                user: jane(),
                written: vec!["user_metadata.hobby".parse().unwrap()],
                kept: vec![],
                changed_meanwhile: vec![],
                settled_after: None,
                journal: Journaled::Written { entry_id: "e1".into() },
            })),
            rate: None,
        },
    );
    assert!(matches!(&state.status, Status::Info(text) if text == "saved: user_metadata.hobby"));
    assert!(
        effects.iter().any(|e| matches!(e, Effect::DeleteDraft { .. })),
        "{effects:?}"
    );
}

#[test]
fn d_on_the_root_row_clears_with_an_empty_object_after_a_question() {
    let mut state = jane_state();
    press(&mut state, Intent::Delete);
    assert!(matches!(
        state.overlay,
        Some(Overlay::Confirm(Confirm::Clear { keys: 4, .. }))
    ));
    key(&mut state, KeyCode::Char('y'));
    press(&mut state, Intent::Preview);
    let Some(Overlay::Preview(screen)) = &state.overlay else {
        panic!("{:?}", state.status)
    };
    assert_eq!(screen.preview.body_json(), Some(json!({"user_metadata": {}})));
    assert!(screen
        .preview
        .warnings
        .iter()
        .any(|w| w.to_string().starts_with("clears all of user_metadata: 4 stored keys")));
    key(&mut state, KeyCode::Esc);
    press(&mut state, Intent::Undo);
    assert!(!state.user().unwrap().is_dirty());
    to_row(&mut state, 1);
    press(&mut state, Intent::Delete); // one key: per-key null again
    press(&mut state, Intent::Preview);
    let Some(Overlay::Preview(screen)) = &state.overlay else {
        panic!()
    };
    assert_eq!(
        screen.preview.body_json(),
        Some(json!({"user_metadata": {"hobby": null}}))
    );
}

#[test]
fn quitting_while_a_change_is_sent_waits_for_its_outcome() {
    let mut state = jane_state();
    to_row(&mut state, 1);
    press(&mut state, Intent::Delete);
    press(&mut state, Intent::Preview);
    let effects = key(&mut state, KeyCode::Char('y'));
    assert!(matches!(&effects[..], [Effect::Apply { .. }]));
    let effects = press(&mut state, Intent::Quit);
    assert!(effects.is_empty(), "does not quit yet: {effects:?}");
    assert!(matches!(&state.status, Status::Loading(t) if t.contains("waiting for the outcome")));
    let id = state.user().unwrap().user.id().to_string();
    let effects = update(
        &mut state,
        Msg::Applied {
            id,
            result: Ok(Applied::Saved(Saved {
                user: jane(),
                written: vec!["user_metadata.hobby".parse().unwrap()],
                kept: vec![],
                changed_meanwhile: vec![],
                settled_after: None,
                journal: Journaled::Off,
            })),
            rate: None,
        },
    );
    assert_eq!(effects.last(), Some(&Effect::Quit), "quits once saved: {effects:?}");

    // A second Ctrl-C stops waiting.
    let mut state = jane_state();
    to_row(&mut state, 1);
    press(&mut state, Intent::Delete);
    press(&mut state, Intent::Preview);
    key(&mut state, KeyCode::Char('y'));
    press(&mut state, Intent::Quit);
    assert_eq!(press(&mut state, Intent::Quit), [Effect::Quit]);
}

#[test]
fn a_user_open_in_another_instance_is_read_only_until_taken_over() {
    let mut state = listed(100, 30);
    auth0_meta::tui::update::session::open(&mut state, jane());
    let id = jane().id().to_string();
    let effects = update(
        &mut state,
        Msg::UserLoaded {
            id: id.clone(),
            result: Ok(jane()),
            rate: None,
        },
    );
    assert!(matches!(&effects[..], [Effect::LockDraft { .. }]), "{effects:?}");
    let holder = auth0_meta::storage::lock::Holder {
        pid: Some(4242),
        since: Some("2026-11-23T10:00:00.000Z".into()),
    };
    update(
        &mut state,
        Msg::DraftLocked {
            user_id: id.clone(),
            held_by: Some(holder),
        },
    );
    assert!(
        matches!(&state.status, Status::Error(e) if e.contains("pid 4242")),
        "{:?}",
        state.status
    );
    to_row(&mut state, 1);
    let effects = press(&mut state, Intent::Delete);
    assert!(
        effects.is_empty() && !state.user().unwrap().is_dirty(),
        "edits are refused"
    );
    let effects = press(&mut state, Intent::TakeOver);
    assert!(matches!(&effects[..], [Effect::LockDraft { .. }]));
    let effects = update(
        &mut state,
        Msg::DraftLocked {
            user_id: id,
            held_by: None,
        },
    );
    assert!(
        matches!(&effects[..], [Effect::LoadDraft { .. }]),
        "then the draft is read"
    );
    press(&mut state, Intent::Delete);
    assert!(state.user().unwrap().is_dirty(), "editable now");
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
fn reverting_a_key_changed_since_shows_the_conflict_first() {
    use auth0_meta::domain::{SendBody, UpdateBody};
    use auth0_meta::storage::journal::{Entry, Journal};
    let mut state = jane_state();
    let view = state.user().unwrap();
    let stored = view.stored();
    // An entry that set plan "full" -> "enterprise"; the server now holds "full" again
    // (someone changed it since), so reverting would overwrite their change.
    let mut before = stored.clone();
    before.app_metadata.insert("plan".into(), json!("pro"));
    let mut after = before.clone();
    after.app_metadata.insert("plan".into(), json!("enterprise"));
    let body = SendBody::new(UpdateBody::between(&before, &after)).unwrap();
    let entry = Entry::new("t", view.user.id(), &body, &before);
    let user_id = view.user.id().to_string();
    update(
        &mut state,
        Msg::JournalLoaded {
            user_id,
            result: Ok(Journal {
                entries: vec![entry],
                damaged: 0,
            }),
        },
    );
    key(&mut state, KeyCode::Enter); // the entry in full
    key(&mut state, KeyCode::Enter); // revert
    let Some(Overlay::Conflict(screen)) = &state.overlay else {
        panic!("{:?}", state.status)
    };
    let conflict = &screen.report.overwritten[0];
    assert_eq!(conflict.key, "plan");
    assert_eq!(conflict.loaded, Some(json!("enterprise")), "what the entry left");
    assert_eq!(conflict.server, Some(json!("full")), "what the server holds now");
    assert_eq!(conflict.ours, Some(json!("pro")), "what reverting writes");
}

fn draft_over_changed_server() -> (State, auth0_meta::storage::drafts::Draft) {
    use auth0_meta::domain::{Edit, JsonPath};
    use auth0_meta::storage::drafts::{Draft, DraftEdit};
    let mut state = listed(100, 30);
    auth0_meta::tui::update::session::open(&mut state, jane());
    let id = jane().id().to_string();
    update(
        &mut state,
        Msg::UserLoaded {
            id: id.clone(),
            result: Ok(jane()),
            rate: None,
        },
    );
    update(
        &mut state,
        Msg::DraftLocked {
            user_id: id.clone(),
            held_by: None,
        },
    );
    // The draft set hobby to "chess" when the server held "kitesurfing"; it holds
    // "surfing" now: someone changed it since.
    let draft = Draft {
        tenant: "t".into(),
        user_id: id,
        saved_at: 0,
        edits: vec![DraftEdit {
            field: MetadataField::User,
            edit: Edit::Set {
                path: JsonPath::root().key("hobby"),
                value: json!("chess"),
            },
        }],
        cleared: vec![],
        base: serde_json::from_value(json!({"user_metadata": {"hobby": "kitesurfing"}})).unwrap(),
    };
    (state, draft)
}

#[test]
fn a_restored_draft_whose_base_changed_on_the_server_opens_the_conflict_view() {
    let (mut state, draft) = draft_over_changed_server();
    let user_id = draft.user_id.clone();
    update(
        &mut state,
        Msg::DraftLoaded {
            user_id,
            result: Ok(Some(draft)),
        },
    );
    let Some(Overlay::Conflict(screen)) = &state.overlay else {
        panic!("{:?}", state.status)
    };
    assert!(screen.from_draft);
    let conflict = &screen.report.overwritten[0];
    assert_eq!(
        (conflict.loaded.clone(), conflict.server.clone(), conflict.ours.clone()),
        (Some(json!("kitesurfing")), Some(json!("surfing")), Some(json!("chess")))
    );
    assert!(matches!(&state.status, Status::Error(t) if t.contains("user_metadata.hobby changed on the server since")));
    let effects = key(&mut state, KeyCode::Char('d'));
    assert!(matches!(&effects[..], [Effect::DeleteDraft { .. }]), "{effects:?}");
    assert!(!state.user().unwrap().is_dirty(), "the draft is discarded");
}

#[test]
fn a_draft_remembers_the_base_of_each_key_it_touches() {
    let mut state = jane_state();
    to_row(&mut state, 1);
    let effects = press(&mut state, Intent::Delete); // hobby
    let [Effect::SaveDraft { base, .. }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(base["user_metadata"]["hobby"], "surfing");
}
