//! One user of a batch: read fresh, decided, sent through `apply::apply` (the one path
//! every change takes) tagged with the batch; rate-limit refusals waited out, a conflict
//! decided again from the newer copy, a refused token pausing the batch.

use std::collections::HashSet;

use crate::api::{ApiError, Client};
use crate::apply::{apply, Applied, Journaled, Request};
use crate::bulk::Planned;
use crate::storage::batches::Settled;
use crate::storage::Storage;

use super::change::Change;

/// How one user ended, or that the batch must pause (the token was refused).
pub enum Step {
    Done(Settled),
    Pause(String),
}

/// One user: read fresh, decide, send through the one apply path; a conflict (the user
/// changed between the read and the check) is decided again from the newer copy.
pub async fn change_one(
    client: &Client,
    storage: &Storage,
    change: &Change,
    batch: &str,
    n: u64,
    user_id: &str,
    journaled: &HashSet<String>,
) -> Step {
    let settled = |result: &str, reason: Option<String>, entry: Option<String>| {
        Step::Done(Settled {
            n,
            user_id: user_id.to_string(),
            result: result.to_string(),
            reason,
            entry,
        })
    };
    let (mut conflicts, mut waits) = (0, 0u32);
    while conflicts < 3 {
        let user = match client.get_user(user_id).await {
            Ok(user) => user,
            Err(err) if err.status() == Some(404) => return settled("skipped", Some("not_found".into()), None),
            Err(err) if err.status() == Some(429) && waits < MAX_WAITS => {
                waits += 1;
                client.sleep(wait(waits)).await;
                continue;
            }
            Err(err) => return refused(err).unwrap_or_else(|why| settled("failed", Some(why), None)),
        };
        let (planned, reverts) = change.plan(&user);
        let preview = match planned {
            Planned::Already if journaled.contains(user_id) => {
                return settled("changed", Some("landed before the run was interrupted".into()), None)
            }
            Planned::Already => return settled("already", None, None),
            Planned::Skip { reason, detail } => return settled("skipped", Some(format!("{reason}: {detail}")), None),
            Planned::Send(preview) => preview,
        };
        let Some(body) = preview.sendable() else {
            return settled("already", None, None);
        };
        let request = Request {
            user_id: user_id.to_string(),
            loaded: preview.stored.clone(),
            body,
            check: true,
            fresh: true,
            reverts,
            batch: Some(batch.to_string()),
        };
        match apply(client, Some(storage), &request).await {
            Ok(Applied::Saved(saved)) => {
                let (entry, reason) = match saved.journal {
                    Journaled::Written { entry_id } => (Some(entry_id), None),
                    Journaled::Off => (None, None),
                    Journaled::Failed { reason } => (None, Some(format!("landed; its journal outcome: {reason}"))),
                };
                return settled("changed", reason, entry);
            }
            Ok(Applied::Conflict { .. }) => conflicts += 1,
            Ok(Applied::NotSent(reason)) => return settled("failed", Some(reason), None),
            Ok(Applied::Unknown { reason, .. }) => return settled("unknown", Some(reason), None),
            // Refused before anything was applied: waited out, then the user is read again
            // (the apply path re-checks before it sends).
            Err(err) if err.status() == Some(429) && waits < MAX_WAITS => {
                waits += 1;
                client.sleep(wait(waits)).await;
            }
            Err(err) => return refused(err).unwrap_or_else(|why| settled("failed", Some(why), None)),
        }
    }
    settled(
        "failed",
        Some("changed on the server again each time it was read (3 tries)".into()),
        None,
    )
}

/// Rate-limit refusals one user waits out before it is counted failed: the client has
/// already waited out three on each request.
const MAX_WAITS: u32 = 20;

/// The wait after the `n`th refusal: a second more each time, at most five.
fn wait(n: u32) -> std::time::Duration {
    std::time::Duration::from_secs(u64::from(n.min(5)))
}

/// A refused token pauses the batch rather than failing every user left.
fn refused(err: ApiError) -> Result<Step, String> {
    match err.status() {
        Some(401 | 403) => Ok(Step::Pause(format!("the API refused the token: {err}"))),
        _ => Err(err.to_string()),
    }
}
