//! `R` with pending edits never rebases silently, and a rebase names the edits it
//! drops and is one undoable step.

use crate::common;

use auth0_meta::domain::{Edit, JsonPath, LoadedUser, MetadataField, User};
use auth0_meta::storage::drafts::{Draft, DraftEdit};
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::{Overlay, State, Status};
use auth0_meta::tui::update::update;
use common::tui::{draft, jane, jane_state, key, press};
use crossterm::event::KeyCode;
use serde_json::{json, Value};

/// Jane with a pending edit setting `addresses.home.city` to "Porto", on the copy loaded.
fn editing_the_city() -> State {
    let mut state = jane_state();
    let base = json!({"user_metadata": {"addresses": jane().metadata_pair().user_metadata["addresses"]}});
    let draft = Draft {
        tenant: "t".into(),
        user_id: jane().id().to_string(),
        saved_at: 0,
        edits: vec![DraftEdit {
            field: MetadataField::User,
            edit: Edit::Set {
                path: JsonPath::root().key("addresses").key("home").key("city"),
                value: json!("Porto"),
            },
        }],
        cleared: vec![],
        base: serde_json::from_value(base).unwrap(),
    };
    update(
        &mut state,
        Msg::DraftLoaded {
            user_id: draft.user_id.clone(),
            result: Ok(Some(draft)),
        },
    );
    assert!(state.overlay.is_none(), "{:?}", state.status);
    state
}

/// `R`, answered by the server holding Jane with `user_metadata` changed by `change`.
fn reload_with(state: &mut State, change: impl FnOnce(&mut serde_json::Map<String, Value>)) {
    let effects = press(state, Intent::Reload);
    assert_eq!(effects.len(), 1, "{effects:?}");
    let mut user: User = jane();
    change(user.0.get_mut("user_metadata").unwrap().as_object_mut().unwrap());
    let text = serde_json::to_string(&user).unwrap();
    update(
        state,
        Msg::UserLoaded {
            id: user.id().to_string(),
            result: Ok(LoadedUser::from_json(text).unwrap()),
            rate: None,
        },
    );
}

fn city(state: &State) -> Value {
    draft(state, MetadataField::User)["addresses"]["home"]["city"].clone()
}

#[test]
fn a_reload_that_finds_a_key_the_edits_write_changed_opens_the_conflict_view() {
    let mut state = editing_the_city();
    reload_with(&mut state, |m| {
        m["addresses"]["home"]["zip"] = json!(4000);
    });
    let Some(Overlay::Conflict(screen)) = &state.overlay else {
        panic!("a silent rebase: {:?}", state.status)
    };
    assert_eq!(screen.report.overwritten[0].key, "addresses");
    let original = &state.user().unwrap().pane_for(MetadataField::User).original;
    assert_eq!(
        original.get("addresses").unwrap()["home"]["zip"],
        1000,
        "still on the copy loaded"
    );
}

#[test]
fn a_reload_that_finds_other_changes_says_what_it_reloaded_and_keeps_the_edits() {
    let mut state = editing_the_city();
    reload_with(&mut state, |m| {
        m.insert("theme".into(), json!("dark"));
    });
    assert!(state.overlay.is_none());
    let Status::Info(text) = &state.status else {
        panic!("{:?}", state.status)
    };
    assert!(text.contains("user_metadata.theme"), "{text}");
    assert!(text.contains("1 pending edit is kept"), "{text}");
    assert_eq!(city(&state), "Porto");
    assert_eq!(draft(&state, MetadataField::User)["theme"], "dark");
}

#[test]
fn a_rebase_names_the_edits_it_drops_and_u_brings_them_back() {
    let mut state = editing_the_city();
    reload_with(&mut state, |m| {
        m.insert("addresses".into(), json!("moved abroad"));
    });
    assert!(matches!(state.overlay, Some(Overlay::Conflict(_))));
    key(&mut state, KeyCode::Char('r'));
    let Status::Error(text) = &state.status else {
        panic!("{:?}", state.status)
    };
    assert!(
        text.contains("set addresses.home.city") && text.contains("\"Porto\""),
        "names the dropped edit and its value: {text}"
    );
    assert_eq!(draft(&state, MetadataField::User)["addresses"], "moved abroad");
    key(&mut state, KeyCode::Esc); // leaves the preview
    press(&mut state, Intent::Undo);
    assert_eq!(city(&state), "Porto", "the dropped edit is back: {:?}", state.status);
    let original = &state.user().unwrap().pane_for(MetadataField::User).original;
    assert_eq!(
        original.get("addresses").unwrap()["home"]["city"],
        "Lisbon",
        "on the copy from before"
    );
}
