//! Read-only and production tenants in the TUI: edits explained instead of made, the
//! preview's send refused or confirmed by typing the tenant's name; the header says
//! which tenant; each theme colours selection and diff its own way.

use crate::common;

use auth0_meta::profile::Guards;
use auth0_meta::tui::effect::Effect;
use auth0_meta::tui::msg::Intent;
use auth0_meta::tui::state::{Overlay, State, Status};
use auth0_meta::tui::theme::{Palette, Theme};
use auth0_meta::tui::view::draw;
use common::tui::*;
use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use ratatui::Terminal;

fn guarded(read_only: bool, production: bool) -> State {
    let mut state = jane_state();
    state.guards = Guards {
        name: Some("prod".into()),
        read_only,
        production,
    };
    state
}

/// One edit made, then the preview opened.
fn edited_and_previewed(state: &mut State) {
    to_row(state, 1);
    press(state, Intent::Edit);
    clear(state);
    typed(state, "chess");
    key(state, KeyCode::Enter);
    press(state, Intent::Preview);
    assert!(matches!(state.overlay, Some(Overlay::Preview(_))));
}

fn sends(effects: &[Effect]) -> bool {
    effects.iter().any(|e| matches!(e, Effect::Apply { .. }))
}

fn screen_text(state: &State, theme: Theme) -> (String, ratatui::buffer::Buffer) {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| draw(state, frame, theme)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let text = buffer.content().iter().map(|c| c.symbol()).collect::<String>();
    (text, buffer)
}

#[test]
fn a_read_only_tenant_explains_instead_of_editing() {
    let mut state = guarded(true, false);
    to_row(&mut state, 1);
    for intent in [
        Intent::Edit,
        Intent::Delete,
        Intent::Add,
        Intent::EditJson,
        Intent::Rename,
        Intent::Retype,
    ] {
        let effects = press(&mut state, intent);
        assert!(effects.is_empty() && state.overlay.is_none(), "{intent:?}");
        let Status::Error(said) = &state.status else {
            panic!("{intent:?}: {:?}", state.status)
        };
        assert!(said.contains("tenant prod is read-only"), "{said}");
    }
    assert!(!state.user().unwrap().is_dirty());
    let (text, _) = screen_text(&state, Theme::PLAIN);
    assert!(text.contains("READ-ONLY") && text.contains("prod"), "{text}");
}

#[test]
fn a_draft_restored_on_a_read_only_tenant_can_be_previewed_but_not_sent() {
    let mut state = jane_state();
    edited_and_previewed(&mut state);
    state.guards.read_only = true;
    let effects = press(&mut state, Intent::Submit);
    assert!(!sends(&effects));
    assert!(matches!(&state.status, Status::Error(s) if s.contains("read-only")));
}

#[test]
fn a_production_tenant_sends_only_once_its_name_is_typed() {
    let mut state = guarded(false, true);
    edited_and_previewed(&mut state);
    let effects = press(&mut state, Intent::Submit);
    assert!(!sends(&effects), "not yet");
    assert!(matches!(state.overlay, Some(Overlay::ConfirmSend(_))));
    let (text, buffer) = screen_text(&state, Theme::DARK);
    assert!(
        text.contains("prod is a production tenant: type its name to send"),
        "{text}"
    );
    let name_cell = buffer
        .content()
        .iter()
        .find(|c| c.symbol() == "p" && c.fg == Color::Red);
    assert!(name_cell.is_some(), "the production tenant's name is red");

    typed(&mut state, "pro");
    let effects = key(&mut state, KeyCode::Enter);
    assert!(!sends(&effects), "a wrong name sends nothing");
    let Some(Overlay::ConfirmSend(confirm)) = &state.overlay else {
        panic!()
    };
    assert!(confirm.error.as_deref().unwrap().contains("type prod exactly"));
    key(&mut state, KeyCode::Esc);
    assert!(
        matches!(state.overlay, Some(Overlay::Preview(_))),
        "Esc goes back to the preview"
    );

    press(&mut state, Intent::Submit);
    typed(&mut state, "prod");
    let effects = key(&mut state, KeyCode::Enter);
    assert!(sends(&effects), "the name typed: sent");
}

#[test]
fn each_theme_has_its_own_selection_and_diff_colours() {
    let mut state = jane_state();
    to_row(&mut state, 1);
    press(&mut state, Intent::Delete);
    to_row(&mut state, 3); // the cursor off the deleted row, which keeps its colour
    let picked = |palette: Palette| {
        let theme = Theme { color: true, palette };
        (
            theme.selected().bg,
            theme.deleted().fg,
            theme.added().fg,
            theme.dim().fg,
        )
    };
    let dark = picked(Palette::Dark);
    let light = picked(Palette::Light);
    let high = picked(Palette::HighContrast);
    assert_ne!(dark, light);
    assert_ne!(dark, high);
    assert_ne!(light, high);
    assert_eq!(high.3, Some(Color::White), "nothing dim in high contrast");
    for palette in [Palette::Dark, Palette::Light, Palette::HighContrast] {
        let theme = Theme { color: true, palette };
        let (_, buffer) = screen_text(&state, theme);
        let selected = buffer
            .content()
            .iter()
            .filter(|c| c.bg == theme.selected().bg.unwrap())
            .count();
        assert!(
            selected > 10,
            "{palette:?}: the cursor row is drawn in the theme's selection"
        );
        let struck = buffer
            .content()
            .iter()
            .filter(|c| c.fg == theme.deleted().fg.unwrap_or(Color::Reset))
            .count();
        assert!(
            struck > 0,
            "{palette:?}: the deleted row is drawn in the theme's colour"
        );
    }
    let plain = Theme::PLAIN;
    assert_eq!(plain.selected().bg, None, "NO_COLOR: modifiers only");
}

#[test]
fn the_header_names_the_configured_tenant() {
    let state = guarded(false, false);
    let (text, _) = screen_text(&state, Theme::PLAIN);
    assert!(text.contains("tenant prod (example.eu.auth0.com)"), "{text}");
}
