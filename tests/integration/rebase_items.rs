//! An edit inside an array follows its item, not its index: on a rebase the item is
//! found again on the server's copy by its identity, and when it is not there exactly
//! once nothing is guessed. The preview names an edited item by its identity.

use crate::common;

use auth0_meta::api::Client;
use auth0_meta::domain::{rebase_edits, Edit, JsonPath, MetadataField, MetadataPair, User};
use auth0_meta::storage::drafts::{Draft, DraftEdit};
use auth0_meta::tui::msg::Msg;
use auth0_meta::tui::state::{Overlay, State, Status};
use auth0_meta::tui::update::{session, update};
use common::settle::settle;
use common::tui::{key, press};
use common::{client, demo_emulator};
use crossterm::event::KeyCode;
use serde_json::{json, Value};

/// Two devices, a ThinkPad and an iPad, both untrusted.
const OWNER: &str = "github|94796481";

fn trust(index: usize) -> (MetadataField, Edit) {
    let path = JsonPath::root().key("devices").index(index).key("trusted");
    (
        MetadataField::User,
        Edit::Set {
            path,
            value: json!(true),
        },
    )
}

fn pair(devices: Value) -> MetadataPair {
    let user: User =
        serde_json::from_value(json!({"user_id": "auth0|1", "user_metadata": {"devices": devices}})).unwrap();
    user.metadata_pair()
}

#[test]
fn an_index_follows_its_item_by_id_or_by_value() {
    let old = pair(json!([{"id": "a", "name": "ThinkPad"}, {"id": "b", "name": "iPad"}]));
    let new = pair(json!([{"id": "z", "name": "Pixel"}, {"id": "a", "name": "ThinkPad"}, {"id": "b", "name": "iPad"}]));
    let moved = rebase_edits(&old, &new, &[trust(1)]).unwrap();
    assert_eq!(moved, [trust(2)], "by id");
    let old = pair(json!(["x", "y"]));
    let new = pair(json!(["w", "x", "y"]));
    let edit = (
        MetadataField::User,
        Edit::Remove {
            path: JsonPath::root().key("devices").index(1),
        },
    );
    let moved = rebase_edits(&old, &new, &[edit]).unwrap();
    assert_eq!(
        moved[0].1,
        Edit::Remove {
            path: JsonPath::root().key("devices").index(2)
        },
        "by value"
    );
    let unchanged = pair(json!([{"n": 1}, {"n": 1}]));
    assert_eq!(
        rebase_edits(&unchanged, &unchanged, &[trust(1)]).unwrap(),
        [trust(1)],
        "an unchanged array keeps its indexes"
    );
}

#[test]
fn an_item_gone_or_doubled_on_the_server_is_not_guessed() {
    let old = pair(json!([{"id": "a", "name": "ThinkPad"}, {"id": "b", "name": "iPad"}]));
    let gone = pair(json!([{"id": "a", "name": "ThinkPad"}]));
    let err = rebase_edits(&old, &gone, &[trust(1)]).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"user_metadata.devices[1] (id "b", "iPad") is no longer on the server"#
    );
    let old = pair(json!([{"name": "iPad"}, {"name": "iPad"}]));
    let doubled = pair(json!([{"name": "Pixel"}, {"name": "iPad"}, {"name": "iPad"}]));
    let err = rebase_edits(&old, &doubled, &[trust(0)]).unwrap_err();
    assert_eq!(err.found, 2, "{err}");
}

async fn open_with_draft(client: &Client, edits: Vec<(MetadataField, Edit)>) -> State {
    let mut state = State::new("demo", true, 160, 40);
    let listed: User = client.get_user(OWNER).await.unwrap();
    let base = json!({"user_metadata": {"devices": listed.metadata_pair().user_metadata["devices"]}});
    let effects = session::open(&mut state, listed);
    settle(&mut state, client, effects).await;
    let draft = Draft {
        tenant: "demo".into(),
        user_id: OWNER.into(),
        saved_at: 0,
        edits: edits
            .into_iter()
            .map(|(field, edit)| DraftEdit { field, edit })
            .collect(),
        cleared: vec![],
        base: serde_json::from_value(base).unwrap(),
    };
    let result = Ok(Some(draft));
    update(
        &mut state,
        Msg::DraftLoaded {
            user_id: OWNER.into(),
            result,
        },
    );
    state
}

