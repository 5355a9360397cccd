//! The audit overlay's content (`A` in the users list): the sizes against Auth0's cap
//! with the histogram drawn as bars, the findings (one chosen at a time: Enter searches
//! its users), and the census of metadata paths (`s` sorts it). Lines are made when the
//! report comes in or the sort changes; drawing only picks the rows on screen.

use std::sync::Arc;

use crate::audit::{Finding, PathReport, Report};
use crate::audit_source::SpoolFile;
use crate::text::bytes;

/// What the census is sorted by; `s` moves to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CensusSort {
    /// Most users first.
    #[default]
    Users,
    /// A to Z.
    Path,
    /// Most JSON types first: mixed paths on top.
    Types,
    /// Most distinct values first.
    Distinct,
}

impl CensusSort {
    fn next(self) -> Self {
        match self {
            Self::Users => Self::Path,
            Self::Path => Self::Types,
            Self::Types => Self::Distinct,
            Self::Distinct => Self::Users,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Users => "users",
            Self::Path => "path",
            Self::Types => "types",
            Self::Distinct => "distinct values",
        }
    }

    fn order(self, a: &PathReport, b: &PathReport) -> std::cmp::Ordering {
        let types = |p: &PathReport| p.types.values().filter(|n| **n > 0).count();
        match self {
            Self::Users => b.users.cmp(&a.users),
            Self::Path => std::cmp::Ordering::Equal,
            Self::Types => types(b).cmp(&types(a)),
            Self::Distinct => b.distinct.cmp(&a.distinct),
        }
        .then_with(|| a.path.cmp(&b.path))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditLineKind {
    Heading,
    Text,
    Bar,
    Finding,
    Dim,
}

const CENSUS_HEADING: &str = "── metadata paths";

pub struct AuditScreen {
    pub report: Arc<Report>,
    /// The users audited, for Enter on a finding search cannot express.
    pub users: Option<Arc<SpoolFile>>,
    pub census_sort: CensusSort,
    pub lines: Vec<(AuditLineKind, String)>,
    /// The line of each finding, in order.
    pub finding_lines: Vec<usize>,
    pub selected: usize,
    pub scroll: usize,
    /// What was audited: the list's search, or the whole tenant.
    pub scope: String,
}

impl AuditScreen {
    pub fn new(report: Report, scope: String, users: Option<Arc<SpoolFile>>) -> Self {
        let (lines, finding_lines) = describe(&report, CensusSort::default());
        Self {
            report: Arc::new(report),
            users,
            census_sort: CensusSort::default(),
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

    /// Sorts the census by the next key and brings its heading to the top, so the new
    /// order is what the screen shows.
    pub fn cycle_sort(&mut self, rows: usize) {
        self.census_sort = self.census_sort.next();
        (self.lines, self.finding_lines) = describe(&self.report, self.census_sort);
        let heading = self.lines.iter().position(|(_, l)| l.starts_with(CENSUS_HEADING));
        self.scroll = 0;
        self.scroll_by(heading.unwrap_or(0) as isize, rows);
    }

    pub fn scroll_by(&mut self, step: isize, rows: usize) {
        let last = self.lines.len().saturating_sub(rows) as isize;
        self.scroll = (self.scroll as isize + step).clamp(0, last.max(0)) as usize;
    }
}

fn describe(report: &Report, sort: CensusSort) -> (Vec<(AuditLineKind, String)>, Vec<usize>) {
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
    out.push((Heading, "── findings (Enter: list their users)".into()));
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
    out.push((
        Heading,
        format!(
            "{CENSUS_HEADING}: {} by {} (s: sort by {})",
            report.paths.len(),
            sort.name(),
            sort.next().name()
        ),
    ));
    out.push((Dim, format!("{:<44} {:>13}  {:>9}  types", "path", "users", "distinct")));
    let mut paths: Vec<_> = report.paths.iter().collect();
    paths.sort_by(|a, b| sort.order(a, b));
    for path in paths {
        let types: Vec<String> = path
            .types
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        let distinct = match path.distinct_capped {
            true => format!("≥{}", path.distinct),
            false => path.distinct.to_string(),
        };
        out.push((
            Dim,
            format!(
                "{:<44} {:>13}  {distinct:>9}  {}",
                path.path,
                users(path.users),
                types.join(", ")
            ),
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
