//! One snapshot per screen and overlay, and buffer checks for the styles that carry meaning.

mod common;

use auth0_meta::tui::msg::Intent;
use auth0_meta::tui::state::State;
use auth0_meta::tui::theme::Theme;
use auth0_meta::tui::view::draw;
use common::tui::*;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use ratatui::Terminal;

const PLAIN: Theme = Theme { color: false };
const COLOR: Theme = Theme { color: true };

fn render(state: &State, theme: Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(state.width, state.height)).unwrap();
    terminal.draw(|frame| draw(state, frame, theme)).unwrap();
    terminal
}

#[test]
fn users_list() {
    let mut state = listed(100, 30);
    press(&mut state, Intent::Down);
    insta::assert_snapshot!(render(&state, PLAIN).backend());
}

#[test]
fn users_list_with_search_input() {
    let mut state = listed(100, 30);
    press(&mut state, Intent::Search);
    if let Some(auth0_meta::tui::state::Overlay::Search(input)) = &mut state.overlay {
        input.text.insert_str("user_metadata.plan:\"pro\"");
    }
    insta::assert_snapshot!(render(&state, PLAIN).backend());
}

#[test]
fn user_view_wide() {
    let mut state = opened(130, 30, jane());
    press(&mut state, Intent::Down);
    press(&mut state, Intent::Down);
    press(&mut state, Intent::Expand);
    insta::assert_snapshot!(render(&state, PLAIN).backend());
}

#[test]
fn user_view_narrow() {
    let mut state = opened(100, 30, jane());
    press(&mut state, Intent::Depth(3));
    insta::assert_snapshot!(render(&state, PLAIN).backend());
}

#[test]
fn help_overlay() {
    let mut state = opened(100, 30, jane());
    press(&mut state, Intent::Help);
    insta::assert_snapshot!(render(&state, PLAIN).backend());
}

#[test]
fn too_small_terminal() {
    let state = listed(50, 10);
    insta::assert_snapshot!(render(&state, PLAIN).backend());
}

#[test]
fn selection_and_value_types_have_their_styles() {
    let mut state = opened(130, 30, jane());
    press(&mut state, Intent::ExpandAll);
    let terminal = render(&state, COLOR);
    let buffer = terminal.backend().buffer();
    let find = |text: &str| -> (u16, u16) {
        for y in 0..buffer.area.height {
            let line: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            if let Some(col) = line.find(text) {
                let x = line[..col].chars().count() as u16;
                return (x, y);
            }
        }
        panic!("{text} not on screen");
    };
    // The style of the value written after `key: `.
    let fg = |row: &str| {
        let (x, y) = find(row);
        let value_x = x + row.find(": ").expect("a key: value row") as u16 + 2;
        buffer[(value_x, y)].fg
    };
    assert_eq!(fg("hobby: \"surfing\""), Color::Green, "strings");
    assert_eq!(fg("zip: 1000"), Color::Magenta, "numbers");
    assert_eq!(fg("trusted: true"), Color::Yellow, "booleans");
    assert_eq!(fg("nickname: null"), Color::DarkGray, "null");
    let (_, root_row) = find("▾ user_metadata");
    assert_eq!(
        buffer[(2, root_row)].bg,
        Color::Blue,
        "the selected row of the focused tree"
    );
    let (x, app_root) = find("▾ app_metadata");
    assert_eq!(
        buffer[(x, app_root)].bg,
        Color::DarkGray,
        "the unfocused tree's selection is muted"
    );
}
