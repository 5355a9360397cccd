//! The bulk screen's state and lines: one change applied to many users (the marked ones,
//! an audit finding's, or a batch reverted), first as the dry run read fresh from the
//! tenant, then, confirmed, as a batch with its progress (pause, cancel) and its summary.
//! The batches list (`H` in the users list) and the path prompt of the audit's `u`/`m`.

use std::borrow::Cow;
use std::sync::Arc;

use ratatui_textarea::TextArea;

use super::batch_watch::Watch;
use crate::batch::{DryRead, Tally, Words, REQUESTS_PER_USER};
use crate::storage::batch_status::BatchStatus;

pub use crate::batch::PARALLEL;

pub struct BulkScreen {
    /// The change in words: `unset user_metadata.history`.
    pub what: String,
    pub words: Words,
    /// The users it is for, in order; a revert's are known once its journal is read.
    pub ids: Arc<Vec<String>>,
    /// Read through `set_phase`, which makes the lines of a phase that does not move.
    phase: BulkPhase,
    /// The dry run's, the summary's or the failure's lines, made once (not per frame).
    shown: Vec<String>,
    pub scroll: usize,
    pub watch: Watch,
    /// A production tenant: its name is typed here before the batch starts.
    pub confirm: Option<TextArea<'static>>,
    pub error: Option<String>,
}

pub enum BulkPhase {
    /// The dry run reads every user fresh.
    Reading,
    Planned(Box<DryRead>),
    /// The batch runs; `stopping` once a pause or cancel was asked.
    Running {
        stopping: bool,
    },
    /// The run ended: done, or paused with users left (resumable).
    Ended(Box<Tally>),
    Failed(String),
}

impl BulkScreen {
    pub fn new(what: String, words: Words, ids: Vec<String>) -> Self {
        Self {
            what,
            words,
            ids: Arc::new(ids),
            phase: BulkPhase::Reading,
            shown: Vec::new(),
            scroll: 0,
            watch: Watch::default(),
            confirm: None,
            error: None,
        }
    }

    pub fn phase(&self) -> &BulkPhase {
        &self.phase
    }

    /// Moves to `phase`; the lines of a dry run, a summary or a failure are made here.
    pub fn set_phase(&mut self, phase: BulkPhase) {
        self.shown = match &phase {
            BulkPhase::Planned(read) => {
                let mut lines = crate::bulk::report_lines(&read.dry, &self.what);
                if read.missing > 0 {
                    lines.insert(1, format!("  ({} users no longer exist)", read.missing));
                }
                lines
            }
            BulkPhase::Ended(tally) => ended(&self.what, tally),
            BulkPhase::Failed(why) => vec![format!("{}: stopped", self.what), String::new(), why.clone()],
            BulkPhase::Reading | BulkPhase::Running { .. } => Vec::new(),
        };
        self.phase = phase;
    }

    /// What the screen says now: made from the watch while reading or running (a few
    /// short lines), else the lines made when the phase began.
    pub fn lines(&self) -> Cow<'_, [String]> {
        let total = self.ids.len() as u64;
        match &self.phase {
            BulkPhase::Reading => Cow::Owned(vec![
                format!("{} for {total} users", self.what),
                String::new(),
                format!(
                    "reading each user fresh (the dry run: nothing is sent)… {} / {total}",
                    self.watch.read()
                ),
            ]),
            BulkPhase::Running { stopping } => {
                let tally = self.watch.tally().unwrap_or_default();
                let total = if tally.total > 0 { tally.total } else { total };
                let mut lines = vec![format!("{}: batch {}", self.what, tally.id), String::new()];
                lines.extend(progress(&tally, total));
                if *stopping {
                    lines.push("stopping: no new user is started; those in flight are settled…".into());
                }
                Cow::Owned(lines)
            }
            _ => Cow::Borrowed(&self.shown),
        }
    }
}

/// `[####....]  45%  135/300 users`, `7.2 users/s · ~14 requests/s (x-ratelimit-limit 50) · 23s left`, the counts.
fn progress(tally: &Tally, total: u64) -> [String; 3] {
    let settled = tally.settled();
    let fraction = settled as f64 / total.max(1) as f64;
    let filled = ((fraction * 30.0).round() as usize).min(30);
    let rate = tally.rate();
    let left = match rate > 0.0 {
        true => format!("{:.0}s left", total.saturating_sub(settled) as f64 / rate),
        false => "time left unknown".into(),
    };
    [
        format!(
            "[{}{}] {:>3.0}%  {settled}/{total} users",
            "#".repeat(filled),
            ".".repeat(30 - filled),
            fraction * 100.0
        ),
        format!(
            "{rate:.1} users/s · ~{:.0} requests/s{} · {left}",
            rate * REQUESTS_PER_USER,
            tally.budget_line()
        ),
        tally.counts_line(),
    ]
}

fn ended(what: &str, tally: &Tally) -> Vec<String> {
    let mut lines = vec![
        format!("{what}: batch {}", tally.id),
        String::new(),
        format!(
            "{} of {} users settled: {}",
            tally.settled(),
            tally.total,
            tally.counts_line()
        ),
    ];
    match &tally.paused {
        Some(reason) => lines.push(format!(
            "stopped: {reason}; {} users left (r resumes; or auth0-meta bulk resume {})",
            tally.total - tally.settled(),
            tally.id
        )),
        None => lines.push("done. H in the users list shows the batch, to revert it.".into()),
    }
    if !tally.noted.is_empty() {
        lines.push(String::new());
    }
    for user in &tally.noted {
        lines.push(format!(
            "  {} {}: {}",
            user.result,
            user.user_id,
            user.reason.as_deref().unwrap_or("")
        ));
    }
    lines
}

/// `H` in the users list: the tenant's batches, newest first.
pub struct BatchesList {
    pub rows: Vec<BatchStatus>,
    pub cursor: usize,
}

impl BatchesList {
    pub fn line(row: &BatchStatus) -> String {
        format!(
            "{}  {:<11} {} {}  {} users: changed {}, already {}, skipped {}, failed {}, unknown {}",
            row.created_at,
            row.state,
            row.operation,
            row.args.join(" "),
            row.total,
            row.changed,
            row.already,
            row.skipped,
            row.failed,
            row.unknown
        )
    }
}

/// The audit's `u` / `m`: the path to unset, or where to move a finding's key.
pub struct BulkPrompt {
    pub audit: Box<super::audit_screen::AuditScreen>,
    /// `None`: the path to unset is typed; `Some(from)`: the new path of `from`.
    pub moving: Option<String>,
    pub text: TextArea<'static>,
    pub error: Option<String>,
}
