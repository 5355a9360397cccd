//! The audit's result: the one document `--format json` prints (its keys are the
//! interface scripts rely on) and the table printed for a person.

use serde::Serialize;
use serde_json::Value;

use super::census::{PathReport, TYPE_NAMES};
use super::findings::{finding, Finding};
use super::sizes::{Bucket, KeyWeight, Largest};
use super::Audit;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub users: u64,
    pub limits: Limits,
    pub sizes: SizeReport,
    pub heaviest_keys: Vec<KeyWeight>,
    pub paths: Vec<PathReport>,
    pub findings: Vec<Finding>,
    /// Why the users read are not the whole tenant (the search window), if they are not.
    pub partial: Option<String>,
    /// What makes the report less than it seems (no metadata in the source, lines that
    /// could not be read, paths past the bound).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Limits {
    pub cap: u64,
    pub allowance: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SizeReport {
    pub over_cap: u64,
    pub over_allowance: u64,
    pub histogram: Vec<Bucket>,
    pub largest: Vec<Largest>,
}

/// Root keys listed in `heaviest_keys`.
const HEAVIEST: usize = 20;

pub fn build(audit: Audit, partial: Option<String>) -> Report {
    let Audit {
        options,
        users,
        with_metadata,
        unreadable,
        census,
        sizes,
        tally,
    } = audit;
    let mut findings = tally.into_findings();
    let mut paths: Vec<PathReport> = Vec::with_capacity(census.paths.len());
    let mut mixed = Vec::new();
    for (path, stats) in &census.paths {
        paths.push(PathReport::new(path, stats));
        let held: Vec<usize> = (0..5).filter(|&i| stats.type_users[i] > 0).collect();
        if held.len() > 1 {
            let usual = stats.usual_type();
            let others: Vec<usize> = held.into_iter().filter(|&i| i != usual).collect();
            let users = others.iter().map(|&i| stats.type_users[i]).sum();
            let sample = others
                .iter()
                .flat_map(|&i| stats.type_sample[i].iter().cloned())
                .take(5)
                .collect();
            let mut found = finding("mixed_types", Some(path.clone()), users, sample);
            let names: Vec<String> = (0..5)
                .filter(|&i| stats.type_users[i] > 0)
                .map(|i| format!("{} {}", stats.type_users[i], TYPE_NAMES[i]))
                .collect();
            found.detail = format!(
                "{path} is stored as {}; most users hold {}",
                names.join(", "),
                TYPE_NAMES[usual]
            );
            found.usual_type = Some(TYPE_NAMES[usual]);
            mixed.push(found);
        }
    }
    paths.sort_by(|a, b| a.path.cmp(&b.path));
    // Dynamic objects count every user holding one, found early or late.
    for found in findings.iter_mut().filter(|f| f.kind == "dynamic_keys") {
        if let Some(stats) = found.path.as_ref().and_then(|p| census.paths.get(p)) {
            found.users = stats.type_users[3];
            found.sample = stats.type_sample[3].clone();
        }
    }
    findings.extend(mixed);
    let rank = |kind: &str| super::KINDS.iter().position(|k| *k == kind);
    findings.sort_by(|a, b| {
        rank(a.kind)
            .cmp(&rank(b.kind))
            .then_with(|| b.users.cmp(&a.users))
            .then_with(|| a.path.cmp(&b.path))
    });
    let mut warnings = Vec::new();
    if users > 0 && with_metadata == 0 {
        warnings.push(
            "no user in the source carries user_metadata or app_metadata: if it is an export, it was made without naming them in its fields (auth0-meta users export names them), and the findings below say nothing about metadata".into(),
        );
    }
    if unreadable > 0 {
        warnings.push(format!("{unreadable} lines were not JSON objects and were skipped"));
    }
    if census.dropped_paths > 0 {
        warnings.push(format!(
            "more than {} distinct paths: {} values on further paths were not counted in the census",
            super::census::MAX_PATHS,
            census.dropped_paths
        ));
    }
    Report {
        users,
        limits: Limits {
            cap: options.cap,
            allowance: options.allowance,
        },
        sizes: SizeReport {
            over_cap: sizes.over_cap,
            over_allowance: sizes.over_allowance,
            histogram: sizes.histogram(),
            largest: sizes.largest(),
        },
        heaviest_keys: sizes.heaviest_keys(HEAVIEST),
        paths,
        findings,
        partial,
        warnings,
    }
}

impl Report {
    /// Example values and emails replaced by their shape, so the report can be shared.
    pub fn redact(&mut self) {
        for path in &mut self.paths {
            for example in &mut path.examples {
                *example = shape(example);
            }
        }
        for user in &mut self.sizes.largest {
            user.email = user.email.as_deref().map(mask_email);
        }
    }
}

/// `"<string, 12 chars>"`, `<number>`, `<boolean>`.
fn shape(example: &str) -> String {
    match serde_json::from_str::<Value>(example) {
        Ok(Value::String(s)) => format!("<string, {} chars>", s.chars().count()),
        Ok(Value::Number(_)) => "<number>".into(),
        Ok(Value::Bool(_)) => "<boolean>".into(),
        Ok(Value::Null) => "null".into(),
        _ => "<value>".into(),
    }
}

/// `j***@example.com`.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}
