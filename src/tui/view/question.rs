//! The questions asked before losing anything: a deletion or clear, and leaving with
//! unsent edits.

use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::{centered, hints};
use crate::tui::keymap;
use crate::tui::keymap::{key_for, USER};
use crate::tui::msg::Intent;
use crate::tui::state::{Confirm, State};
use crate::tui::theme::Theme;

/// A question with its answers, in the middle of the screen.
fn draw_question(title: &str, text: &str, keys: &str, frame: &mut Frame, area: Rect, theme: Theme) {
    let popup = centered(area, 64, 6);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.error())
        .title(Span::styled(format!(" {title} "), theme.title()))
        .title_bottom(Span::styled(keys.to_string(), theme.footer_key()));
    frame.render_widget(Clear, popup);
    // Questions quote keys, paths and values: shown through `visible_json`, line by line.
    let shown: Vec<String> = text
        .split('\n')
        .map(|line| crate::text::visible_json(line).into_owned())
        .collect();
    frame.render_widget(
        Paragraph::new(shown.join("\n")).wrap(Wrap { trim: true }).block(block),
        popup,
    );
}

pub fn draw_confirm(confirm: &Confirm, frame: &mut Frame, area: Rect, theme: Theme) {
    let undo = key_for(USER.bindings, Intent::Undo);
    let text = match confirm {
        Confirm::AuditTenant => "Audit every user of the tenant through an export job? It reads the whole tenant (a large one takes minutes) and changes nothing. To audit fewer, search first (/) and press A on the result.".to_string(),
        Confirm::Delete { what, .. } => {
            format!("Delete {what}? The deletion stays pending until you apply it, and {undo} undoes it.")
        }
        Confirm::Retype {
            field,
            path,
            to,
            before,
            after,
        } => format!(
            "{}: {before} → {after} as {to} loses the value. Change the type anyway? {undo} undoes it.",
            crate::domain::FieldPath::new(*field, path.clone())
        ),
        Confirm::Clear { field, keys } => format!(
            "Clear all of {field} ({keys} keys)? Applying sends {{}}, which also removes keys added on the server meanwhile. {undo} undoes it before then."
        ),
    };
    let title = match confirm {
        Confirm::Retype { .. } => "change type",
        Confirm::AuditTenant => "audit the whole tenant",
        _ => "delete",
    };
    draw_question(title, &text, &hints(&keymap::CONFIRM, |_| None), frame, area, theme);
}

pub fn draw_leave(state: &State, quit: bool, frame: &mut Frame, area: Rect, theme: Theme) {
    let pending = state.user().map_or(0, |v| v.history.len());
    let verb = if quit { "Quitting" } else { "Leaving this user" };
    let mut text = format!(
        "{verb} with {pending} pending edit{} not sent.",
        if pending == 1 { "" } else { "s" }
    );
    if !state.drafts_kept() {
        text.push_str(" Drafts cannot be saved here, so leaving without applying loses them.");
    }
    draw_question(
        "unsent edits",
        &text,
        &hints(keymap::table(state), |_| None),
        frame,
        area,
        theme,
    );
}

pub fn draw_editor_failed(failed: &crate::tui::state::EditorFailed, frame: &mut Frame, area: Rect, theme: Theme) {
    let at = crate::domain::FieldPath::new(failed.hand_off.field, failed.hand_off.path.clone());
    let text = format!("{at}: {}", failed.error);
    let keys = hints(&keymap::EDITOR_FAILED, |_| None);
    draw_question("your editor's text was not applied", &text, &keys, frame, area, theme);
}
