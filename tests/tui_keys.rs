//! The key tables: no key is bound twice, and every key a table lists does something
//! where that table has focus (a listed key that nothing handles fails here).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly, by design

mod common;

use auth0_meta::domain::UpdateBody;
use auth0_meta::storage::journal::Entry;
use auth0_meta::tui::keymap::{self, Binding, Key, KeyTable};
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::{Overlay, State};
use auth0_meta::tui::theme::Theme;
use auth0_meta::tui::update::update;
use auth0_meta::tui::view::draw;
use common::tui::*;
use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use serde_json::json;

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

fn jane_at(row: usize) -> State {
    let mut state = opened(100, 30, jane());
    press(&mut state, Intent::ExpandAll);
    to_row(&mut state, row);
    state
}

/// A state where `table` has focus and `key` (bound to `intent`) has something to act on.
fn state_for(table: &KeyTable, intent: Intent, key: Key) -> State {
    match table.title {
        "users list" => {
            let mut state = listed(100, 30);
            to_row(&mut state, 10);
            if intent == Intent::Cancel {
                state.list.query = "name:x".into();
            }
            state
        }
        "user view" => match intent {
            Intent::Depth(_) if key == Key::Char('1') => jane_at(3),
            Intent::ExpandAll | Intent::Depth(_) => {
                let mut state = opened(100, 30, jane());
                press(&mut state, Intent::CollapseAll);
                state
            }
            _ => jane_at(3),
        },
        "search" => {
            let mut state = listed(100, 30);
            state.list.query = "email:jane*".into();
            state.list.history = vec!["name:a".into(), "name:b".into()];
            press(&mut state, Intent::Search);
            if intent == Intent::Newer {
                press(&mut state, Intent::Older);
                press(&mut state, Intent::Older);
            }
            state
        }
        "editor" => {
            let mut state = jane_at(1);
            press(&mut state, Intent::Edit);
            state
        }
        "JSON editor" => {
            let mut state = jane_at(3);
            press(&mut state, Intent::EditJson);
            state
        }
        "JSON editor: discard the changes?" => {
            let mut state = jane_at(3);
            press(&mut state, Intent::EditJson);
            update(&mut state, Msg::Key(Key::Char(' ').event()));
            update(&mut state, Msg::Key(Key::Code(KeyCode::Esc).event()));
            state
        }
        "question" => {
            let mut state = jane_at(2);
            press(&mut state, Intent::Delete);
            state
        }
        "change type" => {
            let mut state = jane_at(1);
            press(&mut state, Intent::Retype);
            if let Some(Overlay::TypeMenu(menu)) = &mut state.overlay {
                menu.selected = 2;
            }
            state
        }
        "preview" => {
            let mut state = opened(100, 15, jane());
            to_row(&mut state, 1);
            press(&mut state, Intent::Delete);
            press(&mut state, Intent::Preview);
            press(&mut state, Intent::Down);
            press(&mut state, Intent::Down);
            state
        }
        "conflict" => {
            let mut state = jane_at(1);
            press(&mut state, Intent::Delete);
            let view = state.user().unwrap();
            let (id, loaded) = (view.user.id().to_string(), view.stored());
            let body = UpdateBody::between(&loaded, &view.edited());
            let mut server = jane();
            server.0["user_metadata"]["hobby"] = json!("kitesurfing");
            answer_with_conflict(&mut state, id, loaded, body, server);
            // Short enough that the conflict scrolls, and scrolled a little.
            update(&mut state, Msg::Resize(100, 15));
            press(&mut state, Intent::Down);
            state
        }
        "draft conflict" => {
            use auth0_meta::domain::{Edit, JsonPath, MetadataField};
            use auth0_meta::storage::drafts::{Draft, DraftEdit};
            let mut state = opened(100, 15, jane());
            let draft = Draft {
                tenant: "t".into(),
                user_id: jane().id().to_string(),
                saved_at: 0,
                edits: vec![DraftEdit {
                    field: MetadataField::App,
                    edit: Edit::Set {
                        path: JsonPath::root().key("flags"),
                        value: json!({"beta": false, "gamma": [1, 2, 3]}),
                    },
                }],
                cleared: vec![],
                base: serde_json::from_value(json!({"app_metadata": {"flags": {"beta": false}}})).unwrap(),
            };
            let user_id = draft.user_id.clone();
            update(
                &mut state,
                Msg::DraftLoaded {
                    user_id,
                    result: Ok(Some(draft)),
                },
            );
            press(&mut state, Intent::Down);
            state
        }
        "your editor's text is not valid" => {
            let mut state = jane_at(1);
            let effects = press(&mut state, Intent::OpenInEditor);
            let Some(auth0_meta::tui::effect::Effect::ExternalEditor { hand_off, .. }) = effects.into_iter().next()
            else {
                panic!("no hand-off")
            };
            update(
                &mut state,
                Msg::ExternalEdited {
                    hand_off,
                    result: Ok("{".into()),
                },
            );
            state
        }
        "compare two users" => {
            let mut state = opened(100, 15, jane());
            press(&mut state, Intent::Compare);
            let mut other = jane();
            other.0.insert("user_id".into(), json!("auth0|other"));
            other.0["user_metadata"] = json!((0..40)
                .map(|i| (format!("k{i}"), json!(i)))
                .collect::<serde_json::Map<_, _>>());
            state.compare_mark.as_mut().unwrap().id = "auth0|marked".into();
            state.compare_mark.as_mut().unwrap().metadata = other.metadata_pair();
            press(&mut state, Intent::Compare);
            press(&mut state, Intent::Down);
            state
        }
        "recent messages" => {
            let mut state = jane_at(1);
            press(&mut state, Intent::Messages);
            state
        }
        "find in the trees" => {
            let mut state = jane_at(1);
            press(&mut state, Intent::Search);
            update(&mut state, Msg::Key(Key::Char('s').event()));
            state
        }
        "copy" => {
            let mut state = jane_at(1);
            press(&mut state, Intent::CopyMenu);
            state
        }
        "copy from the list" => {
            let mut state = listed(100, 30);
            press(&mut state, Intent::CopyMenu);
            state
        }
        "confirm on a production tenant" => {
            let mut state = jane_at(1);
            state.guards.production = true;
            press(&mut state, Intent::Delete);
            press(&mut state, Intent::Preview);
            press(&mut state, Intent::Submit);
            // The name typed, so Enter acts.
            for c in state.tenant.clone().chars() {
                update(&mut state, Msg::Key(Key::Char(c).event()));
            }
            state
        }
        "unsent edits" => {
            let mut state = jane_at(1);
            press(&mut state, Intent::Delete);
            press(&mut state, Intent::Back);
            state
        }
        "unsent edits, drafts NOT saved" => {
            let mut state = jane_at(1);
            press(&mut state, Intent::Delete);
            update(&mut state, Msg::DraftSaved(Err("disk full".into())));
            press(&mut state, Intent::Back);
            state
        }
        "history" => {
            let mut state = jane_at(1);
            let view = state.user().unwrap();
            let stored = view.stored();
            let mut edited = stored.clone();
            edited.user_metadata.insert("hobby".into(), json!("chess"));
            let body = auth0_meta::domain::SendBody::new(UpdateBody::between(&stored, &edited)).unwrap();
            let entry = Entry::new("t", view.user.id(), &body, &stored);
            let user_id = view.user.id().to_string();
            let entries = vec![entry.clone(), entry.clone(), entry];
            update(
                &mut state,
                Msg::JournalLoaded {
                    user_id,
                    result: Ok(auth0_meta::storage::journal::Journal { entries, damaged: 0 }),
                },
            );
            press(&mut state, Intent::Down);
            state
        }
        "history entry" => {
            let mut state = state_for(&keymap::HISTORY, Intent::Down, key);
            press(&mut state, Intent::Submit);
            state
        }
        other => panic!("no state for the {other} table: add one here"),
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
    assert_eq!(input.text.lines()[0], "email:jane*q?jk");
}
