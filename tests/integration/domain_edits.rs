//! Edits, their inverses, their errors, and undo/redo.

use auth0_meta::domain::edit::apply;
use auth0_meta::domain::{Edit, EditError, History, JsonPath, ValueKind};
use serde_json::{json, Value};

fn p(text: &str) -> JsonPath {
    text.parse().expect(text)
}

fn keys(value: &Value) -> Vec<String> {
    value.as_object().expect("object").keys().cloned().collect()
}

fn doc() -> Value {
    json!({"hobby": "surfing", "addresses": {"home": "1 Main St"}, "devices": [{"name": "a"}, {"name": "b"}], "age": "23"})
}

/// Applies `edit`, checks the inverse restores the original exactly (order included).
fn apply_and_check_inverse(edit: Edit) -> Value {
    let original = doc();
    let mut edited = original.clone();
    let inverse = apply(&mut edited, &edit).expect("edit applies");
    let mut restored = edited.clone();
    apply(&mut restored, &inverse).expect("inverse applies");
    assert_eq!(restored, original);
    assert_eq!(keys(&restored), keys(&original));
    edited
}

#[test]
fn set_replaces_a_value_or_a_subtree() {
    let edited = apply_and_check_inverse(Edit::Set {
        path: p("addresses.home"),
        value: json!("2 Side St"),
    });
    assert_eq!(edited["addresses"]["home"], "2 Side St");
    let edited = apply_and_check_inverse(Edit::Set {
        path: p("devices"),
        value: json!({"x": 1}),
    });
    assert_eq!(edited["devices"], json!({"x": 1}));
}

#[test]
fn insert_key_goes_to_the_chosen_position() {
    let edited = apply_and_check_inverse(Edit::InsertKey {
        object: JsonPath::root(),
        position: 1,
        key: "lang".into(),
        value: json!("en"),
    });
    assert_eq!(keys(&edited), ["hobby", "lang", "addresses", "devices", "age"]);
}

#[test]
fn insert_item_goes_before_the_index() {
    let edited = apply_and_check_inverse(Edit::InsertItem {
        array: p("devices"),
        index: 1,
        value: json!("new"),
    });
    assert_eq!(edited["devices"], json!([{"name": "a"}, "new", {"name": "b"}]));
    let edited = apply_and_check_inverse(Edit::InsertItem {
        array: p("devices"),
        index: 2,
        value: json!(3),
    });
    assert_eq!(edited["devices"][2], json!(3));
}

#[test]
fn rename_keeps_the_position() {
    let edited = apply_and_check_inverse(Edit::Rename {
        path: p("addresses"),
        to: "places".into(),
    });
    assert_eq!(keys(&edited), ["hobby", "places", "devices", "age"]);
}

#[test]
fn remove_takes_out_keys_and_items() {
    let edited = apply_and_check_inverse(Edit::Remove { path: p("addresses") });
    assert_eq!(keys(&edited), ["hobby", "devices", "age"]);
    let edited = apply_and_check_inverse(Edit::Remove { path: p("devices[0]") });
    assert_eq!(edited["devices"], json!([{"name": "b"}]));
}

#[test]
fn retype_converts_sensibly() {
    let edited = apply_and_check_inverse(Edit::Retype {
        path: p("age"),
        to: ValueKind::Number,
    });
    assert_eq!(edited["age"], json!(23));
    let edited = apply_and_check_inverse(Edit::Retype {
        path: p("hobby"),
        to: ValueKind::Array,
    });
    assert_eq!(edited["hobby"], json!([]));
}

fn error_of(edit: Edit) -> EditError {
    let mut d = doc();
    let err = apply(&mut d, &edit).expect_err("edit must fail");
    assert_eq!(d, doc(), "a failed edit leaves the document alone");
    err
}

#[test]
fn a_missing_path_is_not_found() {
    let err = error_of(Edit::Set {
        path: p("addresses.work"),
        value: json!(1),
    });
    assert_eq!(err, EditError::NotFound(p("addresses.work")));
    assert_eq!(err.to_string(), "there is nothing at addresses.work");
    assert!(matches!(
        error_of(Edit::Remove { path: p("nope") }),
        EditError::NotFound(_)
    ));
}

