//! The editors' text keys: those the help lists do what it says, and Ctrl-U clears a
//! multi-line value whole.

use crate::common;
use auth0_meta::tui::msg::Intent;
use auth0_meta::tui::state::Overlay;
use common::tui::*;
use crossterm::event::KeyCode;

/// The editors' help lists the text area's own keys: each does what it says.
#[test]
fn the_text_keys_the_editor_help_lists_do_what_it_says() {
    use crossterm::event::{KeyEvent, KeyModifiers};
    use ratatui_textarea::{CursorMove, TextArea};
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let alt = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT);
    let at_end = || {
        let mut area = TextArea::new(vec!["one two three".to_string()]);
        area.move_cursor(CursorMove::End);
        area
    };
    let mut area = at_end();
    area.input(ctrl('w'));
    assert_eq!(area.lines()[0], "one two ", "Ctrl-W deletes the word before");
    area.input(ctrl('a'));
    area.input(ctrl('k'));
    assert_eq!(area.lines()[0], "", "Ctrl-A then Ctrl-K");
    area.input(ctrl('y'));
    assert_eq!(area.lines()[0], "one two ", "Ctrl-Y pastes what was deleted");
    let mut area = at_end();
    area.input(ctrl('j'));
    assert_eq!(area.lines()[0], "", "Ctrl-J deletes to the start of the line");
    area.input(ctrl('u'));
    assert_eq!(area.lines()[0], "one two three", "Ctrl-U undoes (in the JSON editor)");
    area.input(ctrl('r'));
    assert_eq!(area.lines()[0], "", "Ctrl-R redoes");
    let mut area = at_end();
    area.input(alt('b'));
    area.input(alt('d'));
    assert_eq!(area.lines()[0], "one two ", "Alt-B then Alt-D deletes the word after");
    let mut area = TextArea::new(vec!["a".into(), "b".into(), "c".into()]);
    area.input(alt('>'));
    assert_eq!(area.cursor().0, 2, "Alt-> goes to the bottom");
    area.input(alt('<'));
    assert_eq!(area.cursor().0, 0, "Alt-< goes to the top");
}

/// Ctrl-U in a multi-line value deletes everything before the cursor, not only the
/// last line's start (readline's meaning in a multi-line command).
#[test]
fn ctrl_u_clears_a_multi_line_value_whole() {
    use auth0_meta::tui::msg::Msg;
    use auth0_meta::tui::state::State;
    use auth0_meta::tui::update::update;
    use crossterm::event::{KeyEvent, KeyModifiers};
    let mut state = common::focus::jane_at(1);
    press(&mut state, Intent::Edit);
    let typed = |state: &mut State, text: &str| {
        for c in text.chars() {
            update(state, Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
        }
    };
    let lines = |state: &State| match &state.overlay {
        Some(Overlay::Editor(editor)) => editor.text.lines().to_vec(),
        _ => panic!("no editor"),
    };
    update(
        &mut state,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    typed(&mut state, "first line");
    update(&mut state, Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)));
    typed(&mut state, "second");
    assert_eq!(lines(&state), ["first line", "second"]);
    update(
        &mut state,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    assert_eq!(lines(&state), [""], "the whole value before the cursor is gone");
    typed(&mut state, "new");
    assert_eq!(lines(&state), ["new"]);
}
