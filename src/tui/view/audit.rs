//! The audit overlay: the report's lines in a popup, the chosen finding highlighted.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::{hints, popup};
use crate::text::{cut, visible};
use crate::tui::audit_screen::{AuditLineKind, AuditScreen};
use crate::tui::keymap;
use crate::tui::theme::Theme;

pub fn draw(screen: &AuditScreen, frame: &mut Frame, area: Rect, theme: Theme) {
    let area = popup(area);
    let rows = usize::from(area.height.saturating_sub(2));
    let width = usize::from(area.width.saturating_sub(2));
    let chosen = screen.finding_lines.get(screen.selected).copied();
    let lines: Vec<Line> = screen
        .lines
        .iter()
        .enumerate()
        .skip(screen.scroll)
        .take(rows)
        .map(|(i, (kind, text))| {
            let style = match kind {
                _ if Some(i) == chosen => theme.selected(),
                AuditLineKind::Heading => theme.title(),
                AuditLineKind::Bar => theme.changed(),
                AuditLineKind::Dim => theme.dim(),
                AuditLineKind::Finding | AuditLineKind::Text => Style::default(),
            };
            Line::from(Span::styled(cut(&visible(text), width), style))
        })
        .collect();
    let title = format!(
        " audit: {} · lines {}-{} of {} ",
        visible(&screen.scope),
        screen.scroll + 1,
        (screen.scroll + rows).min(screen.lines.len()),
        screen.lines.len()
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme.title()))
        .title_bottom(Span::styled(hints(&keymap::AUDIT, |_| None), theme.footer_key()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
