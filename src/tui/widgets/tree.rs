//! Draws a metadata tree: only the rows on screen are visited, and long values are cut
//! before they are formatted, so a frame costs the same on 1 KB or 16 MB.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use serde_json::Value;

use crate::domain::tree::{is_container, Node};
use crate::domain::{Mark, Row, RowKey};
use crate::text::cut;
use crate::tui::state::TreePane;
use crate::tui::theme::Theme;

pub struct TreeWidget<'a> {
    pub pane: &'a TreePane,
    pub focused: bool,
    pub theme: Theme,
    /// Nodes the search found here (document order), and "match 3/17" if the current
    /// match is in this tree.
    pub matches: &'a [u32],
    pub position: Option<String>,
}

impl Widget for TreeWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let pane = self.pane;
        let keys = pane.current().len();
        let mut title = format!(" {} · {keys} {} ", pane.field, if keys == 1 { "key" } else { "keys" });
        let sending = pane.sending;
        if sending > 0 {
            title.push_str(&format!(
                "· {sending} root {} to send ",
                if sending == 1 { "key" } else { "keys" }
            ));
        }
        if let Some(position) = &self.position {
            title.push_str(&format!("· {position} "));
        }
        let border = if self.focused {
            self.theme.border_focused()
        } else {
            self.theme.dim()
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(border)
            .title(Span::styled(title, self.theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let rows = pane.tree.rows(pane.scroll, usize::from(inner.height));
        for (i, row) in rows.iter().enumerate() {
            let y = inner.y + i as u16;
            let mark = pane.mark(row.id);
            let width = usize::from(inner.width).saturating_sub(2);
            let line = marked(
                row_line(
                    row,
                    pane.field.name(),
                    width,
                    self.theme,
                    deleted_children(pane, row.id),
                ),
                mark,
                self.theme,
            );
            let line_area = Rect::new(inner.x, y, inner.width, 1);
            line.render(line_area, buf);
            if self.matches.binary_search(&row.id).is_ok() {
                let text = Rect::new(inner.x + 2, y, inner.width.saturating_sub(2), 1);
                buf.set_style(text, self.theme.search_match());
            }
            if pane.scroll + i == pane.cursor {
                // Laid over the row, so dim values (`null`, counts) stay readable on it.
                let style = if self.focused {
                    self.theme.selected()
                } else {
                    self.theme.selected_unfocused()
                };
                buf.set_style(line_area, style);
            }
        }
    }
}

/// Puts the change mark in front of a row: `+` added, `~` changed, `-` deleted (struck
/// through), `•` something inside changed.
fn marked(line: Line<'static>, mark: Mark, theme: Theme) -> Line<'static> {
    let (sign, style) = match mark {
        Mark::Same => return Line::from([vec![Span::raw("  ")], line.spans].concat()),
        Mark::Added => ("+ ", theme.added()),
        Mark::Changed => ("~ ", theme.changed()),
        Mark::Deleted => ("- ", theme.deleted()),
        Mark::Inside => ("• ", theme.changed()),
    };
    let mut spans = vec![Span::styled(sign, style)];
    match mark {
        Mark::Deleted => spans.extend(line.spans.into_iter().map(|s| s.patch_style(theme.deleted()))),
        _ => spans.extend(line.spans),
    }
    Line::from(spans)
}

/// Children of node `id` shown only because the draft deletes them: not counted.
fn deleted_children(pane: &TreePane, id: u32) -> usize {
    if pane.marks.is_empty() {
        return 0;
    }
    pane.tree
        .child_ids(id as usize)
        .filter(|child| pane.mark(*child as u32) == Mark::Deleted)
        .count()
}

/// One row: indentation, fold marker, key, and the value by type. `deleted` children of
/// a container are left out of its count.
pub fn row_line(row: &Row<'_>, root_label: &str, width: usize, theme: Theme, deleted: usize) -> Line<'static> {
    let mut spans = vec![Span::raw("  ".repeat(row.depth))];
    let container = row.value.is_container();
    spans.push(Span::styled(
        match (container, row.expanded) {
            (false, _) => "  ",
            (true, true) => "▾ ",
            (true, false) => "▸ ",
        },
        theme.dim(),
    ));
    match row.key {
        RowKey::Root => spans.push(Span::styled(root_label.to_string(), theme.title())),
        RowKey::Key(key) => spans.push(Span::styled(cut(key, width), theme.key())),
        RowKey::Index(index) => spans.push(Span::styled(format!("[{index}]"), theme.dim())),
    }
    spans.push(Span::raw(if matches!(row.key, RowKey::Root) { " " } else { ": " }));
    let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    let room = width.saturating_sub(used).max(4);
    match row.value.value() {
        Some(scalar) if !is_container(scalar) => spans.push(scalar_span(scalar, room, theme)),
        _ => {
            let (open, close) = if matches!(row.value.value(), Some(Value::Array(_))) {
                ('[', ']')
            } else {
                ('{', '}')
            };
            let count = row.value.len().saturating_sub(deleted);
            spans.push(Span::styled(format!("{open}{count}{close}"), theme.dim()));
            if !row.expanded && !row.value.is_empty() {
                spans.push(Span::styled(format!(" {}", taste(row.value, room)), theme.dim()));
            }
        }
    }
    Line::from(spans)
}

pub fn scalar_span(value: &Value, room: usize, theme: Theme) -> Span<'static> {
    match value {
        Value::String(s) => Span::styled(quoted(s, room), theme.string()),
        Value::Number(n) => Span::styled(n.to_string(), theme.number()),
        Value::Bool(b) => Span::styled(b.to_string(), theme.boolean()),
        Value::Null => Span::styled("null", theme.null()),
        other => Span::raw(taste(Node::Value(other), room)),
    }
}

/// `"text"` JSON-escaped, cut to `room` characters before escaping the whole string.
fn quoted(text: &str, room: usize) -> String {
    let head: String = text.chars().take(room).collect();
    let escaped = serde_json::to_string(&head).unwrap_or_default();
    if head.len() < text.len() || escaped.chars().count() > room {
        let mut out: String = escaped.chars().take(room.saturating_sub(1)).collect();
        out.push('…');
        out
    } else {
        escaped
    }
}

/// A one-line taste of a container, at most `room` characters: `{home: {…}, work: "x"}`.
pub fn taste(node: Node<'_>, room: usize) -> String {
    let (open, close) = match node.value() {
        Some(Value::Array(_)) => ('[', ']'),
        _ => ('{', '}'),
    };
    let mut out = String::from(open);
    let items = node.children().map(|(key, child)| match key {
        RowKey::Key(key) => (Some(key), child),
        _ => (None, child),
    });
    for (n, (key, child)) in items.enumerate() {
        if out.chars().count() >= room {
            break;
        }
        if n > 0 {
            out.push_str(", ");
        }
        if let Some(key) = key {
            out.push_str(key);
            out.push_str(": ");
        }
        match child {
            Value::Object(m) if m.is_empty() => out.push_str("{}"),
            Value::Array(a) if a.is_empty() => out.push_str("[]"),
            Value::Object(_) => out.push_str("{…}"),
            Value::Array(_) => out.push_str("[…]"),
            Value::String(s) => out.push_str(&quoted(s, 24)),
            other => out.push_str(&other.to_string()),
        }
    }
    out.push(close);
    cut(&out, room)
}
