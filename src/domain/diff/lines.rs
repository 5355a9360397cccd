//! A diff as lines for a person: scalars inline (`plan: "pro" → "free"`), added and removed
//! values shown (long ones folded with a line count), unchanged siblings folded, a changed
//! key order said as such. Plain text with a kind per line; styling is the UI's.

use serde_json::Value;

use super::{Diff, ItemDiff, KeyDiff};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Where the changes below are (`addresses: {`).
    Context,
    Added,
    Removed,
    Changed,
    /// Unchanged siblings or lines left out; the text says how many.
    Folded,
    /// The keys of an object stand in another order.
    Reordered,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub kind: LineKind,
    pub depth: usize,
    pub text: String,
}

/// A value shown on one line up to this many characters; longer ones are shown pretty,
/// up to `BLOCK` lines.
const INLINE: usize = 60;
const BLOCK: usize = 8;

/// The lines of `diff` (of a whole document), long values folded after `BLOCK` lines.
pub fn lines(diff: &Diff) -> Vec<DiffLine> {
    lines_with(diff, BLOCK)
}

/// The same with every value in full: nothing elided (the compare view's `e`).
pub fn lines_unfolded(diff: &Diff) -> Vec<DiffLine> {
    lines_with(diff, usize::MAX)
}

fn lines_with(diff: &Diff, block: usize) -> Vec<DiffLine> {
    let mut out = Out {
        lines: Vec::new(),
        block,
    };
    children(diff, 0, &mut out);
    out.lines
}

/// The lines made so far, and after how many lines a value is folded.
struct Out {
    lines: Vec<DiffLine>,
    block: usize,
}

