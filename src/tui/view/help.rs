//! `?`: every key of what has focus (screen or overlay), from the table that dispatches them.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::centered;
use crate::tui::keymap;
use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn draw(state: &State, frame: &mut Frame, area: Rect, theme: Theme) {
    let screen = keymap::table(state).title;
    let mut lines: Vec<Line> = keymap::listed(state)
        .map(|b| {
            Line::from(vec![
                Span::styled(format!("  {:<16}", b.keys_label()), theme.footer_key()),
                Span::raw(b.label),
            ])
        })
        .collect();
    for (sign, meaning) in signs(state) {
        lines.push(Line::from(vec![
            Span::styled(format!("  {sign:<16}"), theme.dim()),
            Span::raw(*meaning),
        ]));
    }
    // As many columns as it takes to show every key on a short terminal.
    let rows = usize::from(area.height.saturating_sub(2)).max(1);
    let columns = lines.len().div_ceil(rows).max(1);
    let per_column = lines.len().div_ceil(columns);
    // Each column as wide as its longest line, so no label is cut.
    let widest = lines.iter().map(Line::width).max().unwrap_or(0).max(46) as u16 + 2;
    let popup = centered(area, widest * columns as u16 + 2, per_column as u16 + 2);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" keys: {screen} "), theme.title()))
        .title_bottom(Span::styled(" any key closes ", theme.dim()));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let parts = Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(inner);
    for (part, chunk) in parts.iter().zip(lines.chunks(per_column)) {
        frame.render_widget(Paragraph::new(chunk.to_vec()), *part);
    }
}

/// What the marks on screen mean, listed under the keys.
fn signs(state: &State) -> &'static [(&'static str, &'static str)] {
    match (state.overlay.is_none(), state.on_list()) {
        (true, true) => &[
            ("meta ●", "the user has metadata"),
            ("meta ✎", "a draft of edits is saved"),
        ],
        (true, false) => &[("+ ~ - •", "added, changed, deleted, inside")],
        _ => &[],
    }
}
