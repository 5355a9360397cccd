//! Profile sizes across the users: counts over the cap and the allowance, a histogram,
//! the largest users with the root keys that weigh most in each, and the root keys that
//! weigh most across the tenant.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use serde::Serialize;

/// Histogram edges besides the cap and the allowance.
const EDGES: [u64; 10] = [
    1024, 2048, 5120, 20_480, 51_200, 204_800, 512_000, 1_048_576, 4_194_304, 16_777_216,
];

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Largest {
    pub bytes: u64,
    pub user_id: String,
    pub email: Option<String>,
    pub heaviest: Vec<HeavyKey>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct HeavyKey {
    pub path: String,
    pub bytes: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Bucket {
    /// The bucket holds sizes up to this many bytes; `null` for the last, unbounded one.
    pub upto: Option<u64>,
    pub users: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct KeyWeight {
    pub path: String,
    pub users: u64,
    pub bytes: u64,
}

pub struct Sizes {
    cap: u64,
    allowance: u64,
    top: usize,
    pub over_cap: u64,
    pub over_allowance: u64,
    edges: Vec<u64>,
    counts: Vec<u64>,
    largest: BinaryHeap<Reverse<Largest>>,
    keys: HashMap<String, (u64, u64)>,
}

impl Sizes {
    pub fn new(cap: u64, allowance: u64, top: usize) -> Self {
        let mut edges: Vec<u64> = EDGES.iter().copied().chain([cap, allowance]).collect();
        edges.sort_unstable();
        edges.dedup();
        let counts = vec![0; edges.len() + 1];
        Self {
            cap,
            allowance,
            top,
            over_cap: 0,
            over_allowance: 0,
            edges,
            counts,
            largest: BinaryHeap::new(),
            keys: HashMap::new(),
        }
    }

    /// One user: its size, and the size of each metadata root key it holds.
    pub fn add(&mut self, user_id: &str, email: Option<&str>, bytes: u64, roots: &[(String, u64)]) {
        self.over_cap += u64::from(bytes > self.cap);
        self.over_allowance += u64::from(bytes > self.allowance);
        let bucket = self.edges.partition_point(|&edge| edge < bytes);
        self.counts[bucket] += 1;
        for (path, size) in roots {
            let entry = self.keys.entry(path.clone()).or_default();
            entry.0 += 1;
            entry.1 += size;
        }
        // The N largest by (size, user id): the same N whatever order users come in.
        let smallest = self.largest.peek().map(|Reverse(l)| (l.bytes, l.user_id.as_str()));
        if self.top == 0 || (self.largest.len() >= self.top && smallest.is_some_and(|s| s >= (bytes, user_id))) {
            return;
        }
        let mut heaviest: Vec<HeavyKey> = roots
            .iter()
            .map(|(path, bytes)| HeavyKey {
                path: path.clone(),
                bytes: *bytes,
            })
            .collect();
        heaviest.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.path.cmp(&b.path)));
        heaviest.truncate(3);
        self.largest.push(Reverse(Largest {
            bytes,
            user_id: user_id.to_string(),
            email: email.map(String::from),
            heaviest,
        }));
        if self.largest.len() > self.top {
            self.largest.pop();
        }
    }

    /// Takes in the sizes of other users, measured against the same limits.
    pub fn merge(&mut self, other: Sizes) {
        self.over_cap += other.over_cap;
        self.over_allowance += other.over_allowance;
        for (count, more) in self.counts.iter_mut().zip(other.counts) {
            *count += more;
        }
        for (path, (users, bytes)) in other.keys {
            let entry = self.keys.entry(path).or_default();
            entry.0 += users;
            entry.1 += bytes;
        }
        self.largest.extend(other.largest);
        while self.largest.len() > self.top {
            self.largest.pop();
        }
    }

    pub fn histogram(&self) -> Vec<Bucket> {
        let mut out: Vec<Bucket> = self
            .edges
            .iter()
            .zip(&self.counts)
            .map(|(edge, users)| Bucket {
                upto: Some(*edge),
                users: *users,
            })
            .collect();
        out.push(Bucket {
            upto: None,
            users: self.counts[self.edges.len()],
        });
        out
    }

    /// Largest first (the earlier user first among equals).
    pub fn largest(&self) -> Vec<Largest> {
        let mut all: Vec<Largest> = self.largest.iter().map(|Reverse(l)| l.clone()).collect();
        all.sort_by(|a, b| b.cmp(a));
        all
    }

    /// Root keys by total weight, heaviest first.
    pub fn heaviest_keys(&self, limit: usize) -> Vec<KeyWeight> {
        let mut all: Vec<KeyWeight> = self
            .keys
            .iter()
            .map(|(path, (users, bytes))| KeyWeight {
                path: path.clone(),
                users: *users,
                bytes: *bytes,
            })
            .collect();
        all.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.path.cmp(&b.path)));
        all.truncate(limit);
        all
    }
}