async fn prepend_a_device(client: &Client) {
    let mut devices = client.get_user(OWNER).await.unwrap().metadata_pair().user_metadata["devices"].clone();
    devices
        .as_array_mut()
        .unwrap()
        .insert(0, json!({"id": "dev-new", "name": "Pixel", "trusted": false}));
    client
        .patch_user(OWNER, &json!({"user_metadata": {"devices": devices}}))
        .await
        .unwrap();
}

fn trusted_by_name(devices: &Value) -> Vec<(String, bool)> {
    devices
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["name"].as_str().unwrap().to_string(), d["trusted"].as_bool().unwrap()))
        .collect()
}

#[tokio::test]
async fn trusting_the_ipad_still_trusts_the_ipad_after_someone_prepends_a_device() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let mut state = open_with_draft(&client, vec![trust(1)]).await;
    prepend_a_device(&client).await;
    press(&mut state, auth0_meta::tui::msg::Intent::Preview);
    assert!(matches!(state.overlay, Some(Overlay::Preview(_))), "{:?}", state.status);
    let shown = common::tui::screen(&state);
    assert!(
        shown.contains(r#"[1] (id "dev-916023", "iPad")"#),
        "the preview names the item:\n{shown}"
    );
    let effects = key(&mut state, KeyCode::Char('y'));
    settle(&mut state, &client, effects).await;
    assert!(
        matches!(state.overlay, Some(Overlay::Conflict(_))),
        "{:?}",
        state.status
    );
    key(&mut state, KeyCode::Char('r'));
    let effects = key(&mut state, KeyCode::Char('y'));
    settle(&mut state, &client, effects).await;
    let devices = client.get_user(OWNER).await.unwrap().metadata_pair().user_metadata["devices"].clone();
    assert_eq!(
        trusted_by_name(&devices),
        [
            ("Pixel".into(), false),
            ("ThinkPad".into(), false),
            ("iPad".into(), true)
        ]
    );
}

#[tokio::test]
async fn a_rebase_that_cannot_find_the_item_keeps_the_conflict_and_names_it() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let mut state = open_with_draft(&client, vec![trust(1)]).await;
    // Someone removes the iPad.
    client
        .patch_user(
            OWNER,
            &json!({"user_metadata": {"devices": [{"id": "dev-516354", "name": "ThinkPad", "trusted": false}]}}),
        )
        .await
        .unwrap();
    press(&mut state, auth0_meta::tui::msg::Intent::Preview);
    let effects = key(&mut state, KeyCode::Char('y'));
    settle(&mut state, &client, effects).await;
    key(&mut state, KeyCode::Char('r'));
    assert!(
        matches!(state.overlay, Some(Overlay::Conflict(_))),
        "the conflict stays"
    );
    assert!(
        matches!(&state.status, Status::Error(t) if t.contains(r#"devices[1] (id "dev-916023", "iPad") is no longer on the server"#)),
        "{:?}",
        state.status
    );
}

#[test]
fn an_inserted_item_goes_before_the_same_item_or_stays_appended() {
    let old = pair(json!(["a", "b"]));
    let new = pair(json!(["z", "a", "b"]));
    let insert = |index| {
        let array = JsonPath::root().key("devices");
        (
            MetadataField::User,
            Edit::InsertItem {
                array,
                index,
                value: json!("n"),
            },
        )
    };
    let moved = rebase_edits(&old, &new, &[insert(1), insert(3)]).unwrap();
    assert_eq!(moved, [insert(2), insert(4)], "before b, then appended");
    let gone = pair(json!(["z"]));
    assert!(
        rebase_edits(&old, &gone, &[insert(1)]).is_err(),
        "b is gone: not guessed"
    );
}

#[test]
fn items_are_named_by_their_identity_and_a_label() {
    use auth0_meta::domain::identity::{describe_item, Identity};
    let devices = [json!({"id": "a", "model": "X1"}), json!({"id": "b", "model": "X2"})];
    assert_eq!(describe_item(&devices, 1).unwrap(), r#"(id "b", "X2")"#);
    let named = [
        json!({"name": "iPad", "kind": "tablet"}),
        json!({"name": "Pixel", "kind": "phone"}),
    ];
    assert_eq!(
        describe_item(&named, 0).unwrap(),
        r#"(name "iPad", "tablet")"#,
        "the identifying key is not its own label"
    );
    assert_eq!(Identity::of(&devices, 0).unwrap().to_string(), r#"id "a""#);
    assert_eq!(Identity::of(&[json!(7), json!(8)], 1).unwrap().to_string(), "8");
}
