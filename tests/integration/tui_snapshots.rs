//! One snapshot per screen and overlay, and buffer checks for the styles that carry meaning.

use crate::common;

use auth0_meta::tui::msg::Intent;
use auth0_meta::tui::state::State;
use auth0_meta::tui::theme::Theme;
use auth0_meta::tui::view::draw;
use common::tui::*;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use ratatui::Terminal;

const PLAIN: Theme = Theme::PLAIN;
const COLOR: Theme = Theme::DARK;

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

mod editing {
    use super::*;
    use auth0_meta::domain::UpdateBody;
    use auth0_meta::storage::journal::Entry;
    use auth0_meta::tui::msg::Msg;
    use auth0_meta::tui::update::update;
    use crossterm::event::KeyCode;
    use serde_json::json;

    #[test]
    fn value_editor() {
        let mut state = opened(100, 30, jane());
        to_row(&mut state, 1);
        press(&mut state, Intent::Edit);
        insta::assert_snapshot!(render(&state, PLAIN).backend());
    }

    #[test]
    fn json_editor_with_an_error() {
        let mut state = opened(100, 30, jane());
        to_row(&mut state, 2);
        press(&mut state, Intent::EditJson);
        clear(&mut state);
        typed(&mut state, "{\"home\": {\"city\": \"Porto\",}}");
        insta::assert_snapshot!(render(&state, PLAIN).backend());
    }

    #[test]
    fn add_key_prompt() {
        let mut state = opened(100, 30, jane());
        press(&mut state, Intent::Add);
        typed(&mut state, "bad.key");
        key(&mut state, KeyCode::Enter);
        insta::assert_snapshot!(render(&state, PLAIN).backend());
    }

    /// Added, changed and deleted rows, and the count of root keys to send.
    fn edited() -> State {
        let mut state = opened(130, 30, jane());
        to_row(&mut state, 1);
        press(&mut state, Intent::Delete); // hobby
        to_row(&mut state, 2);
        press(&mut state, Intent::Expand); // addresses
        press(&mut state, Intent::Down);
        press(&mut state, Intent::Down); // addresses.work
        press(&mut state, Intent::Edit);
        clear(&mut state);
        typed(&mut state, "1 Harbour Road");
        key(&mut state, KeyCode::Enter);
        press(&mut state, Intent::Add);
        typed(&mut state, "office");
        key(&mut state, KeyCode::Enter);
        typed(&mut state, "Floor 3");
        key(&mut state, KeyCode::Enter);
        state
    }

    #[test]
    fn marked_trees() {
        insta::assert_snapshot!(render(&edited(), PLAIN).backend());
    }

    #[test]
    fn preview_with_diff_and_warnings() {
        let mut state = edited();
        press(&mut state, Intent::Preview);
        insta::assert_snapshot!(render(&state, PLAIN).backend());
    }

    #[test]
    fn conflict_with_a_nested_difference_at_100x30() {
        let mut state = edited();
        auth0_meta::tui::update::update(&mut state, auth0_meta::tui::msg::Msg::Resize(100, 30));
        let view = state.user().unwrap();
        let (id, loaded) = (view.user.id().to_string(), view.stored());
        let body = UpdateBody::between(&loaded, &view.edited());
        let mut server = jane();
        server.0["user_metadata"]["addresses"]["home"]["city"] = json!("Porto");
        answer_with_conflict(&mut state, id, loaded, body, server);
        let screen = render(&state, PLAIN).backend().to_string();
        assert!(
            screen.contains("city: \"Lisbon\" → \"Porto\""),
            "the difference is visible:\n{screen}"
        );
        insta::assert_snapshot!(render(&state, PLAIN).backend());
    }

    #[test]
    fn multi_line_value_editor() {
        let mut state = opened(100, 30, jane());
        to_row(&mut state, 1);
        press(&mut state, Intent::Edit);
        if let Some(auth0_meta::tui::state::Overlay::Editor(editor)) = &mut state.overlay {
            editor.text.insert_str(" at dawn");
            editor.text.insert_newline();
            editor.text.insert_str("and kitesurfing at dusk");
        }
        insta::assert_snapshot!(render(&state, PLAIN).backend());
    }

