//! `bulk status [BATCH] [--json] [--users RESULT]`: the tenant's batches with their counts and state
//! (`running` while a process holds its lock, `paused` or `interrupted` when it stopped
//! short, `done`).

use serde_json::{json, Value};

use crate::storage::batches::Batch;
use crate::storage::Storage;

use super::{Failure, Outcome};

const RESULTS: [&str; 5] = ["changed", "already", "skipped", "failed", "unknown"];

pub fn print(storage: Option<&Storage>, only: Option<&str>, as_json: bool) -> Outcome {
    let storage = storage.ok_or_else(|| Failure::usage("no state directory: there are no batches"))?;
    let ids = match only {
        Some(id) => vec![id.to_string()],
        None => storage.batch_ids().map_err(|e| Failure::error(e.to_string()))?,
    };
    let mut rows = Vec::new();
    for id in &ids {
        let batch = storage.batch(id);
        let row = describe(&batch).map_err(|_| Failure::usage(format!("no batch {id} for {}", storage.tenant)))?;
        rows.push(row);
    }
    if as_json {
        let text = serde_json::to_string_pretty(&rows).map_err(|e| Failure::error(e.to_string()))?;
        say!("{text}");
        return Ok(());
    }
    if rows.is_empty() {
        tell!("no batches for {}", storage.tenant);
    }
    for row in &rows {
        let counts: Vec<String> = RESULTS.iter().map(|k| format!("{k} {}", row[*k])).collect();
        tell!(
            "{}  {:<11} {} {}  {} users: {}",
            row["id"].as_str().unwrap_or(""),
            row["state"].as_str().unwrap_or(""),
            row["operation"].as_str().unwrap_or(""),
            row["args"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" "))
                .unwrap_or_default(),
            row["total"],
            counts.join(", ")
        );
        if let Some(reason) = row["paused"].as_str() {
            tell!(
                "    stopped: {reason}; resume with auth0-meta bulk resume {}",
                row["id"].as_str().unwrap_or("")
            );
        }
    }
    Ok(())
}

/// `bulk status BATCH --users RESULT`: those users, one JSON object a line, in order.
pub fn users(storage: Option<&Storage>, id: &str, result: &str) -> Outcome {
    let storage = storage.ok_or_else(|| Failure::usage("no state directory: there are no batches"))?;
    let batch = storage.batch(id);
    let progress = batch
        .progress()
        .map_err(|_| Failure::usage(format!("no batch {id} for {}", storage.tenant)))?;
    let mut settled: Vec<_> = progress.into_values().filter(|s| s.result == result).collect();
    settled.sort_by_key(|s| s.n);
    for user in settled {
        let line = serde_json::to_string(&user).map_err(|e| Failure::error(e.to_string()))?;
        say!("{line}");
    }
    Ok(())
}

fn describe(batch: &Batch) -> std::io::Result<Value> {
    let plan = batch.plan()?;
    let progress = batch.progress()?;
    let running = batch.lock()?.is_err();
    let paused = batch.paused();
    let state = match () {
        _ if running => "running",
        _ if progress.len() as u64 >= plan.total => "done",
        _ if paused.as_deref().is_some_and(|p| p.starts_with("the API refused")) => "paused",
        _ => "interrupted",
    };
    let mut row = json!({
        "id": plan.id, "operation": plan.operation, "args": plan.args, "source": plan.source,
        "created_at": plan.created_at, "state": state, "total": plan.total,
    });
    for result in RESULTS {
        row[result] = json!(progress.values().filter(|s| s.result == result).count());
    }
    if state != "done" && state != "running" {
        row["paused"] = json!(paused.unwrap_or_else(|| "the process ended before the batch did".into()));
    }
    Ok(row)
}
