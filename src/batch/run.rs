//! Runs a batch's users not settled yet: a few at a time (`plan.parallel`), no faster than
//! `plan.max_rate`, each through `user::change_one`, a synced progress line recorded per
//! user so a resume goes on where a crash, a stop or a refused token left it. A user whose
//! change landed unrecorded is found "already so" and counted changed through its journal
//! entry, so every user is changed once.

use std::collections::BTreeMap;
use std::future::Future;
use std::time::Duration;

use futures_util::stream::{FuturesUnordered, StreamExt};

use super::change::{journaled_users, Change};
use super::user::{change_one, Step};
use crate::api::Client;
use crate::storage::batches::{Batch, Plan, Settled};
use crate::storage::Storage;

/// Requests one user's change takes: its read and the PATCH (the apply path sends on that
/// read; it reads again only before a resend).
pub const REQUESTS_PER_USER: f64 = 2.0;
/// Users not changed (skipped, failed, unknown) kept for the summary, at most.
const NOTED: usize = 20;

/// Where a batch stands: after each user, and at the end of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub id: String,
    pub total: u64,
    /// Users settled, by result (`changed`, `already`, `skipped`, `failed`, `unknown`).
    pub counts: BTreeMap<String, u64>,
    /// Users settled before this run.
    pub before: u64,
    /// Some users not changed, with why.
    pub noted: Vec<Settled>,
    /// Why the run stopped with users left (a stop asked, a refused token).
    pub paused: Option<String>,
    /// Time this run has taken.
    pub elapsed: Duration,
    /// The budget Auth0 reported last (`x-ratelimit-limit`).
    pub budget: Option<u64>,
    /// Requests a second the client keeps to, once the budget was found used up.
    pub pace: Option<f64>,
}

impl Tally {
    pub fn settled(&self) -> u64 {
        self.counts.values().sum()
    }

    pub fn count(&self, result: &str) -> u64 {
        self.counts.get(result).copied().unwrap_or(0)
    }

    /// Users settled a second by this run.
    pub fn rate(&self) -> f64 {
        (self.settled() - self.before) as f64 / self.elapsed.as_secs_f64().max(0.001)
    }

    /// `(x-ratelimit-limit 50, paced at 52/s)`, as far as known.
    pub fn budget_line(&self) -> String {
        let parts: Vec<String> = [
            self.budget.map(|b| format!("x-ratelimit-limit {b}")),
            self.pace.map(|p| format!("paced at {p:.0}/s")),
        ]
        .into_iter()
        .flatten()
        .collect();
        match parts.is_empty() {
            true => String::new(),
            false => format!(" ({})", parts.join(", ")),
        }
    }

    /// `changed 130 · skipped 2`.
    pub fn counts_line(&self) -> String {
        let counts: Vec<String> = self.counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
        counts.join(" · ")
    }
}

