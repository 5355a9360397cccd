//! One metadata document, held as its root keys with each value shared behind an `Arc`.
//!
//! Auth0 merges at the root, so no change needs more than the root keys it touches. The
//! copy as loaded, the draft, the review the tree shows, the stored and resulting
//! documents of a preview and the base of a PATCH all share the values of the keys they
//! leave alone: copying a 16 MB legacy profile costs a few reference counts, not the
//! tens of milliseconds and hundred megabytes of a deep copy.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::path::{JsonPath, Segment};
use super::raw;

mod edit;
mod root;

pub use root::{json_len, Root, Text};

/// A JSON object whose root keys Auth0 merges, in the user's key order.
#[derive(Clone, Default)]
pub struct Metadata {
    keys: IndexMap<String, Arc<Root>>,
}

impl Metadata {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.keys.get(key).map(|v| v.value())
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.keys.contains_key(key)
    }

    /// Sets `key`, keeping its place if it was there, else adding it last.
    pub fn insert(&mut self, key: String, value: Value) {
        self.keys.insert(key, Arc::new(Root::new(value)));
    }

    /// The value at `path`; `None` at the root, which is the document, not one value.
    /// A root value still only text is not parsed for this: the node is found in the
    /// text and only it is parsed (reading a node of a 16 MB key costs that node).
    pub fn at(&self, path: &JsonPath) -> Option<Cow<'_, Value>> {
        let (Segment::Key(key), rest) = path.segments().split_first()? else {
            return None;
        };
        let root = self.keys.get(key)?;
        if root.is_raw() && !rest.is_empty() {
            let text = root.text();
            return raw::find(text, 0, rest).map(|at| Cow::Owned(raw::parse(text, at)));
        }
        rest.iter()
            .try_fold(root.value(), |node, segment| match (segment, node) {
                (Segment::Key(key), Value::Object(map)) => map.get(key),
                (Segment::Index(i), Value::Array(items)) => items.get(*i),
                _ => None,
            })
            .map(Cow::Borrowed)
    }

    /// The value at `path`; at the root, the whole document as one value (a copy).
    pub fn value_at(&self, path: &JsonPath) -> Option<Cow<'_, Value>> {
        if path.is_root() {
            Some(Cow::Owned(self.to_value()))
        } else {
            self.at(path)
        }
    }

    /// The keys of the object at `path` (the root included), in order.
    pub fn keys_at(&self, path: &JsonPath) -> Option<Vec<String>> {
        if path.is_root() {
            return Some(self.keys().cloned().collect());
        }
        match self.at(path)?.as_ref() {
            Value::Object(map) => Some(map.keys().cloned().collect()),
            _ => None,
        }
    }

    /// Sets `key` to a value shared with another document.
    pub fn insert_shared(&mut self, key: String, value: Arc<Root>) {
        self.keys.insert(key, value);
    }

    /// The value of `key` as shared, to put into another document without copying it.
    pub fn shared(&self, key: &str) -> Option<&Arc<Root>> {
        self.keys.get(key)
    }

    /// The `index`th root key and its value as shared.
    pub fn entry_at(&self, index: usize) -> Option<(&String, &Arc<Root>)> {
        self.keys.get_index(index)
    }

    /// The values as shared, to put into another document without copying them.
    pub fn entries(&self) -> impl Iterator<Item = (&String, &Arc<Root>)> {
        self.keys.iter()
    }

    /// Removes `key`, keeping the other keys in order.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.keys.shift_remove(key).map(Root::into_value)
    }

    /// Every key with its value, each parsed (and kept parsed) as it is reached: for
    /// small documents and the keys a change sends, never to look over a large one.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &Value)> + ExactSizeIterator {
        self.keys.iter().map(|(k, v)| (k, v.value()))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.keys.keys()
    }

    /// Whether `key` holds the same value in both, deciding in one pointer comparison
    /// when the two share it (as a draft shares the keys it does not touch).
    pub fn same_at(&self, other: &Self, key: &str) -> bool {
        match (self.keys.get(key), other.keys.get(key)) {
            (Some(a), Some(b)) => a.same(b),
            (None, None) => true,
            _ => false,
        }
    }

    /// Equal, key order included (`==` ignores the order, which is the user's).
    pub fn identical(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .keys
                .iter()
                .zip(&other.keys)
                .all(|((ka, a), (kb, b))| ka == kb && a.same(b))
    }

    /// A copy as a plain JSON object (a deep copy: for small documents and tests).
    /// A root value still only text is parsed for the copy and stays text.
    pub fn to_value(&self) -> Value {
        Value::Object(self.keys.iter().map(|(k, v)| (k.clone(), v.to_value())).collect())
    }

    /// The plain JSON object, copying only values shared with another document.
    pub fn into_map(self) -> Map<String, Value> {
        self.keys.into_iter().map(|(k, v)| (k, Root::into_value(v))).collect()
    }
}

/// JSON equality that also compares key order: `==` on maps ignores it, but order is the
/// user's, so a reordered object is a change that must be sent.
pub fn same(a: &Value, b: &Value) -> bool {
    if std::ptr::eq(a, b) {
        return true; // shared, as the root keys a draft does not touch
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((kx, vx), (ky, vy))| kx == ky && same(vx, vy))
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        _ => a == b,
    }
}

impl PartialEq for Metadata {
    /// Same keys holding equal values, in any order (as `serde_json::Map` compares).
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .keys
                .iter()
                .all(|(k, a)| other.keys.get(k).is_some_and(|b| Arc::ptr_eq(a, b) || a == b))
    }
}

impl std::ops::Index<&str> for Metadata {
    type Output = Value;

    /// As `serde_json::Map` does: panics when the key is absent.
    fn index(&self, key: &str) -> &Value {
        self.keys[key].value()
    }
}

impl fmt::Debug for Metadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl From<Map<String, Value>> for Metadata {
    fn from(map: Map<String, Value>) -> Self {
        map.into_iter().collect()
    }
}

impl TryFrom<Value> for Metadata {
    /// Anything but an object is not a metadata document; it is handed back.
    type Error = Value;

    fn try_from(value: Value) -> Result<Self, Value> {
        match value {
            Value::Object(map) => Ok(map.into()),
            other => Err(other),
        }
    }
}

impl FromIterator<(String, Value)> for Metadata {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        Self {
            keys: iter.into_iter().map(|(k, v)| (k, Arc::new(Root::new(v)))).collect(),
        }
    }
}

impl<'a> IntoIterator for &'a Metadata {
    type Item = (&'a String, &'a Value);
    type IntoIter = Box<dyn Iterator<Item = (&'a String, &'a Value)> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl Serialize for Metadata {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.keys.iter().map(|(k, v)| (k, &**v)))
    }
}

impl<'de> Deserialize<'de> for Metadata {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::<String, Value>::deserialize(deserializer).map(Self::from)
    }
}
