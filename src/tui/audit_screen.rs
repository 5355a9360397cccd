//! The audit overlay's content (`A` in the users list): the sizes against Auth0's cap
//! with the histogram drawn as bars, the findings (one chosen at a time: Enter searches
//! its users), and the most common metadata paths. Lines are made once, when the report
//! comes in; drawing only picks the rows on screen.

use crate::audit::{Finding, Report};
use crate::text::bytes;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditLineKind {
    Heading,
    Text,
    Bar,
    Finding,
    Dim,
}

pub struct AuditScreen {
    pub report: Report,
    pub lines: Vec<(AuditLineKind, String)>,
    /// The line of each finding, in order.
    pub finding_lines: Vec<usize>,
    pub selected: usize,
    pub scroll: usize,
    /// What was audited: the list's search, or the whole tenant.
    pub scope: String,
}

impl AuditScreen {
    pub fn new(report: Report, scope: String) -> Self {
        let (lines, finding_lines) = describe(&report);
        Self {
            report,
            lines,
            finding_lines,
            selected: 0,
            scroll: 0,
            scope,
        }
    }

    pub fn finding(&self) -> Option<&Finding> {
        self.report.findings.get(self.selected)
    }

    /// Moves the choice among findings by `step`, scrolling it into `rows`.
    pub fn choose(&mut self, step: isize, rows: usize) {
        let last = self.finding_lines.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + step).clamp(0, last.max(0)) as usize;
        if let Some(&line) = self.finding_lines.get(self.selected) {
            if line < self.scroll {
                self.scroll = line.saturating_sub(1);
            } else if line + 3 >= self.scroll + rows {
                self.scroll = (line + 4).saturating_sub(rows);
            }
        }
    }

    pub fn scroll_by(&mut self, step: isize, rows: usize) {
        let last = self.lines.len().saturating_sub(rows) as isize;
        self.scroll = (self.scroll as isize + step).clamp(0, last.max(0)) as usize;
    }
}

fn describe(report: &Report) -> (Vec<(AuditLineKind, String)>, Vec<usize>) {
    use AuditLineKind::*;
    let mut out = vec![(Heading, format!("{} audited", users(report.users)))];
    if let Some(partial) = &report.partial {
        out.push((Text, format!("PARTIAL: {partial}")));
    }
    for warning in &report.warnings {
        out.push((Text, format!("warning: {warning}")));
    }
    let sizes = &report.sizes;
    out.push((
        Text,
        format!(
            "{} over the cap ({}: Auth0 logs a warning) · {} over the allowance ({}: writes fail after 2027-03-04)",
            sizes.over_cap,
            bytes(report.limits.cap),
            sizes.over_allowance,
            bytes(report.limits.allowance)
        ),
    ));
    out.push((Text, String::new()));
    out.push((Heading, "── profile sizes".into()));
    let most = sizes.histogram.iter().map(|b| b.users).max().unwrap_or(0).max(1);
    for bucket in sizes.histogram.iter().filter(|b| b.users > 0) {
        let label = bucket
            .upto
            .map_or_else(|| "larger".to_string(), |u| format!("≤ {}", bytes(u)));
        let bar = "█".repeat(((bucket.users * 30).div_ceil(most)) as usize);
        out.push((Bar, format!("{label:>10} {:>8}  {bar}", bucket.users)));
    }
    for user in sizes.largest.iter().take(5) {
        let heavy: Vec<String> = user
            .heaviest
            .iter()
            .map(|k| format!("{} {}", k.path, bytes(k.bytes)))
            .collect();
        out.push((
            Dim,
            format!("{:>10}  {}  {}", bytes(user.bytes), user.user_id, heavy.join(", ")),
        ));
    }
    out.push((Text, String::new()));
    out.push((Heading, "── findings (Enter: search their users)".into()));
    let mut finding_lines = Vec::new();
    if report.findings.is_empty() {
        out.push((Dim, "none".into()));
    }
    for found in &report.findings {
        finding_lines.push(out.len());
        let path = found.path.as_deref().unwrap_or("-");
        out.push((Finding, format!("{:<18} {path}  · {}", found.kind, users(found.users))));
        out.push((Dim, format!("    {}", found.detail)));
    }
    out.push((Text, String::new()));
    out.push((Heading, "── most common metadata paths".into()));
    let mut paths: Vec<_> = report.paths.iter().collect();
    paths.sort_by(|a, b| b.users.cmp(&a.users).then_with(|| a.path.cmp(&b.path)));
    for path in paths.iter().take(40) {
        let types: Vec<String> = path
            .types
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        out.push((
            Dim,
            format!("{:<44} {:>13}  {}", path.path, users(path.users), types.join(", ")),
        ));
    }
    (out, finding_lines)
}

fn users(n: u64) -> String {
    match n {
        1 => "1 user".into(),
        n => format!("{n} users"),
    }
}
