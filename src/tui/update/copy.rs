//! `y` then a letter: a form of the focused node, or of the user under the cursor in the
//! list, put on the terminal's clipboard; the status line says what was copied.

use crate::domain::copy::copy_text;
use crate::domain::FieldPath;
use crate::text::cut;
use crate::tui::effect::Effect;
use crate::tui::keymap::{key_for, USER};
use crate::tui::msg::{Copying, Intent};
use crate::tui::state::{State, Status};

/// More than this is not sent through the terminal: many terminals drop it silently.
pub const CLIPBOARD_LIMIT: usize = 1 << 20;
/// How much of the copied text the status line shows.
const SHOWN: usize = 60;

pub fn copy_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let copying = match intent {
        Intent::Copy(copying) => copying,
        Intent::Cancel => {
            state.overlay = None;
            return Vec::new();
        }
        _ => return Vec::new(),
    };
    state.overlay = None;
    let (what, text) = match copied(state, copying) {
        Ok(found) => found,
        Err(reason) => {
            state.status = Status::Error(format!("nothing copied: {reason}"));
            return Vec::new();
        }
    };
    if text.len() > CLIPBOARD_LIMIT {
        state.status = Status::Error(format!(
            "nothing copied: {} KB is more than a terminal clipboard takes; {} opens it in your editor",
            text.len() / 1024,
            key_for(USER.bindings, Intent::OpenInEditor)
        ));
        return Vec::new();
    }
    state.status = Status::Info(format!("copied {what}: {}", shortened(&text)));
    vec![Effect::Copy(text)]
}

fn copied(state: &State, copying: Copying) -> Result<(&'static str, String), String> {
    if let Copying::Node(form) = copying {
        let view = state.user().ok_or("no user open")?;
        let pane = view.pane();
        let at = pane.tree.locate(pane.cursor).ok_or("no row selected")?;
        let value = match pane.tree.value_at(&at.path) {
            Some(value) => value,
            None if at.path.is_root() => pane.tree.doc().to_value(),
            None => return Err("the row is gone".into()),
        };
        let text = copy_text(form, &FieldPath::new(pane.field, at.path.clone()), &value)?;
        return Ok((form.name(), text));
    }
    let user = state
        .list
        .users
        .get(state.list.cursor)
        .ok_or("no user under the cursor")?;
    match copying {
        Copying::UserId => Ok(("user id", user.id().to_string())),
        _ => user
            .str("email")
            .map(|email| ("email", email.to_string()))
            .ok_or_else(|| "this user has no email".to_string()),
    }
}

/// The first line, at most `SHOWN` characters, ending with `…` when anything is left out.
fn shortened(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let shown = cut(line, SHOWN);
    if text.lines().nth(1).is_some() && !shown.ends_with('…') {
        format!("{shown}…")
    } else {
        shown
    }
}
