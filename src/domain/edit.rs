//! Edits to a metadata document. Each edit applied returns its inverse, which is what
//! undo needs and what a draft replays.

use std::mem;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::kind::ValueKind;
use super::path::{JsonPath, Segment};

/// One change to a document. `Set` also replaces whole subtrees: a node's value is a
/// subtree, so the JSON editor and the single-value editor commit the same edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Edit {
    Set {
        path: JsonPath,
        value: Value,
    },
    /// Adds `key` to the object at `object`, as its `position`th key.
    InsertKey {
        object: JsonPath,
        position: usize,
        key: String,
        value: Value,
    },
    /// Adds an item to the array at `array` before `index` (`index == len` appends).
    InsertItem {
        array: JsonPath,
        index: usize,
        value: Value,
    },
    /// Renames the key at `path` to `to`, keeping its position among its siblings.
    Rename {
        path: JsonPath,
        to: String,
    },
    Remove {
        path: JsonPath,
    },
    Retype {
        path: JsonPath,
        to: ValueKind,
    },
}

/// Why an edit cannot be made, in words for the person who asked for it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("there is nothing at {}", at(.0))]
    NotFound(JsonPath),
    #[error("{} already has a key \"{key}\"", at(.object))]
    KeyExists { object: JsonPath, key: String },
    #[error("{} has {len} items: there is no position {index}", at(.array))]
    IndexOutOfRange { array: JsonPath, index: usize, len: usize },
    #[error("{} is {} {kind}, which cannot hold {holds}", at(.path), article(*.kind))]
    NotAContainer {
        path: JsonPath,
        kind: ValueKind,
        holds: &'static str,
    },
    #[error("{} is not an object key, so it has no name to change", at(.0))]
    NotAKey(JsonPath),
    #[error("metadata itself must stay an object (it may be empty)")]
    RootMustBeObject,
}

fn at(path: &JsonPath) -> String {
    if path.is_root() {
        "the metadata root".to_string()
    } else {
        path.to_string()
    }
}

fn article(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Array | ValueKind::Object => "an",
        _ => "a",
    }
}

impl Edit {
    /// The node this edit is about: where the cursor belongs after it is made.
    pub fn target(&self) -> JsonPath {
        match self {
            Edit::Set { path, .. } | Edit::Remove { path } | Edit::Retype { path, .. } => path.clone(),
            Edit::InsertKey { object, key, .. } => object.clone().key(key.clone()),
            Edit::InsertItem { array, index, .. } => array.clone().index(*index),
            Edit::Rename { path, to } => match path.split_last() {
                Some((parent, _)) => parent.key(to.clone()),
                None => path.clone(),
            },
        }
    }

    /// A short phrase for the status line and the history: "set prefs.theme".
    pub fn describe(&self) -> String {
        match self {
            Edit::Set { path, .. } => format!("set {}", at(path)),
            Edit::InsertKey { .. } | Edit::InsertItem { .. } => format!("add {}", self.target()),
            Edit::Rename { path, to } => format!("rename {} to \"{to}\"", at(path)),
            Edit::Remove { path } => format!("delete {}", at(path)),
            Edit::Retype { path, to } => format!("make {} {} {to}", at(path), article(*to)),
        }
    }
}

/// Applies `edit` to `doc` and returns the edit that undoes it. On error `doc` is unchanged.
pub fn apply(doc: &mut Value, edit: &Edit) -> Result<Edit, EditError> {
    match edit {
        Edit::Set { path, value } => set(doc, path, value.clone()),
        Edit::InsertKey {
            object,
            position,
            key,
            value,
        } => insert_key(doc, object, *position, key, value.clone()),
        Edit::InsertItem { array, index, value } => insert_item(doc, array, *index, value.clone()),
        Edit::Rename { path, to } => rename(doc, path, to),
        Edit::Remove { path } => remove(doc, path),
        Edit::Retype { path, to } => {
            let current = resolve(doc, path)?;
            let converted = to.convert(current);
            set(doc, path, converted)
        }
    }
}

fn set(doc: &mut Value, path: &JsonPath, value: Value) -> Result<Edit, EditError> {
    if path.is_root() && !value.is_object() {
        return Err(EditError::RootMustBeObject);
    }
    let node = resolve_mut(doc, path)?;
    let old = mem::replace(node, value);
    Ok(Edit::Set {
        path: path.clone(),
        value: old,
    })
}