    #[test]
    fn draft_restore_conflict() {
        let mut state = opened(100, 30, jane());
        restore_app_draft(&mut state, "plan", json!("enterprise"), json!("pro"));
        insta::assert_snapshot!(render(&state, PLAIN).backend());
    }

    #[test]
    fn lossy_type_prompt() {
        let mut state = opened(100, 30, jane());
        press(&mut state, Intent::SwitchTree);
        to_row(&mut state, 1);
        press(&mut state, Intent::Retype);
        if let Some(auth0_meta::tui::state::Overlay::TypeMenu(menu)) = &mut state.overlay {
            menu.selected = 1;
        }
        key(&mut state, KeyCode::Enter);
        insta::assert_snapshot!(render(&state, PLAIN).backend());
    }

    #[test]
    fn conflict_screen() {
        let mut state = edited();
        let view = state.user().unwrap();
        let (id, loaded) = (view.user.id().to_string(), view.stored());
        let body = UpdateBody::between(&loaded, &view.edited());
        let mut server = jane();
        server.0["user_metadata"]["addresses"]["work"] = json!("2 Dock Street");
        server.0["app_metadata"]["plan"] = json!("pro");
        answer_with_conflict(&mut state, id, loaded, body, server);
        insta::assert_snapshot!(render(&state, PLAIN).backend());
    }

    #[test]
    fn history_list() {
        let mut state = opened(100, 30, jane());
        let view = state.user().unwrap();
        let stored = view.stored();
        let mut edited = stored.clone();
        edited.user_metadata.insert("hobby".into(), json!("chess"));
        edited.app_metadata.remove("plan");
        let body = UpdateBody::between(&stored, &edited);
        let body = auth0_meta::domain::SendBody::new(body).unwrap();
        let mut entry = Entry::new("t", view.user.id(), &body, &stored);
        entry.time = "2026-11-23T14:02:11.123Z".into();
        let id = view.user.id().to_string();
        update(
            &mut state,
            Msg::JournalLoaded {
                user_id: id,
                result: Ok(auth0_meta::storage::journal::Journal {
                    entries: vec![entry.clone(), entry],
                    damaged: 0,
                }),
            },
        );
        insta::assert_snapshot!(render(&state, PLAIN).backend());
    }
}

mod large {
    use super::*;
    use auth0_meta::domain::User;
    use auth0_meta::tui::msg::Msg;
    use auth0_meta::tui::update::update;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    /// The demo's ~520 KB user with the first item of `history` deleted, previewed at
    /// 100x30: the body resends all of `history`, so it is long.
    fn previewed() -> State {
        let users: Vec<User> = serde_json::from_str(auth0_meta::emulator::DEMO_TENANT).unwrap();
        let maya = users
            .into_iter()
            .find(|u| u.str("email") == Some("maya.costa42@example.com"))
            .unwrap();
        let mut state = opened(100, 30, maya);
        // user_metadata's second row is `history`; open it and delete its first item.
        to_row(&mut state, 1);
        press(&mut state, Intent::Expand);
        press(&mut state, Intent::Down);
        press(&mut state, Intent::Delete);
        update(
            &mut state,
            Msg::Key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE)),
        );
        press(&mut state, Intent::Preview);
        state
    }

    #[test]
    fn preview_of_a_one_key_change_on_a_large_user_starts_with_the_summary_and_warnings() {
        let state = previewed();
        let screen = render(&state, PLAIN).backend().to_string();
        assert!(
            screen.contains("user_metadata.history  changed: 1 item removed"),
            "{screen}"
        );
        assert!(
            screen.contains("extended allowance of 102400"),
            "the size warning is on the first screen:\n{screen}"
        );
        insta::assert_snapshot!(render(&state, PLAIN).backend());
    }

    #[test]
    fn preview_scrolled_to_its_end() {
        let mut state = previewed();
        press(&mut state, Intent::Bottom);
        insta::assert_snapshot!(render(&state, PLAIN).backend());
    }
}
