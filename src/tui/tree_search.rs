//! A search over both metadata trees of the open user: what was asked, where it
//! matched, and which match the cursor is on.

use crate::domain::Needle;
use crate::tui::pane::TreePane;

pub struct TreeSearch {
    pub query: String,
    needle: Needle,
    /// Per pane, the matching node ids in document order, and the tree version they were
    /// found in: an edit replaces the tree, and the search is run again.
    found: [(u64, Vec<u32>); 2],
    /// Index into all matches, user_metadata's first.
    pub current: usize,
}

impl TreeSearch {
    pub fn run(query: &str, needle: Needle, panes: &[TreePane; 2]) -> Self {
        let found = [0, 1].map(|i| (panes[i].tree.version(), panes[i].tree.find(&needle)));
        Self {
            query: query.to_string(),
            needle,
            found,
            current: 0,
        }
    }

    /// Runs again in a pane whose tree changed since.
    pub fn refresh(&mut self, panes: &[TreePane; 2]) {
        for (i, pane) in panes.iter().enumerate() {
            if self.found[i].0 != pane.tree.version() {
                self.found[i] = (pane.tree.version(), pane.tree.find(&self.needle));
            }
        }
        self.current = self.current.min(self.total().saturating_sub(1));
    }

    pub fn total(&self) -> usize {
        self.found[0].1.len() + self.found[1].1.len()
    }

    /// The pane and node of match `index`.
    pub fn at(&self, index: usize) -> Option<(usize, u32)> {
        let first = self.found[0].1.len();
        if index < first {
            Some((0, self.found[0].1[index]))
        } else {
            self.found[1].1.get(index - first).map(|&id| (1, id))
        }
    }

    /// The first match at or after node `id` of pane `pane`, in both trees' order.
    pub fn first_from(&self, pane: usize, id: u32) -> usize {
        let before = if pane == 1 { self.found[0].1.len() } else { 0 };
        let within = self.found[pane].1.partition_point(|&m| m < id);
        (before + within) % self.total().max(1)
    }

    /// The matches to highlight in a pane, none if they belong to an older tree.
    pub fn matches_in(&self, pane: usize, version: u64) -> &[u32] {
        let (found_in, ids) = &self.found[pane];
        if *found_in == version {
            ids
        } else {
            &[]
        }
    }

    /// "match 3/17" for the pane holding the current match.
    pub fn position(&self, pane: usize) -> Option<String> {
        let (at, _) = self.at(self.current)?;
        (at == pane).then(|| format!("match {}/{}", self.current + 1, self.total()))
    }
}
