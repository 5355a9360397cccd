//! What `update` asks the outside world to do, and the code that does it. Effects run
//! in tasks outside the UI; each ends in at most one `Msg` (a file written without
//! trouble needs none).

use std::path::PathBuf;

use crate::api::{Client, ListQuery};
use crate::apply::{apply, Request};
use crate::domain::MetadataField;
use crate::storage::drafts::{self, Draft, DraftEdit};
use crate::storage::journal;
use crate::storage::Storage;
use crate::timestamp::now_millis;

use super::msg::Msg;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    FetchPage {
        generation: u64,
        query: ListQuery,
    },
    FetchUser {
        id: String,
    },
    /// The one apply path: re-read and check (when asked), PATCH, journal.
    Apply {
        request: Box<Request>,
        storage: Option<Storage>,
    },
    SaveDraft {
        file: PathBuf,
        tenant: String,
        user_id: String,
        edits: Vec<DraftEdit>,
        cleared: Vec<MetadataField>,
    },
    DeleteDraft {
        file: PathBuf,
    },
    LoadDraft {
        file: PathBuf,
        user_id: String,
    },
    LoadJournal {
        file: PathBuf,
        tenant: String,
        user_id: String,
    },
    Quit,
}

/// Runs one effect. `Quit` is the loop's to handle and never gets here.
pub async fn perform(effect: Effect, client: &Client) -> Option<Msg> {
    match effect {
        Effect::FetchPage { generation, query } => {
            let result = client.list_users(&query).await;
            let rate = client.rate_limit();
            Some(Msg::PageLoaded {
                generation,
                result,
                rate,
            })
        }
        Effect::FetchUser { id } => {
            let result = client.get_user(&id).await;
            let rate = client.rate_limit();
            Some(Msg::UserLoaded { id, result, rate })
        }
        Effect::Apply { request, storage } => {
            let result = apply(client, storage.as_ref(), &request).await;
            let rate = client.rate_limit();
            let id = request.user_id;
            Some(Msg::Applied { id, result, rate })
        }
        Effect::Quit => None,
        files => perform_file(files).await,
    }
}

/// The effects on files the tool keeps, run on the blocking pool (they fsync).
async fn perform_file(effect: Effect) -> Option<Msg> {
    match effect {
        Effect::SaveDraft {
            file,
            tenant,
            user_id,
            edits,
            cleared,
        } => {
            let draft = Draft {
                tenant,
                user_id,
                saved_at: now_millis(),
                edits,
                cleared,
            };
            stored(blocking(move || drafts::save(&file, &draft)).await, "saving the draft")
        }
        Effect::DeleteDraft { file } => stored(blocking(move || drafts::delete(&file)).await, "deleting the draft"),
        Effect::LoadDraft { file, user_id } => Some(Msg::DraftLoaded {
            user_id,
            result: blocking(move || drafts::load(&file)).await.map_err(|e| e.to_string()),
        }),
        Effect::LoadJournal { file, tenant, user_id } => {
            let who = user_id.clone();
            let result = blocking(move || journal::read(&file, &tenant, Some(&who)))
                .await
                .map_err(|e| e.to_string());
            Some(Msg::JournalLoaded { user_id, result })
        }
        _ => None,
    }
}

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> std::io::Result<T> + Send + 'static) -> std::io::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|err| Err(std::io::Error::other(err)))
}

/// Reports a failed write of a file the tool keeps; a success needs no message.
fn stored(result: std::io::Result<()>, what: &str) -> Option<Msg> {
    result
        .err()
        .map(|err| Msg::StorageFailed(format!("{what} failed: {err}")))
}
