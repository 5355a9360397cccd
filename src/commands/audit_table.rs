//! The audit report as a person reads it: sections, aligned columns, a text histogram.

use std::fmt::Write as _;

use crate::audit::Report;
use crate::text::{bytes, cut, pad};

/// Rows listed per table; the JSON format has them all.
const ROWS: usize = 30;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let limits = &report.limits;
    let _ = writeln!(out, "Audit of {}", users(report.users));
    if let Some(partial) = &report.partial {
        let _ = writeln!(out, "PARTIAL: {partial}");
    }
    let _ = writeln!(
        out,
        "Limits: cap {} bytes (over it Auth0 logs a warning) · allowance {} bytes (over it writes fail after 2027-03-04)",
        thousands(limits.cap),
        thousands(limits.allowance)
    );
    sizes(report, &mut out);
    largest(report, &mut out);
    heaviest_keys(report, &mut out);
    findings(report, &mut out);
    paths(report, &mut out);
    out.trim_end().to_string()
}

fn sizes(report: &Report, out: &mut String) {
    let sizes = &report.sizes;
    let _ = writeln!(out, "\nSizes");
    let _ = writeln!(out, "  over the cap:        {:>10} users", thousands(sizes.over_cap));
    let _ = writeln!(
        out,
        "  over the allowance:  {:>10} users",
        thousands(sizes.over_allowance)
    );
    let most = sizes.histogram.iter().map(|b| b.users).max().unwrap_or(0).max(1);
    for bucket in &sizes.histogram {
        let label = match bucket.upto {
            Some(upto) => format!("≤ {}", bytes(upto)),
            None => "larger".to_string(),
        };
        let bar = "█".repeat(((bucket.users * 40).div_ceil(most)) as usize);
        let _ = writeln!(out, "  {} {:>10}  {bar}", pad(&label, 10), thousands(bucket.users));
    }
}

fn largest(report: &Report, out: &mut String) {
    if report.sizes.largest.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nLargest users");
    for user in &report.sizes.largest {
        let heavy: Vec<String> = user
            .heaviest
            .iter()
            .map(|k| format!("{} {}", k.path, bytes(k.bytes)))
            .collect();
        let _ = writeln!(
            out,
            "  {:>10}  {}  {}  {}",
            bytes(user.bytes),
            pad(&cut(&user.user_id, 34), 34),
            pad(&cut(user.email.as_deref().unwrap_or("-"), 28), 28),
            heavy.join(", ")
        );
    }
}

fn heaviest_keys(report: &Report, out: &mut String) {
    if report.heaviest_keys.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nHeaviest root keys across the tenant (what to trim first)");
    for key in report.heaviest_keys.iter().take(ROWS) {
        let _ = writeln!(
            out,
            "  {}  {:>10} in {:>15}",
            pad(&cut(&key.path, 48), 48),
            bytes(key.bytes),
            users(key.users)
        );
    }
}

fn findings(report: &Report, out: &mut String) {
    let _ = writeln!(out, "\nFindings");
    if report.findings.is_empty() {
        let _ = writeln!(out, "  none");
        return;
    }
    for found in &report.findings {
        let _ = writeln!(
            out,
            "  {}  {}  {:>15}",
            pad(found.kind, 18),
            pad(&cut(found.path.as_deref().unwrap_or("-"), 44), 44),
            users(found.users)
        );
        let _ = writeln!(out, "      {}", found.detail);
        if !found.sample.is_empty() {
            let _ = writeln!(out, "      e.g. {}", found.sample.join(", "));
        }
        if let Some(query) = &found.query {
            let _ = writeln!(out, "      search: {query}");
        }
    }
}

fn paths(report: &Report, out: &mut String) {
    let _ = writeln!(
        out,
        "\nMetadata paths ({}; the JSON format lists them all)",
        report.paths.len()
    );
    let mut paths: Vec<_> = report.paths.iter().collect();
    paths.sort_by(|a, b| b.users.cmp(&a.users).then_with(|| a.path.cmp(&b.path)));
    for path in paths.iter().take(ROWS * 2) {
        let types: Vec<String> = path
            .types
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(t, n)| format!("{t} {}", thousands(*n)))
            .collect();
        let distinct = match path.distinct_capped {
            true => format!("{}+", path.distinct),
            false => path.distinct.to_string(),
        };
        let _ = writeln!(
            out,
            "  {}  {:>15}  {}  {:>6} distinct  {}",
            pad(&cut(&path.path, 44), 44),
            users(path.users),
            pad(&types.join(", "), 24),
            distinct,
            cut(&path.examples.join(" | "), 40)
        );
    }
}

/// `1 user`, `12,345 users`.
fn users(n: u64) -> String {
    match n {
        1 => "1 user".into(),
        n => format!("{} users", thousands(n)),
    }
}

/// `12,345`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
