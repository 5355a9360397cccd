//! What every metadata path holds across the users: how many users have it, the JSON
//! types seen, a few examples and how many distinct values. Memory stays bounded: an
//! object whose key names vary from user to user (ids, emails, dates as keys) is found
//! as it grows and its children are counted under `*`, distinct values are counted up to
//! a bound, and past `MAX_PATHS` new paths are only counted as dropped.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

use serde::Serialize;
use serde_json::Value;

/// Distinct values are counted exactly up to this many, then reported as at least it.
pub const DISTINCT_BOUND: usize = 1024;
/// Paths kept at most; past it new paths are counted in `dropped_paths`.
pub const MAX_PATHS: usize = 20_000;
/// An object with more distinct key names than this across users, when each user has
/// far fewer, has dynamic keys.
const NAMES_BOUND: usize = 32;
const EXAMPLES: usize = 3;
const SAMPLE: usize = 5;

pub const TYPE_NAMES: [&str; 6] = ["string", "number", "boolean", "object", "array", "null"];

pub fn type_index(value: &Value) -> usize {
    match value {
        Value::String(_) => 0,
        Value::Number(_) => 1,
        Value::Bool(_) => 2,
        Value::Object(_) => 3,
        Value::Array(_) => 4,
        Value::Null => 5,
    }
}

#[derive(Debug, Clone, Default)]
pub struct PathStats {
    pub users: u64,
    /// Values seen of each type, in `TYPE_NAMES` order.
    pub types: [u64; 6],
    /// Users holding each type, to tell a minority type from the usual one.
    pub type_users: [u64; 6],
    pub examples: Vec<String>,
    distinct: HashSet<u64>,
    pub distinct_capped: bool,
    /// A few users holding each type, for the mixed-types finding's sample.
    pub type_sample: [Vec<String>; 6],
    last_user: u64,
    last_type_user: [u64; 6],
}

impl PathStats {
    pub fn distinct(&self) -> usize {
        self.distinct.len()
    }

    fn record(&mut self, user: u64, user_id: &str, value: &Value, hasher: &impl BuildHasher) {
        // Users are numbered from 1 here, so a fresh record's zeroes never match one.
        let user = user + 1;
        if self.last_user != user {
            self.last_user = user;
            self.users += 1;
        }
        let kind = type_index(value);
        self.types[kind] += 1;
        if self.last_type_user[kind] != user {
            self.last_type_user[kind] = user;
            self.type_users[kind] += 1;
            if self.type_sample[kind].len() < SAMPLE {
                self.type_sample[kind].push(user_id.to_string());
            }
        }
        if matches!(value, Value::Object(_) | Value::Array(_)) {
            return; // containers are described by their children
        }
        if self.distinct.len() < DISTINCT_BOUND {
            let hash = match value {
                Value::String(s) => hasher.hash_one((0u8, s.as_str())),
                Value::Number(n) => hasher.hash_one((1u8, n)),
                Value::Bool(b) => hasher.hash_one((2u8, b)),
                _ => hasher.hash_one(3u8),
            };
            self.distinct.insert(hash);
        } else {
            self.distinct_capped = true;
        }
        if self.examples.len() < EXAMPLES {
            let text = value.to_string();
            if !self.examples.contains(&text) {
                self.examples.push(text);
            }
        }
    }

    /// Adds the counts of the same path over other users.
    fn absorb(&mut self, other: PathStats) {
        self.users += other.users;
        for i in 0..6 {
            self.types[i] += other.types[i];
            self.type_users[i] += other.type_users[i];
        }
        for example in other.examples {
            if self.examples.len() < EXAMPLES && !self.examples.contains(&example) {
                self.examples.push(example);
            }
        }
        for hash in other.distinct {
            if self.distinct.len() >= DISTINCT_BOUND {
                self.distinct_capped = true;
                break;
            }
            self.distinct.insert(hash);
        }
        self.distinct_capped |= other.distinct_capped;
        for (samples, more) in self.type_sample.iter_mut().zip(other.type_sample) {
            samples.extend(more.into_iter().take(SAMPLE.saturating_sub(samples.len())));
        }
    }

    /// The most common type among users (its index), and the others present.
    pub fn usual_type(&self) -> usize {
        (0..5)
            .max_by_key(|&i| (self.type_users[i], std::cmp::Reverse(i)))
            .unwrap_or(0)
    }
}

#[derive(Debug, Default)]
struct Keys {
    objects: u64,
    keys: u64,
    names: HashSet<String>,
    dynamic: bool,
}

impl Keys {
    /// Notes an object's key names; true once they are found to vary across users.
    fn note(&mut self, map: &serde_json::Map<String, Value>) -> bool {
        if self.dynamic {
            return true;
        }
        self.objects += 1;
        self.keys += map.len() as u64;
        for name in map.keys() {
            if !self.names.contains(name) {
                self.names.insert(name.clone());
            }
        }
        let per_object = self.keys as f64 / self.objects as f64;
        let many = self.names.len() > NAMES_BOUND && self.names.len() as f64 > 4.0 * per_object;
        let value_like = self.names.len() >= 8 && self.names.iter().all(|n| looks_like_a_value(n));
        if many || value_like {
            self.dynamic = true;
            self.names = HashSet::new();
        }
        self.dynamic
    }
}

