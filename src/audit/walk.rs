//! Reading one user: its size, the size of each metadata root key, every metadata path
//! and value, and the findings that can be told from the user alone. The same walk
//! feeds the census (first pass) and picks out the users of one finding (`--users`).

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::{Map, Value};

use super::census::{type_index, Census, TYPE_NAMES};
use super::findings::Tally;
use super::size::{json_size, string_size};
use super::Report;
use crate::domain::user::PROFILE_FIELDS as ROOT_ATTRIBUTES;
use crate::domain::validate::RESERVED_APP_METADATA_KEYS;
use crate::domain::validate::{SEARCH_TRIM_PROFILE, SEARCH_TRIM_VALUE};

const FIELDS: [&str; 2] = ["user_metadata", "app_metadata"];

/// Where the walk reports what it finds.
trait Sink {
    fn value(&mut self, path: &str, value: &Value);
    fn hit(&mut self, kind: &'static str, path: &str);
    /// Whether the object at `path` has dynamic keys.
    fn dynamic(&mut self, path: &str, map: &Map<String, Value>) -> bool;
}

/// What the census needs from one user beyond its paths.
pub struct Scan {
    pub bytes: u64,
    /// Each metadata root key (`user_metadata.history`) and its size.
    pub roots: Vec<(String, u64)>,
    pub has_metadata: bool,
}

/// The first pass over one user.
pub fn scan(user: &Map<String, Value>, seq: u64, census: &mut Census, tally: &mut Tally) -> Scan {
    let user_id = user.get("user_id").and_then(Value::as_str).unwrap_or("");
    let mut sink = Counting {
        seq,
        user_id,
        census,
        tally,
    };
    walk_user(user, &mut sink)
}

struct Counting<'a> {
    seq: u64,
    user_id: &'a str,
    census: &'a mut Census,
    tally: &'a mut Tally,
}

impl Sink for Counting<'_> {
    fn value(&mut self, path: &str, value: &Value) {
        self.census.record(path, self.seq, self.user_id, value);
    }
    fn hit(&mut self, kind: &'static str, path: &str) {
        self.tally.note(kind, path, self.seq, self.user_id);
    }
    fn dynamic(&mut self, path: &str, map: &Map<String, Value>) -> bool {
        self.census.dynamic(path, map)
    }
}

fn walk_user(user: &Map<String, Value>, sink: &mut impl Sink) -> Scan {
    let bytes = (2
        + user
            .iter()
            .map(|(k, v)| string_size(k) + 1 + json_size(v))
            .sum::<usize>()
        + user.len().saturating_sub(1)) as u64;
    let big = bytes > SEARCH_TRIM_PROFILE as u64;
    let mut roots = Vec::new();
    let mut has_metadata = false;
    for field in FIELDS {
        let Some(doc) = user.get(field) else { continue };
        has_metadata = true;
        let mut path = field.to_string();
        let mut known = None;
        if let Value::Object(map) = doc {
            let dynamic = sink.dynamic(&path, map);
            known = Some(dynamic);
            for (key, value) in map {
                let at = child(&path, key, dynamic);
                let size = (string_size(key) + 1 + json_size(value)) as u64;
                match roots.iter_mut().find(|(p, _)| *p == at) {
                    Some((_, total)) => *total += size,
                    None => roots.push((at, size)),
                }
                if field == "app_metadata" && !value.is_null() && ROOT_ATTRIBUTES.contains(&key.as_str()) {
                    sink.hit("root_collision", &child(&path, key, false));
                }
                if field == "app_metadata" && RESERVED_APP_METADATA_KEYS.contains(&key.as_str()) {
                    sink.hit("invalid_name", &child(&path, key, false));
                }
            }
        }
        walk(doc, &mut path, big, known, sink);
    }
    Scan {
        bytes,
        roots,
        has_metadata,
    }
}

