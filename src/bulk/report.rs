//! A dry run in lines for a person (sections, counts, sample diffs): printed by
//! `commands/bulk_report.rs`, shown by the TUI's bulk screen.

use super::DryRun;

/// The dry run of `what` (an operation in words) as lines of text, nothing sent.
pub fn report_lines(dry: &DryRun, what: &str) -> Vec<String> {
    let mut out = vec![
        format!(
            "dry run: {what} over {} user{} (nothing was sent)",
            dry.users,
            if dry.users == 1 { "" } else { "s" }
        ),
        format!("  would change  {:>9}", dry.would_change),
        format!("  already so    {:>9}", dry.already),
    ];
    let skipped: u64 = dry.skipped.values().sum();
    let reasons: Vec<String> = dry.skipped.iter().map(|(r, n)| format!("{r} {n}")).collect();
    let reasons = match reasons.is_empty() {
        true => String::new(),
        false => format!("  ({})", reasons.join(", ")),
    };
    out.push(format!("  skipped       {skipped:>9}{reasons}"));
    out.push(format!(
        "profiles after: {} under the 10 KB cap, {} over it, {} over the 100 KB allowance",
        dry.size.under_cap, dry.size.over_cap, dry.size.over_allowance
    ));
    let mut warnings: Vec<(&String, &u64)> = dry.warnings.iter().collect();
    warnings.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    if !warnings.is_empty() {
        out.push("warnings:".into());
    }
    for (warning, users) in warnings {
        out.push(format!(
            "  {warning} on {users} user{}",
            if *users == 1 { "" } else { "s" }
        ));
    }
    for sample in &dry.samples {
        out.push(String::new());
        out.push(format!(
            "{} {}",
            sample["user_id"].as_str().unwrap_or(""),
            sample["request"]["line"].as_str().unwrap_or("")
        ));
        out.push(format!("  {}", sample["request"]["body"]));
        for line in sample["diff"].as_array().into_iter().flatten() {
            out.push(format!("  {}", line.as_str().unwrap_or("")));
        }
    }
    if !dry.skipped_examples.is_empty() {
        out.push(String::new());
        out.push("skipped, for example:".into());
    }
    for example in &dry.skipped_examples {
        out.push(format!(
            "  {}: {}: {}",
            example["user_id"].as_str().unwrap_or(""),
            example["reason"].as_str().unwrap_or(""),
            example["detail"].as_str().unwrap_or("")
        ));
    }
    out
}
