//! The one way a metadata change reaches the server, for the TUI, `metadata set` and
//! `revert` alike: re-read the user and stop on a conflict, write the journal entry
//! ahead, send the PATCH, then establish and record what came of it. No outcome is
//! reported that was not established: an unclear answer is settled by reading the user
//! again, and what cannot be settled is reported as unknown.

mod compare;
mod resolve;
mod settle;
mod summary;

pub use resolve::{resolve_unresolved, Resolution, LANDING_GRACE};

use crate::api::{ApiError, Client};
use crate::domain::{conflicts, ConflictReport, FieldPath, LoadedUser, MetadataPair, SendBody, User};
use crate::storage::journal::{self, Entry, OpenEntry, Outcome};
use crate::storage::Storage;
use settle::Sent;

/// A change to send, computed against `loaded`.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub user_id: String,
    /// The metadata the body was computed against: the base of the conflict check.
    pub loaded: MetadataPair,
    pub body: SendBody,
    /// Re-read the user first and stop on a conflict; off only for a chosen overwrite.
    pub check: bool,
    /// `loaded` was read from the server a moment ago (a batch's user): the first try is
    /// sent on it without reading the user again; a resend after a 429 still re-reads.
    pub fresh: bool,
    /// The journal entry this change reverts, recorded with it.
    pub reverts: Option<String>,
    /// The bulk change it is part of, recorded with it.
    pub batch: Option<String>,
}

/// What came of a request, as far as it could be established.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // one per change sent, moved once: not worth a box
pub enum Applied {
    Saved(Saved),
    /// Nothing was sent: a root key the body writes changed on the server meanwhile.
    Conflict {
        report: ConflictReport,
        server: User,
    },
    /// Nothing was sent, for a reason of ours (the journal could not be written).
    NotSent(String),
    /// The PATCH left, and what the server holds now is neither the change nor what
    /// was there before (or could not be read).
    Unknown {
        reason: String,
        differing: Vec<FieldPath>,
    },
}

#[derive(Debug)]
pub struct Saved {
    /// The user as the server holds it after the change.
    pub user: LoadedUser,
    /// What the body wrote.
    pub written: Vec<FieldPath>,
    /// Keys changed on the server before the check that the body left alone.
    pub kept: Vec<FieldPath>,
    /// Root keys that differ from the expected result: changed by someone else while
    /// the PATCH was in flight.
    pub changed_meanwhile: Vec<FieldPath>,
    /// The unclear answer (timeout, cut connection, 5xx, unreadable body) after which
    /// reading the user again showed the change had landed.
    pub settled_after: Option<String>,
    pub journal: Journaled,
}

/// Whether the change and its outcome are in the journal.
#[derive(Debug, Clone, PartialEq)]
pub enum Journaled {
    Written {
        entry_id: String,
    },
    /// No state directory: nothing is kept on disk.
    Off,
    /// The entry was written ahead, but its outcome could not be.
    Failed {
        reason: String,
    },
}

pub async fn apply(client: &Client, storage: Option<&Storage>, request: &Request) -> Result<Applied, ApiError> {
    // Keys and size only: a metadata value never reaches the log.
    let keys: Vec<String> = request.body.written().iter().map(ToString::to_string).collect();
    tracing::debug!(
        user_id = request.user_id,
        keys = keys.join(","),
        bytes = crate::api::body_bytes(&request.body.to_json()).len(),
        check = request.check,
        "applying a change"
    );
    let mut tries = 0;
    loop {
        tries += 1;
        let (base, kept) = match check(client, request, tries).await? {
            Checked::Clear { base, kept } => (base, kept),
            Checked::Conflict(applied) => return Ok(applied),
        };
        let entry = match write_ahead(storage, request, &base).await {
            Ok(entry) => entry,
            Err(not_sent) => return Ok(not_sent),
        };
        let answer = client
            .patch_user_loaded(&request.user_id, &request.body.to_json())
            .await;
        if let Some(wait) = rate_limited(&answer).filter(|_| tries < crate::api::MAX_TRIES) {
            // Refused before anything changed. Others may write during the wait, so
            // the user is checked again before the change is sent again, and the next
            // entry records what that check saw.
            let outcome = Outcome::Failed {
                status: Some(429),
                message: format!("rate limited, not applied; checked again and sent again after {wait:.1?}"),
            };
            if let Some(entry) = entry {
                record(entry, &outcome).await;
            }
            client.sleep(wait).await;
            continue;
        }
        let expected = request.body.body().apply_to(&base);
        let sent = Sent {
            client,
            request,
            base: &base,
            expected: &expected,
        };
        let (outcome, applied) = sent.settle(answer).await;
        let journal = match entry {
            Some(entry) => record(entry, &outcome).await,
            None => Journaled::Off,
        };
        return match applied {
            Ok(Applied::Saved(saved)) => Ok(Applied::Saved(Saved { kept, journal, ..saved })),
            other => other,
        };
    }
}

