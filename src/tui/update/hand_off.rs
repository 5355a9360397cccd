//! `v`: the focused node (on a root row, the whole document) handed to the user's own
//! editor as pretty JSON, and what comes back checked as `E` checks it: unchanged is no
//! edit, changed is one undoable edit, invalid asks to reopen (text kept) or drop.

use super::editor::commit_json;
use crate::tui::effect::Effect;
use crate::tui::external::Unfinished;
use crate::tui::keymap::{key_for, USER};
use crate::tui::msg::{HandOff, Intent};
use crate::tui::state::{EditorFailed, Overlay, State, Status};

pub fn open(state: &mut State) -> Vec<Effect> {
    let Some(view) = state.user() else { return Vec::new() };
    let pane = view.pane();
    let Some(at) = pane.tree.locate(pane.cursor) else {
        return Vec::new();
    };
    let Some(value) = pane.current().value_at(&at.path) else {
        state.status = Status::Error("this row is deleted in the draft: nothing to edit".into());
        return Vec::new();
    };
    let text = serde_json::to_string_pretty(&*value).unwrap_or_default() + "\n";
    let hand_off = HandOff {
        field: pane.field,
        path: at.path,
        original: text.clone(),
        text,
    };
    hand(state, hand_off)
}

fn hand(state: &mut State, hand_off: HandOff) -> Vec<Effect> {
    state.status = Status::Loading("waiting for your editor".into());
    let dir = state.storage.as_ref().map(|s| s.root.clone());
    vec![Effect::ExternalEditor { hand_off, dir }]
}

pub fn edited(state: &mut State, hand_off: HandOff, result: Result<String, Unfinished>) -> Vec<Effect> {
    let text = match result {
        Ok(text) => text,
        Err(Unfinished {
            reason,
            text: Some(text),
        }) => {
            // It wrote, then failed: the text is offered back, never dropped unasked.
            state.status = Status::Idle;
            state.overlay = Some(Overlay::EditorFailed(Box::new(EditorFailed {
                hand_off: HandOff { text, ..hand_off },
                error: format!("{reason} after changing the text; nothing is applied until you choose"),
            })));
            return Vec::new();
        }
        Err(Unfinished { reason, text: None }) => {
            state.status = Status::Error(format!("your editor could not be used: {reason}; nothing changed"));
            return Vec::new();
        }
    };
    if text.trim_end() == hand_off.original.trim_end() {
        state.status = Status::Info("unchanged in your editor: no edit".into());
        return Vec::new();
    }
    match commit_json(state, hand_off.field, hand_off.path.clone(), &text) {
        Ok(effects) => {
            state.status = Status::Info(format!(
                "changed in your editor: one edit ({} undoes it)",
                key_for(USER.bindings, Intent::Undo)
            ));
            effects
        }
        Err(error) => {
            state.status = Status::Idle;
            state.overlay = Some(Overlay::EditorFailed(Box::new(EditorFailed {
                hand_off: HandOff { text, ..hand_off },
                error,
            })));
            Vec::new()
        }
    }
}

pub fn failed_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let Some(Overlay::EditorFailed(failed)) = state.overlay.take() else {
        return Vec::new();
    };
    match intent {
        Intent::OpenInEditor => hand(state, failed.hand_off),
        Intent::Discard => {
            state.status = Status::Info("your editor's text was dropped; nothing changed".into());
            Vec::new()
        }
        _ => {
            state.overlay = Some(Overlay::EditorFailed(failed));
            Vec::new()
        }
    }
}
