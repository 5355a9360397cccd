//! The merge preview, sending, conflicts, leaving with pending edits, and the journal.

use crossterm::event::{KeyCode, KeyEvent};

use super::{drafts, edit, list, report};
use crate::api::ApiError;
use crate::domain::{MetadataField, MetadataPair, UpdateBody, User};
use crate::preview::Preview;
use crate::storage::journal::Entry;
use crate::tui::effect::Effect;
use crate::tui::msg::Applied;
use crate::tui::state::{ConflictScreen, HistoryList, Overlay, PreviewScreen, Screen, State, Status};

/// `p`: the exact request, the result as a diff, warnings and problems.
pub fn open_preview(state: &mut State) -> Vec<Effect> {
    let Some(view) = &state.user else { return Vec::new() };
    if !view.is_dirty() {
        state.status = Status::Info("nothing to send: no pending edits".into());
        return Vec::new();
    }
    let preview = Preview::with_body(&view.user, &view.stored(), &view.edited(), view.body());
    let diffs = preview.diffs();
    state.overlay = Some(Overlay::Preview(Box::new(PreviewScreen {
        preview,
        diffs,
        scroll: 0,
    })));
    Vec::new()
}

pub fn preview_input(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let Some(Overlay::Preview(screen)) = &mut state.overlay else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Char('j') | KeyCode::Down => screen.scroll += 1,
        KeyCode::Char('k') | KeyCode::Up => screen.scroll = screen.scroll.saturating_sub(1),
        KeyCode::PageDown => screen.scroll += 10,
        KeyCode::PageUp => screen.scroll = screen.scroll.saturating_sub(10),
        KeyCode::Esc | KeyCode::Char('q') => state.overlay = None,
        KeyCode::Char('y') | KeyCode::Enter if screen.preview.is_blocked() => {
            state.status = Status::Error("not sent: fix the errors the preview lists".into());
        }
        KeyCode::Char('y') | KeyCode::Enter => {
            let body = screen.preview.body.clone();
            let loaded = screen.preview.stored.clone();
            state.overlay = None;
            return send(state, loaded, body, true);
        }
        _ => {}
    }
    Vec::new()
}

fn send(state: &mut State, loaded: MetadataPair, body: UpdateBody, check: bool) -> Vec<Effect> {
    let Some(view) = &state.user else { return Vec::new() };
    let id = view.user.id().to_string();
    state.status = Status::Loading(if check {
        format!("checking {id} on the server")
    } else {
        format!("sending {id}")
    });
    vec![Effect::Apply {
        id,
        loaded,
        body,
        check,
    }]
}

pub fn applied(
    state: &mut State,
    id: &str,
    loaded: MetadataPair,
    body: UpdateBody,
    result: Result<Applied, ApiError>,
) -> Vec<Effect> {
    let open = state.user.as_ref().is_some_and(|v| v.user.id() == id);
    match result {
        Ok(Applied::Saved { user, kept }) => saved(state, user, &loaded, &body, &kept),
        // The user was left while the answer was on its way: only a save still matters.
        _ if !open => Vec::new(),
        Ok(Applied::Conflict(report, server)) => {
            state.status = Status::Error(format!("not sent: {id} changed on the server since it was loaded"));
            state.overlay = Some(Overlay::Conflict(Box::new(ConflictScreen { report, server, body })));
            Vec::new()
        }
        Err(err) => {
            report(state, "not saved, the edits are still pending", &err);
            Vec::new()
        }
    }
}

fn saved(
    state: &mut State,
    user: User,
    loaded: &MetadataPair,
    body: &UpdateBody,
    kept: &[(MetadataField, String)],
) -> Vec<Effect> {
    // A save is recorded even if the user was left meanwhile: the journal must hold every
    // applied change, and the draft it came from is spent.
    let mut effects = Vec::new();
    if let Some(storage) = &state.storage {
        effects.push(Effect::DeleteDraft {
            file: storage.draft_file(user.id()),
        });
        if let Some(entry) = Entry::new(&storage.tenant, user.id(), body, loaded) {
            effects.push(Effect::AppendJournal {
                file: storage.journal_file(),
                entry,
            });
        }
    }
    let keys: Vec<String> = MetadataField::BOTH
        .into_iter()
        .filter_map(|f| match body.field(f).body() {
            Some(serde_json::Value::Object(k)) => {
                Some(k.keys().map(|k| format!("{f}.{k}")).collect::<Vec<_>>().join(", "))
            }
            _ => None,
        })
        .collect();
    if state.user.as_ref().is_some_and(|v| v.user.id() == user.id()) {
        super::user::show_saved(state, user);
    }
    let mut text = format!("saved: {}", keys.join(", "));
    if !kept.is_empty() {
        let kept: Vec<String> = kept.iter().map(|(f, k)| format!("{f}.{k}")).collect();
        text.push_str(&format!(
            " (kept what the server changed meanwhile: {})",
            kept.join(", ")
        ));
    }
    state.status = Status::Info(text);
    effects
}

