//! The tenant audit: every user's profile size against Auth0's cap and allowance, a
//! census of every metadata path, and findings (mixed types, dynamic keys, collisions
//! with root attributes, nulls, invalid names, values left out of search). Users are
//! read one at a time from any source and never held together: memory is bounded by
//! the census's bounds, not by the tenant.

mod census;
mod findings;
mod parallel;
mod report;
mod size;
mod sizes;
mod walk;

pub use census::{PathReport, DISTINCT_BOUND};
pub use findings::{Finding, KINDS};
pub use parallel::{Blocks, Parallel};
pub use report::{Limits, Report, SizeReport};
pub use size::json_size;
pub use walk::{user_line, UserLine};

use serde_json::{Map, Value};

use crate::domain::validate::{PROFILE_ALLOWANCE, PROFILE_CAP};
use census::Census;
use findings::Tally;
use sizes::Sizes;

/// What the audit measures against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub cap: u64,
    pub allowance: u64,
    pub top: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            cap: PROFILE_CAP as u64,
            allowance: PROFILE_ALLOWANCE as u64,
            top: 20,
        }
    }
}

pub struct Audit {
    options: Options,
    users: u64,
    with_metadata: u64,
    unreadable: u64,
    census: Census,
    sizes: Sizes,
    tally: Tally,
}

impl Audit {
    pub fn new(options: Options) -> Self {
        Self {
            options,
            users: 0,
            with_metadata: 0,
            unreadable: 0,
            census: Census::default(),
            sizes: Sizes::new(options.cap, options.allowance, options.top),
            tally: Tally::default(),
        }
    }

    pub fn users(&self) -> u64 {
        self.users
    }

    /// One NDJSON line; a line that is not a JSON object is counted as unreadable.
    pub fn add_line(&mut self, line: &[u8]) {
        if line.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        match serde_json::from_slice::<Map<String, Value>>(line) {
            Ok(user) => self.add(&user),
            Err(_) => self.unreadable += 1,
        }
    }

    pub fn add(&mut self, user: &Map<String, Value>) {
        let seq = self.users;
        self.users += 1;
        let scan = walk::scan(user, seq, &mut self.census, &mut self.tally);
        self.with_metadata += u64::from(scan.has_metadata);
        let user_id = user.get("user_id").and_then(Value::as_str).unwrap_or("");
        let email = user.get("email").and_then(Value::as_str);
        if scan.bytes > self.options.cap {
            self.tally.note("over_cap", "", seq, user_id);
        }
        if scan.bytes > self.options.allowance {
            self.tally.note("over_allowance", "", seq, user_id);
        }
        self.sizes.add(user_id, email, scan.bytes, &scan.roots);
    }

    /// Takes in another audit of other users (another worker's).
    pub fn merge(&mut self, other: Audit) {
        self.users += other.users;
        self.with_metadata += other.with_metadata;
        self.unreadable += other.unreadable;
        self.census.merge(other.census);
        self.sizes.merge(other.sizes);
        self.tally.merge(other.tally);
    }

    /// The report; `partial` says the source stopped short of the tenant (the search
    /// window), with why.
    pub fn finish(mut self, partial: Option<String>) -> Report {
        self.census.fold_dynamic();
        report::build(self, partial)
    }
}
