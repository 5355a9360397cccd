//! Validation rules, preview warnings and conflict detection: one test per rule, each
//! failing if its rule is removed.

use auth0_meta::domain::validate::{check_document, check_key, check_sizes, parse_json, parse_literal};
use auth0_meta::domain::{
    conflicts, warnings, JsonPath, Metadata, MetadataField, MetadataPair, MetadataPatch, Problem, Severity, UpdateBody,
    Warning,
};
use serde_json::{json, Value};

fn obj(value: Value) -> Metadata {
    value.try_into().expect("object")
}

fn pair(user: Value, app: Value) -> MetadataPair {
    MetadataPair {
        user_metadata: obj(user),
        app_metadata: obj(app),
    }
}

#[test]
fn a_dot_in_a_key_at_any_depth_is_an_error_in_auth0_words() {
    let problems = check_document(MetadataField::User, &obj(json!({"a": {"b.c": 1}})));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].severity(), Severity::Error);
    let text = problems[0].to_string();
    assert!(
        text.starts_with("Fields with \".\" are not allowed, please remove all dotted fields."),
        "{text}"
    );
    assert!(text.contains("user_metadata.a[\"b.c\"]"), "{text}");
    assert!(!check_document(MetadataField::User, &obj(json!({"a": "b.c"})))
        .iter()
        .any(|p| p.severity() == Severity::Error));
}

#[test]
fn a_dollar_in_a_key_is_an_error() {
    let problems = check_document(MetadataField::App, &obj(json!({"list": [{"$ref": 1}]})));
    assert!(matches!(&problems[..], [Problem::DollarInKey { .. }]), "{problems:?}");
}

#[test]
fn reserved_app_metadata_root_keys_are_errors() {
    let at = JsonPath::root().key("blocked");
    assert_eq!(
        check_key(MetadataField::App, &at, "blocked"),
        Some(Problem::ReservedKey { key: "blocked".into() })
    );
    assert_eq!(
        check_key(MetadataField::User, &at, "blocked"),
        None,
        "user_metadata may use it"
    );
    assert_eq!(
        check_key(MetadataField::App, &at.clone().key("blocked"), "blocked"),
        None,
        "only at the root"
    );
}

#[test]
fn a_null_root_value_is_an_error_that_says_why() {
    let problems = check_document(MetadataField::User, &obj(json!({"gone": null, "nested": {"ok": null}})));
    assert_eq!(
        problems,
        [Problem::NullRootValue {
            field: MetadataField::User,
            key: "gone".into()
        }]
    );
    assert!(problems[0].to_string().contains("deletes a root key sent as null"));
}

#[test]
fn a_profile_over_the_cap_or_the_allowance_is_a_warning_and_a_body_over_1_mb_an_error() {
    assert!(check_sizes(10 * 1024, 100).is_empty());
    let over = check_sizes(10 * 1024 + 1, 100);
    assert!(matches!(&over[..], [p @ Problem::ProfileOverCap { .. }] if p.severity() == Severity::Warning));
    assert!(over[0].to_string().contains("Auth0 logs a warning"), "{}", over[0]);
    assert!(matches!(
        &check_sizes(100 * 1024, 100)[..],
        [Problem::ProfileOverCap { .. }]
    ));
    let far = check_sizes(100 * 1024 + 1, 100);
    assert!(matches!(&far[..], [p @ Problem::ProfileOverAllowance { .. }] if p.severity() == Severity::Warning));
    assert!(far[0].to_string().contains("2027-03-04"), "{}", far[0]);
    let big = check_sizes(100, 1024 * 1024 + 1);
    assert!(matches!(&big[..], [p @ Problem::BodyTooLarge { .. }] if p.severity() == Severity::Error));
}

#[test]
fn editor_text_errors_carry_line_and_column() {
    let err = parse_json("{\n  \"a\": 1,\n  \"b\": ]\n}").unwrap_err();
    assert_eq!((err.line, err.column), (3, 8));
    assert!(err.to_string().starts_with("line 3, column 8: "), "{err}");
    assert_eq!(parse_json(" [1, 2] ").unwrap(), json!([1, 2]));
}

#[test]
fn a_bare_word_is_a_string_but_broken_json_is_an_error() {
    assert_eq!(parse_literal("surfing").unwrap(), json!("surfing"));
    assert_eq!(parse_literal("42").unwrap(), json!(42));
    assert_eq!(parse_literal("null").unwrap(), json!(null));
    assert!(parse_literal("{\"a\": }").is_err());
    assert!(parse_literal("[1,").is_err());
}

