//! The dry run of a bulk change, for a person (sections, counts, sample diffs) or as one
//! JSON document with the keys `would_change`, `already`, `skipped`, `size`, `warnings`,
//! `samples`.

use crate::bulk::{DryRun, Operation};

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
    tell!(
        "dry run: {} over {} users (nothing was sent)",
        operation.describe(),
        dry.users
    );
    tell!("  would change  {:>9}", dry.would_change);
    tell!("  already so    {:>9}", dry.already);
    let skipped: u64 = dry.skipped.values().sum();
    let reasons: Vec<String> = dry.skipped.iter().map(|(r, n)| format!("{r} {n}")).collect();
    let reasons = match reasons.is_empty() {
        true => String::new(),
        false => format!("  ({})", reasons.join(", ")),
    };
    tell!("  skipped       {skipped:>9}{reasons}");
    tell!(
        "profiles after: {} under the 10 KB cap, {} over it, {} over the 100 KB allowance",
        dry.size.under_cap,
        dry.size.over_cap,
        dry.size.over_allowance
    );
    let mut warnings: Vec<(&String, &u64)> = dry.warnings.iter().collect();
    warnings.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    if !warnings.is_empty() {
        tell!("warnings:");
    }
    for (warning, users) in warnings {
        tell!("  {warning} on {users} user{}", if *users == 1 { "" } else { "s" });
    }
    for sample in &dry.samples {
        tell!(
            "\n{} {}",
            sample["user_id"].as_str().unwrap_or(""),
            sample["request"]["line"].as_str().unwrap_or("")
        );
        tell!("  {}", sample["request"]["body"]);
        for line in sample["diff"].as_array().into_iter().flatten() {
            tell!("  {}", line.as_str().unwrap_or(""));
        }
    }
    if !dry.skipped_examples.is_empty() {
        tell!("\nskipped, for example:");
    }
    for example in &dry.skipped_examples {
        tell!(
            "  {}: {}: {}",
            example["user_id"].as_str().unwrap_or(""),
            example["reason"].as_str().unwrap_or(""),
            example["detail"].as_str().unwrap_or("")
        );
    }
    Ok(())
}
