//! The preview overlay's content as a sequence of lines, in the order shown: the request,
//! what happens to each root key sent, warnings and problems, the structural diff per
//! document, and last the exact body (which may be long). The view styles the lines and
//! `update` bounds the scroll and jumps between sections by them, so the two cannot
//! disagree about where anything is.

use crate::domain::diff::DiffLine;
use crate::domain::validate::{Problem, Severity};
use crate::domain::{FieldPath, MetadataField, Warning};
use crate::preview::Preview;

/// Warnings and problems are wrapped to this width, so each stays whole on screen.
const NOTE_WIDTH: usize = 88;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Blocks sending.
    Error,
    Warning,
}

pub struct PreviewScreen {
    pub preview: Preview,
    /// Problems and warnings, worded and wrapped.
    pub notes: Vec<(NoteKind, String)>,
    pub root_keys: Vec<(FieldPath, String)>,
    pub diffs: Vec<(MetadataField, Vec<DiffLine>)>,
    pub scroll: usize,
    /// Cells scrolled sideways (`←`/`→`): lines longer than the box end with `…`.
    pub hscroll: usize,
    /// Said under the request line when the preview is not of the copy loaded (an
    /// overwrite after a conflict).
    pub base_note: Option<&'static str>,
    /// The journal entry these edits revert, when the preview came from `H`.
    pub reverts: Option<String>,
    /// How many lines `items` yields, counted once.
    lines: usize,
    /// Where each section starts, for Tab.
    sections: Vec<usize>,
    body_lines: usize,
}

/// One line of the preview, cheap to make: only the lines on screen are formatted, so
/// scrolling a large body does not format all of it per frame.
pub enum PreviewItem<'a> {
    Title(String),
    /// A section's heading: Tab jumps from one to the next.
    Section(String),
    RootKey(&'a FieldPath, &'a str),
    Plain(&'a str),
    Blank,
    /// A line of a warning or problem.
    Note(NoteKind, &'a str),
    Diff(&'a DiffLine),
    Hint(&'static str),
}

impl PreviewScreen {
    pub fn new(preview: Preview) -> Self {
        Self::with_note(preview, None)
    }

    /// A preview whose base is not the copy loaded, saying so under the request line.
    pub fn with_note(preview: Preview, base_note: Option<&'static str>) -> Self {
        let diffs = preview.diffs();
        let root_keys = preview.root_keys();
        let notes = notes(&preview.problems, &preview.warnings);
        let mut screen = Self {
            notes,
            preview,
            root_keys,
            diffs,
            scroll: 0,
            hscroll: 0,
            base_note,
            reverts: None,
            lines: 0,
            sections: Vec::new(),
            body_lines: 0,
        };
        screen.body_lines = screen.preview.body_text.lines().count();
        let (mut count, mut sections) = (0, Vec::new());
        for item in screen.items() {
            if matches!(item, PreviewItem::Section(_)) {
                sections.push(count);
            }
            count += 1;
        }
        (screen.lines, screen.sections) = (count, sections);
        screen
    }

    pub fn line_count(&self) -> usize {
        self.lines
    }

    pub fn items(&self) -> impl Iterator<Item = PreviewItem<'_>> {
        let preview = &self.preview;
        let keys = self.root_keys.iter().map(|(at, what)| PreviewItem::RootKey(at, what));
        let count = preview.problems.len() + preview.warnings.len();
        let notes = self.notes.iter().map(|(kind, text)| PreviewItem::Note(*kind, text));
        let notes_heading = if count == 0 {
            PreviewItem::Section("warnings: none".into())
        } else {
            PreviewItem::Section(format!("warnings and problems ({count})"))
        };
        let diffs = self.diffs.iter().flat_map(|(field, diff)| {
            [
                PreviewItem::Blank,
                PreviewItem::Section(format!("{field}: what changes on the server")),
            ]
            .into_iter()
            .chain(diff.iter().map(PreviewItem::Diff))
        });
        let body_heading = format!(
            "the exact body ({} bytes sent compact; shown laid out, {} lines)",
            preview.body_len, self.body_lines
        );
        std::iter::once(PreviewItem::Title(preview.request_line.clone()))
            .chain(self.base_note.map(PreviewItem::Hint))
            .chain(std::iter::once(PreviewItem::Section(
                "what happens to each root key sent".into(),
            )))
            .chain(keys)
            .chain(std::iter::once(PreviewItem::Hint(
                "root keys not listed are left as they are on the server",
            )))
            .chain(std::iter::once(PreviewItem::Blank))
            .chain(std::iter::once(notes_heading))
            .chain(notes)
            .chain(diffs)
            .chain([PreviewItem::Blank, PreviewItem::Section(body_heading)])
            .chain(preview.body_text.lines().map(PreviewItem::Plain))
    }

    /// Scrolls to `target`, never past the point where the last line is at the bottom.
    pub fn scroll_to(&mut self, target: isize, rows: usize) {
        let last = self.lines.saturating_sub(rows) as isize;
        self.scroll = target.clamp(0, last.max(0)) as usize;
    }

    /// The start of the next (or previous) section, wrapping around.
    pub fn section_after(&self, forward: bool) -> usize {
        let found = if forward {
            self.sections
                .iter()
                .find(|s| **s > self.scroll)
                .or(self.sections.first())
        } else {
            self.sections
                .iter()
                .rev()
                .find(|s| **s < self.scroll)
                .or(self.sections.last())
        };
        found.copied().unwrap_or(0)
    }
}

/// Problems first (an error blocks sending), then warnings, each wrapped at word breaks.
fn notes(problems: &[Problem], warnings: &[Warning]) -> Vec<(NoteKind, String)> {
    let worded = problems
        .iter()
        .map(|p| match p.severity() {
            Severity::Error => (NoteKind::Error, format!("error (blocks sending): {p}")),
            Severity::Warning => (NoteKind::Warning, format!("warning: {p}")),
        })
        .chain(warnings.iter().map(|w| (NoteKind::Warning, format!("warning: {w}"))));
    let mut out = Vec::new();
    for (kind, text) in worded {
        let mut line = String::new();
        for word in text.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > NOTE_WIDTH {
                out.push((kind, std::mem::take(&mut line)));
                line.push_str("  ");
            } else if !line.is_empty() && !line.ends_with("  ") {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push((kind, line));
    }
    out
}
