//! States where each key table has focus and each of its keys has something to act
//! on: what the key-table tests press keys in.
#![allow(dead_code)]

use auth0_meta::domain::UpdateBody;
use auth0_meta::storage::journal::Entry;
use auth0_meta::tui::keymap::{self, Key, KeyTable};
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::{Overlay, State};
use auth0_meta::tui::update::update;
use crossterm::event::KeyCode;
use serde_json::json;

use super::tui::*;

pub fn jane_at(row: usize) -> State {
    let mut state = opened(100, 30, jane());
    press(&mut state, Intent::ExpandAll);
    to_row(&mut state, row);
    state
}

/// A state where `table` has focus and `key` (bound to `intent`) has something to act on.
pub fn state_for(table: &KeyTable, intent: Intent, key: Key) -> State {
    let mut state = state_for_table(table, intent, key);
    if intent == Intent::ScrollLeft {
        press(&mut state, Intent::ScrollRight); // something to scroll back
    }
    if intent == Intent::PageUp && table.title == "JSON editor" {
        press(&mut state, Intent::PageDown); // somewhere to page up from
    }
    state
}

fn state_for_table(table: &KeyTable, intent: Intent, key: Key) -> State {
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
            Intent::Cancel => {
                // Esc clears a find: one is active.
                let mut state = jane_at(3);
                press(&mut state, Intent::Search);
                for c in "surf".chars() {
                    update(&mut state, Msg::Key(Key::Char(c).event()));
                }
                press(&mut state, Intent::Submit);
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
            let mut state = opened(100, 15, jane());
            restore_app_draft(
                &mut state,
                "flags",
                json!({"beta": false, "gamma": [1, 2, 3]}),
                json!({"beta": false}),
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
            // First, a value long enough to be folded, for `e`.
            let mut keys = serde_json::Map::new();
            keys.insert(
                "big".into(),
                json!((0..30).map(|i| format!("item number {i}")).collect::<Vec<_>>()),
            );
            keys.extend((0..40).map(|i| (format!("k{i}"), json!(i))));
            other.0["user_metadata"] = json!(keys);
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
        "audit" => audited(),
        other => super::focus_bulk::state_for_bulk(other, intent)
            .unwrap_or_else(|| panic!("no state for the {other} table: add one here")),
    }
}

/// The audit of 40 users, its second finding chosen.
pub fn audited() -> State {
    let mut state = listed(100, 30);
    let mut audit = auth0_meta::audit::Audit::new(auth0_meta::audit::Options::default());
    for n in 0..40 {
        let user = json!({"user_id": format!("auth0|{n}"), "user_metadata": {format!("k{n}"): null, "z": n}, "app_metadata": {"name": "x"}});
        audit.add_line(user.to_string().as_bytes());
    }
    let users = auth0_meta::audit_source::Spool::create().unwrap().finish().unwrap();
    let audited = auth0_meta::tui::msg::Audited {
        report: audit.finish(None),
        users: std::sync::Arc::new(users),
    };
    update(&mut state, Msg::Audited(Ok(Box::new(audited))));
    press(&mut state, Intent::Down);
    press(&mut state, Intent::PageDown);
    state
}