/// `known`: whether this object has dynamic keys, when the caller asked already (each
/// object is noted once).
fn walk(value: &Value, path: &mut String, big: bool, known: Option<bool>, sink: &mut impl Sink) {
    sink.value(path, value);
    match value {
        Value::Object(map) => {
            let dynamic = known.unwrap_or_else(|| sink.dynamic(path, map));
            if dynamic && !map.is_empty() {
                sink.hit("dynamic_keys", path);
            }
            for (key, item) in map {
                if key.contains(['.', '$']) {
                    sink.hit("invalid_name", &child(path, key, false));
                }
                let len = path.len();
                *path = child(path, key, dynamic);
                if item.is_null() {
                    sink.hit("null_value", path);
                }
                walk(item, path, big, None, sink);
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            let len = path.len();
            path.push_str("[]");
            for item in items {
                walk(item, path, big, None, sink);
            }
            path.truncate(len);
        }
        Value::String(text) if big && text.chars().count() > SEARCH_TRIM_VALUE => sink.hit("unsearchable_value", path),
        _ => {}
    }
}

/// `parent.key`, `parent["a.b"]` for a key that would read as a path, `parent.*` below
/// an object with dynamic keys.
pub fn child(parent: &str, key: &str, dynamic: bool) -> String {
    if dynamic {
        format!("{parent}.*")
    } else if key.is_empty() || key.contains(['.', '[', ']', '"']) || key == "*" {
        format!("{parent}[{}]", Value::from(key))
    } else {
        format!("{parent}.{key}")
    }
}

/// A user one finding concerns, as `--users` prints it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UserLine {
    pub user_id: String,
    pub email: Option<String>,
    pub bytes: u64,
    /// The paths concerned (none for the size findings).
    pub paths: Vec<String>,
}

/// The second pass: whether `user` is one of the users of findings of `kind` (at `path`,
/// if given), as `report` found them.
pub fn user_line(user: &Map<String, Value>, report: &Report, kind: &str, path: Option<&str>) -> Option<UserLine> {
    let mut sink = Picking {
        dynamic: report
            .findings
            .iter()
            .filter(|f| f.kind == "dynamic_keys")
            .filter_map(|f| f.path.clone())
            .collect(),
        usual: report
            .findings
            .iter()
            .filter(|f| f.kind == "mixed_types")
            .filter_map(|f| Some((f.path.clone()?, f.usual_type?)))
            .collect(),
        hits: Vec::new(),
    };
    let scan = walk_user(user, &mut sink);
    let limits = &report.limits;
    let mut paths: Vec<String> = sink
        .hits
        .into_iter()
        .filter(|(k, p)| *k == kind && path.is_none_or(|want| want == p))
        .map(|(_, p)| p)
        .collect();
    paths.dedup();
    let concerned = match kind {
        "over_cap" => scan.bytes > limits.cap,
        "over_allowance" => scan.bytes > limits.allowance,
        _ => !paths.is_empty(),
    };
    concerned.then(|| UserLine {
        user_id: user.get("user_id").and_then(Value::as_str).unwrap_or("").to_string(),
        email: user.get("email").and_then(Value::as_str).map(String::from),
        bytes: scan.bytes,
        paths,
    })
}

struct Picking {
    dynamic: HashSet<String>,
    usual: HashMap<String, &'static str>,
    hits: Vec<(&'static str, String)>,
}

impl Sink for Picking {
    fn value(&mut self, path: &str, value: &Value) {
        let kind = TYPE_NAMES[type_index(value)];
        if let Some(usual) = self.usual.get(path) {
            if kind != *usual && !value.is_null() {
                self.hits.push(("mixed_types", path.to_string()));
            }
        }
    }
    fn hit(&mut self, kind: &'static str, path: &str) {
        self.hits.push((kind, path.to_string()));
    }
    fn dynamic(&mut self, path: &str, _: &Map<String, Value>) -> bool {
        self.dynamic.contains(path)
    }
}
