//! Mouse events as crossterm reports them, through `update`: the wheel, clicks on rows
//! and on `▸`/`▾`, focus by click, and a double click that opens a user.

use crate::common;

use auth0_meta::tui::effect::Effect;
use auth0_meta::tui::layout;
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::{Overlay, State};
use auth0_meta::tui::update::update;
use common::tui::*;
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

fn mouse(state: &mut State, kind: MouseEventKind, column: u16, row: u16, double: bool) -> Vec<Effect> {
    let event = MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    update(state, Msg::Mouse { event, double })
}

const CLICK: MouseEventKind = MouseEventKind::Down(MouseButton::Left);

#[test]
fn the_wheel_moves_the_list_and_a_click_selects_and_a_double_click_opens() {
    let mut state = listed(100, 30);
    mouse(&mut state, MouseEventKind::ScrollDown, 10, 10, false);
    assert_eq!(state.list.cursor, 3);
    mouse(&mut state, MouseEventKind::ScrollUp, 10, 10, false);
    assert_eq!(state.list.cursor, 0);
    let first_row = state.body().y + layout::LIST_CHROME;
    mouse(&mut state, CLICK, 10, first_row + 5, false);
    assert_eq!(state.list.cursor, 5);
    let effects = mouse(&mut state, CLICK, 10, first_row + 5, true);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::FetchUser { id } if id == "auth0|000000000000000000000005")),
        "{effects:?}"
    );
}

#[test]
fn a_click_in_a_tree_focuses_it_selects_the_row_and_toggles_on_the_marker() {
    let mut state = jane_state();
    let trees = layout::user(state.body()).trees;
    let app = trees[1];
    // Row 3 of app_metadata is `flags: {1}`, closed; its marker after the mark and one indent.
    mouse(&mut state, CLICK, app.x + 10, app.y + 1 + 3, false);
    let view = state.user().unwrap();
    assert_eq!(view.focus, 1);
    assert_eq!(view.pane().cursor, 3);
    assert!(!view.pane().tree.is_expanded(view.pane().tree.locate(3).unwrap().id));
    mouse(&mut state, CLICK, app.x + 1 + 2 + 2, app.y + 1 + 3, false);
    let pane = state.user().unwrap().pane();
    assert!(
        pane.tree.is_expanded(pane.tree.locate(3).unwrap().id),
        "the click on ▸ opened it"
    );
    let user = trees[0];
    mouse(&mut state, MouseEventKind::ScrollDown, user.x + 5, user.y + 2, false);
    let view = state.user().unwrap();
    assert_eq!(
        (view.focus, view.pane().cursor),
        (0, 3),
        "the wheel scrolls the tree under it"
    );
}

#[test]
fn the_wheel_scrolls_the_preview() {
    let mut state = opened(100, 15, jane());
    to_row(&mut state, 1);
    press(&mut state, Intent::Delete);
    press(&mut state, Intent::Preview);
    mouse(&mut state, MouseEventKind::ScrollDown, 10, 5, false);
    let Some(Overlay::Preview(screen)) = &state.overlay else {
        panic!()
    };
    assert_eq!(screen.scroll, 3);
}
