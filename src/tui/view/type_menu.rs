//! The type menu: what `t` can turn a value into.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::{centered, hints};
use crate::domain::{FieldPath, ValueKind};
use crate::tui::keymap;
use crate::tui::state::TypeMenu;
use crate::tui::theme::Theme;

pub fn draw_type_menu(menu: &TypeMenu, frame: &mut Frame, area: Rect, theme: Theme) {
    let lines: Vec<Line> = ValueKind::ALL
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let style = if i == menu.selected {
                theme.selected()
            } else {
                Style::default()
            };
            Line::from(Span::styled(format!("  {:<10}", kind.name()), style))
        })
        .collect();
    let popup = centered(area, 44, lines.len() as u16 + 2);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            format!(" type of {} ", FieldPath::new(menu.field, menu.path.clone())),
            theme.title(),
        ))
        .title_bottom(Span::styled(hints(&keymap::TYPE_MENU, |_| None), theme.dim()));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
