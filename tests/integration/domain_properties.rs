//! Properties over generated metadata documents and edit sequences.

use auth0_meta::domain::merge::{apply, patch_for};
use auth0_meta::domain::validate::check_document;
use auth0_meta::domain::{Edit, History, JsonPath, Metadata, MetadataField, MetadataPatch, Segment, ValueKind};
use proptest::prelude::*;
use serde_json::Value;

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec!["a", "b", "c", "name", "prefs", "x y", "0"]).prop_map(String::from),
        "[a-z]{1,6}",
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-1000i64..1000).prop_map(Value::from),
        "[a-z ]{0,8}".prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..5).prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

fn document() -> impl Strategy<Value = Metadata> {
    prop::collection::vec((key(), value()), 0..6).prop_map(|pairs| pairs.into_iter().collect::<Metadata>())
}

/// Every path in a document, the root included.
fn paths(value: &Value, at: JsonPath, out: &mut Vec<JsonPath>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| paths(v, at.child(Segment::Key(k.clone())), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| paths(v, at.child(Segment::Index(i)), out)),
        _ => {}
    }
}

/// An edit built from random choices against the document as it is now (it may still fail).
fn edit_for(doc: &Value, choice: (usize, u8, Value, String)) -> Edit {
    let (pick, op, value, name) = choice;
    let mut all = Vec::new();
    paths(doc, JsonPath::root(), &mut all);
    let path = all[pick % all.len()].clone();
    match op % 6 {
        0 => Edit::Set { path, value },
        1 => Edit::InsertKey {
            object: path,
            position: pick % 3,
            key: name,
            value,
        },
        2 => Edit::InsertItem {
            array: path,
            index: pick % 3,
            value,
        },
        3 => Edit::Rename { path, to: name },
        4 => Edit::Remove { path },
        _ => Edit::Retype {
            path,
            to: ValueKind::ALL[pick % 6],
        },
    }
}

fn keys_in_order(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            out.push(k.clone());
            keys_in_order(v, out);
        }),
        Value::Array(items) => items.iter().for_each(|v| keys_in_order(v, out)),
        _ => {}
    }
}

fn choices() -> impl Strategy<Value = Vec<(usize, u8, Value, String)>> {
    prop::collection::vec((any::<usize>(), any::<u8>(), value(), key()), 0..12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn merging_the_patch_gives_the_edited_document(original in document(), edited in document()) {
        prop_assume!(check_document(MetadataField::User, &edited).is_empty());
        let merged = match patch_for(&original, &edited) {
            MetadataPatch::Unchanged => original.clone(),
            patch => apply(MetadataField::User, &original, &patch.body().unwrap()).unwrap(),
        };
        prop_assert_eq!(&merged, &edited);
        for (key, value) in &edited {
            let (mut want, mut got) = (Vec::new(), Vec::new());
            keys_in_order(value, &mut want);
            keys_in_order(merged.get(key).unwrap(), &mut got);
            prop_assert_eq!(want, got, "key order inside {}", key);
        }
    }

    #[test]
    fn merging_edits_made_by_the_edit_core_gives_the_edited_document(original in document(), steps in choices()) {
        // Made as the TUI makes them: on the shared document, one root key at a time.
        let mut edited = original.clone();
        let mut plain = original.to_value();
        let (mut history, mut plain_history) = (History::new(), History::new());
        for step in steps {
            let edit = edit_for(&plain, step);
            let shared = edited.edit(&edit, |doc| history.apply(doc, edit.clone()));
            prop_assert_eq!(shared.is_ok(), plain_history.apply(&mut plain, edit).is_ok());
        }
        prop_assert_eq!(serde_json::to_string(&edited).unwrap(), plain.to_string(), "same document, same key order");
        prop_assume!(check_document(MetadataField::User, &edited).is_empty());
        let merged = match patch_for(&original, &edited) {
            MetadataPatch::Unchanged => original.clone(),
            patch => apply(MetadataField::User, &original, &patch.body().unwrap()).unwrap(),
        };
        prop_assert_eq!(merged, edited);
    }

    #[test]
    fn undoing_any_edit_sequence_restores_the_original_exactly(original in document(), steps in choices()) {
        let start = original.to_value();
        let mut doc = start.clone();
        let mut history = History::new();
        for step in steps {
            let edit = edit_for(&doc, step);
            let _ = history.apply(&mut doc, edit);
        }
        while history.undo(&mut doc).unwrap().is_some() {}
        prop_assert_eq!(&doc, &start);
        let (mut want, mut got) = (Vec::new(), Vec::new());
        keys_in_order(&start, &mut want);
        keys_in_order(&doc, &mut got);
        prop_assert_eq!(want, got);
    }

    #[test]
    fn the_patch_from_a_document_to_itself_is_empty(doc in document()) {
        prop_assert_eq!(patch_for(&doc, &doc), MetadataPatch::Unchanged);
    }

    #[test]
    fn paths_print_and_parse_back(doc in document()) {
        let mut all = Vec::new();
        paths(&doc.to_value(), JsonPath::root(), &mut all);
        for path in all {
            let parsed: JsonPath = path.to_string().parse().unwrap();
            prop_assert_eq!(parsed, path);
        }
    }
}
