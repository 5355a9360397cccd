//! What the server holds against what we expected: the root keys that differ. Values are
//! compared as JSON (key order aside), so a server that reorders keys is not a change.

use serde_json::Value;

use crate::domain::{FieldPath, MetadataField, MetadataPair};

/// Root keys whose value in `actual` differs from `expected`, in both documents.
pub fn differing(expected: &MetadataPair, actual: &MetadataPair) -> Vec<FieldPath> {
    let mut keys = Vec::new();
    for field in MetadataField::BOTH {
        let (want, got) = (expected.get(field), actual.get(field));
        let names = want.keys().chain(got.keys().filter(|k| !want.contains_key(k)));
        for key in names {
            if !want.same_at(got, key) {
                keys.push(FieldPath::root_key(field, key.clone()));
            }
        }
    }
    keys
}

/// Of `written` (root keys, or a whole document where it was cleared), those whose value
/// in `actual` differs from `expected`.
pub fn differing_in(written: &[FieldPath], expected: &MetadataPair, actual: &MetadataPair) -> Vec<FieldPath> {
    written
        .iter()
        .filter(|at| match at.path.root_key() {
            Some(key) => !expected.get(at.field).same_at(actual.get(at.field), key),
            None => expected.get(at.field) != actual.get(at.field),
        })
        .cloned()
        .collect()
}

/// A pair from an entry's per-field maps of root keys (`null` standing for absent).
pub fn pair_of(keys: &[(MetadataField, String, Option<Value>)]) -> MetadataPair {
    let mut pair = MetadataPair::default();
    for (field, key, value) in keys {
        if let Some(value) = value {
            pair.get_mut(*field).insert(key.clone(), value.clone());
        }
    }
    pair
}

/// Only the given root keys of `pair`, for comparing against an entry's expectations.
pub fn restrict(pair: &MetadataPair, keys: &[(MetadataField, String, Option<Value>)]) -> MetadataPair {
    let mut out = MetadataPair::default();
    for (field, key, _) in keys {
        if let Some(value) = pair.get(*field).get(key) {
            out.get_mut(*field).insert(key.clone(), value.clone());
        }
    }
    out
}