#[test]
fn an_existing_key_is_refused() {
    let err = error_of(Edit::InsertKey {
        object: p("addresses"),
        position: 0,
        key: "home".into(),
        value: json!(1),
    });
    assert_eq!(err.to_string(), "addresses already has a key \"home\"");
    let err = error_of(Edit::Rename {
        path: p("hobby"),
        to: "age".into(),
    });
    assert!(matches!(err, EditError::KeyExists { .. }));
}

#[test]
fn an_index_out_of_range_is_refused() {
    let err = error_of(Edit::InsertItem {
        array: p("devices"),
        index: 5,
        value: json!(1),
    });
    assert_eq!(err.to_string(), "devices has 2 items: there is no position 5");
    assert!(matches!(
        error_of(Edit::Remove { path: p("devices[2]") }),
        EditError::IndexOutOfRange { .. }
    ));
    assert!(matches!(
        error_of(Edit::Set {
            path: p("devices[9].name"),
            value: json!(1)
        }),
        EditError::IndexOutOfRange { .. }
    ));
}

#[test]
fn a_child_of_a_scalar_is_refused() {
    let err = error_of(Edit::Set {
        path: p("hobby.kind"),
        value: json!(1),
    });
    assert_eq!(err.to_string(), "hobby is a string, which cannot hold keys");
    let err = error_of(Edit::InsertItem {
        array: p("addresses"),
        index: 0,
        value: json!(1),
    });
    assert_eq!(err.to_string(), "addresses is an object, which cannot hold items");
}

#[test]
fn the_root_stays_an_object() {
    assert_eq!(
        error_of(Edit::Set {
            path: JsonPath::root(),
            value: json!([])
        }),
        EditError::RootMustBeObject
    );
    assert_eq!(
        error_of(Edit::Remove { path: JsonPath::root() }),
        EditError::RootMustBeObject
    );
    assert!(matches!(
        error_of(Edit::Rename {
            path: p("devices[0]"),
            to: "x".into()
        }),
        EditError::NotAKey(_)
    ));
}

#[test]
fn undo_and_redo_walk_the_history() {
    let original = doc();
    let mut d = original.clone();
    let mut history = History::new();
    history
        .apply(
            &mut d,
            Edit::Set {
                path: p("hobby"),
                value: json!("chess"),
            },
        )
        .unwrap();
    history.apply(&mut d, Edit::Remove { path: p("addresses") }).unwrap();
    let after_two = d.clone();
    assert_eq!(history.len(), 2);

    assert!(history.undo(&mut d).unwrap().is_some());
    assert!(history.undo(&mut d).unwrap().is_some());
    assert_eq!(d, original);
    assert!(history.undo(&mut d).unwrap().is_none(), "nothing left to undo");

    history.redo(&mut d).unwrap();
    history.redo(&mut d).unwrap();
    assert_eq!(d, after_two);
    assert!(!history.can_redo());

    history.undo(&mut d).unwrap();
    history
        .apply(
            &mut d,
            Edit::Set {
                path: p("age"),
                value: json!(1),
            },
        )
        .unwrap();
    assert!(!history.can_redo(), "a new edit forgets what was undone");
    history.clear();
    assert!(!history.can_undo());
}

#[test]
fn a_failed_edit_is_not_recorded() {
    let mut d = doc();
    let mut history = History::new();
    assert!(history.apply(&mut d, Edit::Remove { path: p("nope") }).is_err());
    assert!(history.is_empty());
}

#[test]
fn edits_serialize_for_drafts() {
    let edit = Edit::InsertKey {
        object: p("a[\"b c\"]"),
        position: 0,
        key: "k".into(),
        value: json!([1]),
    };
    let text = serde_json::to_string(&edit).unwrap();
    assert_eq!(
        text,
        r#"{"op":"insert_key","object":"a[\"b c\"]","position":0,"key":"k","value":[1]}"#
    );
    assert_eq!(serde_json::from_str::<Edit>(&text).unwrap(), edit);
}