/// The wait Auth0 asked for, when the PATCH was refused for the rate limit.
fn rate_limited(answer: &Result<LoadedUser, ApiError>) -> Option<std::time::Duration> {
    match answer {
        Err(ApiError::Api(refusal)) if refusal.status == 429 => {
            Some(refusal.retry_after.unwrap_or(std::time::Duration::from_secs(1)))
        }
        _ => None,
    }
}

/// What the check before sending found. Made once per send: its size does not matter.
#[allow(clippy::large_enum_variant)]
enum Checked {
    /// Nothing the body writes changed: the base to send on, and keys others changed
    /// that the body leaves alone.
    Clear {
        base: MetadataPair,
        kept: Vec<FieldPath>,
    },
    Conflict(Applied),
}

/// Re-reads the user (unless the check is off, for a chosen overwrite) and compares it
/// with the copy the body was made on. Read as the TUI reads it: root values compared
/// by their text, never parsed.
async fn check(client: &Client, request: &Request, tries: u32) -> Result<Checked, ApiError> {
    if !request.check || (request.fresh && tries == 1) {
        return Ok(Checked::Clear {
            base: request.loaded.clone(),
            kept: Vec::new(),
        });
    }
    let server = client.get_user_loaded(&request.user_id).await?;
    let report = conflicts(&request.loaded, &server.docs, request.body.body());
    if report.has_conflicts() {
        let server = server.into_user();
        return Ok(Checked::Conflict(Applied::Conflict { report, server }));
    }
    let kept = report
        .kept
        .iter()
        .map(|(f, k)| FieldPath::root_key(*f, k.clone()))
        .collect();
    Ok(Checked::Clear {
        base: server.docs,
        kept,
    })
}

/// Writes the journal entry before anything leaves, holding it open (locked) until its
/// outcome is recorded; nothing is sent that it cannot record. `None` without a state
/// directory.
async fn write_ahead(
    storage: Option<&Storage>,
    request: &Request,
    base: &MetadataPair,
) -> Result<Option<OpenEntry>, Applied> {
    let Some(storage) = storage else { return Ok(None) };
    let entry = Entry::new(&storage.tenant, &request.user_id, &request.body, base)
        .reverting(request.reverts.clone())
        .in_batch(request.batch.clone());
    let storage = storage.clone();
    match blocking(move || journal::write_ahead(&storage, &entry)).await {
        Ok(open) => Ok(Some(open)),
        Err(err) => Err(Applied::NotSent(format!(
            "the journal could not be written ({err}), and nothing is sent that it cannot record"
        ))),
    }
}

async fn record(entry: OpenEntry, outcome: &Outcome) -> Journaled {
    let (entry_id, outcome) = (entry.id.clone(), outcome.clone());
    match blocking(move || entry.settle(&outcome)).await {
        Ok(()) => Journaled::Written { entry_id },
        Err(err) => Journaled::Failed {
            reason: err.to_string(),
        },
    }
}

/// Journal work (it fsyncs) on the blocking pool.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> std::io::Result<T> + Send + 'static) -> std::io::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|err| Err(std::io::Error::other(err)))
}
