//! Marks in the users list, for a bulk change: `Space` marks or unmarks the user under the
//! cursor (and moves on), `*` marks every user of the search (up to Auth0's window: the
//! status says when the search holds more), `x` unmarks all. The title counts them.

use crate::api::ListQuery;
use crate::tui::effect::Effect;
use crate::tui::msg::Intent;
use crate::tui::state::{State, Status, SEARCH_WINDOW};

pub fn intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    match intent {
        Intent::Mark => {
            let Some(user) = state.list.users.get(state.list.cursor) else {
                return Vec::new();
            };
            let id = user.id().to_string();
            if !state.list.marked.shift_remove(&id) {
                state.list.marked.insert(id);
            }
            super::list::intent(state, Intent::Down)
        }
        Intent::MarkAll => {
            let list = &state.list;
            state.status = Status::Loading("marking every user of the search…".into());
            vec![Effect::MarkAll {
                generation: list.generation,
                query: ListQuery {
                    q: Some(list.query.clone()).filter(|q| !q.trim().is_empty()),
                    page: 0,
                    per_page: 100,
                    sort: Some(list.sort.param()),
                    fields: vec!["user_id"],
                },
            }]
        }
        Intent::ClearMarks => {
            let n = std::mem::take(&mut state.list.marked).len();
            state.status = Status::Info(format!("{n} users unmarked"));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

pub fn marked_all(
    state: &mut State,
    generation: u64,
    result: Result<(Vec<String>, Option<u64>), crate::api::ApiError>,
) -> Vec<Effect> {
    if generation != state.list.generation {
        state.status = Status::Info("the search changed meanwhile: press * again to mark its users".into());
        return Vec::new();
    }
    match result {
        Ok((ids, total)) => {
            let found = ids.len();
            state.list.marked.extend(ids);
            let beyond = match total {
                Some(total) if total > found as u64 => format!(
                    " of {total}: Auth0's search reaches the first {SEARCH_WINDOW}; for all of them use auth0-meta bulk … --from an export"
                ),
                _ => String::new(),
            };
            state.status = Status::Info(format!(
                "marked {found} users{beyond} ({} marked in all; x unmarks)",
                state.list.marked.len()
            ));
        }
        Err(err) => state.status = Status::Error(format!("marking the search's users failed: {err}")),
    }
    Vec::new()
}
