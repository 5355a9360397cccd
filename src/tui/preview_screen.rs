//! The preview overlay's content as a sequence of lines, in the order shown. The view
//! styles them and `update` bounds the scroll by their count: one list, so the two
//! cannot disagree about where the preview ends.

use crate::domain::validate::Problem;
use crate::domain::{MetadataField, Warning};
use crate::preview::{DiffLine, Preview};

pub struct PreviewScreen {
    pub preview: Preview,
    pub diffs: Vec<(MetadataField, Vec<DiffLine>)>,
    pub scroll: usize,
    /// How many lines `items` yields, counted once.
    lines: usize,
}

/// One line of the preview, cheap to make: only the lines on screen are formatted, so
/// scrolling a large body does not format all of it per frame.
pub enum PreviewItem<'a> {
    Title(String),
    Plain(&'a str),
    Blank,
    Problem(&'a Problem),
    Warning(&'a Warning),
    Diff(&'a DiffLine),
}

impl PreviewScreen {
    pub fn new(preview: Preview) -> Self {
        let diffs = preview.diffs();
        let mut screen = Self {
            preview,
            diffs,
            scroll: 0,
            lines: 0,
        };
        screen.lines = screen.items().count();
        screen
    }

    pub fn line_count(&self) -> usize {
        self.lines
    }

    /// The request line, the body, problems and warnings, then the diffs.
    pub fn items(&self) -> impl Iterator<Item = PreviewItem<'_>> {
        let preview = &self.preview;
        let notes = preview
            .problems
            .iter()
            .map(PreviewItem::Problem)
            .chain(preview.warnings.iter().map(PreviewItem::Warning));
        let diffs = self.diffs.iter().flat_map(|(field, diff)| {
            [
                PreviewItem::Blank,
                PreviewItem::Title(format!("{field} on the server afterwards:")),
            ]
            .into_iter()
            .chain(diff.iter().map(PreviewItem::Diff))
        });
        std::iter::once(PreviewItem::Title(preview.request_line.clone()))
            .chain(preview.body_text.lines().map(PreviewItem::Plain))
            .chain(std::iter::once(PreviewItem::Blank))
            .chain(notes)
            .chain(diffs)
    }

    /// Scrolls to `target`, never past the point where the last line is at the bottom.
    pub fn scroll_to(&mut self, target: isize, rows: usize) {
        let last = self.lines.saturating_sub(rows) as isize;
        self.scroll = target.clamp(0, last.max(0)) as usize;
    }
}
