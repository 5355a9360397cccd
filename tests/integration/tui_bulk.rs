//! Bulk changes from the TUI, over real HTTP against the emulator: users marked in the
//! list, the user view's pending edits applied to them through the dry-run screen and a
//! batch, the batch found in `H` and reverted the same way.

use crate::bulk_run::tenant;
use crate::common;

use auth0_meta::emulator::EmulatorConfig;
use auth0_meta::storage::Storage;
use auth0_meta::tui::bulk_screen::BulkPhase;
use auth0_meta::tui::effect::Effect;
use auth0_meta::tui::msg::Intent;
use auth0_meta::tui::state::{Overlay, State};
use auth0_meta::tui::update::list::reload;
use common::settle::settle;
use common::tui::{key, press, screen, to_row, typed};
use common::{start, TOKEN};
use crossterm::event::KeyCode;
use serde_json::{json, Value};

fn bulk_phase(state: &State) -> &BulkPhase {
    match &state.overlay {
        Some(Overlay::Bulk(screen)) => screen.phase(),
        _ => panic!("the bulk screen is not open: {:?}", state.status),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn edits_go_to_the_marked_users_and_the_batch_reverts_from_h() {
    let emulator = start(EmulatorConfig::local(TOKEN), &tenant(5)).await;
    let (client, _) = common::client(&emulator);
    let dir = tempfile::tempdir().unwrap();
    let mut state = State::new("demo", true, 130, 30);
    state.storage = Some(Storage {
        root: dir.path().to_path_buf(),
        tenant: "demo".into(),
    });
    let effects = reload(&mut state);
    settle(&mut state, &client, effects).await;
    assert_eq!(state.list.users.len(), 5);

    // `*` marks every user of the search, fetched by id through the search.
    let effects = press(&mut state, Intent::MarkAll);
    settle(&mut state, &client, effects).await;
    assert_eq!(state.list.marked.len(), 5, "{:?}", state.status);
    assert!(screen(&state).contains("5 marked"), "the title counts the marks");

    // Edits on one user: a key added and a nested key deleted.
    to_row(&mut state, 0);
    let effects = press(&mut state, Intent::Open);
    settle(&mut state, &client, effects).await;
    let own = state.user().unwrap().user.id().to_string();
    press(&mut state, Intent::Add);
    typed(&mut state, "lang");
    key(&mut state, KeyCode::Enter);
    typed(&mut state, "fr");
    key(&mut state, KeyCode::Enter);

    let effects = press(&mut state, Intent::Bulk);
    assert!(
        matches!(effects.as_slice(), [Effect::BulkRead(_)]),
        "{:?}",
        state.status
    );
    settle(&mut state, &client, effects).await;
    let BulkPhase::Planned(read) = bulk_phase(&state) else {
        panic!("the dry run is shown")
    };
    assert_eq!(
        (read.dry.users, read.dry.would_change),
        (4, 4),
        "every marked user but this one"
    );
    assert!(screen(&state).contains("would change"), "{}", screen(&state));

    let effects = key(&mut state, KeyCode::Char('y'));
    assert!(matches!(effects.as_slice(), [Effect::BulkRun(_)]));
    settle(&mut state, &client, effects).await;
    let BulkPhase::Ended(tally) = bulk_phase(&state) else {
        panic!("the summary is shown")
    };
    assert_eq!((tally.count("changed"), tally.paused.clone()), (4, None));
    for user in &state.list.marked {
        let held: Value = client.get_user(user).await.unwrap().0["user_metadata"].clone();
        let expected = match *user == own {
            true => json!(null),
            false => json!("fr"),
        };
        assert_eq!(held["lang"], expected, "{user}: {held}");
        assert_eq!(
            held["prefs"],
            json!({"theme": "dark"}),
            "the rest of the root key is kept"
        );
    }

    // `H` in the list: the batch, and Enter reverts it through the same screens.
    key(&mut state, KeyCode::Esc);
    press(&mut state, Intent::Back);
    key(&mut state, KeyCode::Char('n'));
    if state.user().is_some() {
        press(&mut state, Intent::Discard);
    }
    assert!(state.on_list(), "{:?}", state.status);
    let effects = press(&mut state, Intent::History);
    settle(&mut state, &client, effects).await;
    let Some(Overlay::Batches(list)) = &state.overlay else {
        panic!("the batches list: {:?}", state.status)
    };
    assert_eq!(list.rows.len(), 1);
    assert_eq!((list.rows[0].state, list.rows[0].changed), ("done", 4));
    let effects = press(&mut state, Intent::Submit);
    settle(&mut state, &client, effects).await;
    let BulkPhase::Planned(read) = bulk_phase(&state) else {
        panic!("the revert's dry run")
    };
    assert_eq!(read.dry.would_change, 4);
    let effects = key(&mut state, KeyCode::Char('y'));
    settle(&mut state, &client, effects).await;
    for user in &state.list.marked {
        let held: Value = client.get_user(user).await.unwrap().0["user_metadata"].clone();
        assert_eq!(held.get("lang"), None, "{user} reverted: {held}");
    }
}
