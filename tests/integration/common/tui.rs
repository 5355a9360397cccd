//! Fixtures for UI tests: a state fed with pages and users as the API would answer.
#![allow(dead_code)]

use auth0_meta::api::UserPage;
use auth0_meta::domain::User;
use auth0_meta::tui::effect::Effect;
use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::State;
use auth0_meta::tui::update::update;
use serde_json::{json, Value};

pub fn user(i: usize, metadata: Option<(Value, Value)>) -> User {
    let mut value = json!({
        "user_id": format!("auth0|{i:024x}"),
        "email": format!("user{i:03}@example.com"),
        "name": format!("User {i}"),
        "identities": [{"connection": "Username-Password-Authentication", "provider": "auth0", "user_id": format!("{i:024x}"), "isSocial": false}],
        "created_at": "2024-03-01T09:00:00.000Z",
        "updated_at": "2024-03-02T09:00:00.000Z",
        "last_login": "2024-05-01T10:00:00.000Z",
        "logins_count": i,
    });
    if let Some((user_metadata, app_metadata)) = metadata {
        value["user_metadata"] = user_metadata;
        value["app_metadata"] = app_metadata;
    }
    serde_json::from_value(value).unwrap()
}

pub fn jane() -> User {
    let mut jane = user(
        0,
        Some((
            json!({"hobby": "surfing", "addresses": {"home": {"city": "Lisbon", "zip": 1000}, "work": "100 Industrial Way"}, "devices": [{"name": "Pixel", "trusted": true}, {"name": "iPad", "trusted": false}], "nickname": null}),
            json!({"plan": "full", "seats": 3, "flags": {"beta": true}}),
        )),
    );
    jane.0.insert("email".into(), json!("jane.doe@example.com"));
    jane.0.insert("name".into(), json!("Jane Doe"));
    jane
}

pub fn page(start: usize, count: usize, total: u64) -> UserPage {
    UserPage {
        heavy: Vec::new(),
        start: start as u64,
        limit: 50,
        total,
        users: (start..start + count)
            .map(|i| user(i, (i % 3 == 0).then(|| (json!({"a": i}), json!({})))))
            .collect(),
    }
}

/// A state with a state directory, as a normal run has; `update` tests never run the
/// effects, so nothing is written there.
pub fn state(width: u16, height: u16) -> State {
    let mut state = State::new("example.eu.auth0.com", false, width, height);
    state.storage = Some(auth0_meta::storage::Storage {
        root: "/nonexistent/auth0-meta-test-state".into(),
        tenant: "example.eu.auth0.com".into(),
    });
    state
}

/// A state showing the first page of a 140-user tenant.
pub fn listed(width: u16, height: u16) -> State {
    let mut state = state(width, height);
    let effects = auth0_meta::tui::update::list::reload(&mut state);
    assert_eq!(effects.len(), 1);
    let generation = state.list.generation;
    update(
        &mut state,
        Msg::PageLoaded {
            generation,
            result: Ok(page(0, 50, 140)),
            rate: None,
        },
    );
    state
}

pub fn press(state: &mut State, intent: Intent) -> Vec<Effect> {
    update(state, Msg::Intent(intent))
}

/// A state with `user` open and loaded, read from its JSON text as an answer is.
pub fn opened(width: u16, height: u16, user: User) -> State {
    let mut state = listed(width, height);
    auth0_meta::tui::update::session::open(&mut state, user.clone());
    let id = user.id().to_string();
    let text = serde_json::to_string(&user).unwrap();
    update(
        &mut state,
        Msg::UserLoaded {
            id: id.clone(),
            result: Ok(auth0_meta::domain::LoadedUser::from_json(text).unwrap()),
            rate: None,
        },
    );
    // This instance takes the user's lock, and no draft was saved for this user.
    update(
        &mut state,
        Msg::DraftLocked {
            user_id: id.clone(),
            held_by: None,
        },
    );
    update(
        &mut state,
        Msg::DraftLoaded {
            user_id: id,
            result: Ok(None),
        },
    );
    state
}

