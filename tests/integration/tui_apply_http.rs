//! The UI's messages driven against the emulator over HTTP: effects are performed by the
//! real client and their answers fed back, as the event loop does.

use crate::common;

use auth0_meta::api::Client;
use auth0_meta::domain::User;
use auth0_meta::storage::Storage;
use auth0_meta::tui::msg::Intent;
use auth0_meta::tui::state::{Overlay, State, Status};
use auth0_meta::tui::update::session;
use common::settle::settle;
use common::tui::{clear, key, press, to_row, typed};
use common::{client, demo_emulator, JANE};
use crossterm::event::KeyCode;
use serde_json::json;

const HOME: &str = "123 Main Street, Anytown, ST 12345";
const WORK: &str = "100 Industrial Way, Anytown, ST 12345";

async fn open_jane(client: &Client, storage: Option<Storage>) -> State {
    let mut state = State::new("demo", true, 130, 30);
    state.storage = storage;
    let listed: User = client.get_user(JANE).await.unwrap();
    let effects = session::open(&mut state, listed);
    settle(&mut state, client, effects).await;
    state
}

async fn add(state: &mut State, client: &Client, name: &str, value: &str) {
    press(state, Intent::Add);
    assert!(matches!(state.overlay, Some(Overlay::Editor(_))), "{:?}", state.status);
    typed(state, name);
    key(state, KeyCode::Enter);
    typed(state, value);
    let effects = key(state, KeyCode::Enter);
    assert!(state.overlay.is_none(), "{:?}", state.status);
    settle(state, client, effects).await;
}

async fn preview_and_send(state: &mut State, client: &Client) {
    press(state, Intent::Preview);
    assert!(matches!(state.overlay, Some(Overlay::Preview(_))));
    let effects = key(state, KeyCode::Char('y'));
    settle(state, client, effects).await;
}

#[tokio::test]
async fn the_documented_sequence_through_the_ui_ends_in_the_documented_profile() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let mut state = open_jane(&client, None).await;

    add(&mut state, &client, "addresses", &format!("{{\"home\": \"{HOME}\"}}")).await;
    preview_and_send(&mut state, &client).await;
    assert!(
        matches!(&state.status, Status::Info(s) if s == "saved: user_metadata.addresses"),
        "{:?}",
        state.status
    );
    assert!(!state.user().unwrap().is_dirty());

    to_row(&mut state, 2); // addresses
    press(&mut state, Intent::Expand);
    press(&mut state, Intent::Down); // addresses.home
    add(&mut state, &client, "work", &format!("\"{WORK}\"")).await;
    press(&mut state, Intent::Preview);
    let Some(Overlay::Preview(screen)) = &state.overlay else {
        panic!()
    };
    assert!(screen
        .preview
        .warnings
        .iter()
        .any(|w| w.to_string() == "editing addresses.work resends all of addresses: 2 keys"));
    let effects = key(&mut state, KeyCode::Char('y'));
    settle(&mut state, &client, effects).await;

    let stored = client.get_user(JANE).await.unwrap();
    assert_eq!(
        stored.0["user_metadata"],
        json!({"hobby": "surfing", "addresses": {"home": HOME, "work": WORK}})
    );
    assert_eq!(stored.0["app_metadata"], json!({"plan": "full"}));
    let shown = state.user().unwrap().panes[0].current().to_value();
    assert_eq!(
        shown, stored.0["user_metadata"],
        "the view shows what the server returned"
    );
}

#[tokio::test]
async fn a_change_by_another_client_between_load_and_apply_is_caught() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let mut state = open_jane(&client, None).await;
    to_row(&mut state, 1);
    press(&mut state, Intent::Edit);
    clear(&mut state);
    typed(&mut state, "chess");
    key(&mut state, KeyCode::Enter);

    let (other, _) = common::client(&emulator);
    other
        .patch_user(JANE, &json!({"user_metadata": {"hobby": "kitesurfing"}}))
        .await
        .unwrap();

    preview_and_send(&mut state, &client).await;
    let Some(Overlay::Conflict(screen)) = &state.overlay else {
        panic!("{:?}", state.status)
    };
    assert_eq!(screen.report.overwritten[0].key, "hobby");
    assert_eq!(screen.report.overwritten[0].server, Some(json!("kitesurfing")));
    assert_eq!(
        client.get_user(JANE).await.unwrap().0["user_metadata"]["hobby"],
        "kitesurfing",
        "nothing sent"
    );

    let effects = key(&mut state, KeyCode::Char('o'));
    assert!(effects.is_empty(), "the conflict view sends nothing: {effects:?}");
    let Some(Overlay::Preview(screen)) = &state.overlay else {
        panic!("overwrite opens the preview: {:?}", state.status)
    };
    assert_eq!(
        screen.preview.stored.user_metadata["hobby"], "kitesurfing",
        "based on the server's copy"
    );
    assert!(
        screen.root_keys.iter().any(|(at, what)| at.to_string() == "user_metadata.hobby"
            && what == "changed: \"kitesurfing\" → \"chess\""),
        "{:?}",
        screen.root_keys
    );
    let effects = key(&mut state, KeyCode::Char('y'));
    settle(&mut state, &client, effects).await;
    assert_eq!(
        client.get_user(JANE).await.unwrap().0["user_metadata"]["hobby"],
        "chess",
        "sent from the preview"
    );
}

