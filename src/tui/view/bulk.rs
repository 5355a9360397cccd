//! The bulk screen (dry run, progress, summary), the production confirmation over it,
//! the audit's path prompt and the batches list. Every text from the server or a file
//! goes through `text::visible` first.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::input::{self, InputBox};
use super::{hints, popup};
use crate::text::{cut, visible};
use crate::tui::bulk_screen::{BatchesList, BulkPhase, BulkPrompt, BulkScreen};
use crate::tui::keymap;
use crate::tui::theme::Theme;

pub fn draw(screen: &BulkScreen, tenant: &str, frame: &mut Frame, area: Rect, theme: Theme) {
    let area = popup(area);
    let rows = usize::from(area.height.saturating_sub(2));
    let width = usize::from(area.width.saturating_sub(2));
    let all = screen.lines();
    let mut lines: Vec<Line> = all
        .iter()
        .skip(screen.scroll)
        .take(rows)
        .map(|text| {
            let style = match text.chars().next() {
                Some('+') | Some('[') => theme.changed(),
                Some('-') => theme.error(),
                _ => Style::default(),
            };
            Line::from(Span::styled(cut(&visible(text), width), style))
        })
        .collect();
    if let (Some(error), None) = (&screen.error, &screen.confirm) {
        lines.push(Line::from(Span::styled(cut(&visible(error), width), theme.error())));
    }
    let phase = match screen.phase() {
        BulkPhase::Reading => "dry run",
        BulkPhase::Planned(_) => "dry run read: nothing sent yet",
        BulkPhase::Running { .. } => "batch running",
        BulkPhase::Ended(tally) if tally.paused.is_some() => "batch stopped",
        BulkPhase::Ended(_) => "batch done",
        BulkPhase::Failed(_) => "stopped",
    };
    let title = format!(
        " bulk: {phase} · {} user{} · lines {}-{} of {} ",
        screen.ids.len(),
        if screen.ids.len() == 1 { "" } else { "s" },
        (screen.scroll + 1).min(all.len()),
        (screen.scroll + rows).min(all.len()),
        all.len()
    );
    let table = keymap::table_for_bulk(screen);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme.title()))
        .title_bottom(Span::styled(hints(table, |_| None), theme.footer_key()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
    if let Some(typed) = &screen.confirm {
        let input = InputBox {
            text: typed,
            prompt: format!("{tenant} is a production tenant: type its name to start the batch"),
            error: screen.error.as_deref(),
            table: &keymap::BULK_CONFIRM,
            width: 80,
            border: theme.production(),
        };
        input::draw(input, frame, area, theme);
    }
}

pub fn draw_prompt(prompt: &BulkPrompt, frame: &mut Frame, area: Rect, theme: Theme) {
    super::audit::draw(&prompt.audit, frame, area, theme);
    let asked = match &prompt.moving {
        Some(from) => format!("move {} to (a path, e.g. app_metadata.key)", visible(from)),
        None => "unset which key, for the finding's users (a path)".to_string(),
    };
    let input = InputBox {
        text: &prompt.text,
        prompt: asked,
        error: prompt.error.as_deref(),
        table: &keymap::BULK_PROMPT,
        width: 90,
        border: theme.title(),
    };
    input::draw(input, frame, area, theme);
}

pub fn draw_batches(list: &BatchesList, frame: &mut Frame, area: Rect, theme: Theme) {
    let area = popup(area);
    let rows = usize::from(area.height.saturating_sub(2));
    let width = usize::from(area.width.saturating_sub(2));
    let skip = list.cursor.saturating_sub(rows.saturating_sub(1));
    let mut lines: Vec<Line> = list
        .rows
        .iter()
        .enumerate()
        .skip(skip)
        .take(rows)
        .map(|(i, row)| {
            let style = if i == list.cursor {
                theme.selected()
            } else {
                Style::default()
            };
            Line::from(Span::styled(cut(&visible(&BatchesList::line(row)), width), style))
        })
        .collect();
    if list.rows.is_empty() {
        lines.push(Line::from(Span::styled(
            "No batch has been run on this tenant from this state directory.",
            theme.dim(),
        )));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" batches, newest first ", theme.title()))
        .title_bottom(Span::styled(hints(&keymap::BATCHES, |_| None), theme.footer_key()));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
