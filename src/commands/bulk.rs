//! `auth0-meta bulk set|unset|move|retype`: the dry run over a search, an export file or
//! a list of ids. Users are read one at a time (each fresh from the tenant, or from the
//! file alone with `--offline`) into `bulk::DryRun`: memory stays bounded whatever the
//! count. `--yes` hands the users to `bulk_run` (a batch); `status` and `resume` go there too.

use std::io::BufRead;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};

use crate::api::Client;
use crate::audit_source;
use crate::bulk::{parse_operation, DryRun, Operation};
use crate::cli::{BulkCommand, BulkSource};
use crate::domain::User;
use crate::storage::Storage;

use super::bulk_report;
use super::progress::Progress;
use super::{Failure, Outcome};

/// The operation the command names, checked before any user is read.
fn operation(command: &BulkCommand) -> Result<(Operation, &BulkSource), Failure> {
    let (Some((name, args, force)), Some(source)) = (super::bulk_run::words(command), command.source()) else {
        return Err(Failure::usage("not an operation"));
    };
    Ok((parse_operation(name, &args, force).map_err(Failure::usage)?, source))
}

/// `--from FILE --offline`: the dry run from the file alone.
pub fn run_offline(command: BulkCommand) -> Outcome {
    let (operation, source) = operation(&command)?;
    if source.yes {
        return Err(Failure::usage(
            "--offline computes a dry run from the file; a real run (--yes) reads each user fresh: drop --offline",
        ));
    }
    let from = source.from.clone().unwrap_or_default();
    let mut notes = vec![format!("offline: computed from {} alone{}", from.display(), age(&from))];
    let mut dry = DryRun::default();
    let mut progress = Progress::new("read");
    let read = Arc::new(AtomicU64::new(0));
    let size = std::fs::metadata(&from).ok().filter(|m| m.is_file()).map(|m| m.len());
    let reader = audit_source::open(&from, read.clone()).map_err(|e| named(&from, e))?;
    let mut unreadable = 0u64;
    for line in reader.split(b'\n') {
        let line = line.map_err(|e| named(&from, e))?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Map<String, Value>>(&line) {
            Ok(user) => dry.add(&operation, &User(user)),
            Err(_) => unreadable += 1,
        }
        let fraction = size.map(|size| read.load(Ordering::Relaxed) as f64 / size.max(1) as f64);
        progress.tick(dry.users, fraction);
    }
    progress.done(dry.users);
    notes.extend(super::bulk_run::journal_growth(dry.would_change as usize));
    if unreadable > 0 {
        notes.push(format!(
            "{unreadable} lines were not users (JSON objects) and were left out"
        ));
    }
    bulk_report::print(&dry, &operation, source.json, &notes)
}

/// `bulk …` against the tenant: `status`, `resume`, a real run (`--yes`), or the dry run.
pub async fn run(client: &Client, storage: Option<&Storage>, command: BulkCommand, production: bool) -> Outcome {
    match &command {
        BulkCommand::Status { batch, json, users } => {
            return match (batch, users) {
                (Some(batch), Some(result)) => super::bulk_status::users(storage, batch, result),
                _ => super::bulk_status::print(storage, batch.as_deref(), *json),
            }
        }
        BulkCommand::Resume { batch, retry_failed } => {
            return super::bulk_run::resume(client, storage, batch, *retry_failed).await
        }
        _ => {}
    }
    let (operation, source) = operation(&command)?;
    let mut notes = Vec::new();
    let ids = source_ids(client, source, &mut notes).await?;
    if source.yes {
        for note in &notes {
            note!("note: {note}");
        }
        return super::bulk_run::start(client, storage, &command, ids, production).await;
    }
    dry_run(client, operation, source, ids, notes).await
}

/// The dry run against the tenant: each user read fresh, as a real run would.
async fn dry_run(
    client: &Client,
    operation: Operation,
    source: &BulkSource,
    ids: Vec<String>,
    mut notes: Vec<String>,
) -> Outcome {
    let mut progress = Progress::new("read");
    let total = ids.len().max(1) as f64;
    let change = crate::batch::Change::Op(operation.clone());
    let stop = std::future::pending::<String>();
    let read = crate::batch::dry_run(client, &change, &ids, stop, |n| {
        progress.tick(n, Some(n as f64 / total))
    })
    .await
    .map_err(Failure::error)?;
    progress.done(read.dry.users + read.missing);
    if read.missing > 0 {
        notes.push(format!("{} users of the source no longer exist", read.missing));
    }
    notes.extend(super::bulk_run::journal_growth(read.dry.would_change as usize));
    bulk_report::print(&read.dry, &operation, source.json, &notes)
}

/// The ids of the source's users, in order: a search (up to its window), an export
/// file's `user_id`s, or a file of ids.
async fn source_ids(client: &Client, source: &BulkSource, notes: &mut Vec<String>) -> Result<Vec<String>, Failure> {
    Ok(match (&source.query, &source.from, &source.ids) {
        (Some(query), _, _) => {
            let found = Arc::new(Mutex::new(Vec::new()));
            let into = found.clone();
            let lines: audit_source::Lines = Box::new(move |line: &[u8]| {
                if let Ok(user) = serde_json::from_slice::<Map<String, Value>>(line) {
                    let id = user.get("user_id").and_then(Value::as_str).unwrap_or_default();
                    into.lock().unwrap_or_else(|p| p.into_inner()).push(id.to_string());
                }
                Ok(())
            });
            let partial = audit_source::search(client, query, &AtomicU64::new(0), lines)
                .await
                .map_err(Failure::error)?;
            notes.extend(partial.map(|why| format!("partial: {why}; --from an export file reaches every user")));
            let ids = std::mem::take(&mut *found.lock().unwrap_or_else(|p| p.into_inner()));
            ids
        }
        (_, Some(file), _) => read_ids(file, |line| {
            serde_json::from_slice::<Map<String, Value>>(line)
                .ok()
                .and_then(|u| u.get("user_id")?.as_str().map(String::from))
        })?,
        (_, _, Some(file)) => read_ids(file, |line| {
            let id = String::from_utf8_lossy(line).trim().to_string();
            (!id.is_empty()).then_some(id)
        })?,
        _ => return Err(Failure::usage("name the users: --query, --from or --ids")),
    })
}

/// The ids a file names, one per line; a file of a million ids is a few tens of MB.
fn read_ids(file: &Path, id_of: impl Fn(&[u8]) -> Option<String>) -> Result<Vec<String>, Failure> {
    let reader = audit_source::open(file, Arc::default()).map_err(|e| named(file, e))?;
    let mut ids = Vec::new();
    for line in reader.split(b'\n') {
        if let Some(id) = id_of(&line.map_err(|e| named(file, e))?) {
            ids.push(id);
        }
    }
    Ok(ids)
}

fn named(path: &Path, err: std::io::Error) -> Failure {
    Failure::usage(format!("{}: {err}", path.display()))
}

/// ", written 3 hours ago" for a file (nothing for standard input).
fn age(path: &Path) -> String {
    let modified = std::fs::metadata(path).and_then(|m| m.modified());
    let Ok(elapsed) = modified.map(|m| m.elapsed().unwrap_or_default()) else {
        return String::new();
    };
    let secs = elapsed.as_secs();
    let (n, unit) = match secs {
        s if s < 120 => (s, "seconds"),
        s if s < 7200 => (s / 60, "minutes"),
        s if s < 172_800 => (s / 3600, "hours"),
        s => (s / 86_400, "days"),
    };
    format!(", written {n} {unit} ago: the tenant may have changed since")
}
