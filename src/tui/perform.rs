//! Runs an effect: HTTP through the client and the apply path, files on the blocking
//! pool. Each ends in at most one `Msg`.

use crate::api::Client;
use crate::apply::{apply, resolve_unresolved};
use crate::storage::{drafts, journal, queries};

use super::effect::Effect;
use super::file_queue::{self, Disk};
use super::msg::Msg;
use super::user_list::LIST_METADATA_BYTES;

/// Runs one effect. `Quit` is the loop's to handle and never gets here.
pub async fn perform(effect: Effect, client: &Client) -> Option<Msg> {
    match effect {
        Effect::FetchPage { generation, query } => {
            let result = client.list_users_trimmed(&query, LIST_METADATA_BYTES).await;
            let rate = client.rate_limit();
            Some(Msg::PageLoaded {
                generation,
                result,
                rate,
            })
        }
        Effect::FetchUser { id } => {
            let result = client.get_user_shown(&id).await;
            let rate = client.rate_limit();
            Some(Msg::UserLoaded { id, result, rate })
        }
        Effect::Apply { request, storage } => {
            let result = apply(client, storage.as_ref(), &request).await;
            let rate = client.rate_limit();
            let id = request.user_id;
            Some(Msg::Applied { id, result, rate })
        }
        Effect::ResolveJournal { storage } => Some(Msg::JournalResolved(resolve_unresolved(client, &storage).await)),
        Effect::Quit => None,
        files => perform_file(files).await,
    }
}

/// The effects on files the tool keeps, run on the blocking pool (they fsync). The
/// event loop sends draft effects through `FileQueue` instead, which orders them.
async fn perform_file(effect: Effect) -> Option<Msg> {
    match effect {
        Effect::ListDrafts { dir } => {
            let users = blocking(move || Ok(drafts::drafted_users(&dir)))
                .await
                .unwrap_or_default();
            Some(Msg::DraftsListed(users))
        }
        Effect::LoadQueries { file } => {
            let queries = blocking(move || Ok(queries::load(&file))).await.unwrap_or_default();
            Some(Msg::QueriesLoaded(queries))
        }
        Effect::SaveQueries { file, queries } => {
            // Losing the history of searches loses nothing of the user's work: not reported.
            let _ = blocking(move || queries::save(&file, &queries)).await;
            None
        }
        Effect::LoadJournal { file, tenant, user_id } => {
            let who = user_id.clone();
            let result = blocking(move || journal::read(&file, &tenant, Some(&who)))
                .await
                .map_err(|e| e.to_string());
            Some(Msg::JournalLoaded { user_id, result })
        }
        drafts => tokio::task::spawn_blocking(move || file_queue::run(drafts, &Disk))
            .await
            .unwrap_or_else(|err| Some(Msg::DraftSaved(Err(err.to_string())))),
    }
}

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> std::io::Result<T> + Send + 'static) -> std::io::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|err| Err(std::io::Error::other(err)))
}
