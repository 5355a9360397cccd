//! The key tables: no key is bound twice, and every key a table lists does something
//! where that table has focus (a listed key that nothing handles fails here).

use crate::common;

use auth0_meta::tui::keymap::{self, Binding, Key};
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::{Overlay, State};
use auth0_meta::tui::theme::Theme;
use auth0_meta::tui::update::update;
use auth0_meta::tui::view::draw;
use common::focus::state_for;
use common::tui::*;
use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn screen(state: &State) -> String {
    let mut terminal = Terminal::new(TestBackend::new(state.width, state.height)).unwrap();
    terminal.draw(|frame| draw(state, frame, Theme::PLAIN)).unwrap();
    format!("{:?}\n{:?}", terminal.backend().buffer(), state.status)
}

#[test]
fn no_key_is_bound_twice_in_a_table() {
    for table in keymap::ALL {
        let global: &[Binding] = if table.text_input || !matches!(table.title, "users list" | "user view") {
            &[]
        } else {
            keymap::GLOBAL
        };
        let keys: Vec<Key> = table
            .bindings
            .iter()
            .chain(global)
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for (i, key) in keys.iter().enumerate() {
            assert!(
                !keys[..i].contains(key),
                "{key:?} is bound twice in the {} table",
                table.title
            );
        }
    }
}

#[test]
fn every_listed_key_does_something_where_its_table_has_focus() {
    for table in keymap::ALL {
        for binding in table.bindings {
            for key in binding.keys {
                let mut state = state_for(table, binding.intent, *key);
                assert_eq!(
                    keymap::table(&state).title,
                    table.title,
                    "the fixture for {} must give it focus",
                    table.title
                );
                let before = screen(&state);
                let effects = update(&mut state, Msg::Key(key.event()));
                assert!(
                    !effects.is_empty() || screen(&state) != before,
                    "{} in the {} table ({}) did nothing",
                    key.label(),
                    table.title,
                    binding.label
                );
            }
        }
    }
}

#[test]
fn help_lists_the_keys_of_the_overlay_that_has_focus() {
    let mut state = state_for(&keymap::CONFLICT, Intent::Cancel, Key::Char('c'));
    update(&mut state, Msg::Key(Key::Char('?').event()));
    let shown = screen(&state);
    assert!(shown.contains("keys: conflict"), "{shown}");
    assert!(shown.contains("overwrite"), "{shown}");
    update(&mut state, Msg::Key(Key::Char('x').event()));
    assert!(!state.help, "any key closes the help");
    assert!(
        matches!(state.overlay, Some(Overlay::Conflict(_))),
        "and the overlay is still there"
    );
}

#[test]
fn the_preview_scroll_stops_at_its_last_line() {
    let mut state = state_for(&keymap::PREVIEW, Intent::Down, Key::Char('j'));
    for _ in 0..500 {
        press(&mut state, Intent::PageDown);
    }
    let rows = state.overlay_rows();
    let Some(Overlay::Preview(screen)) = &state.overlay else {
        panic!()
    };
    let last = screen.line_count() - rows;
    assert!(screen.line_count() > rows, "the fixture must need scrolling");
    assert_eq!(screen.scroll, last, "the last line is at the bottom, no further");
    press(&mut state, Intent::Top);
    press(&mut state, Intent::Bottom);
    let Some(Overlay::Preview(screen)) = &state.overlay else {
        panic!()
    };
    assert_eq!(screen.scroll, last, "G goes to the same place");
}

#[test]
fn a_text_input_receives_every_key_its_table_does_not_claim() {
    let mut state = state_for(&keymap::SEARCH, Intent::Submit, Key::Code(KeyCode::Enter));
    for c in "q?jk".chars() {
        update(&mut state, Msg::Key(Key::Char(c).event()));
    }
    let Some(Overlay::Search(input)) = &state.overlay else {
        panic!()
    };
    assert_eq!(
        input.text.lines()[0],
        "q?jk",
        "the input opens empty: typing starts a new query"
    );
}
