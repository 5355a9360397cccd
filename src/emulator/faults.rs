//! Fault injection for tests: the next N requests (of one method, if named) fail with a
//! chosen status, are delayed, or are handled (so the change is applied) and then have
//! their answer spoiled: garbage instead of JSON, a cut connection, or a server error.
//! Off unless the emulator was started with faults enabled.

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
}

/// What to do with the request arriving now.
pub struct Taken {
    pub status: Option<u16>,
    pub delay: Duration,
    pub after: Option<Spoil>,
}

#[derive(Debug, Default)]
pub struct Faults {
    pending: Option<Fault>,
}

impl Faults {
    pub fn set(&mut self, fault: Fault) {
        self.pending = (fault.count > 0).then_some(fault);
    }

    /// The fault for a `method` request arriving now, if any, using one of its count.
    pub fn take(&mut self, method: &str) -> Option<Taken> {
        let fault = self.pending.as_mut()?;
        if fault.method.as_deref().is_some_and(|m| !m.eq_ignore_ascii_case(method)) {
            return None;
        }
        fault.count -= 1;
        let taken = Taken {
            status: fault.status,
            delay: Duration::from_millis(fault.delay_ms),
            after: fault.after,
        };
        if fault.count == 0 {
            self.pending = None;
        }
        Some(taken)
    }
}