#[tokio::test]
async fn an_applied_change_can_be_reverted_from_the_journal() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let dir = tempfile::tempdir().unwrap();
    let storage = Storage {
        root: dir.path().to_path_buf(),
        tenant: "demo".into(),
    };
    let mut state = open_jane(&client, Some(storage.clone())).await;

    to_row(&mut state, 1);
    let effects = press(&mut state, Intent::Delete); // hobby
    settle(&mut state, &client, effects).await;
    assert!(
        storage.draft_file(JANE).exists(),
        "the edit is saved as a draft at once"
    );
    to_row(&mut state, 0);
    add(&mut state, &client, "lang", "fr").await;
    preview_and_send(&mut state, &client).await;
    assert!(!storage.draft_file(JANE).exists(), "an applied draft is deleted");
    assert_eq!(
        client.get_user(JANE).await.unwrap().0["user_metadata"],
        json!({"lang": "fr"})
    );

    let effects = press(&mut state, Intent::History);
    settle(&mut state, &client, effects).await;
    let Some(Overlay::History(list)) = &state.overlay else {
        panic!("{:?}", state.status)
    };
    assert_eq!(list.entries.len(), 1);
    assert_eq!(
        list.entries[0].body,
        json!({"user_metadata": {"hobby": null, "lang": "fr"}})
    );
    let first = list.entries[0].id.clone();
    key(&mut state, KeyCode::Enter);
    assert!(
        matches!(&state.overlay, Some(Overlay::History(list)) if list.detail),
        "Enter shows the entry in full first"
    );
    key(&mut state, KeyCode::Enter);
    let Some(Overlay::Preview(screen)) = &state.overlay else {
        panic!("{:?}", state.status)
    };
    assert_eq!(
        screen.preview.body_json(),
        Some(json!({"user_metadata": {"hobby": "surfing", "lang": null}}))
    );
    let effects = key(&mut state, KeyCode::Char('y'));
    settle(&mut state, &client, effects).await;
    assert_eq!(
        client.get_user(JANE).await.unwrap().0["user_metadata"],
        json!({"hobby": "surfing"})
    );
    let journal = auth0_meta::storage::journal::read(&storage.journal_file(), "demo", None).unwrap();
    assert_eq!(journal.entries.len(), 2);
    assert_eq!(
        journal.entries[1].reverts.as_deref(),
        Some(first.as_str()),
        "the revert says what it reverted"
    );
}

#[tokio::test]
async fn a_saved_draft_is_restored_when_the_user_is_opened_again() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let dir = tempfile::tempdir().unwrap();
    let storage = Storage {
        root: dir.path().to_path_buf(),
        tenant: "demo".into(),
    };
    let mut state = open_jane(&client, Some(storage.clone())).await;
    add(&mut state, &client, "lang", "fr").await;
    drop(state);

    let state = open_jane(&client, Some(storage)).await;
    let view = state.user().unwrap();
    assert_eq!(view.panes[0].current()["lang"], "fr");
    assert!(
        matches!(&state.status, Status::Info(s) if s.contains("restored: 1 edit")),
        "{:?}",
        state.status
    );
}

#[tokio::test]
async fn keys_changed_elsewhere_and_left_alone_are_kept_and_reported() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let mut state = open_jane(&client, None).await;
    add(&mut state, &client, "lang", "fr").await;
    let (other, _) = common::client(&emulator);
    other
        .patch_user(JANE, &json!({"user_metadata": {"theme": "dark"}}))
        .await
        .unwrap();
    preview_and_send(&mut state, &client).await;
    let Status::Info(text) = &state.status else {
        panic!("{:?}", state.status)
    };
    assert!(
        text.contains("kept what the server changed meanwhile: user_metadata.theme"),
        "{text}"
    );
    let stored = client.get_user(JANE).await.unwrap();
    assert_eq!(
        stored.0["user_metadata"],
        json!({"hobby": "surfing", "theme": "dark", "lang": "fr"})
    );
}

#[tokio::test]
async fn an_explicit_clear_sends_an_empty_object() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let mut state = open_jane(&client, None).await;
    press(&mut state, Intent::SwitchTree);
    press(&mut state, Intent::Delete);
    key(&mut state, KeyCode::Char('y'));
    preview_and_send(&mut state, &client).await;
    let stored = client.get_user(JANE).await.unwrap();
    assert_eq!(stored.0.get("app_metadata"), None, "Auth0 omits a cleared app_metadata");
    assert_eq!(stored.0["user_metadata"]["hobby"], "surfing");
}
