//! `bulk status [BATCH] [--json] [--users RESULT]`: the tenant's batches with their counts and state
//! (`running` while a process holds its lock, `paused` or `interrupted` when it stopped
//! short, `done`).

use crate::storage::batch_status::RESULTS;
use crate::storage::Storage;

use super::{Failure, Outcome};

pub fn print(storage: Option<&Storage>, only: Option<&str>, as_json: bool) -> Outcome {
    let storage = storage.ok_or_else(|| Failure::usage("no state directory: there are no batches"))?;
    let ids = match only {
        Some(id) => vec![id.to_string()],
        None => storage.batch_ids().map_err(|e| Failure::error(e.to_string()))?,
    };
    let mut rows = Vec::new();
    for id in &ids {
        let batch = storage.batch(id);
        let row = batch
            .status()
            .map_err(|_| Failure::usage(format!("no batch {id} for {}", storage.tenant)))?;
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
        let counts: Vec<String> = RESULTS.iter().map(|k| format!("{k} {}", row.count(k))).collect();
        tell!(
            "{}  {:<11} {} {}  {} users: {}",
            row.id,
            row.state,
            row.operation,
            row.args.join(" "),
            row.total,
            counts.join(", ")
        );
        if let Some(reason) = &row.paused {
            tell!("    stopped: {reason}; resume with auth0-meta bulk resume {}", row.id);
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
