//! The small questions of editing: the type menu and the yes/no before a deletion.

use serde_json::Value;

use super::commit::{commit_or_report, refuse};
use crate::domain::{Edit, JsonPath, Problem, ValueKind};
use crate::tui::effect::Effect;
use crate::tui::msg::Intent;
use crate::tui::state::{Confirm, Overlay, State, Status};

/// The type menu: up and down choose, Submit converts, Cancel leaves.
pub fn type_menu_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let Some(Overlay::TypeMenu(menu)) = &mut state.overlay else {
        return Vec::new();
    };
    let last = ValueKind::ALL.len() - 1;
    match intent {
        Intent::Down => menu.selected = (menu.selected + 1).min(last),
        Intent::Up => menu.selected = menu.selected.saturating_sub(1),
        Intent::Cancel => state.overlay = None,
        Intent::Submit => {
            let (field, path) = (menu.field, menu.path.clone());
            let to = ValueKind::ALL.get(menu.selected).copied().unwrap_or(ValueKind::String);
            state.overlay = None;
            if to == ValueKind::Null && path.len() == 1 {
                let key = path.root_key().unwrap_or_default().to_string();
                return refuse(state, Problem::NullRootValue { field, key }.to_string());
            }
            let current = state
                .user()
                .and_then(|v| v.pane_for(field).current().value_at(&path).map(|v| v.into_owned()))
                .unwrap_or(Value::Null);
            if to.loses_data(&current) {
                let (before, after) = (shown(&current), shown(&to.convert(&current)));
                state.overlay = Some(Overlay::Confirm(Confirm::Retype {
                    field,
                    path,
                    to,
                    before,
                    after,
                }));
                return Vec::new();
            }
            return commit_or_report(state, field, Edit::Retype { path, to });
        }
        _ => {}
    }
    Vec::new()
}

/// Submit confirms a deletion or a clear; Cancel keeps everything.
pub fn confirm_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    if !matches!(intent, Intent::Submit | Intent::Cancel) {
        return Vec::new();
    }
    let Some(Overlay::Confirm(confirm)) = state.overlay.take() else {
        return Vec::new();
    };
    if intent == Intent::Cancel {
        return Vec::new();
    }
    match confirm {
        Confirm::AuditTenant => super::audit::run(state, None),
        Confirm::Delete { field, path, .. } => commit_or_report(state, field, Edit::Remove { path }),
        Confirm::Retype { field, path, to, .. } => commit_or_report(state, field, Edit::Retype { path, to }),
        Confirm::Clear { field, .. } => {
            let empty = Value::Object(Default::default());
            let effects = commit_or_report(
                state,
                field,
                Edit::Set {
                    path: JsonPath::root(),
                    value: empty,
                },
            );
            if let Some(view) = state.user_mut() {
                view.pane_for_mut(field).clear_requested = true;
            }
            state.status = Status::Info(format!("{field} will be cleared with {{}} when applied"));
            effects
        }
    }
}

/// A value on one line, shortened: what the type question shows.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(39).collect::<String>())
    } else {
        text
    }
}
