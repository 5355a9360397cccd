//! `draw(state, frame)`: a pure function of the state. One file per screen or overlay.

mod audit;
mod bulk;
mod compare;
mod confirm_send;
mod conflict;
mod copy_menu;
mod editor;
mod find;
mod help;
mod history;
mod input;
mod list;
mod messages;
pub(crate) mod preview;
mod question;
mod search;
mod type_menu;
mod user;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::keymap::{self, Binding, KeyTable};
use super::layout;
use super::msg::Intent;
use super::state::{Overlay, Screen, State, Status, MIN_HEIGHT, MIN_WIDTH};
use super::theme::Theme;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn draw(state: &State, frame: &mut Frame, theme: Theme) {
    draw_all(state, frame, theme);
    scrub(frame.buffer_mut());
}

/// The last line of defence: a hidden character that reached the frame without going
/// through `text::visible` (a place that forgot) is shown as `�`, never sent raw.
fn scrub(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(crate::text::is_hidden) {
            cell.set_symbol("�");
        }
    }
}

fn draw_all(state: &State, frame: &mut Frame, theme: Theme) {
    let area = frame.area();
    if state.too_small() {
        let text = format!(
            "The terminal is {}x{}: auth0-meta needs at least {MIN_WIDTH}x{MIN_HEIGHT}.\nEnlarge it, or press {} to quit.",
            area.width,
            area.height,
            crate::tui::keymap::key_for(crate::tui::keymap::GLOBAL, crate::tui::msg::Intent::Quit)
        );
        frame.render_widget(
            Paragraph::new(text)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let layout::ScreenAreas {
        header,
        body,
        status,
        footer,
    } = layout::screen(area);
    draw_header(state, frame, header, theme);
    match &state.screen {
        Screen::List => list::draw(state, frame, body, theme),
        Screen::User(view) => user::draw(view, frame, body, theme),
    }
    draw_status(state, frame, status, theme);
    draw_footer(state, frame, footer, theme);
    draw_overlay(state, frame, body, theme);
    if state.help {
        help::draw(state, frame, body, theme);
    }
}

fn draw_overlay(state: &State, frame: &mut Frame, body: Rect, theme: Theme) {
    match &state.overlay {
        Some(Overlay::Search(input)) => search::draw(input, frame, body, theme),
        Some(Overlay::Editor(editor)) => editor::draw_editor(state, editor, frame, body, theme),
        Some(Overlay::TypeMenu(menu)) => type_menu::draw_type_menu(menu, frame, body, theme),
        Some(Overlay::Confirm(confirm)) => question::draw_confirm(confirm, frame, body, theme),
        Some(Overlay::Leave { quit }) => question::draw_leave(state, *quit, frame, body, theme),
        Some(Overlay::Preview(screen)) => preview::draw_preview(screen, frame, body, theme),
        Some(Overlay::Conflict(screen)) => conflict::draw_conflict(screen, frame, body, theme),
        Some(Overlay::History(list)) => history::draw_history(list, frame, body, theme),
        Some(Overlay::Audit(screen)) => audit::draw(screen, frame, body, theme),
        Some(Overlay::Find(input)) => find::draw(input, frame, body, theme),
        Some(Overlay::Compare(screen)) => compare::draw(screen, frame, body, theme),
        Some(Overlay::Messages) => messages::draw(state, frame, body, theme),
        Some(Overlay::EditorFailed(failed)) => question::draw_editor_failed(failed, frame, body, theme),
        Some(Overlay::CopyMenu) => copy_menu::draw(crate::tui::keymap::table(state), frame, body, theme),
        Some(Overlay::ConfirmSend(confirm)) => {
            preview::draw_preview(&confirm.screen, frame, body, theme);
            confirm_send::draw(confirm, frame, body, theme);
        }
        Some(Overlay::Bulk(screen)) => bulk::draw(screen, &state.tenant, frame, body, theme),
        Some(Overlay::BulkPrompt(prompt)) => bulk::draw_prompt(prompt, frame, body, theme),
        Some(Overlay::Batches(list)) => bulk::draw_batches(list, frame, body, theme),
        None => {}
    }
}

fn draw_header(state: &State, frame: &mut Frame, area: Rect, theme: Theme) {
    let mut spans = vec![Span::styled(" auth0-meta ", theme.title())];
    if state.demo {
        spans.push(Span::styled(" DEMO ", theme.demo()));
        spans.push(Span::raw(" local emulator "));
    } else {
        spans.push(Span::raw(" tenant "));
    }
    let name_style = if state.guards.production {
        theme.production()
    } else {
        theme.title()
    };
    match &state.guards.name {
        Some(name) => {
            spans.push(Span::styled(name.clone(), name_style));
            spans.push(Span::styled(format!(" ({})", state.tenant), theme.dim()));
        }
        None => spans.push(Span::styled(state.tenant.clone(), name_style)),
    }
    if state.guards.production {
        spans.push(Span::styled(" PRODUCTION ", theme.production()));
    }
    if state.guards.read_only {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(" READ-ONLY ", theme.read_only()));
    }
    if let Some(rate) = state.rate {
        spans.push(Span::raw(format!("   API budget {}/{}", rate.remaining, rate.limit)));
    }
    if !state.drafts_kept() {
        spans.push(Span::raw("   "));
        spans.push(Span::styled(" drafts NOT saved ", theme.error()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.header()), area);
}

fn draw_status(state: &State, frame: &mut Frame, area: Rect, theme: Theme) {
    // A message longer than the line ends with `…`; `M` shows it in full.
    let room = usize::from(area.width);
    let fit = |text: String| crate::text::cut(&crate::text::visible(&text), room);
    let line = match &state.status {
        Status::Idle => Line::default(),
        Status::Loading(what) => Line::from(fit(format!(" {} {what}…", SPINNER[state.spinner % SPINNER.len()]))),
        Status::Error(text) => Line::from(Span::styled(fit(format!(" ✗ {text}")), theme.error())),
        Status::Info(text) => Line::from(Span::styled(fit(format!(" ✓ {text}")), theme.info())),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The screen's footer keys. An overlay lists its keys on its own border instead.
/// The footer: the screen's main keys, as many as fit whole, then `q` and `? help`,
/// which always show.
/// A user view that cannot be edited here lists no editing keys (and `T` where
/// another instance holds the user).
fn draw_footer(state: &State, frame: &mut Frame, area: Rect, theme: Theme) {
    if matches!(state.overlay, Some(Overlay::CopyMenu)) {
        // After `y`, the letters that finish it, at once (a which-key line).
        let mut spans = vec![Span::styled(" y then:", theme.dim())];
        for binding in keymap::table(state).bindings.iter().filter(|b| b.footer) {
            spans.push(Span::styled(format!(" {}", binding.keys_label()), theme.footer_key()));
            spans.push(Span::styled(format!(" {} ", binding.label), theme.dim()));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }
    if state.overlay.is_some() {
        return;
    }
    let read_only = state.user().map(|v| (v.read_only.is_some(), state.guards.read_only));
    let shown = |b: &&Binding| match read_only {
        Some((held, tenant)) if held || tenant => {
            !(b.intent.changes_draft() || b.intent == Intent::Preview)
                && (b.footer || (held && b.intent == Intent::TakeOver))
        }
        _ => b.footer,
    };
    let all: Vec<&Binding> = keymap::listed(state).filter(shown).collect();
    let (help, rest): (Vec<&Binding>, Vec<&Binding>) = all
        .into_iter()
        .partition(|b| matches!(b.intent, Intent::Help | Intent::Back));
    let item = |b: &Binding| (format!(" {}", b.keys_label()), format!(" {} ", b.label));
    let cells = |(k, l): &(String, String)| crate::text::width(k) + crate::text::width(l);
    let mut room = usize::from(area.width).saturating_sub(help.iter().map(|b| cells(&item(b))).sum());
    let mut spans = Vec::new();
    for binding in rest {
        let (keys, label) = item(binding);
        let need = cells(&(keys.clone(), label.clone()));
        if need > room {
            break;
        }
        room -= need;
        spans.push(Span::styled(keys, theme.footer_key()));
        spans.push(Span::styled(label, theme.dim()));
    }
    for binding in help {
        let (keys, label) = item(binding);
        spans.push(Span::styled(keys, theme.footer_key()));
        spans.push(Span::styled(label, theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// An overlay's hint line from its key table: ` y/Enter send · Esc back `. `relabel`
/// may rename a binding for the moment (`Some(label)`) or hide it (`Some("")`).
pub fn hints<'a>(table: &KeyTable, relabel: impl Fn(&Binding) -> Option<&'a str>) -> String {
    let parts: Vec<String> = table
        .bindings
        .iter()
        .filter(|b| b.footer)
        .filter_map(|b| match relabel(b) {
            Some("") => None,
            Some(label) => Some(format!("{} {label}", b.keys_label())),
            None => Some(format!("{} {}", b.keys_label(), b.label)),
        })
        .collect();
    format!(" {} ", parts.join(" · "))
}

/// `line` seen from `from` cells on, in `width` cells: a line longer than that ends
/// with `…`, and one scrolled into starts with `…`, so a cut is never silent.
pub fn clip(line: Line<'static>, from: usize, width: usize) -> Line<'static> {
    let total: usize = line.spans.iter().map(|s| crate::text::width(&s.content)).sum();
    if from == 0 && total <= width {
        return line;
    }
    let mut spans = Vec::new();
    let (mut at, mut used) = (0usize, 0usize);
    let room = width.saturating_sub(1); // the last cell for `…` when more follows
    for span in line.spans {
        let mut kept = String::new();
        for c in span.content.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if at < from {
                at += w;
                continue;
            }
            if used + w > room {
                break;
            }
            kept.push(c);
            used += w;
            at += w;
        }
        if !kept.is_empty() {
            spans.push(Span::styled(kept, span.style));
        }
    }
    if from > 0 {
        if let Some(first) = spans.first_mut() {
            let rest: String = first.content.chars().skip(1).collect();
            first.content = format!("…{rest}").into();
        }
    }
    if at < total {
        spans.push(Span::raw("…"));
    }
    Line::from(spans)
}

/// Sideways scroll after `←` / `→`: eight cells a press, never before the start.
pub fn sideways(hscroll: usize, intent: Intent) -> usize {
    match intent {
        Intent::ScrollLeft => hscroll.saturating_sub(8),
        _ => (hscroll + 8).min(100_000),
    }
}

/// A full-height overlay, a little narrower than the screen.
pub fn popup(area: Rect) -> Rect {
    centered(area, area.width.saturating_sub(4), area.height)
}

/// A rectangle of `width` x `height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}