fn insert_key(doc: &mut Value, object: &JsonPath, position: usize, key: &str, value: Value) -> Result<Edit, EditError> {
    let map = match resolve_mut(doc, object)? {
        Value::Object(map) => map,
        other => return Err(not_a_container(object, other, "keys")),
    };
    if map.contains_key(key) {
        return Err(EditError::KeyExists {
            object: object.clone(),
            key: key.to_string(),
        });
    }
    if position > map.len() {
        return Err(EditError::IndexOutOfRange {
            array: object.clone(),
            index: position,
            len: map.len(),
        });
    }
    map.shift_insert(position, key.to_string(), value);
    Ok(Edit::Remove {
        path: object.clone().key(key),
    })
}

fn insert_item(doc: &mut Value, array: &JsonPath, index: usize, value: Value) -> Result<Edit, EditError> {
    let items = match resolve_mut(doc, array)? {
        Value::Array(items) => items,
        other => return Err(not_a_container(array, other, "items")),
    };
    if index > items.len() {
        return Err(EditError::IndexOutOfRange {
            array: array.clone(),
            index,
            len: items.len(),
        });
    }
    items.insert(index, value);
    Ok(Edit::Remove {
        path: array.clone().index(index),
    })
}

fn rename(doc: &mut Value, path: &JsonPath, to: &str) -> Result<Edit, EditError> {
    let Some((parent, Segment::Key(from))) = path.split_last() else {
        return Err(EditError::NotAKey(path.clone()));
    };
    let map = match resolve_mut(doc, &parent)? {
        Value::Object(map) => map,
        _ => return Err(EditError::NotAKey(path.clone())),
    };
    let Some(position) = map.keys().position(|k| k == from) else {
        return Err(EditError::NotFound(path.clone()));
    };
    if from != to && map.contains_key(to) {
        return Err(EditError::KeyExists {
            object: parent,
            key: to.to_string(),
        });
    }
    if let Some(value) = map.shift_remove(from.as_str()) {
        map.shift_insert(position, to.to_string(), value);
    }
    Ok(Edit::Rename {
        path: parent.key(to),
        to: from.clone(),
    })
}

fn remove(doc: &mut Value, path: &JsonPath) -> Result<Edit, EditError> {
    let Some((parent, last)) = path.split_last() else {
        return Err(EditError::RootMustBeObject);
    };
    match (resolve_mut(doc, &parent)?, last) {
        (Value::Object(map), Segment::Key(key)) => {
            let position = map
                .keys()
                .position(|k| k == key)
                .ok_or_else(|| EditError::NotFound(path.clone()))?;
            let value = map.shift_remove(key.as_str()).unwrap_or(Value::Null);
            Ok(Edit::InsertKey {
                object: parent,
                position,
                key: key.clone(),
                value,
            })
        }
        (Value::Array(items), Segment::Index(index)) if *index < items.len() => Ok(Edit::InsertItem {
            array: parent,
            index: *index,
            value: items.remove(*index),
        }),
        (Value::Array(items), Segment::Index(index)) => Err(EditError::IndexOutOfRange {
            array: parent,
            index: *index,
            len: items.len(),
        }),
        _ => Err(EditError::NotFound(path.clone())),
    }
}

fn not_a_container(path: &JsonPath, node: &Value, holds: &'static str) -> EditError {
    EditError::NotAContainer {
        path: path.clone(),
        kind: ValueKind::of(node),
        holds,
    }
}

/// Finds the node at `path`, saying precisely which step failed.
pub fn resolve<'a>(doc: &'a Value, path: &JsonPath) -> Result<&'a Value, EditError> {
    let mut node = doc;
    for (depth, segment) in path.segments().iter().enumerate() {
        let here = || JsonPath::from(path.segments()[..depth].to_vec());
        node = match (segment, node) {
            (Segment::Key(key), Value::Object(map)) => map
                .get(key)
                .ok_or_else(|| EditError::NotFound(here().key(key.clone())))?,
            (Segment::Index(index), Value::Array(items)) => {
                items.get(*index).ok_or_else(|| EditError::IndexOutOfRange {
                    array: here(),
                    index: *index,
                    len: items.len(),
                })?
            }
            (Segment::Key(_), other) => return Err(not_a_container(&here(), other, "keys")),
            (Segment::Index(_), other) => return Err(not_a_container(&here(), other, "items")),
        };
    }
    Ok(node)
}

fn resolve_mut<'a>(doc: &'a mut Value, path: &JsonPath) -> Result<&'a mut Value, EditError> {
    resolve(doc, path)?;
    path.get_mut(doc).ok_or_else(|| EditError::NotFound(path.clone()))
}
