//! A real bulk run: a batch. Its users are frozen in the state directory when it starts;
//! each is read fresh, its own patch computed (`bulk::plan`, the single-user preview's
//! checks) and sent through `apply::apply`, the one path every change takes (journal
//! entry ahead, conflict re-check, outcome established), tagged with the batch. A synced
//! progress line per user makes `bulk resume` go on where a crash, Ctrl-C or a revoked
//! token stopped it; a user whose change landed unrecorded is found "already so" and
//! counted changed through its journal entry, so every user is changed once.

use std::collections::{BTreeMap, HashSet};

use futures_util::stream::{FuturesUnordered, StreamExt};

use crate::api::{ApiError, Client};
use crate::apply::{apply, Applied, Journaled, Request};
use crate::bulk::{parse_operation, plan, Operation, Planned};
use crate::cli::BulkCommand;
use crate::storage::batches::{Batch, Plan, Settled};
use crate::storage::journal;
use crate::storage::Storage;
use crate::timestamp::{format_millis, now_millis};

use super::progress::Progress;
use super::{Failure, Outcome};

/// Journal entries above which the run says first how much the journal will grow.
const LARGE: usize = 100_000;
/// Bytes a journal entry and its outcome line take, about, for that estimate.
const ENTRY_BYTES: usize = 700;

pub async fn start(
    client: &Client,
    storage: Option<&Storage>,
    command: &BulkCommand,
    ids: Vec<String>,
    production: bool,
) -> Outcome {
    let storage = storage.ok_or_else(|| {
        Failure::usage(
            "a batch keeps its plan and progress in the state directory, and none was found: set AUTH0_META_STATE_DIR",
        )
    })?;
    let (Some((name, args, force)), Some(source)) = (words(command), command.source()) else {
        return Err(Failure::usage("not an operation"));
    };
    if production && super::prompt::is_interactive() {
        let asked = format!(
            "{} is a production tenant: type its name to change {} users",
            storage.tenant,
            ids.len()
        );
        let typed = super::prompt::ask(&asked).map_err(|e| Failure::error(e.to_string()))?;
        if typed.as_deref() != Some(storage.tenant.as_str()) {
            return Err(Failure::usage("not confirmed: nothing was sent"));
        }
    }
    if ids.len() > LARGE {
        note!(
            "note: this batch writes up to {} journal entries: the journal grows by about {} MB",
            ids.len(),
            ids.len() * ENTRY_BYTES / 1_000_000
        );
    }
    let now = now_millis();
    let id = format!("b{now:x}-{}", crate::random::random_hex(4));
    let source = match (&source.query, &source.from, &source.ids) {
        (Some(q), _, _) => format!("--query {q}"),
        (_, Some(f), _) => format!("--from {}", f.display()),
        (_, _, Some(f)) => format!("--ids {}", f.display()),
        _ => String::new(),
    };
    let plan = Plan {
        id: id.clone(),
        tenant: storage.tenant.clone(),
        created_at: format_millis(now),
        operation: name.to_string(),
        args,
        force,
        source,
        total: ids.len() as u64,
    };
    let batch = storage.batch(&id);
    batch
        .create(&plan, &ids)
        .map_err(|e| Failure::error(format!("the batch could not be written: {e}")))?;
    note!("batch {id}");
    let parallel = command.source().map_or(4, |s| usize::from(s.parallel));
    run(client, storage, &batch, &plan, parallel).await
}

pub async fn resume(client: &Client, storage: Option<&Storage>, id: &str) -> Outcome {
    let storage = storage.ok_or_else(|| Failure::usage("no state directory: there are no batches"))?;
    let batch = storage.batch(id);
    let plan = batch
        .plan()
        .map_err(|_| Failure::usage(format!("no batch {id} for {} (bulk status lists them)", storage.tenant)))?;
    note!("batch {id}");
    run(client, storage, &batch, &plan, 4).await
}

/// The command's operation as `(name, arguments, force)`, the words a batch keeps.
pub fn words(command: &BulkCommand) -> Option<(&'static str, Vec<String>, bool)> {
    Some(match command {
        BulkCommand::Set { path, value, force, .. } => ("set", vec![path.clone(), value.clone()], *force),
        BulkCommand::Unset { path, .. } => ("unset", vec![path.clone()], false),
        BulkCommand::Move {
            path, new_path, force, ..
        } => ("move", vec![path.clone(), new_path.clone()], *force),
        BulkCommand::Retype { path, kind, .. } => ("retype", vec![path.clone(), kind.clone()], false),
        BulkCommand::Status { .. } | BulkCommand::Resume { .. } => return None,
    })
}

