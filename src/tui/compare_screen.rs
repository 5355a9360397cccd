//! Two users' metadata side by side as one structural diff: the first user marked with
//! `c`, the second the one `c` was pressed on. Why does one work and the other not?

use crate::domain::diff::{diff_objects, lines, lines_unfolded, Diff, DiffLine};
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
    /// Both documents' diffs, kept to show them folded or in full.
    diffs: Vec<(MetadataField, Diff)>,
    /// `e`: long values are shown in full instead of `… N more lines`.
    pub unfolded: bool,
}

impl CompareScreen {
    /// From `left` to `right`: what `right` has that `left` has not, and the other way.
    pub fn new(left: &Marked, right: &Marked) -> Self {
        let diffs = MetadataField::BOTH
            .into_iter()
            .map(|field| (field, diff_objects(left.metadata.get(field), right.metadata.get(field))))
            .collect();
        let mut screen = Self {
            left: left.label.clone(),
            right: right.label.clone(),
            items: Vec::new(),
            scroll: 0,
            hscroll: 0,
            diffs,
            unfolded: false,
        };
        screen.items = screen.build();
        screen
    }

    /// `e`: long values in full, or folded again after a few lines.
    pub fn toggle_folding(&mut self) {
        self.unfolded = !self.unfolded;
        self.items = self.build();
    }

    fn build(&self) -> Vec<CompareItem> {
        let mut items = Vec::new();
        for (field, found) in &self.diffs {
            items.push(CompareItem::Heading(format!("── {field}")));
            if found.is_same() {
                items.push(CompareItem::Same("  identical".into()));
            } else {
                let shown = if self.unfolded {
                    lines_unfolded(found)
                } else {
                    lines(found)
                };
                items.extend(shown.into_iter().map(CompareItem::Diff));
            }
            items.push(CompareItem::Same(String::new()));
        }
        items
    }

    /// Scrolls to `target`, never past the last screenful.
    pub fn scroll_to(&mut self, target: isize, rows: usize) {
        let last = self.items.len().saturating_sub(rows);
        self.scroll = target.clamp(0, last as isize) as usize;
    }
}