/// Key names that are data: numbers, emails, dates, ids (long hex or UUID-like).
fn looks_like_a_value(name: &str) -> bool {
    let digits = name.bytes().filter(u8::is_ascii_digit).count();
    name.contains('@')
        || (!name.is_empty() && digits == name.len())
        || (name.len() >= 8 && name.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') && digits > 0)
        || (name.len() >= 10 && name.as_bytes()[4] == b'-' && digits >= 6)
}

#[derive(Default)]
pub struct Census {
    pub paths: HashMap<String, PathStats>,
    keys: HashMap<String, Keys>,
    pub dropped_paths: u64,
    /// One fixed hasher for every census, so workers' distinct values can be merged.
    hasher: std::hash::BuildHasherDefault<std::collections::hash_map::DefaultHasher>,
}

impl Census {
    pub fn record(&mut self, path: &str, user: u64, user_id: &str, value: &Value) {
        let hasher = self.hasher.clone();
        let full = self.paths.len() >= MAX_PATHS;
        match self.paths.get_mut(path) {
            Some(stats) => stats.record(user, user_id, value, &hasher),
            None if full => self.dropped_paths += 1,
            None => {
                let mut stats = PathStats::default();
                stats.record(user, user_id, value, &hasher);
                self.paths.insert(path.to_string(), stats);
            }
        }
    }

    /// Whether the object at `path` has dynamic keys (noting this one's names).
    pub fn dynamic(&mut self, path: &str, map: &serde_json::Map<String, Value>) -> bool {
        match self.keys.get_mut(path) {
            Some(keys) => keys.note(map),
            None => {
                let mut keys = Keys::default();
                let dynamic = keys.note(map);
                self.keys.insert(path.to_string(), keys);
                dynamic
            }
        }
    }

    /// The objects found to have dynamic keys.
    pub fn dynamic_paths(&self) -> Vec<&str> {
        let mut found: Vec<&str> = self
            .keys
            .iter()
            .filter(|(_, k)| k.dynamic)
            .map(|(p, _)| p.as_str())
            .collect();
        found.sort();
        found
    }

    /// Takes in another census of other users.
    pub fn merge(&mut self, other: Census) {
        for (path, stats) in other.paths {
            let full = self.paths.len() >= MAX_PATHS;
            match self.paths.get_mut(&path) {
                Some(into) => into.absorb(stats),
                None if full => self.dropped_paths += stats.users,
                None => {
                    self.paths.insert(path, stats);
                }
            }
        }
        for (path, keys) in other.keys {
            let into = self.keys.entry(path).or_default();
            into.objects += keys.objects;
            into.keys += keys.keys;
            into.dynamic |= keys.dynamic;
            if into.dynamic {
                into.names = HashSet::new();
            } else {
                into.names.extend(keys.names);
            }
        }
        self.dropped_paths += other.dropped_paths;
    }

    /// Folds paths recorded below a dynamic object before it was found to be one into
    /// its `*` child.
    pub fn fold_dynamic(&mut self) {
        for parent in self.dynamic_paths().into_iter().map(String::from).collect::<Vec<_>>() {
            let prefix = format!("{parent}.");
            let star = format!("{parent}.*");
            let below: Vec<String> = self
                .paths
                .keys()
                .filter(|p| p.starts_with(&prefix) && !p[prefix.len()..].starts_with('*'))
                .cloned()
                .collect();
            for path in below {
                let Some(stats) = self.paths.remove(&path) else {
                    continue;
                };
                let rest = &path[prefix.len()..];
                let tail = rest.find(['.', '[']).map_or("", |i| &rest[i..]);
                let target = format!("{star}{tail}");
                self.paths.entry(target).or_default().absorb(stats);
            }
            // Users of folded paths are summed over key names: no more than hold the object.
            let holders = self.paths.get(&parent).map_or(0, |p| p.type_users[3]);
            for (path, stats) in self.paths.iter_mut() {
                if path.starts_with(&star) {
                    stats.users = stats.users.min(holders);
                }
            }
        }
    }
}

/// One path of the census as the report shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PathReport {
    pub path: String,
    pub users: u64,
    pub types: indexmap::IndexMap<&'static str, u64>,
    pub examples: Vec<String>,
    pub distinct: usize,
    /// `distinct` is a lower bound: counting stopped at `DISTINCT_BOUND`.
    pub distinct_capped: bool,
}

impl PathReport {
    pub fn new(path: &str, stats: &PathStats) -> Self {
        Self {
            path: path.to_string(),
            users: stats.users,
            types: TYPE_NAMES.iter().copied().zip(stats.types).collect(),
            examples: stats.examples.clone(),
            distinct: stats.distinct(),
            distinct_capped: stats.distinct_capped,
        }
    }
}
