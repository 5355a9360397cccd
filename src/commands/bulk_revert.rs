//! `revert --batch BATCH`: every change a bulk batch applied, put back user by user. It
//! is itself a batch (`bulk_run`: paced, journaled, resumable, `bulk status`), each
//! user's revert checked against the server first: a key changed since the batch is
//! skipped and listed, or overwritten with `--force`, as a single revert does.

use crate::api::Client;
use crate::storage::Storage;

use super::bulk_run::begin;
use super::history::Scope;
use super::{Failure, Outcome};
use crate::batch::{applied_entries, Words};

/// Users listed by the dry run, at most.
const LISTED: usize = 20;

pub async fn revert(
    client: &Client,
    storage: &Storage,
    batch: &str,
    yes: bool,
    force: bool,
    production: bool,
) -> Outcome {
    let entries = applied_entries(storage, batch).map_err(Failure::error)?;
    if entries.is_empty() {
        return Err(Failure::usage(format!(
            "batch {batch} applied no change for {} (bulk status lists batches)",
            storage.tenant
        )));
    }
    if !yes {
        print_plan(batch, &entries);
        tell!("\nnothing was sent: --yes reverts them, each checked against the server first");
        return Ok(());
    }
    let ids = entries.iter().map(|e| e.user_id.clone()).collect();
    let words = Words {
        operation: "revert".into(),
        args: vec![batch.to_string()],
        force,
        source: format!("revert of batch {batch}"),
        parallel: crate::batch::PARALLEL,
        max_rate: None,
    };
    begin(client, storage, words, ids, production).await
}

/// `revert --batch --dry-run`: what would be put back, from the journal alone.
pub fn dry_run(scope: &Scope, batch: &str) -> Outcome {
    let entries = applied_entries(scope.storage, batch).map_err(Failure::error)?;
    if entries.is_empty() {
        return Err(Failure::usage(format!(
            "batch {batch} applied no change for {}",
            scope.storage.tenant
        )));
    }
    print_plan(batch, &entries);
    tell!("\ndry run: the server was not asked");
    Ok(())
}

fn print_plan(batch: &str, entries: &[crate::storage::journal::Entry]) {
    tell!("reverting batch {batch} puts back {} users' values:", entries.len());
    for entry in entries.iter().take(LISTED) {
        for (at, before, after) in entry.changes() {
            let shown = |v: &Option<serde_json::Value>| v.as_ref().map_or("(absent)".to_string(), ToString::to_string);
            tell!("  {}  {at}: {} → {}", entry.user_id, shown(&after), shown(&before));
        }
    }
    if entries.len() > LISTED {
        tell!("  … and {} more users", entries.len() - LISTED);
    }
}
