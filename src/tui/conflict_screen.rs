//! The conflict overlay's content: for each root key both sides changed, what they
//! changed and what you changed (structural diffs from the copy you loaded), then the
//! three values in full, wrapped rather than cut, so the part that differs is visible.

use serde_json::Value;

use crate::domain::diff::{diff, lines, DiffLine, LineKind};
use crate::domain::field_path::join;
use crate::domain::{ConflictReport, FieldPath, User};

/// Values are wrapped to this width.
const WIDTH: usize = 88;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictLineKind {
    Text,
    Heading,
    Label,
    Diff(LineKind),
    Dim,
}

pub struct ConflictScreen {
    pub report: ConflictReport,
    /// The user as the server holds it now, for a rebase or an overwrite.
    pub server: User,
    pub lines: Vec<(ConflictLineKind, usize, String)>,
    pub scroll: usize,
    /// Found when a saved draft was restored: discarding the draft is a choice too.
    pub from_draft: bool,
}

impl ConflictScreen {
    pub fn new(report: ConflictReport, server: User) -> Self {
        let lines = describe(&report);
        Self {
            report,
            server,
            lines,
            scroll: 0,
            from_draft: false,
        }
    }

    /// The conflict between a restored draft and the server: "as loaded" is the draft's base.
    pub fn for_draft(report: ConflictReport, server: User) -> Self {
        let mut screen = Self::new(report, server);
        screen.from_draft = true;
        for (_, _, text) in &mut screen.lines {
            *text = text
                .replace("since you loaded this user", "since this draft was made")
                .replace("as loaded", "when the draft was made");
        }
        screen
    }

    pub fn scroll_to(&mut self, target: isize, rows: usize) {
        let last = self.lines.len().saturating_sub(rows) as isize;
        self.scroll = target.clamp(0, last.max(0)) as usize;
    }
}

fn describe(report: &ConflictReport) -> Vec<(ConflictLineKind, usize, String)> {
    use ConflictLineKind::*;
    let mut out = vec![(
        Text,
        0,
        "Changed on the server since you loaded this user, and written again by your edits:".to_string(),
    )];
    for conflict in &report.overwritten {
        out.push((Text, 0, String::new()));
        let at = FieldPath::root_key(conflict.field, conflict.key.clone());
        out.push((Heading, 0, format!("── {at}")));
        out.push((Label, 1, "they changed (as loaded → on the server now):".into()));
        side(&mut out, conflict.loaded.as_ref(), conflict.server.as_ref());
        out.push((Label, 1, "you changed (as loaded → what you would send):".into()));
        side(&mut out, conflict.loaded.as_ref(), conflict.ours.as_ref());
        for (label, value) in [
            ("as loaded:", &conflict.loaded),
            ("on the server now:", &conflict.server),
            ("you would send:", &conflict.ours),
        ] {
            out.push((Label, 1, label.into()));
            let text = value.as_ref().map_or_else(|| "(absent)".to_string(), Value::to_string);
            for chunk in wrap(&text) {
                out.push((Dim, 2, chunk));
            }
        }
    }
    if !report.kept.is_empty() {
        let kept: Vec<FieldPath> = report
            .kept
            .iter()
            .map(|(f, k)| FieldPath::root_key(*f, k.clone()))
            .collect();
        out.push((Text, 0, String::new()));
        out.push((
            Dim,
            0,
            format!("Also changed there, and kept as the server has them: {}", join(&kept)),
        ));
    }
    out
}

/// The diff lines from `a` to `b`, where either may be absent.
fn side(out: &mut Vec<(ConflictLineKind, usize, String)>, a: Option<&Value>, b: Option<&Value>) {
    let found: Vec<DiffLine> = match (a, b) {
        (Some(a), Some(b)) => lines(&diff(a, b)),
        (None, Some(b)) => vec![line(LineKind::Added, format!("added: {b}"))],
        (Some(_), None) => vec![line(LineKind::Removed, "deleted".into())],
        (None, None) => Vec::new(),
    };
    if found.is_empty() {
        out.push((ConflictLineKind::Dim, 2, "nothing".into()));
    }
    for l in found {
        let text = format!("{}{}", "  ".repeat(l.depth), l.text);
        for chunk in wrap(&text) {
            out.push((ConflictLineKind::Diff(l.kind), 2, chunk));
        }
    }
}

fn line(kind: LineKind, text: String) -> DiffLine {
    DiffLine { kind, depth: 0, text }
}

/// Cuts `text` into pieces of at most `WIDTH` characters.
fn wrap(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    chars.chunks(WIDTH).map(|c| c.iter().collect()).collect()
}
