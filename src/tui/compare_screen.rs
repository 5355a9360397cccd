//! Two users' metadata side by side as one structural diff: the first user marked with
//! `c`, the second the one `c` was pressed on. Why does one work and the other not?

use crate::domain::diff::{diff_objects, lines, DiffLine};
use crate::domain::{MetadataField, MetadataPair};

/// A user marked for comparison: who, and the metadata as loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    pub id: String,
    pub label: String,
    pub metadata: MetadataPair,
}

pub enum CompareItem {
    Heading(String),
    Same(String),
    Diff(DiffLine),
}

pub struct CompareScreen {
    pub left: String,
    pub right: String,
    pub items: Vec<CompareItem>,
    pub scroll: usize,
    /// Cells scrolled sideways (`←`/`→`).
    pub hscroll: usize,
}

impl CompareScreen {
    /// From `left` to `right`: what `right` has that `left` has not, and the other way.
    pub fn new(left: &Marked, right: &Marked) -> Self {
        let mut items = Vec::new();
        for field in MetadataField::BOTH {
            let found = diff_objects(left.metadata.get(field), right.metadata.get(field));
            items.push(CompareItem::Heading(format!("── {field}")));
            if found.is_same() {
                items.push(CompareItem::Same("  identical".into()));
            } else {
                items.extend(lines(&found).into_iter().map(CompareItem::Diff));
            }
            items.push(CompareItem::Same(String::new()));
        }
        Self {
            left: left.label.clone(),
            right: right.label.clone(),
            items,
            scroll: 0,
            hscroll: 0,
        }
    }

    /// Scrolls to `target`, never past the last screenful.
    pub fn scroll_to(&mut self, target: isize, rows: usize) {
        let last = self.items.len().saturating_sub(rows);
        self.scroll = target.clamp(0, last as isize) as usize;
    }
}
