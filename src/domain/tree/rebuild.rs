//! Swapping in a changed document. A root value the new document shares with the old one
//! (every key an edit did not touch) keeps its nodes as they were, open or closed: only
//! the keys that changed are numbered anew, so an edit of one small key of a 16 MB
//! document does not read the other half-million nodes.

use std::collections::HashMap;
use std::sync::Arc;

use super::scan::Nodes;
use super::Tree;
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
                self.collect_expanded(id, JsonPath::root().key(key.clone()), &mut open);
            }
        }
        let mut nodes = Nodes::default();
        nodes.push(0);
        let (mut expanded, mut visible) = (vec![self.expanded[0]], vec![1]);
        let (mut root_ids, mut fresh) = (Vec::with_capacity(doc.len()), Vec::new());
        for (_, value) in doc.entries() {
            let start = nodes.size.len();
            root_ids.push(start as u32);
            match kept.get(&Arc::as_ptr(value)) {
                Some(&(id, n)) => {
                    nodes.start.extend_from_slice(&self.start[id..id + n]);
                    nodes.size.extend_from_slice(&self.size[id..id + n]);
                    expanded.extend_from_slice(&self.expanded[id..id + n]);
                    visible.extend_from_slice(&self.visible[id..id + n]);
                }
                None => {
                    nodes.index(value.text(), 0);
                    expanded.resize(nodes.size.len(), false);
                    visible.resize(nodes.size.len(), 1);
                    fresh.push(start..nodes.size.len());
                }
            }
        }
        nodes.size[0] = nodes.size.len() as u32;
        *self = Tree {
            doc,
            root_ids,
            start: nodes.start,
            size: nodes.size,
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

    /// Takes `new` (a tree of a new copy of the document), keeping open what was open
    /// where it still exists.
    pub fn adopt(&mut self, mut new: Tree) {
        let open = self.expanded_paths();
        new.version = self.version + 1;
        new.expanded[0] = self.expanded[0];
        *self = new;
        let mut opened = false;
        for path in open.iter().filter(|p| !p.is_root()) {
            if let Some(id) = self.id_of(path) {
                self.expanded[id] = true;
                opened = true;
            }
        }
        if opened {
            self.recount();
        } else {
            self.visible[0] = self.shown_rows(0);
        }
    }

    fn id_of(&self, path: &JsonPath) -> Option<usize> {
        let (id, _, complete) = self.descend(path, false);
        complete.then_some(id)
    }
}
