//! Opening and closing nodes: one node, all of them, or down to a depth. Each keeps the
//! per-node row counts right so drawing never walks the whole document.

use super::{segment, Tree};
use crate::domain::path::JsonPath;

impl Tree {
    pub fn is_expanded(&self, id: u32) -> bool {
        self.expanded[id as usize]
    }

    /// Opens or closes the node at `row`; false if nothing changed.
    pub fn set_expanded(&mut self, row: usize, open: bool) -> bool {
        let Some(at) = self.locate(row) else {
            return false;
        };
        let id = at.id as usize;
        if self.expanded[id] == open || (self.size[id] == 1 && open && id != 0 && !self.node(id).is_container()) {
            return false;
        }
        self.expanded[id] = open;
        let before = self.visible[id];
        self.visible[id] = self.shown_rows(id);
        let after = self.visible[id];
        for ancestor in at.ancestors {
            let v = &mut self.visible[ancestor as usize];
            *v = *v + after - before;
        }
        true
    }

    pub fn expand_all(&mut self) {
        self.expanded.fill(true);
        self.visible.copy_from_slice(&self.size);
    }

    /// Everything closed but the root.
    pub fn collapse_all(&mut self) {
        self.expanded.fill(false);
        self.visible.fill(1);
        self.expanded[0] = true;
        self.visible[0] = self.shown_rows(0);
    }

    /// Opens every node shallower than `depth` (the root is depth 0) and closes the rest.
    pub fn expand_to_depth(&mut self, depth: usize) {
        let mut ends: Vec<usize> = Vec::new();
        for id in 0..self.size.len() {
            while ends.last().is_some_and(|&end| end <= id) {
                ends.pop();
            }
            self.expanded[id] = id == 0 || ends.len() < depth;
            ends.push(id + self.size[id] as usize);
        }
        self.recount();
    }

    pub(super) fn recount(&mut self) {
        for id in (0..self.size.len()).rev() {
            self.visible[id] = self.shown_rows(id);
        }
    }

    /// Paths of the open nodes, to carry expansion over a change of the document.
    pub fn expanded_paths(&self) -> Vec<JsonPath> {
        let mut out = Vec::new();
        self.collect_expanded(0, JsonPath::root(), &mut out);
        out
    }

    pub(super) fn collect_expanded(&self, id: usize, path: JsonPath, out: &mut Vec<JsonPath>) {
        if !self.expanded[id] {
            return;
        }
        for (index, child) in self.child_ids(id).enumerate() {
            if self.expanded[child] {
                if let Some(segment) = segment(&self.key_of(id, index, child)) {
                    self.collect_expanded(child, path.child(segment), out);
                }
            }
        }
        out.push(path);
    }
}
