//! The structural diff: a table of the cases people meet, and properties over generated
//! documents (applying the diff gives the new document; a document against itself has
//! no change).

use auth0_meta::domain::diff::{apply, diff, lines, summary, Diff, LineKind};
use proptest::prelude::*;
use serde_json::{json, Value};

fn texts(old: Value, new: Value) -> Vec<(LineKind, String)> {
    lines(&diff(&old, &new)).into_iter().map(|l| (l.kind, l.text)).collect()
}

#[test]
fn a_table_of_the_cases_people_meet() {
    // Adding a key next to another shows the added key only, never a comma.
    let added = texts(
        json!({"hobby": "surfing"}),
        json!({"hobby": "surfing", "addresses": {"work": "x"}}),
    );
    assert_eq!(
        added,
        [
            (LineKind::Folded, "… 1 unchanged key".into()),
            (LineKind::Added, "addresses: {\"work\":\"x\"}".into())
        ]
    );
    // Removing the first of two items shows that item removed.
    assert_eq!(
        texts(json!(["pt", "ja"]), json!(["ja"])),
        [
            (LineKind::Removed, "[0]: \"pt\"".into()),
            (LineKind::Folded, "… 1 unchanged item".into())
        ]
    );
    // Nested add and delete, under their context.
    let nested = texts(
        json!({"addresses": {"home": {"city": "Porto", "zip": 1}, "work": "x"}}),
        json!({"addresses": {"home": {"city": "Lisbon"}, "work": "x"}}),
    );
    assert_eq!(
        nested,
        [
            (LineKind::Context, "addresses: {".into()),
            (LineKind::Context, "home: {".into()),
            (LineKind::Changed, "city: \"Porto\" → \"Lisbon\"".into()),
            (LineKind::Removed, "zip: 1".into()),
            (LineKind::Folded, "… 1 unchanged key".into()),
        ]
    );
    // A type change.
    assert_eq!(
        texts(json!({"tier": "3"}), json!({"tier": 3})),
        [(LineKind::Changed, "tier: \"3\" → 3".into())]
    );
    // A renamed key is a removal and an addition.
    assert_eq!(
        texts(json!({"a": 1}), json!({"b": 1})),
        [(LineKind::Removed, "a: 1".into()), (LineKind::Added, "b: 1".into())]
    );
    // Key order alone.
    let reordered = texts(json!({"a": 1, "b": 2}), json!({"b": 2, "a": 1}));
    assert_eq!(reordered[0], (LineKind::Reordered, "key order now: b, a".into()));
    // Long values are folded with a line count.
    let long: Value = (0..30)
        .map(|i| (format!("key{i}"), json!(i)))
        .collect::<serde_json::Map<_, _>>()
        .into();
    let folded = texts(json!({}), json!({"big": long}));
    assert!(folded.last().unwrap().1.contains("more lines"), "{folded:?}");
}

#[test]
fn summaries_say_what_happened_in_a_line() {
    assert_eq!(summary(&diff(&json!("pro"), &json!("free"))), "\"pro\" → \"free\"");
    assert_eq!(
        summary(&diff(&json!({"home": 1}), &json!({"home": 1, "work": 2}))),
        "+work"
    );
    assert_eq!(summary(&diff(&json!([1, 2]), &json!([2]))), "1 item removed");
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..5).prop_map(Value::from),
        "[ab]{0,2}".prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-d]", inner), 0..5).prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// `==` on objects ignores key order: compare the texts, which keep it.
fn same_text(a: &Value, b: &Value) -> bool {
    serde_json::to_string(a).unwrap() == serde_json::to_string(b).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn applying_the_diff_gives_the_new_document(old in value(), new in value()) {
        let d = diff(&old, &new);
        let rebuilt = apply(&old, &d);
        prop_assert!(same_text(&rebuilt, &new), "{} != {}", rebuilt, new);
    }

    #[test]
    fn a_document_against_itself_has_no_change(doc in value()) {
        prop_assert_eq!(diff(&doc, &doc), Diff::Same);
        prop_assert!(lines(&diff(&doc, &doc)).is_empty());
    }

    #[test]
    fn text_that_differs_only_in_layout_is_no_change(doc in value()) {
        let pretty: Value = serde_json::from_str(&serde_json::to_string_pretty(&doc).unwrap()).unwrap();
        prop_assert_eq!(diff(&doc, &pretty), Diff::Same);
    }
}
