//! The dry run against the tenant: every user read fresh, as a real run reads it, a few
//! at a time, each decided and counted (`bulk::DryRun`) and nothing written.

use std::future::Future;

use futures_util::stream::{self, StreamExt};

use super::change::Change;
use crate::api::Client;
use crate::bulk::DryRun;

/// Users read at once by a dry run.
const READERS: usize = 4;

/// A dry run's counts, and how far it got.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DryRead {
    pub dry: DryRun,
    /// Users of the source that no longer exist.
    pub missing: u64,
    /// Why it stopped before every user was read.
    pub stopped: Option<String>,
}

/// Reads `ids` and decides `change` for each; `report` sees users read so far. Stops at
/// the first read that fails (other than a user gone) or when `stop` resolves.
pub async fn dry_run(
    client: &Client,
    change: &Change,
    ids: &[String],
    stop: impl Future<Output = String>,
    mut report: impl FnMut(u64),
) -> Result<DryRead, String> {
    let mut read = DryRead::default();
    // Owned ids: a stream of futures borrowing them is not `Send` as a task needs.
    let mut users = stream::iter(ids.to_vec())
        .map(|id: String| async move {
            let answer = client.get_user(&id).await;
            (id, answer)
        })
        .buffered(READERS);
    tokio::pin!(stop);
    loop {
        let next = tokio::select! {
            next = users.next() => next,
            reason = &mut stop => {
                read.stopped = Some(reason);
                break;
            }
        };
        let Some((id, answer)) = next else { break };
        match answer {
            Ok(user) => {
                let operation = match change {
                    Change::Op(operation) => Some(operation),
                    Change::Revert { .. } => None,
                };
                read.dry.add_planned(&user, change.plan(&user).0, operation);
            }
            Err(err) if err.status() == Some(404) => read.missing += 1,
            Err(err) => return Err(format!("reading {id}: {err}")),
        }
        report(read.dry.users + read.missing);
    }
    if read.missing > 0 {
        *read.dry.skipped.entry("not_found").or_default() += read.missing;
    }
    Ok(read)
}
