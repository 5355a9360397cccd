//! Swapping in a changed document. A root value the new document shares with the old one
//! (every key an edit did not touch) keeps its nodes as they were, open or closed: only
//! the keys that changed are counted anew, so an edit of one small key of a 16 MB
//! document does not walk the other half-million nodes.

use std::collections::HashMap;
use std::sync::Arc;

use super::{count_nodes, Node, Tree};
use crate::domain::metadata::{Metadata, Root};
use crate::domain::path::JsonPath;

impl Tree {
    /// Swaps in a changed document, keeping open what was open where it still exists.
    pub fn replace_doc(&mut self, doc: Metadata) {
        // Where each old root value's nodes are, by the value's identity.
        let kept: HashMap<*const Root, (usize, usize)> = self
            .doc
            .entries()
            .zip(self.child_ids(0))
            .map(|((_, value), id)| (Arc::as_ptr(value), (id, self.size[id] as usize)))
            .collect();
        // What was open inside the old values that are not kept, to open it again.
        let mut open = Vec::new();
        for ((key, value), id) in self.doc.entries().zip(self.child_ids(0)) {
            if !doc.shared(key).is_some_and(|now| Arc::ptr_eq(now, value)) {
                let path = JsonPath::root().key(key.clone());
                self.collect_expanded(id, Node::Value(value), path, &mut open);
            }
        }
        let (mut size, mut expanded, mut visible) = (vec![1], vec![self.expanded[0]], vec![1]);
        let mut fresh = Vec::new();
        for (_, value) in doc.entries() {
            let start = size.len();
            match kept.get(&Arc::as_ptr(value)) {
                Some(&(id, n)) => {
                    size.extend_from_slice(&self.size[id..id + n]);
                    expanded.extend_from_slice(&self.expanded[id..id + n]);
                    visible.extend_from_slice(&self.visible[id..id + n]);
                }
                _ => {
                    count_nodes(value, &mut size);
                    expanded.resize(size.len(), false);
                    visible.resize(size.len(), 1);
                    fresh.push(start..size.len());
                }
            }
        }
        size[0] = size.len() as u32;
        *self = Tree {
            doc,
            size,
            expanded,
            visible,
            version: self.version + 1,
        };
        for path in &open {
            if let Some(id) = self.id_of(path) {
                self.expanded[id] = true;
            }
        }
        for range in fresh {
            for id in range.rev() {
                self.visible[id] = self.shown_rows(id);
            }
        }
        self.visible[0] = self.shown_rows(0);
    }

    fn id_of(&self, path: &JsonPath) -> Option<usize> {
        let (id, _, complete) = self.descend(path, false);
        complete.then_some(id)
    }
}
