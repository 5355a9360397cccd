//! A real bulk run on the command line: a batch (`crate::batch` runs it), asked for on a
//! production terminal, its id the first line on standard error, a progress line while it
//! runs, Ctrl-C stopping it, and the summary at the end.

use crate::api::Client;
use crate::batch::{self, Tally, Words, REQUESTS_PER_USER};
use crate::cli::BulkCommand;
use crate::storage::batches::{Batch, Plan};
use crate::storage::Storage;

use super::progress::Progress;
use super::{Failure, Outcome};

/// Journal entries above which the run says first how much the journal will grow.
pub const LARGE: usize = 100_000;
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
    let (Some((name, args, force)), Some(source_args)) = (words(command), command.source()) else {
        return Err(Failure::usage("not an operation"));
    };
    let source = match (&source_args.query, &source_args.from, &source_args.ids) {
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
    if let Some(growth) = journal_growth(ids.len()) {
        note!("note: {growth}");
    }
    let (batch, plan) = batch::create(storage, words, &ids).map_err(Failure::error)?;
    note!("batch {}", plan.id);
    run(client, storage, &batch, &plan, false).await
}

/// What a batch of `users` adds to the journal, said before one of more than `LARGE`.
pub fn journal_growth(users: usize) -> Option<String> {
    (users > LARGE).then(|| {
        format!(
            "a real run writes {users} journal entries: the journal grows by about {} MB",
            users * ENTRY_BYTES / 1_000_000
        )
    })
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

/// Runs the batch with a progress line, Ctrl-C stopping it; prints the summary.
async fn run(client: &Client, storage: &Storage, batch: &Batch, plan: &Plan, retry_failed: bool) -> Outcome {
    if batch.progress().is_ok_and(|done| !done.is_empty()) {
        // A resume may wait here: a change a killed run sent is given a few seconds to land.
        note!("note: settling what the stopped run left in flight first (a change not seen yet is given a few seconds to land)");
    }
    super::settle_interrupted(client, Some(storage)).await;
    let mut progress = Progress::new("bulk");
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
        "interrupted (Ctrl-C)".to_string()
    };
    let tally = batch::run(client, storage, batch, plan, retry_failed, stop, |tally| {
        progress.tick_with(|_| progress_line(tally))
    })
    .await
    .map_err(Failure::error)?;
    progress.done(tally.settled());
    tell!(
        "batch {}: {} of {} users settled ({})",
        plan.id,
        tally.settled(),
        tally.total,
        tally.counts_line().replace(" · ", ", ")
    );
    for user in &tally.noted {
        tell!(
            "  {} {}: {}",
            user.result,
            user.user_id,
            user.reason.as_deref().unwrap_or("")
        );
    }
    match &tally.paused {
        Some(reason) => Err(Failure::error(format!(
            "batch {} stopped: {reason}; {} users left: resume with auth0-meta bulk resume {}",
            plan.id,
            tally.total - tally.settled(),
            plan.id
        ))),
        None => Ok(()),
    }
}

/// `[####....] 45%  135/300 users  changed 130 · skipped 2  7s left  24.1 users/s, ~48 requests/s (x-ratelimit-limit 10, paced at 52/s)`.
pub fn progress_line(tally: &Tally) -> String {
    let settled = tally.settled();
    let fraction = settled as f64 / tally.total.max(1) as f64;
    let rate = tally.rate();
    let left = match rate > 0.0 {
        true => format!("{:.0}s left", (tally.total - settled) as f64 / rate),
        false => "time left unknown".into(),
    };
    // The counts and the time left first: a narrow terminal cuts the line's end.
    format!(
        "{} {:>3.0}%  {settled}/{} users  {}  {left}  {rate:.1} users/s, ~{:.0} requests/s{}",
        super::progress::bar(fraction),
        fraction * 100.0,
        tally.total,
        tally.counts_line(),
        rate * REQUESTS_PER_USER,
        tally.budget_line()
    )
}
