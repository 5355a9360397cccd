//! The dry run of a bulk change, for a person (`bulk::report_lines`) or as one JSON
//! document with the keys `would_change`, `already`, `skipped`, `size`, `warnings`,
//! `samples`.

use crate::bulk::{report_lines, DryRun, Operation};

use super::{Failure, Outcome};

pub fn print(dry: &DryRun, operation: &Operation, json: bool, notes: &[String]) -> Outcome {
    for note in notes {
        note!("note: {note}");
    }
    if json {
        let text = serde_json::to_string_pretty(dry).map_err(|e| Failure::error(e.to_string()))?;
        say!("{text}");
        return Ok(());
    }
    for line in report_lines(dry, &operation.describe()) {
        tell!("{line}");
    }
    Ok(())
}
