//! The merge preview: opening it on the pending edits, scrolling it, and sending.

use crossterm::event::KeyEvent;

use super::nav::movement;
use crate::apply::Request;
use crate::domain::{MetadataPair, SendBody, UpdateBody};
use crate::preview::Preview;
use crate::tui::effect::Effect;
use crate::tui::msg::Intent;
use crate::tui::overlay::text_area;
use crate::tui::state::{ConfirmSend, Overlay, PreviewScreen, State, Status};

/// `p`: the exact request, the result as a diff, warnings and problems.
pub fn open_preview(state: &mut State) -> Vec<Effect> {
    let Some(view) = state.user() else { return Vec::new() };
    if !view.is_dirty() {
        state.status = Status::Info("nothing to send: no pending edits".into());
        return Vec::new();
    }
    let preview = Preview::with_body(&view.user, view.stored(), view.body());
    let mut screen = PreviewScreen::new(preview);
    screen.reverts = view.reverting.clone();
    state.overlay = Some(Overlay::Preview(Box::new(screen)));
    Vec::new()
}

pub fn preview_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let rows = state.overlay_rows();
    let Some(Overlay::Preview(screen)) = &mut state.overlay else {
        return Vec::new();
    };
    if let Some(target) = movement(intent, screen.scroll, screen.line_count(), rows) {
        // `Bottom` aims at the last line; the scroll stops when it is on screen.
        let target = if intent == Intent::Bottom {
            screen.line_count() as isize
        } else {
            target
        };
        screen.scroll_to(target, rows);
        return Vec::new();
    }
    let half = (rows / 2).max(1) as isize;
    match intent {
        Intent::ScrollLeft | Intent::ScrollRight => screen.hscroll = crate::tui::view::sideways(screen.hscroll, intent),
        Intent::HalfPageDown => screen.scroll_to(screen.scroll as isize + half, rows),
        Intent::HalfPageUp => screen.scroll_to(screen.scroll as isize - half, rows),
        Intent::NextSection | Intent::PrevSection => {
            let at = screen.section_after(intent == Intent::NextSection);
            screen.scroll_to(at as isize, rows);
        }
        Intent::Cancel => {
            state.overlay = None;
            return super::drafts::abandon_revert(state).unwrap_or_default();
        }
        Intent::Submit if screen.preview.is_blocked() => {
            state.status = Status::Error("not sent: fix the errors the preview lists".into());
        }
        Intent::Submit => {
            if let Some(reason) = super::may_write::refusal(state) {
                state.status = Status::Error(reason);
                return Vec::new();
            }
            let Some(Overlay::Preview(screen)) = state.overlay.take() else {
                return Vec::new();
            };
            if state.guards.production {
                let tenant = state.guards.name.clone().unwrap_or_else(|| state.tenant.clone());
                state.overlay = Some(Overlay::ConfirmSend(Box::new(ConfirmSend {
                    screen,
                    tenant,
                    text: text_area("", false),
                    error: None,
                })));
                return Vec::new();
            }
            return send_preview(state, *screen);
        }
        _ => {}
    }
    Vec::new()
}

/// Asks the apply path to send `body`, computed against `loaded`.
/// Sending always re-reads and checks first: an overwrite after a conflict comes here
/// through a preview whose base is the server's copy.
pub fn send(state: &mut State, loaded: MetadataPair, body: UpdateBody, reverts: Option<String>) -> Vec<Effect> {
    let Some(view) = state.user() else { return Vec::new() };
    let Some(body) = SendBody::new(body) else {
        state.status = Status::Info("nothing to send: no pending edits".into());
        return Vec::new();
    };
    let user_id = view.user.id().to_string();
    state.status = Status::Loading(format!("checking {user_id} on the server"));
    state.sending = true;
    let request = Request {
        user_id,
        loaded,
        body,
        check: true,
        fresh: false,
        reverts,
        batch: None,
    };
    vec![Effect::Apply {
        request: Box::new(request),
        storage: state.storage.clone(),
    }]
}

fn send_preview(state: &mut State, screen: PreviewScreen) -> Vec<Effect> {
    let PreviewScreen { preview, reverts, .. } = screen;
    send(state, preview.stored, preview.body, reverts)
}

/// On a production tenant: Enter sends once the tenant's name is typed; Esc goes back.
pub fn confirm_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let Some(Overlay::ConfirmSend(confirm)) = &mut state.overlay else {
        return Vec::new();
    };
    match intent {
        Intent::Submit if confirm.text.lines().join("").trim() == confirm.tenant => {
            let Some(Overlay::ConfirmSend(confirm)) = state.overlay.take() else {
                return Vec::new();
            };
            send_preview(state, *confirm.screen)
        }
        Intent::Submit => {
            confirm.error = Some(format!("type {} exactly to send, or Esc", confirm.tenant));
            Vec::new()
        }
        Intent::Cancel => {
            if let Some(Overlay::ConfirmSend(confirm)) = state.overlay.take() {
                state.overlay = Some(Overlay::Preview(confirm.screen));
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

pub fn confirm_text(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    if let Some(Overlay::ConfirmSend(confirm)) = &mut state.overlay {
        crate::tui::overlay::type_line_key(&mut confirm.text, key);
        confirm.error = None;
    }
    Vec::new()
}
