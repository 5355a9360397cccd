//! `conflicts` against Auth0's root-level merge, over generated documents: no conflict
//! when the server equals the loaded copy on every root key the body touches; a conflict
//! whenever a touched key changed on the server to something other than what the body
//! sends; and when none is reported, sending loses nothing of the server's.

use auth0_meta::domain::merge::apply;
use auth0_meta::domain::{conflicts, Metadata, MetadataField, MetadataPair, UpdateBody};
use proptest::prelude::*;
use serde_json::Value;

fn key() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["a", "b", "c", "prefs", "devices"]).prop_map(String::from)
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        (0i64..4).prop_map(Value::from),
        "[xy]{0,2}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..3).prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

fn document() -> impl Strategy<Value = Metadata> {
    prop::collection::vec((key(), value()), 0..5).prop_map(|pairs| pairs.into_iter().collect::<Metadata>())
}

/// A copy of `doc` changed key by key: kept, replaced, deleted, or a key added.
fn changed(doc: &Metadata, choices: &[(u8, Value)], added: &[(String, Value)]) -> Metadata {
    let mut out = Metadata::new();
    for ((key, value), (choice, other)) in doc.iter().zip(choices.iter().cycle()) {
        match choice % 3 {
            0 => out.insert(key.clone(), value.clone()),
            1 => out.insert(key.clone(), other.clone()),
            _ => {}
        }
    }
    for (key, value) in added {
        if !out.contains_key(key) {
            out.insert(key.clone(), value.clone());
        }
    }
    out
}

fn pair(user_metadata: Metadata) -> MetadataPair {
    MetadataPair {
        user_metadata,
        app_metadata: Metadata::new(),
    }
}

type Changes = (Vec<(u8, Value)>, Vec<(String, Value)>);

fn changes() -> impl Strategy<Value = Changes> {
    (
        prop::collection::vec((any::<u8>(), value()), 1..5),
        prop::collection::vec((key(), value()), 0..2),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_conflict_is_reported_exactly_when_sending_would_replace_a_change_of_theirs(
        loaded in document(),
        (ours, ours_added) in changes(),
        (theirs, theirs_added) in changes(),
    ) {
        let edited = changed(&loaded, &ours, &ours_added);
        let server = changed(&loaded, &theirs, &theirs_added);
        let body = UpdateBody::between(&pair(loaded.clone()), &pair(edited.clone()));
        let patch = body.field(MetadataField::User);
        let report = conflicts(&pair(loaded.clone()), &pair(server.clone()), &body);
        // A field the body leaves out is not sent at all: the server keeps it as it is.
        let result = match patch.body() {
            Some(sent) => apply(MetadataField::User, &server, &sent).unwrap(),
            None => server.clone(),
        };
        let keys: Vec<&String> = loaded.keys().chain(server.keys()).chain(edited.keys()).collect();
        let touched_and_changed = keys.iter().any(|k| patch.touches(k) && loaded.get(k) != server.get(k));
        let replaced = keys.iter().any(|k| {
            patch.touches(k) && loaded.get(k) != server.get(k) && result.get(k) != server.get(k)
        });
        if !touched_and_changed {
            prop_assert!(!report.has_conflicts(), "{report:?}");
        }
        prop_assert_eq!(report.has_conflicts(), replaced, "{:?}", report);
        if !report.has_conflicts() {
            // Nothing of theirs is lost: every key is either theirs untouched or ours.
            for k in &keys {
                let want = if patch.touches(k) { edited.get(k) } else { server.get(k) };
                prop_assert_eq!(result.get(k), want, "key {}", k);
            }
        }
    }
}
