//! The TUI's pending edits as one bulk operation: each edit a step (a key added or a
//! value set → set, a rename → move, a delete → unset, a type change → retype), kept
//! in a batch's plan as words and read back the same; an array item refused.

use auth0_meta::bulk::{from_edits, parse_operation, Decision, Operation};
use auth0_meta::domain::{Edit, JsonPath, MetadataField, MetadataPair, ValueKind};
use serde_json::json;

fn path(text: &str) -> JsonPath {
    text.split('.').fold(JsonPath::default(), |p, k| p.key(k))
}

fn edits() -> Vec<(MetadataField, Edit)> {
    vec![
        (
            MetadataField::User,
            Edit::InsertKey {
                object: path("prefs"),
                position: 0,
                key: "lang".into(),
                value: json!("fr"),
            },
        ),
        (
            MetadataField::User,
            Edit::Rename {
                path: path("plan"),
                to: "tier".into(),
            },
        ),
        (MetadataField::App, Edit::Remove { path: path("legacy") }),
        (
            MetadataField::User,
            Edit::Retype {
                path: path("age"),
                to: ValueKind::Number,
            },
        ),
    ]
}

#[test]
fn edits_become_steps_that_read_back_from_their_words() {
    let operation = from_edits(edits().iter().map(|(f, e)| (f, e))).unwrap();
    let Operation::Edits(steps) = &operation else {
        panic!("{operation:?}")
    };
    assert_eq!(
        steps.iter().map(Operation::describe).collect::<Vec<_>>(),
        [
            "set user_metadata.prefs.lang to \"fr\"",
            "move user_metadata.plan to user_metadata.tier",
            "unset app_metadata.legacy",
            "retype user_metadata.age as number",
        ]
    );
    let (name, args) = operation.words();
    assert_eq!(parse_operation(name, &args, false).unwrap(), operation);
}

#[test]
fn the_steps_make_one_change_per_user_or_skip_it_whole() {
    let operation = from_edits(edits().iter().map(|(f, e)| (f, e))).unwrap();
    let pair = |user: serde_json::Value, app: serde_json::Value| MetadataPair {
        user_metadata: serde_json::from_value(user).unwrap(),
        app_metadata: serde_json::from_value(app).unwrap(),
    };
    let before = pair(
        json!({"prefs": {}, "plan": "pro", "age": "42"}),
        json!({"legacy": 1, "keep": 2}),
    );
    let Decision::Change(after) = operation.decide(&before) else {
        panic!("a change")
    };
    assert_eq!(
        after,
        pair(
            json!({"prefs": {"lang": "fr"}, "tier": "pro", "age": 42}),
            json!({"keep": 2})
        )
    );
    assert_eq!(operation.decide(&after), Decision::Already, "applied twice: already so");
    let not_a_number = pair(json!({"prefs": {}, "plan": "pro", "age": "forty"}), json!({}));
    assert!(
        matches!(
            operation.decide(&not_a_number),
            Decision::Skip {
                reason: "not_convertible",
                ..
            }
        ),
        "one step skipped skips the user"
    );
}

#[test]
fn an_array_item_or_no_edit_is_refused() {
    let item = (
        MetadataField::User,
        Edit::InsertItem {
            array: path("devices"),
            index: 0,
            value: json!({}),
        },
    );
    let refused = from_edits([(&item.0, &item.1)]).unwrap_err();
    assert!(
        refused.contains("user_metadata.devices") && refused.contains("array item"),
        "{refused}"
    );
    let inside = (
        MetadataField::User,
        Edit::Set {
            path: path("devices").index(1).key("name"),
            value: json!("x"),
        },
    );
    assert!(from_edits([(&inside.0, &inside.1)]).unwrap_err().contains("arrays"));
    assert!(from_edits(std::iter::empty()).is_err());
}