/// Runs the batch's users not settled yet (with `retry_failed`, those that failed too)
/// until all are settled or `stop` resolves (with its reason); `report` sees the tally
/// after each user. A stop with users left records the batch paused.
pub async fn run(
    client: &Client,
    storage: &Storage,
    batch: &Batch,
    plan: &Plan,
    retry_failed: bool,
    stop: impl Future<Output = String>,
    mut report: impl FnMut(&Tally),
) -> Result<Tally, String> {
    let parallel = plan.parallel.max(1);
    let io = |e: std::io::Error| format!("batch {}: {e}", plan.id);
    let _lock = match batch.lock().map_err(io)? {
        Ok(lock) => lock,
        Err(holder) => return Err(format!("batch {} is running in another process ({holder})", plan.id)),
    };
    // Changes a stopped run left in flight are settled first, as any write does.
    let _ = crate::apply::resolve_unresolved(client, storage).await;
    let (storage2, batch2, plan2) = (storage.clone(), batch.clone(), plan.clone());
    let Prepared {
        change,
        users,
        done,
        journaled,
    } = tokio::task::spawn_blocking(move || prepare(&storage2, &batch2, &plan2, retry_failed))
        .await
        .map_err(|e| e.to_string())??;
    let mut tally = Tally {
        id: plan.id.clone(),
        total: users.len() as u64,
        ..Tally::default()
    };
    for settled in done.values() {
        *tally.counts.entry(settled.result.clone()).or_default() += 1;
    }
    tally.before = tally.settled();
    // Collected, not a lazy filter: a future holding that closure is not `Send` as a task needs.
    let mut pending: std::collections::VecDeque<(usize, &String)> = users
        .iter()
        .enumerate()
        .filter(|(n, _)| !done.contains_key(&(*n as u64)))
        .collect();
    // `--max-rate`: users are started this far apart.
    let gap = plan
        .max_rate
        .map(|rate| Duration::from_secs_f64(REQUESTS_PER_USER / rate.max(0.1)));
    let started = tokio::time::Instant::now();
    let mut next_start = started;
    let mut running = FuturesUnordered::new();
    tokio::pin!(stop);
    let mut stopping = false;
    loop {
        while !stopping && running.len() < parallel && tokio::time::Instant::now() >= next_start {
            let Some((n, user_id)) = pending.pop_front() else { break };
            running.push(change_one(
                client, storage, &change, &plan.id, n as u64, user_id, &journaled,
            ));
            if let Some(gap) = gap {
                next_start = tokio::time::Instant::now() + gap;
            }
        }
        let more = !stopping && running.len() < parallel && !pending.is_empty();
        if running.is_empty() && !more {
            break; // nothing in flight and nothing more to start
        }
        let step = tokio::select! {
            step = running.next(), if !running.is_empty() => step,
            _ = tokio::time::sleep_until(next_start), if more => continue,
            reason = &mut stop, if !stopping => {
                stopping = true;
                tally.paused = Some(reason);
                continue;
            }
            else => None,
        };
        let Some(step) = step else { break };
        match step {
            Step::Done(settled) => {
                let (batch, line) = (batch.clone(), settled.clone());
                tokio::task::spawn_blocking(move || batch.record(&line))
                    .await
                    .map_err(|e| e.to_string())?
                    .map_err(io)?;
                *tally.counts.entry(settled.result.clone()).or_default() += 1;
                if !matches!(settled.result.as_str(), "changed" | "already") && tally.noted.len() < NOTED {
                    tally.noted.push(settled);
                }
            }
            Step::Pause(reason) => {
                stopping = true;
                tally.paused.get_or_insert(reason);
            }
        }
        tally.elapsed = started.elapsed();
        tally.budget = client.rate_limit().map(|r| r.limit);
        tally.pace = client.pace();
        report(&tally);
    }
    tally.elapsed = started.elapsed();
    match &tally.paused {
        Some(reason) if tally.settled() < tally.total => batch.set_paused(Some(reason)).map_err(io)?,
        _ => tally.paused = None,
    }
    Ok(tally)
}

/// What a run starts from, read on the blocking pool (a revert's change and the users
/// already journaled come from the journal, which may be large).
struct Prepared {
    change: Change,
    users: Vec<String>,
    /// Users settled by earlier runs, by place (without the failed ones on a retry).
    done: std::collections::HashMap<u64, Settled>,
    journaled: std::collections::HashSet<String>,
}

fn prepare(storage: &Storage, batch: &Batch, plan: &Plan, retry_failed: bool) -> Result<Prepared, String> {
    let io = |e: std::io::Error| format!("batch {}: {e}", plan.id);
    let change = Change::of(storage, plan)?;
    let users = batch.users().map_err(io)?;
    let mut done = batch.progress().map_err(io)?;
    if retry_failed {
        done.retain(|_, settled| settled.result != "failed");
    }
    batch.set_paused(None).map_err(io)?;
    Ok(Prepared {
        change,
        users,
        done,
        journaled: journaled_users(storage, &plan.id),
    })
}
