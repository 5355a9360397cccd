//! The preview's send, conflicts with changes made on the server, failed sends, reverts
//! over changed keys, and clearing a document.

use crate::common;

use auth0_meta::domain::{MetadataField, UpdateBody};
use auth0_meta::tui::effect::Effect;
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::{Confirm, Overlay, State, Status};
use auth0_meta::tui::update::update;
use common::tui::*;
use crossterm::event::KeyCode;
use serde_json::json;

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
        retry_after: None,
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
