//! The tasks effects become: HTTP through the client and the apply path, files on the
//! blocking pool. The event loop's `runner` picks one for each effect; each ends in at
//! most one `Msg`.

use std::path::PathBuf;

use crate::api::{Client, ListQuery};
use crate::apply::{apply, resolve_unresolved, Request};
use crate::storage::{drafts, journal, queries, Storage};

use super::msg::Msg;
use super::user_list::LIST_METADATA_BYTES;

pub async fn fetch_page(client: &Client, generation: u64, query: ListQuery) -> Option<Msg> {
    let result = client.list_users_trimmed(&query, LIST_METADATA_BYTES).await;
    let rate = client.rate_limit();
    Some(Msg::PageLoaded {
        generation,
        result,
        rate,
    })
}

pub async fn fetch_user(client: &Client, id: String) -> Option<Msg> {
    let result = client.get_user_shown(&id).await;
    let rate = client.rate_limit();
    Some(Msg::UserLoaded { id, result, rate })
}

pub async fn send(client: &Client, request: Box<Request>, storage: Option<Storage>) -> Option<Msg> {
    let result = apply(client, storage.as_ref(), &request).await;
    let rate = client.rate_limit();
    let id = request.user_id;
    Some(Msg::Applied { id, result, rate })
}

pub async fn resolve_journal(client: &Client, storage: Storage) -> Option<Msg> {
    Some(Msg::JournalResolved(resolve_unresolved(client, &storage).await))
}

pub async fn list_drafts(dir: PathBuf) -> Option<Msg> {
    let users = blocking(move || Ok(drafts::drafted_users(&dir)))
        .await
        .unwrap_or_default();
    Some(Msg::DraftsListed(users))
}

pub async fn load_queries(file: PathBuf) -> Option<Msg> {
    let queries = blocking(move || Ok(queries::load(&file))).await.unwrap_or_default();
    Some(Msg::QueriesLoaded(queries))
}

pub async fn save_queries(file: PathBuf, list: Vec<String>) -> Option<Msg> {
    // Losing the history of searches loses nothing of the user's work: not reported.
    let _ = blocking(move || queries::save(&file, &list)).await;
    None
}

pub async fn load_journal(file: PathBuf, tenant: String, user_id: String) -> Option<Msg> {
    let who = user_id.clone();
    let result = blocking(move || journal::read(&file, &tenant, Some(&who)))
        .await
        .map_err(|e| e.to_string());
    Some(Msg::JournalLoaded { user_id, result })
}

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> std::io::Result<T> + Send + 'static) -> std::io::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|err| Err(std::io::Error::other(err)))
}

/// Reads the users a search finds (or every user, through the export) into an audit,
/// keeping them in a spool for Enter on a finding.
pub async fn audit(client: &Client, query: Option<String>) -> Option<Msg> {
    use std::sync::{Arc, Mutex};
    let spool = match crate::audit_source::Spool::create() {
        Ok(spool) => spool,
        Err(err) => {
            return Some(Msg::Audited(Err(format!(
                "a temporary file for the audit's users: {err}"
            ))))
        }
    };
    let audit = Arc::new(Mutex::new(crate::audit::Audit::new(crate::audit::Options::default())));
    let (into, writer) = (audit.clone(), spool.writer());
    let lines: crate::audit_source::Lines = Box::new(move |line: &[u8]| {
        into.lock().unwrap_or_else(|p| p.into_inner()).add_line(line);
        writer.add(line)
    });
    let read = match &query {
        Some(q) => crate::audit_source::search(client, q, &Default::default(), lines).await,
        None => crate::audit_source::export_all(client, lines).await.map(|()| None),
    };
    let result = read.and_then(|partial| {
        let audit = Arc::try_unwrap(audit).map_err(|_| "the audit is still in use".to_string())?;
        let audit = audit.into_inner().unwrap_or_else(|p| p.into_inner());
        let users = spool.finish().map_err(|e| e.to_string())?;
        Ok(Box::new(crate::tui::msg::Audited {
            report: audit.finish(partial),
            users: Arc::new(users),
        }))
    });
    Some(Msg::Audited(result))
}

/// The users of one finding, read again from the audit's spool: the first `limit` ids
/// and how many there are.
pub async fn audit_users(request: crate::tui::effect::FindingUsers) -> Option<Msg> {
    let crate::tui::effect::FindingUsers {
        users,
        report,
        kind,
        path,
        limit,
    } = request;
    let found = tokio::task::spawn_blocking(move || {
        let (mut ids, mut total) = (Vec::new(), 0u64);
        crate::audit_source::each_line(&users, |line| {
            let Ok(user) = serde_json::from_slice(line) else { return };
            if let Some(hit) = crate::audit::user_line(&user, &report, kind, path.as_deref()) {
                total += 1;
                if ids.len() < limit {
                    ids.push(hit.user_id);
                }
            }
        })
        .map(|()| (ids, total))
        .map_err(|e| e.to_string())
    })
    .await
    .unwrap_or_else(|e| Err(e.to_string()));
    Some(Msg::FindingUsers(found))
}
