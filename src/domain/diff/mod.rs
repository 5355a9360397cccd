//! A structural diff of two JSON documents: what changed where, not which lines of text.
//! Objects are compared key by key (and their key order); arrays item by item, matched
//! by a longest common subsequence, so removing the first of two items shows exactly
//! that item removed. `apply` turns the old document into the new one with it, which is
//! what the property tests check.

mod lines;

pub use lines::{lines, lines_unfolded, summary, DiffLine, LineKind};

use serde_json::{Map, Value};

use super::identity::ItemNames;
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

/// The diff of two arrays, item by item.
pub fn diff_arrays(old: &[Value], new: &[Value]) -> Diff {
    let matched = lcs(old, new);
    let names = ItemNames::new(new);
    let mut items = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (mi, mj) in matched.into_iter().chain(std::iter::once((old.len(), new.len()))) {
        // Between matches: pair containers of one kind as changes, the rest as removed
        // then added.
        let (removed, added) = (&old[i..mi], &new[j..mj]);
        let paired = removed.len().min(added.len());
        for k in 0..paired {
            let (a, b) = (&removed[k], &added[k]);
            if same_kind_container(a, b) {
                items.push(ItemDiff::Changed {
                    old: i + k,
                    new: j + k,
                    diff: diff(a, b),
                    name: a.is_object().then(|| names.name(j + k)).flatten(),
                });
            } else {
                items.push(ItemDiff::Removed {
                    old: i + k,
                    value: a.clone(),
                });
                items.push(ItemDiff::Added {
                    new: j + k,
                    value: b.clone(),
                });
            }
        }
        for (k, value) in removed.iter().enumerate().skip(paired) {
            items.push(ItemDiff::Removed {
                old: i + k,
                value: value.clone(),
            });
        }
        for (k, value) in added.iter().enumerate().skip(paired) {
            items.push(ItemDiff::Added {
                new: j + k,
                value: value.clone(),
            });
        }
        if mi < old.len() {
            items.push(ItemDiff::Same { old: mi, new: mj });
        }
        (i, j) = (mi + 1, mj + 1);
    }
    if items.iter().all(|d| matches!(d, ItemDiff::Same { .. })) {
        return Diff::Same;
    }
    Diff::Array(items)
}

fn same_kind_container(a: &Value, b: &Value) -> bool {
    matches!(
        (a, b),
        (Value::Object(_), Value::Object(_)) | (Value::Array(_), Value::Array(_))
    )
}

/// Index pairs of a longest common subsequence. Quadratic, so long arrays with a long
/// changed middle fall back to matching their common ends only.
fn lcs(a: &[Value], b: &[Value]) -> Vec<(usize, usize)> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut pairs: Vec<(usize, usize)> = (0..prefix).map(|i| (i, i)).collect();
    if mid_a.len().saturating_mul(mid_b.len()) <= 4_000_000 {
        pairs.extend(
            table_lcs(mid_a, mid_b)
                .into_iter()
                .map(|(i, j)| (i + prefix, j + prefix)),
        );
    }
    pairs.extend((0..suffix).map(|k| (a.len() - suffix + k, b.len() - suffix + k)));
    pairs
}

fn table_lcs(a: &[Value], b: &[Value]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[at(i, j)] = if a[i] == b[j] {
                table[at(i + 1, j + 1)] + 1
            } else {
                table[at(i + 1, j)].max(table[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            pairs.push((i, j));
            (i, j) = (i + 1, j + 1);
        } else if table[at(i + 1, j)] >= table[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
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
