//! `/` in the user view: text found in both trees, collapsed parts included; `n` / `N`
//! wrap with a notice; Esc clears; the title counts, matches are highlighted.

use crate::common;

use auth0_meta::tui::msg::Intent;
use auth0_meta::tui::state::{Overlay, State, Status};
use auth0_meta::tui::theme::Theme;
use auth0_meta::tui::view::draw;
use common::tui::*;
use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn find(state: &mut State, query: &str) {
    press(state, Intent::Search);
    if let Some(Overlay::Find(input)) = &mut state.overlay {
        input.text = ratatui_textarea::TextArea::default();
    }
    typed(state, query);
    key(state, KeyCode::Enter);
}

fn cursor_path(state: &State) -> String {
    let view = state.user().unwrap();
    let pane = view.pane();
    let at = pane.tree.locate(pane.cursor).unwrap();
    auth0_meta::domain::FieldPath::new(pane.field, at.path).to_string()
}

#[test]
fn a_match_inside_a_collapsed_subtree_is_opened_and_focused() {
    let mut state = jane_state();
    press(&mut state, Intent::CollapseAll);
    find(&mut state, "lisbon");
    assert!(state.overlay.is_none());
    assert_eq!(cursor_path(&state), "user_metadata.addresses.home.city");
    let shown = screen(&state);
    assert!(shown.contains("city: \"Lisbon\""), "the way to it is open:\n{shown}");
    assert!(shown.contains("match 1/1"), "{shown}");
}

#[test]
fn n_and_shift_n_go_through_both_trees_and_wrap_with_a_notice() {
    let mut state = jane_state();
    find(&mut state, "TRUE");
    assert!(
        matches!(&state.overlay, Some(Overlay::Find(i)) if i.error.as_deref() == Some("no match for TRUE")),
        "capitals: case-sensitive, and the text is kept"
    );
    key(&mut state, KeyCode::Esc);
    find(&mut state, "true");
    assert_eq!(cursor_path(&state), "user_metadata.devices[0].trusted");
    press(&mut state, Intent::NextMatch);
    assert_eq!(cursor_path(&state), "app_metadata.flags.beta", "into the other tree");
    assert_eq!(state.user().unwrap().focus, 1);
    press(&mut state, Intent::NextMatch);
    assert_eq!(cursor_path(&state), "user_metadata.devices[0].trusted");
    assert_eq!(state.status, Status::Info("search wrapped to the top".into()));
    press(&mut state, Intent::PrevMatch);
    assert_eq!(cursor_path(&state), "app_metadata.flags.beta");
    assert_eq!(state.status, Status::Info("search wrapped to the bottom".into()));
}

#[test]
fn key_and_value_prefixes_narrow_esc_clears_the_find_and_q_always_leaves() {
    let mut state = jane_state();
    find(&mut state, "key:plan");
    assert_eq!(cursor_path(&state), "app_metadata.plan");
    find(&mut state, "value:plan");
    assert!(matches!(&state.overlay, Some(Overlay::Find(i)) if i.error.is_some()));
    key(&mut state, KeyCode::Esc);
    assert!(state.user().unwrap().search.is_some(), "the earlier search stays");
    key(&mut state, KeyCode::Esc);
    assert!(
        state.user().unwrap().search.is_none(),
        "Esc in the tree clears the find"
    );
    assert!(!state.on_list(), "and stays in the user view");
    press(&mut state, Intent::Search);
    let Some(Overlay::Find(input)) = &state.overlay else {
        panic!()
    };
    assert_eq!(input.text.lines().join(""), "", "the input opens empty");
    key(&mut state, KeyCode::Up);
    let Some(Overlay::Find(input)) = &state.overlay else {
        panic!()
    };
    assert_eq!(input.text.lines().join(""), "value:plan", "↑ brings back the last find");
    key(&mut state, KeyCode::Esc);
    find(&mut state, "surf");
    press(&mut state, Intent::Back);
    assert!(
        state.on_list(),
        "q leaves even while a find is active, as the footer says"
    );
}

#[test]
fn an_edit_runs_the_search_again_on_the_changed_tree() {
    let mut state = jane_state();
    find(&mut state, "surf");
    assert_eq!(cursor_path(&state), "user_metadata.hobby");
    press(&mut state, Intent::Edit);
    clear(&mut state);
    typed(&mut state, "chess");
    key(&mut state, KeyCode::Enter);
    press(&mut state, Intent::NextMatch);
    assert_eq!(state.status, Status::Error("no match for surf any more".into()));
}

#[test]
fn the_search_snapshot_shows_the_count_and_the_highlight() {
    let mut state = jane_state();
    press(&mut state, Intent::ExpandAll);
    find(&mut state, "name");
    insta::assert_snapshot!(screen(&state));
    let mut terminal = Terminal::new(TestBackend::new(state.width, state.height)).unwrap();
    terminal.draw(|frame| draw(&state, frame, Theme::PLAIN)).unwrap();
    let buffer = terminal.backend().buffer();
    let highlighted: Vec<String> = (0..state.height)
        .filter(|&y| buffer[(10, y)].modifier.contains(ratatui::style::Modifier::UNDERLINED))
        .map(|y| {
            (0..state.width / 2)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect();
    assert_eq!(
        highlighted.len(),
        3,
        "the three matches are highlighted: {highlighted:?}"
    );
    assert!(highlighted[2].contains("nickname"), "{highlighted:?}");
}
