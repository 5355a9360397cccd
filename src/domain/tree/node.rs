//! What a tree node holds, and how its children are walked.

use serde_json::Value;

use super::RowKey;
use crate::domain::metadata::Metadata;

/// What a node holds: the document itself at the root, else a JSON value.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    Root(&'a Metadata),
    Value(&'a Value),
}

impl<'a> Node<'a> {
    pub fn is_container(self) -> bool {
        match self {
            Node::Root(_) => true,
            Node::Value(value) => is_container(value),
        }
    }

    /// The value, or `None` at the root (which is not one `Value`).
    pub fn value(self) -> Option<&'a Value> {
        match self {
            Node::Root(_) => None,
            Node::Value(value) => Some(value),
        }
    }

    /// How many children it has.
    pub fn len(self) -> usize {
        match self {
            Node::Root(doc) => doc.len(),
            Node::Value(Value::Object(map)) => map.len(),
            Node::Value(Value::Array(items)) => items.len(),
            Node::Value(_) => 0,
        }
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    pub fn children(self) -> Box<dyn Iterator<Item = (RowKey<'a>, &'a Value)> + 'a> {
        match self {
            Node::Root(doc) => Box::new(doc.iter().map(|(k, v)| (RowKey::Key(k), v))),
            Node::Value(value) => children(value),
        }
    }
}

fn children(value: &Value) -> Box<dyn Iterator<Item = (RowKey<'_>, &Value)> + '_> {
    match value {
        Value::Object(map) => Box::new(map.iter().map(|(k, v)| (RowKey::Key(k), v))),
        Value::Array(items) => Box::new(items.iter().enumerate().map(|(i, v)| (RowKey::Index(i), v))),
        _ => Box::new(std::iter::empty()),
    }
}

pub fn is_container(value: &Value) -> bool {
    matches!(value, Value::Object(_) | Value::Array(_))
}