#[test]
fn a_nested_edit_warns_that_the_whole_root_value_is_resent() {
    let stored = pair(json!({"addresses": {"home": "h"}}), json!({}));
    let edited = pair(json!({"addresses": {"home": "h", "work": "w"}}), json!({}));
    let found = warnings(&stored, &UpdateBody::between(&stored, &edited));
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].to_string(),
        "editing addresses.work resends all of addresses: 2 keys"
    );
}

#[test]
fn an_array_item_edit_counts_items() {
    let stored = pair(json!({}), json!({"devices": [{"n": 1}, {"n": 2}, {"n": 3}]}));
    let edited = pair(json!({}), json!({"devices": [{"n": 1}, {"n": 5}, {"n": 3}]}));
    let found = warnings(&stored, &UpdateBody::between(&stored, &edited));
    assert_eq!(
        found[0].to_string(),
        "editing devices[1].n resends all of devices: 3 items"
    );
}

#[test]
fn a_new_root_key_gives_no_resend_warning() {
    let stored = pair(json!({}), json!({}));
    let edited = pair(json!({"addresses": {"home": "h"}}), json!({}));
    assert!(warnings(&stored, &UpdateBody::between(&stored, &edited)).is_empty());
}

#[test]
fn deletions_clears_and_empty_patches_are_warned() {
    let stored = pair(json!({"hobby": "x"}), json!({"a": 1, "b": 2}));
    let edited = pair(json!({}), json!({"a": 1, "b": 2}));
    let found = warnings(&stored, &UpdateBody::between(&stored, &edited));
    assert_eq!(
        found,
        [Warning::Deletes {
            field: MetadataField::User,
            key: "hobby".into()
        }]
    );
    assert_eq!(found[0].to_string(), "deletes user_metadata.hobby (sent as null)");

    let clear = UpdateBody {
        user_metadata: MetadataPatch::Unchanged,
        app_metadata: MetadataPatch::Clear,
    };
    let found = warnings(&stored, &clear);
    assert_eq!(
        found,
        [Warning::Clears {
            field: MetadataField::App,
            keys: 2
        }]
    );

    assert_eq!(
        warnings(&stored, &UpdateBody::between(&stored, &stored)),
        [Warning::EmptyPatch]
    );
}

#[test]
fn conflicts_name_overwritten_keys_and_report_kept_ones() {
    let loaded = pair(json!({"theme": "dark", "lang": "en"}), json!({"plan": "free"}));
    let server = pair(
        json!({"theme": "light", "lang": "fr", "added": 1}),
        json!({"plan": "free"}),
    );
    let mut edited = loaded.clone();
    edited.user_metadata.insert("theme".into(), json!("blue"));
    let body = UpdateBody::between(&loaded, &edited);

    let report = conflicts(&loaded, &server, &body);
    assert!(report.has_conflicts());
    assert_eq!(report.overwritten.len(), 1);
    let c = &report.overwritten[0];
    assert_eq!(
        (c.key.as_str(), c.server.clone(), c.ours.clone()),
        ("theme", Some(json!("light")), Some(json!("blue")))
    );
    assert_eq!(
        report.kept,
        [
            (MetadataField::User, "lang".to_string()),
            (MetadataField::User, "added".to_string())
        ]
    );
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let loaded = pair(json!({"theme": "dark"}), json!({}));
    let server = pair(json!({"theme": "blue"}), json!({}));
    let body = UpdateBody::between(&loaded, &server);
    assert!(!conflicts(&loaded, &server, &body).has_conflicts());
}

#[test]
fn a_deletion_of_a_key_changed_on_the_server_is_a_conflict() {
    let loaded = pair(json!({"theme": "dark"}), json!({}));
    let server = pair(json!({"theme": "light"}), json!({}));
    let body = UpdateBody::between(&loaded, &pair(json!({}), json!({})));
    let report = conflicts(&loaded, &server, &body);
    assert_eq!(report.overwritten[0].ours, None);
}

#[test]
fn a_key_deleted_on_both_sides_is_no_conflict() {
    let loaded = pair(json!({"theme": "dark", "lang": "en"}), json!({}));
    let server = pair(json!({"lang": "en"}), json!({}));
    let body = UpdateBody::between(&loaded, &pair(json!({"lang": "en"}), json!({})));
    let report = conflicts(&loaded, &server, &body);
    assert!(!report.has_conflicts(), "{report:?}");
    assert!(report.kept.is_empty(), "the deletion is the body's own: {report:?}");
}
