//! A real bulk run: a batch. Its users are frozen in the state directory when it starts;
//! each is read fresh, its own patch computed (`bulk::plan`, the single-user preview's
//! checks) and sent through `apply::apply`, the one path every change takes (journal
//! entry ahead, conflict re-check, outcome established), tagged with the batch. A synced
//! progress line per user makes `bulk resume` go on where a crash, Ctrl-C or a revoked
//! token stopped it; a user whose change landed unrecorded is found "already so" and
//! counted changed through its journal entry, so every user is changed once.

use std::collections::BTreeMap;

use futures_util::stream::{FuturesUnordered, StreamExt};

use crate::api::Client;
use crate::cli::BulkCommand;
use crate::storage::batches::{Batch, Plan, Settled};
use crate::storage::Storage;
use crate::timestamp::{format_millis, now_millis};

use super::bulk_change::{journaled_users, Change};
use super::bulk_user::{change_one, Step};
use super::progress::Progress;
use super::{Failure, Outcome};

/// Requests one user's change takes: a read, the apply path's re-read, the PATCH.
const REQUESTS_PER_USER: f64 = 3.0;
/// Users not changed (skipped, failed, unknown) listed at the end of a run, at most.
const NOTED: usize = 20;
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
    let source_args = source;
    let source = match (&source.query, &source.from, &source.ids) {
        (Some(q), _, _) => format!("--query {q}"),
        (_, Some(f), _) => format!("--from {}", f.display()),
        (_, _, Some(f)) => format!("--ids {}", f.display()),
        _ => String::new(),
    };
    let words = Words {
        operation: name.to_string(),
        args,
        force,
        source,
        parallel: usize::from(source_args.parallel),
        max_rate: source_args.max_rate,
    };
    begin(client, storage, words, ids, production).await
}

/// What a batch does, as its plan keeps it.
pub struct Words {
    pub operation: String,
    pub args: Vec<String>,
    pub force: bool,
    pub source: String,
    /// Users changed at once, and requests a second at most.
    pub parallel: usize,
    pub max_rate: Option<f64>,
}

/// A new batch over `ids`: asked for on a production terminal, its plan and users
/// written, then run.
pub async fn begin(client: &Client, storage: &Storage, words: Words, ids: Vec<String>, production: bool) -> Outcome {
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
    let plan = Plan {
        id: id.clone(),
        tenant: storage.tenant.clone(),
        created_at: format_millis(now),
        operation: words.operation,
        args: words.args,
        force: words.force,
        source: words.source,
        total: ids.len() as u64,
        parallel: words.parallel,
        max_rate: words.max_rate,
    };
    let batch = storage.batch(&id);
    batch
        .create(&plan, &ids)
        .map_err(|e| Failure::error(format!("the batch could not be written: {e}")))?;
    note!("batch {id}");
    run(client, storage, &batch, &plan, false).await
}

pub async fn resume(client: &Client, storage: Option<&Storage>, id: &str, retry_failed: bool) -> Outcome {
    let storage = storage.ok_or_else(|| Failure::usage("no state directory: there are no batches"))?;
    let batch = storage.batch(id);
    let plan = batch
        .plan()
        .map_err(|_| Failure::usage(format!("no batch {id} for {} (bulk status lists them)", storage.tenant)))?;
    note!("batch {id}");
    run(client, storage, &batch, &plan, retry_failed).await
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

/// Runs the batch's users not settled yet (and with `retry_failed`, those that failed).
async fn run(client: &Client, storage: &Storage, batch: &Batch, plan: &Plan, retry_failed: bool) -> Outcome {
    let parallel = plan.parallel.max(1);
    let change = Change::of(storage, plan)?;
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
    let mut done = batch.progress().map_err(io)?;
    if retry_failed {
        done.retain(|_, settled| settled.result != "failed");
    }
    batch.set_paused(None).map_err(io)?;
    let journaled = journaled_users(storage, &plan.id);
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for settled in done.values() {
        *counts.entry(settled.result.clone()).or_default() += 1;
    }
    let mut pending = users
        .iter()
        .enumerate()
        .filter(|(n, _)| !done.contains_key(&(*n as u64)))
        .peekable();
    // `--max-rate`: users are started this far apart (each takes about three requests).
    let gap = plan
        .max_rate
        .map(|rate| std::time::Duration::from_secs_f64(REQUESTS_PER_USER / rate.max(0.1)));
    let mut next_start = tokio::time::Instant::now();
    let mut progress = Progress::new("bulk");
    let settled_before: u64 = counts.values().sum();
    let total = users.len() as u64;
    let (mut running, mut paused) = (FuturesUnordered::new(), None::<String>);
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let mut stopping = false;
    let mut noted: Vec<Settled> = Vec::new();
    loop {
        while !stopping && running.len() < parallel && tokio::time::Instant::now() >= next_start {
            let Some((n, user_id)) = pending.next() else { break };
            running.push(change_one(
                client, storage, &change, &plan.id, n as u64, user_id, &journaled,
            ));
            if let Some(gap) = gap {
                next_start = tokio::time::Instant::now() + gap;
            }
        }
        let more = !stopping && running.len() < parallel && pending.peek().is_some();
        if running.is_empty() && !more {
            break; // nothing in flight and nothing more to start
        }
        let step = tokio::select! {
            step = running.next(), if !running.is_empty() => step,
            _ = tokio::time::sleep_until(next_start), if more => continue,
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
                if !matches!(settled.result.as_str(), "changed" | "already") && noted.len() < NOTED {
                    noted.push(settled);
                }
            }
            Step::Pause(reason) => {
                stopping = true;
                paused.get_or_insert(reason);
            }
        }
        let settled: u64 = counts.values().sum();
        let budget = client.rate_limit().map(|r| r.limit);
        progress.tick_with(|elapsed| progress_line(&counts, settled, total, settled - settled_before, elapsed, budget));
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
    for user in &noted {
        tell!(
            "  {} {}: {}",
            user.result,
            user.user_id,
            user.reason.as_deref().unwrap_or("")
        );
    }
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

/// `[####....] 45%  135/300 users  7.2/s (~22 requests/s, x-ratelimit-limit 50)  23s left  changed 130 · skipped 2`.
fn progress_line(
    counts: &BTreeMap<String, u64>,
    settled: u64,
    total: u64,
    this_run: u64,
    elapsed: std::time::Duration,
    budget: Option<u64>,
) -> String {
    let fraction = settled as f64 / total.max(1) as f64;
    let rate = this_run as f64 / elapsed.as_secs_f64().max(0.001);
    let left = match rate > 0.0 {
        true => format!("{:.0}s left", (total - settled) as f64 / rate),
        false => "time left unknown".into(),
    };
    let budget = budget.map(|b| format!(", x-ratelimit-limit {b}")).unwrap_or_default();
    let counts: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
    format!(
        "{} {:>3.0}%  {settled}/{total} users  {rate:.1}/s (~{:.0} requests/s{budget})  {left}  {}",
        super::progress::bar(fraction),
        fraction * 100.0,
        rate * 3.0,
        counts.join(" · ")
    )
}
