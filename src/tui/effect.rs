//! What `update` asks the outside world to do, and the code that does it. Effects run
//! in tasks outside the UI; each ends in exactly one `Msg`.

use std::path::PathBuf;

use crate::api::{ApiError, Client, ListQuery};
use crate::domain::{conflicts, MetadataField, MetadataPair, UpdateBody};
use crate::storage::drafts::{self, Draft, DraftEdit};
use crate::storage::journal::{self, Entry};
use crate::timestamp::now_millis;

use super::msg::{Applied, Msg};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    FetchPage {
        generation: u64,
        query: ListQuery,
    },
    FetchUser {
        id: String,
    },
    /// Re-read the user (when `check`), stop on a conflict, else send the PATCH.
    Apply {
        id: String,
        loaded: MetadataPair,
        body: UpdateBody,
        check: bool,
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
    AppendJournal {
        file: PathBuf,
        entry: Entry,
    },
    LoadJournal {
        file: PathBuf,
        tenant: String,
        user_id: String,
    },
    Quit,
}

/// Runs one effect against the API. `Quit` is the loop's to handle and never gets here.
pub async fn perform(effect: Effect, client: &Client) -> Option<Msg> {
    match effect {
        Effect::FetchPage { generation, query } => {
            let result = client.list_users(&query).await;
            Some(Msg::PageLoaded {
                generation,
                result,
                rate: client.rate_limit(),
            })
        }
        Effect::FetchUser { id } => {
            let result = client.get_user(&id).await;
            Some(Msg::UserLoaded {
                id,
                result,
                rate: client.rate_limit(),
            })
        }
        Effect::Apply {
            id,
            loaded,
            body,
            check,
        } => {
            let result = apply(client, &id, &loaded, &body, check).await;
            Some(Msg::Applied {
                id,
                loaded,
                body,
                result,
                rate: client.rate_limit(),
            })
        }
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
        Effect::AppendJournal { file, entry } => stored(
            blocking(move || journal::append(&file, &entry)).await,
            "writing the journal",
        ),
        Effect::LoadJournal { file, tenant, user_id } => {
            let who = user_id.clone();
            let result = blocking(move || journal::read(&file, &tenant, Some(&who)))
                .await
                .map_err(|e| e.to_string());
            Some(Msg::JournalLoaded { user_id, result })
        }
        Effect::Quit => None,
    }
}

/// File work (with its fsyncs) runs on the blocking pool, never on an async worker.
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

async fn apply(
    client: &Client,
    id: &str,
    loaded: &MetadataPair,
    body: &UpdateBody,
    check: bool,
) -> Result<Applied, ApiError> {
    let mut kept = Vec::new();
    if check {
        let server = client.get_user(id).await?;
        let report = conflicts(loaded, &server.metadata_pair(), body);
        if report.has_conflicts() {
            return Ok(Applied::Conflict(report, server));
        }
        kept = report.kept;
    }
    let json = body.to_json().unwrap_or_default();
    let user = client.patch_user(id, &json).await?;
    Ok(Applied::Saved { user, kept })
}
