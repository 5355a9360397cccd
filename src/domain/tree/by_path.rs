//! Finding a node by its path: the row it shows at, its value, its kind.

use serde_json::Value;

use super::{RowKey, Tree};
use crate::domain::path::{JsonPath, Segment};

impl Tree {
    /// The row showing `path`, or its nearest shown ancestor's row.
    pub fn row_of(&self, path: &JsonPath) -> usize {
        self.descend(path, true).1
    }

    /// The value at `path`, parsed from the text; `None` at the root, which is the
    /// document, and where nothing is.
    pub fn value_at(&self, path: &JsonPath) -> Option<Value> {
        match self.descend(path, false) {
            (id, _, true) if id != 0 => Some(self.node(id).to_value()),
            _ => None,
        }
    }

    /// Follows `path` down from the root: the id reached and its row (the rows counted
    /// only while `shown_only` keeps the walk to open nodes), and whether all of it exists.
    pub(super) fn descend(&self, path: &JsonPath, shown_only: bool) -> (usize, usize, bool) {
        let (mut id, mut row) = (0usize, 0usize);
        for wanted in path.segments() {
            if shown_only && !self.expanded[id] {
                return (id, row, false);
            }
            let mut next_row = row + 1;
            let mut found = None;
            for (index, child) in self.child_ids(id).enumerate() {
                let is_wanted = match (wanted, self.key_of(id, index, child)) {
                    (Segment::Key(want), RowKey::Key(key)) => *want == key,
                    (Segment::Index(want), RowKey::Index(i)) => *want == i,
                    _ => false,
                };
                if is_wanted {
                    found = Some(child);
                    break;
                }
                next_row += self.visible[child] as usize;
            }
            let Some(child) = found else {
                return (id, row, false);
            };
            (id, row) = (child, next_row);
        }
        (id, row, true)
    }
}
