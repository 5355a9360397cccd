//! Auth0's root-level merge, checked against the examples in Auth0's own documentation
//! (https://auth0.com/docs/manage-users/user-accounts/metadata/manage-metadata-api)
//! and against what `patch_for` must produce.

use auth0_meta::domain::merge::{apply, apply_patch, patch_for, same};
use auth0_meta::domain::{Metadata, MetadataField, MetadataPair, MetadataPatch, UpdateBody};
use serde_json::{json, Value};

const HOME: &str = "123 Main Street, Anytown, ST 12345";
const WORK: &str = "100 Industrial Way, Anytown, ST 12345";

fn obj(value: Value) -> Metadata {
    match value {
        Value::Object(map) => map.into(),
        other => panic!("not an object: {other}"),
    }
}

fn merge(stored: Value, sent: Value) -> Value {
    apply(MetadataField::User, &obj(stored), &sent)
        .expect("merge")
        .to_value()
}

#[test]
fn documented_sequence_ends_in_the_documented_profile() {
    // Created with user_metadata.hobby and app_metadata.plan.
    let user = json!({"hobby": "surfing"});
    let app = json!({"plan": "full"});

    // Add a home address.
    let user = merge(user, json!({"addresses": {"home": HOME}}));
    assert_eq!(user, json!({"hobby": "surfing", "addresses": {"home": HOME}}));

    // Adding a work address means sending the whole addresses object.
    let user = merge(user, json!({"addresses": {"home": HOME, "work": WORK}}));
    assert_eq!(
        user,
        json!({"hobby": "surfing", "addresses": {"home": HOME, "work": WORK}})
    );
    assert_eq!(app, json!({"plan": "full"}), "app_metadata untouched");
}

#[test]
fn sending_only_the_new_nested_key_replaces_its_siblings() {
    let user = json!({"hobby": "surfing", "addresses": {"home": HOME}});
    let user = merge(user, json!({"addresses": {"work": WORK}}));
    assert_eq!(user, json!({"hobby": "surfing", "addresses": {"work": WORK}}));
}

#[test]
fn null_deletes_a_root_key_and_keeps_the_rest_in_order() {
    let merged = merge(
        json!({"a": 1, "baz": 2, "foo": "bar"}),
        json!({"baz": null, "foo": "bars"}),
    );
    assert_eq!(merged, json!({"a": 1, "foo": "bars"}));
    let keys: Vec<_> = merged.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["a", "foo"]);
}

#[test]
fn empty_object_clears_everything() {
    assert_eq!(merge(json!({"a": 1, "b": {"c": 2}}), json!({})), json!({}));
}

#[test]
fn arrays_and_nested_objects_are_replaced_whole() {
    let stored = json!({"facts": [1, 2, 3], "prefs": {"theme": "dark", "lang": "en"}});
    let merged = merge(stored, json!({"facts": [4], "prefs": {"lang": "fr"}}));
    assert_eq!(merged, json!({"facts": [4], "prefs": {"lang": "fr"}}));
}

#[test]
fn keys_not_sent_survive() {
    let merged = merge(json!({"facts": ["x"], "keep": true}), json!({"foo": "bar"}));
    assert_eq!(merged, json!({"facts": ["x"], "keep": true, "foo": "bar"}));
}

#[test]
fn a_non_object_field_is_refused_with_auth0_wording() {
    let err = apply(MetadataField::App, &Metadata::new(), &json!(null)).unwrap_err();
    assert!(
        err.to_string().contains("Expected type object but found type null"),
        "{err}"
    );
}

#[test]
fn patch_for_sends_changed_roots_whole_and_removed_roots_as_null() {
    let original = obj(json!({"hobby": "surfing", "addresses": {"home": HOME}, "old": 1}));
    let edited = obj(json!({"hobby": "surfing", "addresses": {"home": HOME, "work": WORK}, "new": true}));
    let MetadataPatch::Keys(keys) = patch_for(&original, &edited) else {
        panic!("expected keys")
    };
    assert_eq!(
        keys.to_value(),
        json!({"addresses": {"home": HOME, "work": WORK}, "new": true, "old": null})
    );
}

#[test]
fn patch_for_of_identical_documents_is_unchanged() {
    let doc = obj(json!({"a": {"b": [1, 2]}}));
    assert_eq!(patch_for(&doc, &doc), MetadataPatch::Unchanged);
}

#[test]
fn removing_every_key_sends_nulls_never_an_empty_object() {
    let original = obj(json!({"a": 1, "b": 2}));
    let patch = patch_for(&original, &Metadata::new());
    assert_eq!(patch.body(), Some(json!({"a": null, "b": null})));
    // A key someone else added meanwhile survives.
    let server = obj(json!({"a": 1, "b": 2, "c": 3}));
    assert_eq!(apply_patch(&server, &patch).to_value(), json!({"c": 3}));
}

#[test]
fn clear_is_explicit_and_sends_an_empty_object() {
    assert_eq!(MetadataPatch::Clear.body(), Some(json!({})));
    assert!(MetadataPatch::Clear.touches("anything"));
}

#[test]
fn reordering_nested_keys_is_a_change() {
    let original = obj(json!({"p": {"a": 1, "b": 2}}));
    let edited = obj(json!({"p": {"b": 2, "a": 1}}));
    assert!(!same(original.get("p").unwrap(), edited.get("p").unwrap()));
    assert!(!patch_for(&original, &edited).is_unchanged());
}

#[test]
fn update_body_names_only_changed_fields() {
    let original = MetadataPair {
        user_metadata: obj(json!({"a": 1})),
        app_metadata: obj(json!({"plan": "full"})),
    };
    let mut edited = original.clone();
    edited.app_metadata.insert("plan".into(), json!("pro"));
    let body = UpdateBody::between(&original, &edited);
    assert_eq!(body.to_json(), Some(json!({"app_metadata": {"plan": "pro"}})));
    assert_eq!(body.apply_to(&original), edited);
    assert_eq!(UpdateBody::between(&original, &original).to_json(), None);
}
