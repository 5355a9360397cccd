//! What a bulk operation would do, counted over users one at a time (memory bounded by
//! the counters, whatever the number of users): how many change, are already so or are
//! skipped and why, how profile sizes end against the cap, the warnings summed over
//! users, and a few sample diffs. Its JSON keys are the interface `--json` promises.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Value};

use super::operation::{Decision, Operation};
use crate::domain::diff::LineKind;
use crate::domain::validate::{Problem, Severity, PROFILE_ALLOWANCE, PROFILE_CAP};
use crate::domain::{User, ValueKind, Warning};
use crate::preview::{profile_size, Preview};

const SAMPLES: usize = 3;

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct SizeCounts {
    pub under_cap: u64,
    pub over_cap: u64,
    pub over_allowance: u64,
}

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct DryRun {
    pub users: u64,
    pub would_change: u64,
    pub already: u64,
    /// `{reason: count}`.
    pub skipped: BTreeMap<&'static str, u64>,
    /// How profiles end, the changed ones after the change.
    pub size: SizeCounts,
    /// `[{warning, users}]`, most users first.
    #[serde(serialize_with = "warnings_list")]
    pub warnings: BTreeMap<String, u64>,
    /// A few users' changes: `{user_id, request, diff}`.
    pub samples: Vec<Value>,
    /// A few skipped users, with why: `{user_id, reason, detail}`.
    pub skipped_examples: Vec<Value>,
}

fn warnings_list<S: serde::Serializer>(map: &BTreeMap<String, u64>, out: S) -> Result<S::Ok, S::Error> {
    let mut list: Vec<(&String, &u64)> = map.iter().collect();
    list.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let list: Vec<Value> = list.iter().map(|(w, n)| json!({"warning": w, "users": n})).collect();
    list.serialize(out)
}

/// What one user's change is: the preview to send, or why it is skipped.
pub enum Planned {
    Send(Box<Preview>),
    Already,
    Skip { reason: &'static str, detail: String },
}

/// The operation for one user, checked as a single change would be by the preview.
pub fn plan(operation: &Operation, user: &User) -> Planned {
    let stored = user.metadata_pair();
    let edited = match operation.decide(&stored) {
        Decision::Already => return Planned::Already,
        Decision::Skip { reason, detail } => return Planned::Skip { reason, detail },
        Decision::Change(edited) => edited,
    };
    let preview = Preview::build(user, &stored, &edited);
    if preview.is_empty() {
        return Planned::Already;
    }
    let blocking = preview.problems.iter().find_map(|p| match p {
        Problem::BodyTooLarge { .. } => Some("over_request_limit"),
        Problem::ProfileOverAllowance { .. } => Some("over_allowance"),
        p if p.severity() == Severity::Error => Some("invalid"),
        _ => None,
    });
    match blocking {
        Some(reason) => {
            let detail = preview
                .problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ");
            Planned::Skip { reason, detail }
        }
        None => Planned::Send(Box::new(preview)),
    }
}

impl DryRun {
    pub fn add(&mut self, operation: &Operation, user: &User) {
        self.add_planned(user, plan(operation, user), Some(operation));
    }

    /// Counts one user's planned change (an operation's, whose warnings name what it
    /// replaces, or a revert's).
    pub fn add_planned(&mut self, user: &User, planned: Planned, operation: Option<&Operation>) {
        self.users += 1;
        let stored = user.metadata_pair();
        let size = match planned {
            Planned::Already => {
                self.already += 1;
                profile_size(user, &stored)
            }
            Planned::Skip { reason, detail } => {
                *self.skipped.entry(reason).or_default() += 1;
                if self.skipped_examples.len() < SAMPLES {
                    self.skipped_examples
                        .push(json!({"user_id": user.id(), "reason": reason, "detail": detail}));
                }
                profile_size(user, &stored)
            }
            Planned::Send(preview) => {
                self.would_change += 1;
                for warning in warnings(operation, &preview) {
                    *self.warnings.entry(warning).or_default() += 1;
                }
                if self.samples.len() < SAMPLES {
                    self.samples.push(sample(user, &preview));
                }
                profile_size(user, &preview.result)
            }
        };
        match size {
            s if s > PROFILE_ALLOWANCE => self.size.over_allowance += 1,
            s if s > PROFILE_CAP => self.size.over_cap += 1,
            _ => self.size.under_cap += 1,
        }
    }
}

/// The preview's warnings without what varies from user to user, so they add up.
fn warnings(operation: Option<&Operation>, preview: &Preview) -> Vec<String> {
    let mut out: Vec<String> = preview
        .warnings
        .iter()
        .filter_map(|w| match w {
            Warning::ResendsWhole { field, key, .. } => Some(format!(
                "resends all of {field}.{key} (Auth0 replaces a root key whole)"
            )),
            Warning::Deletes { field, key } => Some(format!("deletes {field}.{key} (sent as null)")),
            Warning::Clears { field, .. } => Some(format!("clears all of {field}")),
            Warning::EmptyPatch => None,
        })
        .collect();
    let steps = match operation {
        Some(Operation::Edits(steps)) => steps.iter().collect(),
        Some(operation) => vec![operation],
        None => Vec::new(),
    };
    for step in steps {
        let (path, new) = match step {
            Operation::Set { path, value, .. } => (path, ValueKind::of(value)),
            Operation::Retype { path, kind } => (path, *kind),
            _ => continue,
        };
        let old = path
            .path
            .get(&preview.stored.get(path.field).to_value())
            .map(ValueKind::of);
        if let Some(old) = old.filter(|old| *old != new) {
            out.push(format!(
                "replaces {} {} with {} {} at {path}",
                article(old),
                old.name(),
                article(new),
                new.name()
            ));
        }
    }
    out
}

fn article(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Object | ValueKind::Array => "an",
        _ => "a",
    }
}

fn sample(user: &User, preview: &Preview) -> Value {
    let mut diff = Vec::new();
    for (field, lines) in preview.diffs() {
        diff.push(format!("{field}:"));
        for line in lines {
            let mark = match line.kind {
                LineKind::Added => '+',
                LineKind::Removed => '-',
                LineKind::Changed => '~',
                _ => ' ',
            };
            diff.push(format!("{mark} {}{}", "  ".repeat(line.depth), line.text));
        }
    }
    json!({"user_id": user.id(), "request": {"line": preview.request_line, "body": preview.body_json()}, "diff": diff})
}
