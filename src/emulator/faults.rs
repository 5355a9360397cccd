//! Fault injection for tests: the next N requests fail with a chosen status, or are
//! delayed, or both. Off unless the emulator was started with faults enabled.

use std::time::Duration;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// Answer with this status instead of handling the request; `None` only delays.
    pub status: Option<u16>,
    /// How many requests in a row it applies to.
    pub count: u32,
    #[serde(default)]
    pub delay_ms: u64,
}

#[derive(Debug, Default)]
pub struct Faults {
    pending: Option<Fault>,
}

impl Faults {
    pub fn set(&mut self, fault: Fault) {
        self.pending = (fault.count > 0).then_some(fault);
    }

    /// The fault for the request arriving now, if any, using one of its count.
    pub fn take(&mut self) -> Option<(Option<u16>, Duration)> {
        let fault = self.pending.as_mut()?;
        fault.count -= 1;
        let taken = (fault.status, Duration::from_millis(fault.delay_ms));
        if fault.count == 0 {
            self.pending = None;
        }
        Some(taken)
    }
}