/// How one user ended, or that the batch must pause (the token was refused).
enum Step {
    Done(Settled),
    Pause(String),
}

async fn run(client: &Client, storage: &Storage, batch: &Batch, plan: &Plan, parallel: usize) -> Outcome {
    let operation = parse_operation(&plan.operation, &plan.args, plan.force).map_err(Failure::usage)?;
    let io = |e: std::io::Error| Failure::error(format!("batch {}: {e}", plan.id));
    let _lock = match batch.lock().map_err(io)? {
        Ok(lock) => lock,
        Err(holder) => {
            return Err(Failure::error(format!(
                "batch {} is running in another process ({holder})",
                plan.id
            )))
        }
    };
    // Changes a stopped run left in flight are settled first, as any write does.
    super::settle_interrupted(client, Some(storage)).await;
    let users = batch.users().map_err(io)?;
    let done = batch.progress().map_err(io)?;
    batch.set_paused(None).map_err(io)?;
    let journaled = journaled_users(storage, &plan.id);
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for settled in done.values() {
        *counts.entry(settled.result.clone()).or_default() += 1;
    }
    let mut pending = users
        .iter()
        .enumerate()
        .filter(|(n, _)| !done.contains_key(&(*n as u64)));
    let mut progress = Progress::new("bulk");
    let total = users.len() as u64;
    let (mut running, mut paused) = (FuturesUnordered::new(), None::<String>);
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let mut stopping = false;
    loop {
        while !stopping && running.len() < parallel {
            let Some((n, user_id)) = pending.next() else { break };
            running.push(change_one(
                client, storage, &operation, &plan.id, n as u64, user_id, &journaled,
            ));
        }
        if running.is_empty() {
            break; // nothing in flight and nothing more to start
        }
        let step = tokio::select! {
            step = running.next(), if !running.is_empty() => step,
            _ = &mut ctrl_c, if !stopping => {
                stopping = true;
                paused = Some("interrupted (Ctrl-C)".into());
                continue;
            }
            else => None,
        };
        let Some(step) = step else { break };
        match step {
            Step::Done(settled) => {
                batch.record(&settled).map_err(io)?;
                *counts.entry(settled.result.clone()).or_default() += 1;
            }
            Step::Pause(reason) => {
                stopping = true;
                paused.get_or_insert(reason);
            }
        }
        let settled: u64 = counts.values().sum();
        progress.tick(settled, Some(settled as f64 / total.max(1) as f64));
    }
    let settled: u64 = counts.values().sum();
    progress.done(settled);
    let summary: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
    tell!(
        "batch {}: {} of {total} users settled ({})",
        plan.id,
        settled,
        summary.join(", ")
    );
    match paused {
        Some(reason) if settled < total => {
            batch.set_paused(Some(&reason)).map_err(io)?;
            Err(Failure::error(format!(
                "batch {} stopped: {reason}; {} users left: resume with auth0-meta bulk resume {}",
                plan.id,
                total - settled,
                plan.id
            )))
        }
        _ => Ok(()),
    }
}

/// Users with a journal entry of this batch that did not fail: changed by an earlier run
/// even where its progress line was never written.
fn journaled_users(storage: &Storage, batch: &str) -> HashSet<String> {
    let Ok(read) = journal::read(&storage.journal_file(), &storage.tenant, None) else {
        return HashSet::new();
    };
    read.entries
        .into_iter()
        .filter(|e| e.batch.as_deref() == Some(batch))
        .filter(|e| !matches!(e.outcome, Some(journal::Outcome::Failed { .. })))
        .map(|e| e.user_id)
        .collect()
}

/// One user: read fresh, decide, send through the one apply path; a conflict (the user
/// changed between the read and the check) is decided again from the newer copy.
async fn change_one(
    client: &Client,
    storage: &Storage,
    operation: &Operation,
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
        let preview = match plan(operation, &user) {
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
            reverts: None,
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
