//! A structural diff of two JSON documents: what changed where, not which lines of text.
//! Objects are compared key by key (and their key order); arrays item by item, matched
//! by a longest common subsequence, so removing the first of two items shows exactly
//! that item removed. `apply` turns the old document into the new one with it, which is
//! what the property tests check.

mod arrays;
mod lines;

pub use arrays::diff_arrays;

pub use lines::{lines, lines_unfolded, summary, DiffLine, LineKind};

use serde_json::{Map, Value};

use super::metadata::{same, Metadata};

/// How one value changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Diff {
    Same,
    /// A different scalar, or a different type.
    Replaced {
        old: Value,
        new: Value,
    },
    Object {
        /// Every key of either side: the new document's keys in its order, each removed
        /// key after the key that preceded it in the old one.
        keys: Vec<(String, KeyDiff)>,
        /// The keys both sides have stand in another order.
        reordered: bool,
    },
    Array(Vec<ItemDiff>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum KeyDiff {
    Same,
    Added(Value),
    Removed(Value),
    Changed(Diff),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ItemDiff {
    Same {
        old: usize,
        new: usize,
    },
    Removed {
        old: usize,
        value: Value,
    },
    Added {
        new: usize,
        value: Value,
    },
    /// `name` tells the item apart by its identity (`(id "dev-2", "iPad")`).
    Changed {
        old: usize,
        new: usize,
        diff: Diff,
        name: Option<String>,
    },
}

impl Diff {
    pub fn is_same(&self) -> bool {
        matches!(self, Diff::Same)
    }
}

pub fn diff(old: &Value, new: &Value) -> Diff {
    // One walk settles an unchanged subtree: no per-item diff of a 40,000-item array.
    if same(old, new) {
        return Diff::Same;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => diff_objects(a, b),
        (Value::Array(a), Value::Array(b)) => diff_arrays(a, b),
        (a, b) if a == b => Diff::Same,
        (a, b) => Diff::Replaced {
            old: a.clone(),
            new: b.clone(),
        },
    }
}

/// A JSON object as the diff reads it: a nested object, or a metadata document (whose
/// values are read only for keys that may differ: a shared root value is never parsed).
pub trait Object {
    fn names(&self) -> impl Iterator<Item = &String>;
    fn value(&self, key: &str) -> Option<&Value>;
    fn has(&self, key: &str) -> bool;
    /// True when `key` surely holds the same value in both, known without reading it.
    fn shares(&self, _other: &Self, _key: &str) -> bool {
        false
    }
    fn entries(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.names().filter_map(|k| Some((k, self.value(k)?)))
    }
}

impl Object for Map<String, Value> {
    fn names(&self) -> impl Iterator<Item = &String> {
        self.keys()
    }
    fn value(&self, key: &str) -> Option<&Value> {
        self.get(key)
    }
    fn has(&self, key: &str) -> bool {
        self.contains_key(key)
    }
}

impl Object for Metadata {
    fn names(&self) -> impl Iterator<Item = &String> {
        self.keys()
    }
    fn value(&self, key: &str) -> Option<&Value> {
        self.get(key)
    }
    fn has(&self, key: &str) -> bool {
        self.contains_key(key)
    }
    fn shares(&self, other: &Self, key: &str) -> bool {
        match (self.shared(key), other.shared(key)) {
            (Some(a), Some(b)) => a.surely_same(b),
            _ => false,
        }
    }
}

/// The diff of two objects or metadata documents, without copying them into `Value`s.
pub fn diff_objects<O: Object>(old: &O, new: &O) -> Diff {
    let mut keys: Vec<(String, KeyDiff)> = new
        .names()
        .map(|key| {
            if new.shares(old, key) {
                return (key.clone(), KeyDiff::Same);
            }
            let value = new.value(key).unwrap_or(&Value::Null);
            let change = match old.value(key) {
                None => KeyDiff::Added(value.clone()),
                Some(before) => match diff(before, value) {
                    Diff::Same => KeyDiff::Same,
                    changed => KeyDiff::Changed(changed),
                },
            };
            (key.clone(), change)
        })
        .collect();
    // Removed keys go after the key that preceded them in the old document.
    let mut previous: Option<&String> = None;
    for key in old.names() {
        if !new.has(key) {
            let value = old.value(key).unwrap_or(&Value::Null);
            let at = previous
                .and_then(|p| keys.iter().position(|(k, _)| k == p))
                .map_or(0, |i| i + 1);
            keys.insert(at, (key.clone(), KeyDiff::Removed(value.clone())));
        }
        previous = Some(key);
    }
    let common_old = old.names().filter(|k| new.has(k));
    let common_new = new.names().filter(|k| old.has(k));
    let reordered = !common_old.eq(common_new);
    if !reordered && keys.iter().all(|(_, d)| matches!(d, KeyDiff::Same)) {
        return Diff::Same;
    }
    Diff::Object { keys, reordered }
}

/// The new document, from the old one and the diff between them.
pub fn apply(old: &Value, diff: &Diff) -> Value {
    match (old, diff) {
        (_, Diff::Same) => old.clone(),
        (_, Diff::Replaced { new, .. }) => new.clone(),
        (Value::Object(map), Diff::Object { keys, .. }) => Value::Object(
            keys.iter()
                .filter_map(|(key, change)| {
                    let value = match change {
                        KeyDiff::Same => map.get(key)?.clone(),
                        KeyDiff::Added(value) => value.clone(),
                        KeyDiff::Removed(_) => return None,
                        KeyDiff::Changed(d) => apply(map.get(key)?, d),
                    };
                    Some((key.clone(), value))
                })
                .collect(),
        ),
        (Value::Array(items), Diff::Array(ops)) => Value::Array(
            ops.iter()
                .filter_map(|op| match op {
                    ItemDiff::Same { old, .. } => items.get(*old).cloned(),
                    ItemDiff::Removed { .. } => None,
                    ItemDiff::Added { value, .. } => Some(value.clone()),
                    ItemDiff::Changed { old, diff, .. } => items.get(*old).map(|v| apply(v, diff)),
                })
                .collect(),
        ),
        _ => old.clone(),
    }
}
