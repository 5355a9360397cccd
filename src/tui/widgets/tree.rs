//! Draws a metadata tree: only the rows on screen are visited, and long values are cut
//! before they are formatted, so a frame costs the same on 1 KB or 16 MB.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use crate::domain::tree::Node;
use crate::domain::ValueKind;
use crate::domain::{Mark, Row, RowKey};
use crate::text::{bytes, cut, cut_marked, json_visible, visible, visible_key, width as width_of};
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
    /// `S`: each row ends with its node's size.
    pub weights: bool,
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
            let room_for_size = if self.weights { 10 } else { 0 };
            let width = usize::from(inner.width).saturating_sub(2 + room_for_size);
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
            if self.weights {
                // Right-aligned over the row's end, on a cleared cell run.
                let text = format!(" {:>9}", bytes(row.value.json_len() as u64));
                let cells = text.chars().count() as u16;
                if inner.width > cells + 8 {
                    let at = Rect::new(inner.x + inner.width - cells, y, cells, 1);
                    Line::from(Span::styled(text, self.theme.dim())).render(at, buf);
                }
            }
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

/// Children of node `id` shown only because the draft deletes them: not counted. A
/// deleted container keeps its count: it is shown as it was.
fn deleted_children(pane: &TreePane, id: u32) -> usize {
    if pane.marks.is_empty() || pane.mark(id) == Mark::Deleted {
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
    let kind = row.value.kind();
    let container = matches!(kind, ValueKind::Object | ValueKind::Array);
    spans.push(Span::styled(
        match (container, row.expanded) {
            (false, _) => "  ",
            (true, true) => "▾ ",
            (true, false) => "▸ ",
        },
        theme.dim(),
    ));
    match &row.key {
        RowKey::Root => spans.push(Span::styled(root_label.to_string(), theme.title())),
        RowKey::Key(key) => spans.push(Span::styled(cut(&visible_key(key), width), theme.key())),
        RowKey::Index(index) => spans.push(Span::styled(format!("[{index}]"), theme.dim())),
    }
    spans.push(Span::raw(if matches!(row.key, RowKey::Root) { " " } else { ": " }));
    let used: usize = spans.iter().map(|s| width_of(&s.content)).sum();
    let room = width.saturating_sub(used).max(4);
    if container {
        let (open, close) = brackets(kind);
        let count = row.value.len().saturating_sub(deleted);
        let counted = format!("{open}{count}{close}");
        // The taste gets what is left after the count, so it ends with `…`, not at the edge.
        let left = room.saturating_sub(width_of(&counted) + 1);
        spans.push(Span::styled(counted, theme.dim()));
        if !row.expanded && !row.value.is_empty() && left >= 2 {
            spans.push(Span::styled(format!(" {}", taste(row.value, left)), theme.dim()));
        }
    } else {
        spans.push(scalar_span(row.value, room, theme));
    }
    Line::from(spans)
}

fn brackets(kind: ValueKind) -> (char, char) {
    if kind == ValueKind::Array {
        ('[', ']')
    } else {
        ('{', '}')
    }
}

fn scalar_span(node: Node<'_>, room: usize, theme: Theme) -> Span<'static> {
    let text = node.scalar().unwrap_or_default();
    match node.kind() {
        ValueKind::String => Span::styled(quoted(&text, room), theme.string()),
        ValueKind::Number => Span::styled(cut(&visible(&text), room), theme.number()),
        ValueKind::Bool => Span::styled(visible(&text).into_owned(), theme.boolean()),
        _ => Span::styled("null", theme.null()),
    }
}

/// `"text"` JSON-escaped, cut to `room` cells (only its start is escaped: a long string
/// costs what is shown).
fn quoted(text: &str, room: usize) -> String {
    let head: String = text.chars().take(room).collect();
    let escaped = json_visible(&head);
    if head.len() < text.len() {
        cut_marked(&escaped, room)
    } else {
        cut(&escaped, room)
    }
}

/// A one-line taste of a container, at most `room` characters: `{home: {…}, work: "x"}`.
pub fn taste(node: Node<'_>, room: usize) -> String {
    let (open, close) = brackets(node.kind());
    let mut out = String::from(open);
    for (n, (key, child)) in node.children().enumerate() {
        if width_of(&out) >= room {
            break;
        }
        if n > 0 {
            out.push_str(", ");
        }
        if let RowKey::Key(key) = key {
            out.push_str(&visible_key(&key));
            out.push_str(": ");
        }
        match child.kind() {
            ValueKind::Object | ValueKind::Array if child.is_empty() => {
                let (open, close) = brackets(child.kind());
                out.push(open);
                out.push(close);
            }
            ValueKind::Object => out.push_str("{…}"),
            ValueKind::Array => out.push_str("[…]"),
            ValueKind::String => out.push_str(&quoted(&child.scalar().unwrap_or_default(), 24)),
            _ => out.push_str(&visible(&child.scalar().unwrap_or_default())),
        }
    }
    out.push(close);
    cut(&out, room)
}
