//! What a restored draft says is true: a send resets the base of the keys it sent (no
//! conflict about the admin's own change after a restart), and a draft conflict labels
//! each side truthfully and offers choices that differ.

use crate::common;

use auth0_meta::api::Client;
use auth0_meta::domain::{Edit, JsonPath, MetadataField, User};
use auth0_meta::storage::drafts::{Draft, DraftEdit};
use auth0_meta::storage::Storage;
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::{Overlay, State, Status};
use auth0_meta::tui::update::{session, update};
use common::settle::settle;
use common::tui::{jane, jane_state, key, press, to_row, typed};
use common::{client, demo_emulator, JANE};
use crossterm::event::KeyCode;
use serde_json::{json, Value};

async fn open_jane(client: &Client, storage: &Storage) -> State {
    let mut state = State::new("demo", true, 130, 30);
    state.storage = Some(storage.clone());
    let listed: User = client.get_user(JANE).await.unwrap();
    let effects = session::open(&mut state, listed);
    settle(&mut state, client, effects).await;
    state
}

#[tokio::test]
async fn a_draft_made_after_a_send_is_restored_without_a_conflict_about_that_send() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let storage = Storage {
        root: dir.path().to_path_buf(),
        tenant: "demo".into(),
    };
    let mut first = open_jane(&client, &storage).await;
    to_row(&mut first, 1);
    let effects = press(&mut first, Intent::Delete); // hobby
    settle(&mut first, &client, effects).await;
    press(&mut first, Intent::Preview);
    let effects = key(&mut first, KeyCode::Char('y'));
    settle(&mut first, &client, effects).await;
    to_row(&mut first, 0);
    press(&mut first, Intent::Add);
    typed(&mut first, "lang");
    key(&mut first, KeyCode::Enter);
    typed(&mut first, "fr");
    let effects = key(&mut first, KeyCode::Enter);
    settle(&mut first, &client, effects).await;
    drop(first); // the process dies with a draft on disk

    let again = open_jane(&client, &storage).await;
    assert!(
        again.overlay.is_none(),
        "no conflict about our own send: {:?}",
        again.status
    );
    assert!(
        matches!(&again.status, Status::Info(t) if t.contains("restored: 1 edit")),
        "{:?}",
        again.status
    );
}

/// Jane as the server holds her; a draft made when `addresses.home.city` was "Porto"
/// that sets `addresses.work` to "Remote".
fn restored_over_a_nested_change() -> State {
    let mut state = jane_state();
    let draft = Draft {
        tenant: "t".into(),
        user_id: jane().id().to_string(),
        saved_at: 0,
        edits: vec![DraftEdit {
            field: MetadataField::User,
            edit: Edit::Set {
                path: JsonPath::root().key("addresses").key("work"),
                value: json!("Remote"),
            },
        }],
        cleared: vec![],
        base: serde_json::from_value(json!({"user_metadata": {"addresses": {
            "home": {"city": "Porto", "zip": 1000}, "work": "100 Industrial Way"
        }}}))
        .unwrap(),
    };
    update(
        &mut state,
        Msg::DraftLoaded {
            user_id: draft.user_id.clone(),
            result: Ok(Some(draft)),
        },
    );
    state
}

fn sent_addresses(state: &State) -> Value {
    let Some(Overlay::Preview(screen)) = &state.overlay else {
        panic!("{:?}", state.status)
    };
    screen.preview.body_json().unwrap()["user_metadata"]["addresses"].clone()
}

#[test]
fn a_draft_conflict_shows_what_the_draft_changed_and_the_two_choices_differ() {
    let mut state = restored_over_a_nested_change();
    let Some(Overlay::Conflict(screen)) = &state.overlay else {
        panic!("{:?}", state.status)
    };
    let conflict = &screen.report.overwritten[0];
    let as_made = json!({"home": {"city": "Porto", "zip": 1000}, "work": "Remote"});
    assert_eq!(conflict.ours, Some(as_made.clone()), "the key as the draft made it");
    let text: Vec<&str> = screen.lines.iter().map(|(_, _, t)| t.as_str()).collect();
    let yours = text.iter().position(|t| t.contains("your draft changed")).unwrap();
    let after: Vec<&str> = text[yours + 1..]
        .iter()
        .take_while(|t| !t.ends_with(':'))
        .copied()
        .collect();
    assert!(after.iter().any(|t| t.contains("Remote")), "{after:?}");
    assert!(
        !after.iter().any(|t| t.contains("Lisbon")),
        "the server's change is not listed as the draft's: {after:?}"
    );

    key(&mut state, KeyCode::Char('o'));
    assert_eq!(sent_addresses(&state), as_made, "keep mine sends the draft as made");

    let mut state = restored_over_a_nested_change();
    key(&mut state, KeyCode::Char('r'));
    assert_eq!(
        sent_addresses(&state),
        json!({"home": {"city": "Lisbon", "zip": 1000}, "work": "Remote"}),
        "a rebase keeps the server's change"
    );
}

#[tokio::test]
async fn cancelling_a_revert_leaves_nothing_pending() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let storage = Storage {
        root: dir.path().to_path_buf(),
        tenant: "demo".into(),
    };
    let mut state = open_jane(&client, &storage).await;
    to_row(&mut state, 1);
    let effects = press(&mut state, Intent::Delete); // hobby
    settle(&mut state, &client, effects).await;
    press(&mut state, Intent::Preview);
    let effects = key(&mut state, KeyCode::Char('y'));
    settle(&mut state, &client, effects).await;
    for cancel in [KeyCode::Esc, KeyCode::Char('c')] {
        if cancel == KeyCode::Char('c') {
            // Someone changed hobby since: the revert's conflict view, cancelled.
            client
                .patch_user(JANE, &json!({"user_metadata": {"hobby": "golf"}}))
                .await
                .unwrap();
            let effects = press(&mut state, Intent::Reload);
            settle(&mut state, &client, effects).await;
        }
        let effects = press(&mut state, Intent::History);
        settle(&mut state, &client, effects).await;
        key(&mut state, KeyCode::Enter);
        let effects = key(&mut state, KeyCode::Enter);
        settle(&mut state, &client, effects).await;
        match cancel {
            KeyCode::Esc => assert!(matches!(state.overlay, Some(Overlay::Preview(_))), "{:?}", state.status),
            _ => assert!(
                matches!(state.overlay, Some(Overlay::Conflict(_))),
                "{:?}",
                state.status
            ),
        }
        let effects = key(&mut state, cancel);
        settle(&mut state, &client, effects).await;
        assert!(!state.user().unwrap().is_dirty(), "{cancel:?}: the revert is abandoned");
        assert!(!storage.draft_file(JANE).exists(), "{cancel:?}: no draft left");
        assert!(
            matches!(&state.status, Status::Info(t) if t.contains("revert cancelled")),
            "{:?}",
            state.status
        );
    }
}
