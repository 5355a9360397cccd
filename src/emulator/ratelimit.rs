//! A token bucket like Auth0's: a burst, a sustained refill rate, and the three
//! `x-ratelimit-*` headers on every response (`reset` in Unix seconds, not a delta).

use std::time::Instant;

use crate::timestamp::now_millis;

#[derive(Debug)]
pub struct Bucket {
    burst: f64,
    per_second: f64,
    tokens: f64,
    refilled: Instant,
}

/// The bucket as one request left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    pub allowed: bool,
    pub limit: u64,
    pub remaining: u64,
    pub reset: u64,
}

impl Bucket {
    pub fn new(per_second: f64, burst: u32) -> Self {
        let burst = f64::from(burst.max(1));
        Self {
            burst,
            per_second: per_second.max(0.001),
            tokens: burst,
            refilled: Instant::now(),
        }
    }

    pub fn take(&mut self) -> Snapshot {
        let now = Instant::now();
        let elapsed = now.duration_since(self.refilled).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.per_second).min(self.burst);
        self.refilled = now;
        let allowed = self.tokens >= 1.0;
        if allowed {
            self.tokens -= 1.0;
        }
        self.snapshot(allowed)
    }

    /// The headers' view without spending a token (for injected faults).
    pub fn peek(&self) -> Snapshot {
        self.snapshot(true)
    }

    fn snapshot(&self, allowed: bool) -> Snapshot {
        let wait_secs = if self.tokens >= self.burst {
            0.0
        } else {
            (self.tokens.floor() + 1.0 - self.tokens) / self.per_second
        };
        let reset_ms = now_millis() as f64 + wait_secs * 1000.0;
        Snapshot {
            allowed,
            limit: self.burst as u64,
            remaining: self.tokens.floor() as u64,
            reset: (reset_ms / 1000.0).ceil() as u64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_once_the_burst_is_spent() {
        let mut bucket = Bucket::new(0.01, 2);
        assert_eq!(bucket.take().remaining, 1);
        assert!(bucket.take().allowed);
        let refused = bucket.take();
        assert!(!refused.allowed);
        assert_eq!((refused.limit, refused.remaining), (2, 0));
        assert!(
            refused.reset > crate::timestamp::now_secs(),
            "reset is a future Unix time"
        );
    }
}