fn push(out: &mut Out, kind: LineKind, depth: usize, text: String) {
    out.lines.push(DiffLine { kind, depth, text });
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The lines inside a changed container, at `depth`.
fn children(diff: &Diff, depth: usize, out: &mut Out) {
    match diff {
        Diff::Same => {}
        Diff::Replaced { old, new } => replaced("", old, new, depth, out),
        Diff::Object { keys, reordered } => object_lines(keys, *reordered, depth, out),
        Diff::Array(items) => array_lines(items, depth, out),
    }
}

fn object_lines(keys: &[(String, KeyDiff)], reordered: bool, depth: usize, out: &mut Out) {
    if reordered {
        let order: Vec<&str> = keys
            .iter()
            .filter(|(_, d)| !matches!(d, KeyDiff::Removed(_)))
            .map(|(k, _)| k.as_str())
            .collect();
        push(
            out,
            LineKind::Reordered,
            depth,
            format!("key order now: {}", shorten(&order.join(", "), 100)),
        );
    }
    let mut same = 0;
    for (key, change) in keys {
        if matches!(change, KeyDiff::Same) {
            same += 1;
            continue;
        }
        fold(out, depth, &mut same, "unchanged key", "unchanged keys");
        let label = key_label(key);
        match change {
            KeyDiff::Same => {}
            KeyDiff::Added(value) => value_lines(LineKind::Added, &label, value, depth, out),
            KeyDiff::Removed(value) => value_lines(LineKind::Removed, &label, value, depth, out),
            KeyDiff::Changed(diff) => nested(&label, diff, depth, out),
        }
    }
    fold(out, depth, &mut same, "unchanged key", "unchanged keys");
}

fn array_lines(items: &[ItemDiff], depth: usize, out: &mut Out) {
    let mut same = 0;
    for item in items {
        match item {
            ItemDiff::Same { .. } => same += 1,
            ItemDiff::Removed { old, value } => {
                fold(out, depth, &mut same, "unchanged item", "unchanged items");
                value_lines(LineKind::Removed, &format!("[{old}]"), value, depth, out);
            }
            ItemDiff::Added { new, value } => {
                fold(out, depth, &mut same, "unchanged item", "unchanged items");
                value_lines(LineKind::Added, &format!("[{new}]"), value, depth, out);
            }
            ItemDiff::Changed { new, diff, name, .. } => {
                fold(out, depth, &mut same, "unchanged item", "unchanged items");
                let label = match name {
                    Some(name) => format!("[{new}] {name}"),
                    None => format!("[{new}]"),
                };
                nested(&label, diff, depth, out);
            }
        }
    }
    fold(out, depth, &mut same, "unchanged item", "unchanged items");
}

fn fold(out: &mut Out, depth: usize, same: &mut usize, one: &str, many: &str) {
    if *same > 0 {
        push(out, LineKind::Folded, depth, format!("… {}", plural(*same, one, many)));
        *same = 0;
    }
}

fn nested(label: &str, diff: &Diff, depth: usize, out: &mut Out) {
    match diff {
        Diff::Replaced { old, new } => replaced(label, old, new, depth, out),
        Diff::Object { .. } => {
            push(out, LineKind::Context, depth, format!("{label}: {{"));
            children(diff, depth + 1, out);
        }
        Diff::Array(_) => {
            push(out, LineKind::Context, depth, format!("{label}: ["));
            children(diff, depth + 1, out);
        }
        Diff::Same => {}
    }
}

fn replaced(label: &str, old: &Value, new: &Value, depth: usize, out: &mut Out) {
    let (a, b) = (old.to_string(), new.to_string());
    let prefix = if label.is_empty() {
        String::new()
    } else {
        format!("{label}: ")
    };
    if a.chars().count() <= INLINE && b.chars().count() <= INLINE {
        push(out, LineKind::Changed, depth, format!("{prefix}{a} → {b}"));
    } else {
        value_lines(LineKind::Removed, label, old, depth, out);
        value_lines(LineKind::Added, label, new, depth, out);
    }
}

/// `label: value` on one line, or pretty over several, folded after `BLOCK` lines.
fn value_lines(kind: LineKind, label: &str, value: &Value, depth: usize, out: &mut Out) {
    let compact = value.to_string();
    let prefix = if label.is_empty() {
        String::new()
    } else {
        format!("{label}: ")
    };
    if compact.chars().count() <= INLINE {
        push(out, kind, depth, format!("{prefix}{compact}"));
        return;
    }
    let pretty = serde_json::to_string_pretty(value).unwrap_or(compact);
    let total = pretty.lines().count();
    let block = out.block;
    for (i, line) in pretty.lines().take(block).enumerate() {
        let text = if i == 0 {
            format!("{prefix}{line}")
        } else {
            format!("  {line}")
        };
        push(out, kind, depth, text);
    }
    if total > block {
        push(
            out,
            LineKind::Folded,
            depth,
            format!("  … {}", plural(total - block, "more line", "more lines")),
        );
    }
}

fn key_label(key: &str) -> String {
    let plain = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        key.to_string()
    } else {
        serde_json::to_string(key).unwrap_or_else(|_| key.to_string())
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

/// One line on how a value changed: `"pro" → "free"`, `+work -home ~city`, `2 items added`.
pub fn summary(diff: &Diff) -> String {
    match diff {
        Diff::Same => "unchanged".into(),
        Diff::Replaced { old, new } => {
            format!("{} → {}", shorten(&old.to_string(), 30), shorten(&new.to_string(), 30))
        }
        Diff::Object { keys, reordered } => {
            let mut parts: Vec<String> = keys
                .iter()
                .filter_map(|(key, change)| {
                    let key = key_label(key);
                    match change {
                        KeyDiff::Same => None,
                        KeyDiff::Added(_) => Some(format!("+{key}")),
                        KeyDiff::Removed(_) => Some(format!("-{key}")),
                        KeyDiff::Changed(_) => Some(format!("~{key}")),
                    }
                })
                .collect();
            if parts.len() > 6 {
                let more = parts.len() - 5;
                parts.truncate(5);
                parts.push(format!("and {more} more"));
            }
            if *reordered {
                parts.push("keys reordered".into());
            }
            parts.join(" ")
        }
        Diff::Array(items) => {
            let count = |f: fn(&ItemDiff) -> bool| items.iter().filter(|i| f(i)).count();
            let added = count(|i| matches!(i, ItemDiff::Added { .. }));
            let removed = count(|i| matches!(i, ItemDiff::Removed { .. }));
            let changed = count(|i| matches!(i, ItemDiff::Changed { .. }));
            let mut parts = Vec::new();
            for (n, what) in [(added, "added"), (removed, "removed"), (changed, "changed")] {
                if n > 0 {
                    parts.push(format!("{} {what}", plural(n, "item", "items")));
                }
            }
            parts.join(", ")
        }
    }
}
