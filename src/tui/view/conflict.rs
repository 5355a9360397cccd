//! The conflict screen: keys changed on the server that our edits would overwrite.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::{hints, popup};
use crate::domain::field_path::join;
use crate::domain::FieldPath;
use crate::tui::keymap;
use crate::tui::state::ConflictScreen;
use crate::tui::theme::Theme;

fn compact(value: Option<&serde_json::Value>) -> String {
    let text = value.map_or_else(|| "(absent)".to_string(), |v| v.to_string());
    if text.chars().count() > 70 {
        format!("{}…", text.chars().take(69).collect::<String>())
    } else {
        text
    }
}

pub fn draw_conflict(screen: &ConflictScreen, frame: &mut Frame, area: Rect, theme: Theme) {
    let mut lines = vec![Line::from(
        "Changed on the server since you loaded this user, and overwritten by your edits:",
    )];
    for conflict in &screen.report.overwritten {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            FieldPath::root_key(conflict.field, conflict.key.clone()).to_string(),
            theme.key(),
        )));
        lines.push(Line::from(format!(
            "  server now: {}",
            compact(conflict.server.as_ref())
        )));
        lines.push(Line::from(format!("  yours:      {}", compact(conflict.ours.as_ref()))));
    }
    if !screen.report.kept.is_empty() {
        let kept: Vec<FieldPath> = screen
            .report
            .kept
            .iter()
            .map(|(f, k)| FieldPath::root_key(*f, k.clone()))
            .collect();
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!("Also changed there, and kept: {}", join(&kept)),
            theme.dim(),
        )));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.error())
        .title(Span::styled(" conflict: nothing was sent ", theme.error()))
        .title_bottom(Span::styled(hints(&keymap::CONFLICT, |_| None), theme.footer_key()));
    let area = popup(area);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