/// `r` rebase, `o` overwrite, `c`/Esc cancel.
pub fn conflict_input(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    if !matches!(key.code, KeyCode::Char('o' | 'r' | 'c') | KeyCode::Esc) {
        return Vec::new();
    }
    let Some(Overlay::Conflict(screen)) = state.overlay.take() else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Char('o') => send(state, screen.server.metadata_pair(), screen.body, false),
        KeyCode::Char('r') => rebase(state, screen.server),
        _ => {
            state.status = Status::Info("not sent: the edits are still pending".into());
            Vec::new()
        }
    }
}

/// Takes the server's copy as the new original, makes the pending edits again on top,
/// and shows the preview again.
fn rebase(state: &mut State, server: User) -> Vec<Effect> {
    let Some(view) = state.user.as_mut() else {
        return Vec::new();
    };
    let edits = drafts::pending(view);
    let mut server = server;
    super::user::reload_panes(view, &mut server);
    view.user = server;
    let failed = drafts::replay(view, edits);
    let mut effects = drafts::save(state);
    effects.extend(open_preview(state));
    if failed > 0 {
        state.status = Status::Error(format!(
            "{failed} edits no longer apply to the server's copy and were dropped"
        ));
    }
    effects
}

/// Leaving a user with pending edits: `p` preview, `k` keep the draft, `d` discard, Esc stay.
pub fn leave_input(state: &mut State, key: KeyEvent, quit: bool) -> Vec<Effect> {
    match key.code {
        KeyCode::Char('p') => {
            state.overlay = None;
            open_preview(state)
        }
        KeyCode::Char('k') => {
            state.overlay = None;
            leave(state, quit, Vec::new())
        }
        KeyCode::Char('d') => {
            state.overlay = None;
            let effects = drafts::delete(state);
            leave(state, quit, effects)
        }
        KeyCode::Esc => {
            state.overlay = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Leaves the user view (or quits), after `before` has run.
pub fn leave(state: &mut State, quit: bool, mut before: Vec<Effect>) -> Vec<Effect> {
    if quit {
        before.push(Effect::Quit);
        return before;
    }
    state.screen = Screen::List;
    state.user = None;
    if state.is_busy() && !state.list.loading {
        state.status = Status::Idle;
    }
    list::keep_cursor_visible(state);
    before
}

/// `H`: this user's journal entries.
pub fn open_history(state: &mut State) -> Vec<Effect> {
    match (&state.storage, &state.user) {
        (Some(storage), Some(view)) => vec![Effect::LoadJournal {
            file: storage.journal_file(),
            tenant: storage.tenant.clone(),
            user_id: view.user.id().to_string(),
        }],
        _ => {
            state.status = Status::Error("no state directory: set AUTH0_META_STATE_DIR or HOME".into());
            Vec::new()
        }
    }
}

pub fn journal_loaded(state: &mut State, user_id: &str, result: Result<Vec<Entry>, String>) -> Vec<Effect> {
    if state.user.as_ref().is_none_or(|v| v.user.id() != user_id) {
        return Vec::new();
    }
    match result {
        Ok(mut entries) => {
            entries.reverse();
            state.overlay = Some(Overlay::History(Box::new(HistoryList { entries, cursor: 0 })));
        }
        Err(err) => state.status = Status::Error(format!("the journal could not be read: {err}")),
    }
    Vec::new()
}

/// `j`/`k` choose, Enter reverts the chosen change (through the preview), Esc closes.
pub fn history_input(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let Some(Overlay::History(list)) = &mut state.overlay else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Char('j') | KeyCode::Down => list.cursor = (list.cursor + 1).min(list.entries.len().saturating_sub(1)),
        KeyCode::Char('k') | KeyCode::Up => list.cursor = list.cursor.saturating_sub(1),
        KeyCode::Esc | KeyCode::Char('q') => state.overlay = None,
        KeyCode::Enter => {
            let Some(entry) = list.entries.get(list.cursor).cloned() else {
                return Vec::new();
            };
            state.overlay = None;
            return revert(state, &entry);
        }
        _ => {}
    }
    Vec::new()
}

/// Puts back what `entry` replaced, as ordinary edits, and shows the preview.
fn revert(state: &mut State, entry: &Entry) -> Vec<Effect> {
    let Some(view) = &state.user else { return Vec::new() };
    if view.is_dirty() {
        state.status = Status::Error("send or discard the pending edits before reverting".into());
        return Vec::new();
    }
    let edits = entry.revert_edits(&view.stored());
    if edits.is_empty() {
        state.status = Status::Info("nothing to revert: the server already holds those values".into());
        return Vec::new();
    }
    let mut effects = Vec::new();
    for (field, edit) in edits {
        match edit::commit(state, field, edit) {
            Ok(more) => effects = more,
            Err(reason) => {
                state.status = Status::Error(format!("revert stopped: {reason}"));
                return effects;
            }
        }
    }
    effects.extend(open_preview(state));
    effects
}
