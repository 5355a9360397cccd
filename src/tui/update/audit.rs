//! `A` in the users list: audit the users of the current search (or, asked first, the
//! whole tenant through the export job), show the report, and from a finding search its
//! users in the list.

use super::list::reload;
use crate::audit::Report;
use crate::tui::audit_screen::AuditScreen;
use crate::tui::effect::Effect;
use crate::tui::msg::Intent;
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

pub fn audited(state: &mut State, result: Result<Box<Report>, String>) -> Vec<Effect> {
    let scope = state.auditing.take().unwrap_or_default();
    match result {
        Ok(report) => {
            state.status = Status::Info(format!(
                "audited {}: {} users, {} findings",
                scope,
                report.users,
                report.findings.len()
            ));
            state.overlay = Some(Overlay::Audit(Box::new(AuditScreen::new(*report, scope))));
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
        None => {
            let path = finding
                .path
                .as_deref()
                .map(|p| format!(" --path '{p}'"))
                .unwrap_or_default();
            let sample = finding.sample.join(", ");
            state.status = Status::Info(format!(
                "Auth0's search cannot express {}: e.g. {sample}; all of them: auth0-meta audit --users {}{path}",
                finding.kind, finding.kind
            ));
            Vec::new()
        }
    }
}
