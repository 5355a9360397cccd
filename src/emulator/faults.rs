//! Fault injection for tests: the next N requests (of one method, if named), or one in
//! every K of them, fail with a chosen status, are delayed, or are handled (so the change
//! is applied) and then have their answer spoiled: garbage instead of JSON, a cut
//! connection, or a server error. Several faults can stand at once (a JSON array); the
//! first whose turn it is applies. Off unless the emulator was started with faults enabled.

use std::time::Duration;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Fault {
    /// Answer with this status instead of handling the request; `None` only delays.
    #[serde(default)]
    pub status: Option<u16>,
    /// How many requests in a row it applies to.
    pub count: u32,
    #[serde(default)]
    pub delay_ms: u64,
    /// Only requests with this method (`PATCH`); others pass untouched.
    #[serde(default)]
    pub method: Option<String>,
    /// Handle the request, then spoil the answer (`status` is then ignored; the delay
    /// comes after the change is applied).
    #[serde(default)]
    pub after: Option<Spoil>,
    /// Only one in this many of the matching requests (the Kth, 2Kth, …).
    #[serde(default)]
    pub every: Option<u32>,
}

/// How an answer is spoiled after the request was handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Spoil {
    /// 200 with a body that is not JSON.
    Garbage,
    /// The connection is cut while the body is sent.
    Cut,
    /// 502, as a proxy that lost the answer would say.
    BadGateway,
    /// 503, as a server that applied the change and then failed to answer would say.
    Unavailable,
}

/// What to do with the request arriving now.
pub struct Taken {
    pub status: Option<u16>,
    pub delay: Duration,
    pub after: Option<Spoil>,
}

#[derive(Debug, Default)]
pub struct Faults {
    /// Each fault standing, with how many matching requests it has seen.
    pending: Vec<(Fault, u32)>,
}

impl Faults {
    /// Replaces the faults standing with these.
    pub fn set(&mut self, faults: Vec<Fault>) {
        self.pending = faults.into_iter().filter(|f| f.count > 0).map(|f| (f, 0)).collect();
    }

    /// The fault for a `method` request arriving now, if any, using one of its count.
    pub fn take(&mut self, method: &str) -> Option<Taken> {
        let mut taken = None;
        for (fault, seen) in &mut self.pending {
            if fault.method.as_deref().is_some_and(|m| !m.eq_ignore_ascii_case(method)) {
                continue;
            }
            *seen = seen.wrapping_add(1);
            let turn = fault.every.is_none_or(|every| *seen % every.max(1) == 0);
            if !turn || taken.is_some() {
                continue;
            }
            fault.count -= 1;
            taken = Some(Taken {
                status: fault.status,
                delay: Duration::from_millis(fault.delay_ms),
                after: fault.after,
            });
        }
        self.pending.retain(|(f, _)| f.count > 0);
        taken
    }
}
