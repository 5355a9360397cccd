//! The conflict overlay's content: for each root key both sides changed, what they
//! changed and what you changed (structural diffs from the copy you loaded), then the
//! three values in full, wrapped rather than cut, so the part that differs is visible.

use serde_json::Value;

use crate::domain::diff::{diff, lines, DiffLine, LineKind};
use crate::domain::field_path::join;
use crate::domain::{ConflictReport, FieldPath, MetadataField, User};

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
    /// Cells scrolled sideways (`←`/`→`).
    pub hscroll: usize,
    /// Found when a saved draft was restored: discarding the draft is a choice too.
    pub from_draft: bool,
    /// For a restored draft, per conflicting root key, what "keep mine" sends: the
    /// key as the draft made it (its edits on the copy it was made on). A rebase
    /// sends the edits made again on the server's copy instead.
    pub keep_mine: Vec<(MetadataField, String, Option<Value>)>,
}

impl ConflictScreen {
    pub fn new(report: ConflictReport, server: User) -> Self {
        let lines = describe(&report, None);
        Self {
            report,
            server,
            lines,
            scroll: 0,
            hscroll: 0,
            from_draft: false,
            keep_mine: Vec::new(),
        }
    }

    /// The conflict between a restored draft and the server. In `report`, "loaded" is
    /// the draft's base and "ours" the key as the draft made it; `rebased` is, per
    /// conflict, what the draft's edits make of the server's copy.
    pub fn for_draft(report: ConflictReport, server: User, rebased: Vec<Option<Value>>) -> Self {
        let keep_mine = report
            .overwritten
            .iter()
            .map(|c| (c.field, c.key.clone(), c.ours.clone()))
            .collect();
        let lines = describe(&report, Some(&rebased));
        Self {
            report,
            server,
            lines,
            scroll: 0,
            hscroll: 0,
            from_draft: true,
            keep_mine,
        }
    }

    pub fn scroll_to(&mut self, target: isize, rows: usize) {
        let last = self.lines.len().saturating_sub(rows) as isize;
        self.scroll = target.clamp(0, last.max(0)) as usize;
    }
}

/// The lines for `report`; `rebased` (a restored draft's) switches the labels to the
/// draft's sides and adds what each choice sends.
fn describe(report: &ConflictReport, rebased: Option<&[Option<Value>]>) -> Vec<(ConflictLineKind, usize, String)> {
    use ConflictLineKind::*;
    let draft = rebased.is_some();
    let intro = match draft {
        false => "Changed on the server since you loaded this user, and written again by your edits:",
        true => "Changed on the server since this draft was made, and edited by the draft:",
    };
    let mut out = vec![(Text, 0, intro.to_string())];
    for (i, conflict) in report.overwritten.iter().enumerate() {
        out.push((Text, 0, String::new()));
        let at = FieldPath::root_key(conflict.field, conflict.key.clone());
        out.push((Heading, 0, format!("── {at}")));
        let (theirs, yours) = match draft {
            false => (
                "they changed (as loaded → on the server now):",
                "you changed (as loaded → what you would send):",
            ),
            true => (
                "the server changed (when the draft was made → now):",
                "your draft changed (when it was made → as the draft made it):",
            ),
        };
        out.push((Label, 1, theirs.into()));
        side(&mut out, conflict.loaded.as_ref(), conflict.server.as_ref());
        out.push((Label, 1, yours.into()));
        side(&mut out, conflict.loaded.as_ref(), conflict.ours.as_ref());
        let rebased = rebased.and_then(|r| r.get(i)).cloned().flatten();
        let values: Vec<(&str, Option<&Value>)> = match draft {
            false => vec![
                ("as loaded:", conflict.loaded.as_ref()),
                ("on the server now:", conflict.server.as_ref()),
                ("you would send:", conflict.ours.as_ref()),
            ],
            true => vec![
                ("when the draft was made:", conflict.loaded.as_ref()),
                ("on the server now:", conflict.server.as_ref()),
                (
                    "keep mine sends (the draft as made; their change is replaced):",
                    conflict.ours.as_ref(),
                ),
                ("rebase sends (the draft's edits on their copy):", rebased.as_ref()),
            ],
        };
        for (label, value) in values {
            out.push((Label, 1, label.into()));
            let text = value.map_or_else(|| "(absent)".to_string(), Value::to_string);
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

/// Cuts `text` into lines of at most `WIDTH` characters, after a `,` `:` or space
/// where there is one (JSON at its token boundaries, not `"trusted":f` / `alse}`);
/// each continuation starts with `↪ `. A line still longer than the box ends with `…`
/// there, and `←`/`→` scroll to it.
fn wrap(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= WIDTH {
        return vec![text.to_string()];
    }
    let mut out = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let room = if out.is_empty() { WIDTH } else { WIDTH - 2 };
        let end = (start + room).min(chars.len());
        let cut = if end == chars.len() {
            end
        } else {
            (start + room / 2..end)
                .rev()
                .find(|&i| matches!(chars[i - 1], ',' | ':' | ' '))
                .unwrap_or(end)
        };
        let piece: String = chars[start..cut].iter().collect();
        out.push(if out.is_empty() { piece } else { format!("↪ {piece}") });
        start = cut;
    }
    out
}
