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
            Span::raw(meaning),
        ]));
    }
    // As many columns as it takes to show every key on a short terminal, as many as fit
    // the width; past that the list scrolls (j/k), and says so.
    let rows = usize::from(area.height.saturating_sub(2)).max(1);
    let widest = (lines.iter().map(Line::width).max().unwrap_or(0).max(40) + 2)
        .min(usize::from(area.width).saturating_sub(2).max(1));
    let fit_columns = (usize::from(area.width).saturating_sub(2) / widest).max(1);
    let columns = lines.len().div_ceil(rows).clamp(1, fit_columns);
    let shown = rows * columns;
    let last = lines.len().saturating_sub(shown);
    let scroll = state.help_scroll.min(last);
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(shown).collect();
    let per_column = visible.len().div_ceil(columns).max(1);
    let popup = centered(area, (widest * columns + 2) as u16, per_column as u16 + 2);
    let hint = match last {
        0 => " any key closes ".to_string(),
        _ => format!(
            " j/k scroll ({}-{} of {}) · any other key closes ",
            scroll + 1,
            scroll + shown.min(last + shown - scroll),
            last + shown
        ),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" keys: {screen} "), theme.title()))
        .title_bottom(Span::styled(hint, theme.dim()));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let parts = Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(inner);
    for (part, chunk) in parts.iter().zip(visible.chunks(per_column)) {
        let width = usize::from(part.width);
        let cut: Vec<Line> = chunk
            .iter()
            .map(|line| {
                let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                match crate::text::width(&text) > width {
                    true => Line::from(crate::text::cut(&text, width)),
                    false => line.clone(),
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(cut), *part);
    }
}

/// The text area's own keys (ratatui-textarea's), shared by both editors.
const TEXT_KEYS: [(&str, &str); 9] = [
    ("Ctrl-A / Home", "start of the line"),
    ("Ctrl-E / End", "end of the line"),
    ("Alt-B / Alt-F", "a word back / forward"),
    ("Ctrl-W", "delete the word before"),
    ("Alt-D", "delete the word after"),
    ("Ctrl-K", "delete to the end of the line"),
    ("Ctrl-J", "delete to the start of the line"),
    ("Ctrl-Y", "paste what was deleted"),
    ("Ctrl-R", "redo"),
];

/// What the marks on screen mean, or the text keys of an editor, listed under the keys.
fn signs(state: &State) -> Vec<(&'static str, &'static str)> {
    use crate::tui::state::{EditorPurpose, Overlay};
    if let Some(Overlay::Editor(editor)) = &state.overlay {
        let json = matches!(editor.purpose, EditorPurpose::Json { .. });
        // In the value editor Ctrl-J is a line break (its key table says so).
        let mut keys: Vec<_> = TEXT_KEYS
            .iter()
            .filter(|(k, _)| json || *k != "Ctrl-J")
            .copied()
            .collect();
        keys.push(match editor.purpose {
            EditorPurpose::Json { .. } => ("Ctrl-U", "undo"),
            _ => ("Ctrl-U", "delete everything before the cursor"),
        });
        if matches!(editor.purpose, EditorPurpose::Json { .. }) {
            keys.push(("Alt-< / Alt->", "top / bottom of the text"));
        }
        return keys;
    }
    let marks: &[(&'static str, &'static str)] = match (state.overlay.is_none(), state.on_list()) {
        (true, true) => &[
            ("meta ●", "the user has metadata"),
            ("meta ✎", "a draft of edits is saved"),
            ("meta ▲", "the profile is over Auth0's 10 KB cap"),
            ("y then i e", "copy: the user's id, email"),
        ],
        (true, false) => &[
            ("+ ~ - •", "added, changed, deleted, inside"),
            ("y then y s k p", "copy: value as JSON, string text, key, path"),
            ("y then j q a", "copy: jq path, Auth0 search query, Actions expression"),
        ],
        _ => &[],
    };
    marks.to_vec()
}
