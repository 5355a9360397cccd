//! A new batch: its plan and its frozen users written to the state directory.

use crate::storage::batches::{Batch, Plan};
use crate::storage::Storage;
use crate::timestamp::{format_millis, now_millis};

/// What a batch does, as its plan keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Words {
    pub operation: String,
    pub args: Vec<String>,
    pub force: bool,
    /// Where the users came from, for `bulk status`.
    pub source: String,
    /// Users changed at once.
    pub parallel: usize,
    /// Requests a second at most.
    pub max_rate: Option<f64>,
}

/// Writes a new batch over `ids` (its users frozen in that order) and returns it.
pub fn create(storage: &Storage, words: Words, ids: &[String]) -> Result<(Batch, Plan), String> {
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
        .create(&plan, ids)
        .map_err(|e| format!("the batch could not be written: {e}"))?;
    Ok((batch, plan))
}