pub fn key(state: &mut State, code: crossterm::event::KeyCode) -> Vec<Effect> {
    update(
        state,
        Msg::Key(crossterm::event::KeyEvent::new(
            code,
            crossterm::event::KeyModifiers::NONE,
        )),
    )
}

pub fn typed(state: &mut State, text: &str) {
    for c in text.chars() {
        key(state, crossterm::event::KeyCode::Char(c));
    }
}

pub fn to_row(state: &mut State, row: usize) {
    press(state, Intent::Top);
    for _ in 0..row {
        press(state, Intent::Down);
    }
}

/// Empties the open editor, as selecting its prefilled text and typing over it would.
pub fn clear(state: &mut State) {
    if let Some(auth0_meta::tui::state::Overlay::Editor(editor)) = &mut state.overlay {
        editor.text = ratatui_textarea::TextArea::default();
    }
}

/// Feeds `update` the answer of an apply that found `server` changed since `loaded`.
pub fn answer_with_conflict(
    state: &mut State,
    id: String,
    loaded: auth0_meta::domain::MetadataPair,
    body: auth0_meta::domain::UpdateBody,
    server: User,
) {
    let report = auth0_meta::domain::conflicts(&loaded, &server.metadata_pair(), &body);
    assert!(report.has_conflicts(), "the fixture must conflict");
    let result = Ok(auth0_meta::apply::Applied::Conflict { report, server });
    update(state, Msg::Applied { id, result, rate: None });
}

pub fn ctrl(state: &mut State, c: char) -> Vec<auth0_meta::tui::effect::Effect> {
    update(
        state,
        Msg::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::CONTROL,
        )),
    )
}

pub fn draft(state: &State, field: auth0_meta::domain::MetadataField) -> Value {
    state.user().unwrap().pane_for(field).current().to_value()
}

/// The root keys of the user_metadata draft, in order.
pub fn user_keys(state: &State) -> Vec<String> {
    draft(state, auth0_meta::domain::MetadataField::User)
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

pub fn editor_error(state: &State) -> Option<String> {
    match &state.overlay {
        Some(auth0_meta::tui::state::Overlay::Editor(editor)) => editor.error.clone(),
        _ => None,
    }
}

pub fn jane_state() -> State {
    opened(130, 30, jane())
}

/// The screen `state` draws in its own size, without colour, as text lines.
pub fn screen(state: &State) -> String {
    let (width, height) = (state.width, state.height);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| auth0_meta::tui::view::draw(state, frame, auth0_meta::tui::theme::Theme::PLAIN))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            // A wide character fills two cells: the second is not text of its own.
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..width {
                let symbol = buffer[(x, y)].symbol();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                skip = auth0_meta::text::width(symbol).saturating_sub(1);
                line.push_str(symbol);
            }
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Feeds `update` a saved draft of jane's that sets `app_metadata.KEY` to `value`,
/// made when the server held `base` there.
pub fn restore_app_draft(state: &mut State, key: &str, value: Value, base: Value) {
    use auth0_meta::domain::{Edit, JsonPath, MetadataField};
    use auth0_meta::storage::drafts::{Draft, DraftEdit};
    let draft = Draft {
        tenant: "t".into(),
        user_id: jane().id().to_string(),
        saved_at: 0,
        edits: vec![DraftEdit {
            field: MetadataField::App,
            edit: Edit::Set {
                path: JsonPath::root().key(key),
                value,
            },
        }],
        cleared: vec![],
        base: serde_json::from_value(json!({ "app_metadata": { key: base } })).unwrap(),
    };
    let user_id = draft.user_id.clone();
    update(
        state,
        Msg::DraftLoaded {
            user_id,
            result: Ok(Some(draft)),
        },
    );
}
