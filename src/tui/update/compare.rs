//! `c`: the first press marks the user under the cursor (or the one open), the second,
//! on another user, shows what differs between their metadata.

use super::nav::movement;
use crate::tui::compare_screen::{CompareScreen, Marked};
use crate::tui::effect::Effect;
use crate::tui::msg::Intent;
use crate::tui::state::{Overlay, Screen, State, Status};

pub fn mark_or_compare(state: &mut State) -> Vec<Effect> {
    let Some(here) = current(state) else {
        if state.on_list() && !state.list.users.is_empty() {
            state.status =
                Status::Info("this user's metadata is large and not kept in the list: open it (Enter), then c".into());
        }
        return Vec::new();
    };
    match state.compare_mark.take() {
        Some(marked) if marked.id != here.id => {
            state.status = Status::Info(format!("{} → {}", marked.label, here.label));
            state.overlay = Some(Overlay::Compare(Box::new(CompareScreen::new(&marked, &here))));
        }
        Some(_) => state.status = Status::Info("comparison mark removed".into()),
        None => {
            state.status = Status::Info(format!(
                "{} marked: c on another user compares their metadata",
                here.label
            ));
            state.compare_mark = Some(here);
        }
    }
    Vec::new()
}

/// The user `c` was pressed on, with the metadata as loaded.
fn current(state: &State) -> Option<Marked> {
    match &state.screen {
        Screen::User(view) => Some(Marked {
            id: view.user.id().to_string(),
            label: view.user.identifier().to_string(),
            metadata: view.stored(),
        }),
        Screen::List => state
            .list
            .users
            .get(state.list.cursor)
            .filter(|user| !state.list.heavy.contains(user.id()))
            .map(|user| Marked {
                id: user.id().to_string(),
                label: user.identifier().to_string(),
                metadata: user.metadata_pair(),
            }),
    }
}

pub fn compare_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let rows = state.overlay_rows();
    let Some(Overlay::Compare(screen)) = &mut state.overlay else {
        return Vec::new();
    };
    if let Some(target) = movement(intent, screen.scroll, screen.items.len(), rows) {
        screen.scroll_to(target, rows);
    } else if intent == Intent::Expand {
        screen.toggle_folding();
        screen.scroll_to(screen.scroll as isize, rows);
    } else if matches!(intent, Intent::ScrollLeft | Intent::ScrollRight) {
        screen.hscroll = crate::tui::view::sideways(screen.hscroll, intent);
    } else if intent == Intent::Cancel {
        state.overlay = None;
    }
    Vec::new()
}
