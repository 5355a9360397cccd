//! Sending one small root key of a large user, end to end over HTTP: the check for
//! changes made meanwhile, the PATCH and the answer compare the other root keys by their
//! text and never parse them.

use crate::common;

use auth0_meta::domain::MetadataField;
use auth0_meta::emulator::EmulatorConfig;
use auth0_meta::tui::msg::Intent;
use auth0_meta::tui::state::{Overlay, State, Status};
use auth0_meta::tui::update::session;
use common::settle::settle;
use common::tui::{key, press, to_row};
use common::{client, start, TOKEN};
use crossterm::event::KeyCode;
use serde_json::json;

const ID: &str = "auth0|legacy";

#[tokio::test]
async fn sending_one_root_key_of_a_large_user_parses_no_other() {
    let history: Vec<String> = (0..60_000).map(|i| format!("event number {i:06}")).collect();
    let seed = json!([{"user_id": ID, "email": "legacy@example.com",
        "user_metadata": {"tier": "gold", "history": history, "prefs": {"a": [1, 2]}},
        "app_metadata": {"plan": "enterprise"}}]);
    let emulator = start(EmulatorConfig::local(TOKEN), &seed.to_string()).await;
    let (client, _) = client(&emulator);
    let mut state = State::new("demo", true, 130, 30);
    let listed = client.get_user(ID).await.unwrap();
    let effects = session::open(&mut state, listed);
    settle(&mut state, &client, effects).await;
    let pane = |state: &State| state.user().unwrap().pane_for(MetadataField::User).original.clone();
    let loaded = pane(&state).shared("history").unwrap().clone();
    assert!(loaded.is_raw());

    to_row(&mut state, 1);
    press(&mut state, Intent::Edit);
    key(&mut state, KeyCode::Char('x'));
    key(&mut state, KeyCode::Enter);
    press(&mut state, Intent::Preview);
    assert!(matches!(state.overlay, Some(Overlay::Preview(_))), "{:?}", state.status);
    let effects = key(&mut state, KeyCode::Char('y'));
    settle(&mut state, &client, effects).await;

    assert!(
        matches!(&state.status, Status::Info(s) if s.contains("saved")),
        "{:?}",
        state.status
    );
    let stored = client.get_user(ID).await.unwrap();
    assert_eq!(stored.0["user_metadata"]["tier"], "goldx");
    assert_eq!(stored.0["user_metadata"]["history"].as_array().unwrap().len(), 60_000);
    assert!(loaded.is_raw(), "the check before sending parsed the copy as loaded");
    let saved = pane(&state);
    assert!(
        saved.shared("history").unwrap().is_raw(),
        "the answer's copy was parsed"
    );
    assert!(saved.shared("prefs").unwrap().is_raw());
    assert_eq!(saved.get("tier"), Some(&json!("goldx")));
}
