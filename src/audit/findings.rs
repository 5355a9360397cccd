//! What is wrong with a tenant's metadata, by kind and path: each finding counts its
//! users, keeps a few of their ids, and carries an Auth0 search query that finds exactly
//! those users where the search can express it.

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::validate::SEARCH_TRIM_VALUE;

/// The kinds, as `--users KIND` names them.
pub const KINDS: [&str; 8] = [
    "over_cap",
    "over_allowance",
    "mixed_types",
    "dynamic_keys",
    "root_collision",
    "null_value",
    "invalid_name",
    "unsearchable_value",
];

/// Sample ids kept per finding.
const SAMPLE: usize = 5;
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    pub kind: &'static str,
    /// `null` for the size findings, which concern whole profiles.
    pub path: Option<String>,
    pub users: u64,
    pub sample: Vec<String>,
    /// An Auth0 search that finds exactly these users, where one can.
    pub query: Option<String>,
    /// What it means, in a sentence.
    pub detail: String,
    /// For mixed types: the type most users hold; the finding's users hold another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usual_type: Option<&'static str>,
}

#[derive(Default)]
pub struct Tally {
    found: HashMap<(&'static str, String), (u64, Vec<String>, u64)>,
}

impl Tally {
    /// Counts user `seq` (`user_id`) under a finding, once per user.
    pub fn note(&mut self, kind: &'static str, path: &str, seq: u64, user_id: &str) {
        let entry = self
            .found
            .entry((kind, path.to_string()))
            .or_insert((0, Vec::new(), u64::MAX));
        if entry.2 == seq {
            return;
        }
        entry.2 = seq;
        entry.0 += 1;
        if entry.1.len() < SAMPLE {
            entry.1.push(user_id.to_string());
        }
    }

    /// Takes in the findings of other users.
    pub fn merge(&mut self, other: Tally) {
        for (key, (users, sample, _)) in other.found {
            let entry = self.found.entry(key).or_insert((0, Vec::new(), u64::MAX));
            entry.0 += users;
            entry
                .1
                .extend(sample.into_iter().take(SAMPLE.saturating_sub(entry.1.len())));
        }
    }

    pub fn into_findings(self) -> Vec<Finding> {
        let mut out: Vec<Finding> = self
            .found
            .into_iter()
            .map(|((kind, path), (users, sample, _))| finding(kind, (!path.is_empty()).then_some(path), users, sample))
            .collect();
        out.sort_by(|a, b| {
            let rank = |k: &str| KINDS.iter().position(|x| *x == k);
            rank(a.kind)
                .cmp(&rank(b.kind))
                .then_with(|| b.users.cmp(&a.users))
                .then_with(|| a.path.cmp(&b.path))
        });
        out
    }
}

pub fn finding(kind: &'static str, path: Option<String>, users: u64, sample: Vec<String>) -> Finding {
    let at = path.clone().unwrap_or_default();
    let (query, detail) = match kind {
        "over_cap" => (None, "profiles over the cap: writes succeed and Auth0 logs a warning".to_string()),
        "over_allowance" => (
            None,
            "profiles over the extended allowance: writes to them fail once the tenant is migrated, and after 2027-03-04".to_string(),
        ),
        "mixed_types" => (None, format!("{at} is stored as more than one JSON type")),
        "dynamic_keys" => (
            Some(format!("_exists_:{at}")),
            format!("the key names under {at} vary from user to user (ids, emails or dates used as keys)"),
        ),
        "root_collision" => (
            Some(format!("_exists_:{at}")),
            format!("{at} is named like a root profile attribute"),
        ),
        "null_value" => (None, format!("{at} holds null, which Auth0 does not index")),
        "invalid_name" => (None, format!("{at}: a key name Auth0 refuses today (\".\", \"$\" or reserved)")),
        _ => (
            None,
            format!("{at}: values over {SEARCH_TRIM_VALUE} characters on profiles over 1 MB are left out of search"),
        ),
    };
    Finding {
        kind,
        path,
        users,
        sample,
        query,
        detail,
        usual_type: None,
    }
}
