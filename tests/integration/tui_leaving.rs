//! Leaving and quitting with pending edits, drafts that cannot be saved, quitting during
//! a send, a user open in another instance, and drafts that remember their base.

use crate::common;

use auth0_meta::apply::{Applied, Journaled, Saved};
use auth0_meta::domain::MetadataField;
use auth0_meta::tui::effect::{DraftEffect, Effect};
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::{Overlay, State, Status};
use auth0_meta::tui::update::update;
use common::tui::*;
use crossterm::event::KeyCode;
use serde_json::json;

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
        matches!(&effects[..], [Effect::Draft(DraftEffect::Delete { .. }), Effect::Quit]),
        "discard deletes the draft, then quits: {effects:?}"
    );
}

#[test]
fn while_drafts_cannot_be_saved_leaving_offers_no_draft_and_says_so() {
    let mut state = jane_state();
    to_row(&mut state, 1);
    let effects = press(&mut state, Intent::Delete);
    assert!(matches!(&effects[..], [Effect::Draft(DraftEffect::Save { .. })]));
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
                user: jane().into(),
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
        effects
            .iter()
            .any(|e| matches!(e, Effect::Draft(DraftEffect::Delete { .. }))),
        "{effects:?}"
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
                user: jane().into(),
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
            result: Ok(jane().into()),
            rate: None,
        },
    );
    assert!(
        matches!(&effects[..], [Effect::Draft(DraftEffect::Lock { .. })]),
        "{effects:?}"
    );
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
    assert!(matches!(&effects[..], [Effect::Draft(DraftEffect::Lock { .. })]));
    let effects = update(
        &mut state,
        Msg::DraftLocked {
            user_id: id,
            held_by: None,
        },
    );
    assert!(
        matches!(&effects[..], [Effect::Draft(DraftEffect::Load { .. })]),
        "then the draft is read"
    );
    press(&mut state, Intent::Delete);
    assert!(state.user().unwrap().is_dirty(), "editable now");
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
            result: Ok(jane().into()),
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
    assert!(
        matches!(&effects[..], [Effect::Draft(DraftEffect::Delete { .. })]),
        "{effects:?}"
    );
    assert!(!state.user().unwrap().is_dirty(), "the draft is discarded");
}

#[test]
fn a_draft_remembers_the_base_of_each_key_it_touches() {
    let mut state = jane_state();
    to_row(&mut state, 1);
    let effects = press(&mut state, Intent::Delete); // hobby
    let [Effect::Draft(DraftEffect::Save { base, .. })] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(base["user_metadata"]["hobby"], "surfing");
}
