//! `A` in the users list: audit the users of the current search (or, asked first, the
//! whole tenant through the export job), show the report, and from a finding search its
//! users in the list.

use super::list::reload;
use crate::tui::audit_screen::AuditScreen;
use crate::tui::effect::{Effect, FindingUsers};
use crate::tui::msg::{Audited, Intent};
use crate::tui::state::{Confirm, Overlay, State, Status};

pub fn start(state: &mut State) -> Vec<Effect> {
    if state.auditing.is_some() {
        state.status = Status::Info("an audit is already running".into());
        return Vec::new();
    }
    match state.list.query.trim() {
        "" => {
            state.overlay = Some(Overlay::Confirm(Confirm::AuditTenant));
            Vec::new()
        }
        query => {
            let query = query.to_string();
            run(state, Some(query))
        }
    }
}

/// Starts the audit of `query`'s users, or of every user.
pub fn run(state: &mut State, query: Option<String>) -> Vec<Effect> {
    let scope = match &query {
        Some(q) => format!("the users of {q}"),
        None => "every user (export job)".to_string(),
    };
    state.status = Status::Loading(format!("auditing {scope}…"));
    state.auditing = Some(scope);
    vec![Effect::Audit { query }]
}

/// Ids of a finding's users put in one search query, at most.
pub const FINDING_USERS_SHOWN: usize = 50;

pub fn audited(state: &mut State, result: Result<Box<Audited>, String>) -> Vec<Effect> {
    let scope = state.auditing.take().unwrap_or_default();
    match result {
        Ok(audited) => {
            let Audited { report, users } = *audited;
            state.status = Status::Info(format!(
                "audited {}: {} users, {} findings",
                scope,
                report.users,
                report.findings.len()
            ));
            state.overlay = Some(Overlay::Audit(Box::new(AuditScreen::new(report, scope, Some(users)))));
        }
        Err(err) => state.status = Status::Error(format!("the audit failed: {err}")),
    }
    Vec::new()
}

pub fn audit_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    let rows = state.overlay_rows();
    let Some(Overlay::Audit(screen)) = &mut state.overlay else {
        return Vec::new();
    };
    match intent {
        Intent::Down => screen.choose(1, rows),
        Intent::Up => screen.choose(-1, rows),
        Intent::PageDown => screen.scroll_by(rows as isize, rows),
        Intent::PageUp => screen.scroll_by(-(rows as isize), rows),
        Intent::Top => screen.scroll_by(isize::MIN / 2, rows),
        Intent::Bottom => screen.scroll_by(isize::MAX / 2, rows),
        Intent::CycleSort => screen.cycle_sort(rows),
        Intent::Cancel => state.overlay = None,
        Intent::Submit => return search_finding(state),
        _ => {}
    }
    Vec::new()
}

/// The chosen finding's users in the list, through its search query; for a finding
/// Auth0's search cannot express, the status line names some and how to list them all.
fn search_finding(state: &mut State) -> Vec<Effect> {
    let Some(Overlay::Audit(screen)) = &state.overlay else {
        return Vec::new();
    };
    let Some(finding) = screen.finding().cloned() else {
        return Vec::new();
    };
    match &finding.query {
        Some(query) => {
            state.list.query = query.clone();
            state.overlay = None;
            state.status = Status::Info(format!(
                "the users of {} {}: {query}",
                finding.kind,
                finding.path.as_deref().unwrap_or("")
            ));
            reload(state)
        }
        None => match &screen.users {
            Some(users) => {
                state.status = Status::Loading(format!("finding the users of {}…", finding.kind));
                state.finding_users = Some((finding.kind, finding.path.clone()));
                vec![Effect::FindingUsers(FindingUsers {
                    users: users.clone(),
                    report: screen.report.clone(),
                    kind: finding.kind,
                    path: finding.path.clone(),
                    limit: FINDING_USERS_SHOWN,
                })]
            }
            None => {
                let sample = finding.sample.join(", ");
                state.status = Status::Info(format!(
                    "e.g. {sample}; all of them: {}",
                    all_of_them(finding.kind, finding.path.as_deref())
                ));
                Vec::new()
            }
        },
    }
}

/// The command that lists every user of a finding.
fn all_of_them(kind: &str, path: Option<&str>) -> String {
    let path = path.map(|p| format!(" --path '{p}'")).unwrap_or_default();
    format!("auth0-meta audit --users {kind}{path}")
}

/// A finding's users, read again from the audit: the list searches them by id (the
/// first `FINDING_USERS_SHOWN`), and says how many there are in all.
pub fn finding_users(state: &mut State, result: Result<(Vec<String>, u64), String>) -> Vec<Effect> {
    let Some((kind, path)) = state.finding_users.take() else {
        return Vec::new();
    };
    match result {
        Ok((ids, _)) if ids.is_empty() => {
            state.status = Status::Info(format!("no user of {kind} was found again in the audit's users"));
            Vec::new()
        }
        Ok((ids, total)) => {
            let quoted: Vec<String> = ids.iter().map(|id| crate::lucene::quote(id)).collect();
            state.list.query = format!("user_id:({})", quoted.join(" OR "));
            state.overlay = None;
            let at = path.as_deref().map(|p| format!(" at {p}")).unwrap_or_default();
            let shown = match total > ids.len() as u64 {
                true => format!("the first {} of {total} users", ids.len()),
                false if total == 1 => "its 1 user".to_string(),
                false => format!("its {total} users"),
            };
            state.status = Status::Info(format!(
                "{kind}{at}: {shown}, by id (Auth0's search cannot express it); all of them: {}",
                all_of_them(kind, path.as_deref())
            ));
            reload(state)
        }
        Err(err) => {
            state.status = Status::Error(format!("reading the audit's users failed: {err}"));
            Vec::new()
        }
    }
}
