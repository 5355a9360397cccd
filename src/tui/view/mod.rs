//! `draw(state, frame)`: a pure function of the state. One file per screen or overlay.

mod editor;
mod help;
mod list;
mod preview;
mod search;
mod user;

use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::keymap::{self, Binding};
use super::state::{Overlay, Screen, State, Status, MIN_HEIGHT, MIN_WIDTH};
use super::theme::Theme;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn draw(state: &State, frame: &mut Frame, theme: Theme) {
    let area = frame.area();
    if state.too_small() {
        let text = format!(
            "The terminal is {}x{}: auth0-meta needs at least {MIN_WIDTH}x{MIN_HEIGHT}.\nEnlarge it, or press Ctrl-C to quit.",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(text)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(state, frame, header, theme);
    match state.screen {
        Screen::List => list::draw(state, frame, body, theme),
        Screen::User => user::draw(state, frame, body, theme),
    }
    draw_status(state, frame, status, theme);
    draw_footer(state, frame, footer, theme);
    match &state.overlay {
        Some(Overlay::Help) => help::draw(state, frame, body, theme),
        Some(Overlay::Search(input)) => search::draw(state, input, frame, body, theme),
        Some(Overlay::Editor(editor)) => editor::draw_editor(editor, frame, body, theme),
        Some(Overlay::TypeMenu(menu)) => editor::draw_type_menu(menu, frame, body, theme),
        Some(Overlay::Confirm(confirm)) => editor::draw_confirm(confirm, frame, body, theme),
        Some(Overlay::Leave { quit }) => {
            let pending = state.user.as_ref().map_or(0, |v| v.history.len());
            editor::draw_leave(*quit, pending, frame, body, theme)
        }
        Some(Overlay::Preview(screen)) => preview::draw_preview(screen, frame, body, theme),
        Some(Overlay::Conflict(screen)) => preview::draw_conflict(screen, frame, body, theme),
        Some(Overlay::History(list)) => preview::draw_history(list, frame, body, theme),
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
    spans.push(Span::styled(state.tenant.clone(), theme.title()));
    if let Some(rate) = state.rate {
        spans.push(Span::raw(format!("   API budget {}/{}", rate.remaining, rate.limit)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.header()), area);
}

fn draw_status(state: &State, frame: &mut Frame, area: Rect, theme: Theme) {
    let line = match &state.status {
        Status::Idle => Line::default(),
        Status::Loading(what) => Line::from(format!(" {} {what}…", SPINNER[state.spinner % SPINNER.len()])),
        Status::Error(text) => Line::from(Span::styled(format!(" ✗ {text}"), theme.error())),
        Status::Info(text) => Line::from(Span::styled(format!(" ✓ {text}"), theme.info())),
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_footer(state: &State, frame: &mut Frame, area: Rect, theme: Theme) {
    let bindings = keymap::table(state).iter().chain(keymap::GLOBAL).filter(|b| b.footer);
    let mut spans = Vec::new();
    for binding in bindings {
        spans.push(Span::styled(format!(" {}", keys_label(binding)), theme.footer_key()));
        spans.push(Span::styled(format!(" {} ", binding.label), theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// `j/↓`, or `1-9` for the depth keys.
pub fn keys_label(binding: &Binding) -> String {
    if binding.keys.len() == 9 {
        return "1-9".into();
    }
    binding.keys.iter().map(|k| k.label()).collect::<Vec<_>>().join("/")
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
