//! One check decides whether a view may write, and every write path asks it: a view
//! opened read-only (another instance holds the user) cannot revert, send, or touch the
//! other instance's draft.

use crate::common;

use auth0_meta::api::Client;
use auth0_meta::domain::User;
use auth0_meta::storage::lock::Holder;
use auth0_meta::storage::Storage;
use auth0_meta::tui::effect::{DraftEffect, Effect};
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::route::{route, Route};
use auth0_meta::tui::state::{Overlay, State, Status};
use auth0_meta::tui::update::{session, update};
use common::settle::settle;
use common::tui::{key, press, to_row};
use common::{client, demo_emulator, JANE};
use crossterm::event::KeyCode;
use serde_json::json;

async fn open_jane(client: &Client, storage: &Storage) -> State {
    // (the first instance: its lock is granted)
    let mut state = State::new("demo", true, 130, 30);
    state.storage = Some(storage.clone());
    let listed: User = client.get_user(JANE).await.unwrap();
    let effects = session::open(&mut state, listed);
    settle(&mut state, client, effects).await;
    state
}

fn held_elsewhere(state: &mut State) {
    let holder = Holder {
        pid: Some(4242),
        since: None,
    };
    update(
        state,
        Msg::DraftLocked {
            user_id: JANE.into(),
            held_by: Some(holder),
        },
    );
}

#[tokio::test]
async fn a_read_only_view_cannot_revert_or_touch_the_holders_draft() {
    let (emulator, dir) = (demo_emulator().await, tempfile::tempdir().unwrap());
    let (client, _) = client(&emulator);
    let storage = Storage {
        root: dir.path().to_path_buf(),
        tenant: "demo".into(),
    };
    // The first instance sends a change, then leaves a pending edit as its draft.
    let mut first = open_jane(&client, &storage).await;
    to_row(&mut first, 1);
    let effects = press(&mut first, Intent::Delete);
    settle(&mut first, &client, effects).await;
    press(&mut first, Intent::Preview);
    let effects = key(&mut first, KeyCode::Char('y'));
    settle(&mut first, &client, effects).await;
    assert_eq!(client.get_user(JANE).await.unwrap().0["user_metadata"], json!({}));
    to_row(&mut first, 0);
    press(&mut first, Intent::Add);
    common::tui::typed(&mut first, "lang");
    key(&mut first, KeyCode::Enter);
    common::tui::typed(&mut first, "fr");
    let effects = key(&mut first, KeyCode::Enter);
    settle(&mut first, &client, effects).await;
    let drafted = std::fs::read(storage.draft_file(JANE)).expect("the first instance's draft");

    // The second instance opens Jane while the first holds her: its lock is refused.
    let mut second = State::new("demo", true, 130, 30);
    second.storage = Some(storage.clone());
    let mut effects = session::open(&mut second, client.get_user(JANE).await.unwrap());
    while let Some(effect) = effects.pop() {
        match route(effect, &client) {
            Route::Draft(DraftEffect::Lock { .. }) => held_elsewhere(&mut second),
            Route::Task(task) => effects.extend(task.await.map(|msg| update(&mut second, msg)).unwrap_or_default()),
            _ => {}
        }
    }
    let footer = common::tui::screen(&second).lines().last().unwrap().to_string();
    assert!(
        !footer.contains("edit value") && !footer.contains("preview"),
        "{footer}"
    );
    assert!(footer.contains("T take over"), "{footer}");
    let effects = press(&mut second, Intent::History);
    settle(&mut second, &client, effects).await;
    assert!(
        matches!(second.overlay, Some(Overlay::History(_))),
        "history can be read: {:?} {:?}",
        second.status,
        second.overlay.is_some()
    );
    key(&mut second, KeyCode::Enter);
    let effects = key(&mut second, KeyCode::Enter);
    assert!(
        !effects.iter().any(|e| matches!(
            e,
            Effect::Apply { .. } | Effect::Draft(DraftEffect::Save { .. } | DraftEffect::Delete { .. })
        )),
        "{effects:?}"
    );
    assert!(
        !matches!(second.overlay, Some(Overlay::Preview(_))),
        "no revert to send"
    );
    assert!(
        matches!(&second.status, Status::Error(e) if e.contains("pid 4242")),
        "{:?}",
        second.status
    );
    assert!(!second.user().unwrap().is_dirty());
    settle(&mut second, &client, effects).await;
    assert_eq!(
        std::fs::read(storage.draft_file(JANE)).unwrap(),
        drafted,
        "the holder's draft is untouched"
    );
    assert_eq!(
        client.get_user(JANE).await.unwrap().0["user_metadata"],
        json!({}),
        "nothing sent"
    );

    // Leaving the read-only view neither discards nor rewrites the holder's draft.
    let effects = press(&mut second, Intent::Back);
    assert!(
        !effects.iter().any(|e| matches!(
            e,
            Effect::Draft(DraftEffect::Save { .. } | DraftEffect::Delete { .. } | DraftEffect::Unlock { .. })
        )),
        "{effects:?}"
    );
}
