//! What a tree node holds, read from its JSON text: its kind, its children, its scalar.

use std::borrow::Cow;

use serde_json::Value;

use super::{RowKey, Tree};
use crate::domain::kind::ValueKind;
use crate::domain::raw;

/// One node of a tree, to be read for drawing or searching. Nothing is parsed: strings
/// are unescaped as they are read, numbers are shown as written.
#[derive(Clone, Copy)]
pub struct Node<'a> {
    pub(super) tree: &'a Tree,
    pub(super) id: usize,
}

impl<'a> Node<'a> {
    pub fn id(self) -> usize {
        self.id
    }

    pub fn kind(self) -> ValueKind {
        match self.tree.text_of(self.id) {
            None => ValueKind::Object,
            Some((text, at)) => raw::kind(text, at),
        }
    }

    pub fn is_container(self) -> bool {
        matches!(self.kind(), ValueKind::Object | ValueKind::Array)
    }

    /// How many children it has.
    pub fn len(self) -> usize {
        self.tree.child_ids(self.id).count()
    }

    pub fn is_empty(self) -> bool {
        self.tree.size[self.id] == 1
    }

    pub fn children(self) -> impl Iterator<Item = (RowKey<'a>, Node<'a>)> + 'a {
        let tree = self.tree;
        let parent = self.id;
        tree.child_ids(parent)
            .enumerate()
            .map(move |(i, id)| (tree.key_of(parent, i, id), Node { tree, id }))
    }

    /// A scalar as written, a string unquoted; `None` for a container.
    pub fn scalar(self) -> Option<Cow<'a, str>> {
        let (text, at) = self.tree.text_of(self.id)?;
        (!self.is_container()).then(|| raw::scalar(text, at))
    }

    /// Its length as compact JSON (the document's at the root): what it weighs in the
    /// profile. Read from the text's span; the server's text is compact.
    pub fn json_len(self) -> usize {
        match self.tree.text_of(self.id) {
            None => self.tree.doc.json_len(),
            Some((text, at)) => raw::value_end(text, at) - at,
        }
    }

    /// The value, parsed (the whole document at the root).
    pub fn to_value(self) -> Value {
        match self.tree.text_of(self.id) {
            None => self.tree.doc.to_value(),
            Some((text, at)) => raw::parse(text, at),
        }
    }
}

pub fn is_container(value: &Value) -> bool {
    matches!(value, Value::Object(_) | Value::Array(_))
}
