//! Making an edit on a shared document: only the root keys the edit touches are taken
//! out of sharing (and copied if the copy as loaded still holds them).

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::{Metadata, Root};
use crate::domain::edit::Edit;
use crate::domain::path::{JsonPath, Segment};

impl Metadata {
    /// Runs `change` (an edit) on the document as a JSON object in which only the root
    /// keys `edit` touches hold their values; the others stand in as `null` and get their
    /// shared values back afterwards, so an edit of one small key copies nothing else.
    pub fn edit<T>(&mut self, edit: &Edit, change: impl FnOnce(&mut Value) -> T) -> T {
        let touched = touched_keys(edit);
        let mut parked: HashMap<String, Arc<Root>> = HashMap::new();
        let mut skeleton = Map::new();
        for (key, value) in std::mem::take(&mut self.keys) {
            match &touched {
                Some(keys) if !keys.contains(&key) => {
                    skeleton.insert(key.clone(), Value::Null);
                    parked.insert(key, value);
                }
                _ => {
                    skeleton.insert(key, Root::into_value(value));
                }
            }
        }
        let mut doc = Value::Object(skeleton);
        let out = change(&mut doc);
        // Edits refuse to make the root anything but an object, so this always matches.
        if let Value::Object(map) = doc {
            for (key, value) in map {
                let value = parked.remove(&key).unwrap_or_else(|| Arc::new(Root::new(value)));
                self.keys.insert(key, value);
            }
        }
        out
    }
}

/// The root keys an edit reads or writes; `None` when it concerns the whole document.
fn touched_keys(edit: &Edit) -> Option<Vec<String>> {
    let first = |path: &JsonPath| match path.segments().first() {
        Some(Segment::Key(key)) => Some(key.clone()),
        _ => None,
    };
    match edit {
        Edit::Set { path, .. } | Edit::Remove { path } | Edit::Retype { path, .. } => first(path).map(|k| vec![k]),
        Edit::InsertItem { array, .. } => first(array).map(|k| vec![k]),
        Edit::InsertKey { object, key, .. } if object.is_root() => Some(vec![key.clone()]),
        Edit::InsertKey { object, .. } => first(object).map(|k| vec![k]),
        Edit::Rename { path, to } if path.len() == 1 => first(path).map(|k| vec![k, to.clone()]),
        Edit::Rename { path, .. } => first(path).map(|k| vec![k]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::metadata::Metadata;
    use serde_json::json;

    fn doc(value: Value) -> Metadata {
        value.try_into().unwrap()
    }

    #[test]
    fn an_edit_of_one_key_leaves_the_others_shared() {
        let original = doc(json!({"big": {"a": [1, 2, 3]}, "tier": "gold"}));
        let mut draft = original.clone();
        let edit = Edit::Set {
            path: JsonPath::root().key("tier"),
            value: json!("silver"),
        };
        draft.edit(&edit, |v| crate::domain::edit::apply(v, &edit)).unwrap();
        assert!(Arc::ptr_eq(&original.keys["big"], &draft.keys["big"]));
        assert_eq!(draft.to_value(), json!({"big": {"a": [1, 2, 3]}, "tier": "silver"}));
        assert!(!draft.same_at(&original, "tier") && draft.same_at(&original, "big"));
    }

    #[test]
    fn root_edits_keep_order_and_the_untouched_values() {
        let mut d = doc(json!({"a": 1, "b": {"x": true}, "c": 3}));
        let rename = Edit::Rename {
            path: JsonPath::root().key("a"),
            to: "z".into(),
        };
        d.edit(&rename, |v| crate::domain::edit::apply(v, &rename)).unwrap();
        let remove = Edit::Remove {
            path: JsonPath::root().key("c"),
        };
        d.edit(&remove, |v| crate::domain::edit::apply(v, &remove)).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), r#"{"z":1,"b":{"x":true}}"#);
    }

    #[test]
    fn equality_ignores_order_and_identity_does_not() {
        let a = doc(json!({"a": 1, "b": 2}));
        let b = doc(json!({"b": 2, "a": 1}));
        assert_eq!(a, b);
        assert!(!a.identical(&b) && a.identical(&a.clone()));
    }
}
