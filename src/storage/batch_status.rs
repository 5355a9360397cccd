//! Where a batch stands, from its files: `running` while a process holds its lock,
//! `paused` (a refused token, or a pause asked) or `interrupted` when it stopped short,
//! `done`; and its users counted by result. `bulk status` prints it, the TUI lists it.

use std::io;

use serde::Serialize;

use super::batches::Batch;

/// The results a batch's users end with.
pub const RESULTS: [&str; 5] = ["changed", "already", "skipped", "failed", "unknown"];

/// One batch as `bulk status --json` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchStatus {
    pub id: String,
    pub operation: String,
    pub args: Vec<String>,
    pub source: String,
    pub created_at: String,
    pub state: &'static str,
    pub total: u64,
    pub changed: u64,
    pub already: u64,
    pub skipped: u64,
    pub failed: u64,
    pub unknown: u64,
    /// Why it stopped short, unless it is done or running.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paused: Option<String>,
}

impl Batch {
    pub fn status(&self) -> io::Result<BatchStatus> {
        let plan = self.plan()?;
        let progress = self.progress()?;
        let running = self.lock()?.is_err();
        let paused = self.paused();
        let asked = |p: &str| p.starts_with("the API refused") || p.starts_with("paused");
        let state = match () {
            _ if running => "running",
            _ if progress.len() as u64 >= plan.total => "done",
            _ if paused.as_deref().is_some_and(asked) => "paused",
            _ => "interrupted",
        };
        let count = |result: &str| progress.values().filter(|s| s.result == result).count() as u64;
        Ok(BatchStatus {
            state,
            total: plan.total,
            changed: count("changed"),
            already: count("already"),
            skipped: count("skipped"),
            failed: count("failed"),
            unknown: count("unknown"),
            paused: match state {
                "done" | "running" => None,
                _ => Some(paused.unwrap_or_else(|| "the process ended before the batch did".into())),
            },
            id: plan.id,
            operation: plan.operation,
            args: plan.args,
            source: plan.source,
            created_at: plan.created_at,
        })
    }
}

impl BatchStatus {
    pub fn count(&self, result: &str) -> u64 {
        match result {
            "changed" => self.changed,
            "already" => self.already,
            "skipped" => self.skipped,
            "failed" => self.failed,
            "unknown" => self.unknown,
            _ => 0,
        }
    }
}
