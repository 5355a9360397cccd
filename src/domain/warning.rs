//! What the merge preview warns about, in plain words: the parts of a PATCH whose effect
//! a person may not expect from the edit they made.

use std::fmt;

use serde_json::Value;

use super::field::{MetadataField, MetadataPair};
use super::merge::{same, MetadataPatch, UpdateBody};
use super::path::JsonPath;

#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// A change below a root key makes the whole root value go over the wire again.
    ResendsWhole {
        field: MetadataField,
        key: String,
        changed: Vec<JsonPath>,
        size: Size,
    },
    /// A root key sent as `null`, which Auth0 deletes.
    Deletes { field: MetadataField, key: String },
    /// `{}` sent: every key goes, also those added on the server since loading.
    Clears { field: MetadataField, keys: usize },
    /// Nothing differs, so nothing would be sent.
    EmptyPatch,
}

/// How much a resent value carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Keys(usize),
    Items(usize),
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, one, many) = match self {
            Size::Keys(n) => (n, "key", "keys"),
            Size::Items(n) => (n, "item", "items"),
        };
        write!(f, "{n} {}", if *n == 1 { one } else { many })
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::ResendsWhole { key, changed, size, .. } => {
                let root = JsonPath::root().key(key.clone());
                write!(f, "editing {} resends all of {root}: {size}", list(changed))
            }
            Warning::Deletes { field, key } => {
                let path = JsonPath::root().key(key.clone());
                write!(f, "deletes {field}.{path} (sent as null)")
            }
            Warning::Clears { field, keys } => write!(
                f,
                "clears all of {field}: {keys} stored keys go, and any added on the server meanwhile"
            ),
            Warning::EmptyPatch => f.write_str("nothing to send: no metadata differs from the server's"),
        }
    }
}

fn list(paths: &[JsonPath]) -> String {
    const SHOWN: usize = 3;
    let names: Vec<String> = paths.iter().take(SHOWN).map(ToString::to_string).collect();
    match paths.len() {
        0 => String::new(),
        n if n > SHOWN => format!("{} and {} more", names.join(", "), n - SHOWN),
        1 => names[0].clone(),
        _ => {
            let (last, rest) = names.split_last().unwrap_or((&names[0], &[]));
            format!("{} and {last}", rest.join(", "))
        }
    }
}

/// The warnings for sending `body` to a user whose metadata is `stored`.
pub fn warnings(stored: &MetadataPair, body: &UpdateBody) -> Vec<Warning> {
    if body.is_empty() {
        return vec![Warning::EmptyPatch];
    }
    let mut found = Vec::new();
    for field in MetadataField::BOTH {
        let stored = stored.get(field);
        match body.field(field) {
            MetadataPatch::Unchanged => {}
            MetadataPatch::Clear => found.push(Warning::Clears {
                field,
                keys: stored.len(),
            }),
            MetadataPatch::Keys(keys) => {
                for (key, sent) in keys {
                    match stored.get(key) {
                        _ if sent.is_null() => found.push(Warning::Deletes {
                            field,
                            key: key.clone(),
                        }),
                        Some(old) => found.extend(resends_whole(field, key, old, sent)),
                        None => {}
                    }
                }
            }
        }
    }
    found
}

fn resends_whole(field: MetadataField, key: &str, old: &Value, new: &Value) -> Option<Warning> {
    let size = match (old, new) {
        (Value::Object(before), Value::Object(after)) if !before.is_empty() => Size::Keys(after.len()),
        (Value::Array(before), Value::Array(after)) if !before.is_empty() => Size::Items(after.len()),
        _ => return None,
    };
    let mut changed = Vec::new();
    changed_paths(&JsonPath::root().key(key), old, new, &mut changed);
    Some(Warning::ResendsWhole {
        field,
        key: key.to_string(),
        changed,
        size,
    })
}

/// The deepest paths at which `old` and `new` differ.
pub fn changed_paths(at: &JsonPath, old: &Value, new: &Value, out: &mut Vec<JsonPath>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let before = out.len();
            for (key, value) in b {
                match a.get(key) {
                    Some(old_value) if same(old_value, value) => {}
                    Some(old_value) => changed_paths(&at.clone().key(key.clone()), old_value, value, out),
                    None => out.push(at.clone().key(key.clone())),
                }
            }
            out.extend(
                a.keys()
                    .filter(|k| !b.contains_key(*k))
                    .map(|k| at.clone().key(k.clone())),
            );
            if out.len() == before && !same(old, new) {
                out.push(at.clone());
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                if !same(x, y) {
                    changed_paths(&at.clone().index(index), x, y, out);
                }
            }
        }
        _ => out.push(at.clone()),
    }
}
