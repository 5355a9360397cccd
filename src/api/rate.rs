//! The rate-limit budget Auth0 reports on every response, and how long to wait on a 429.

use std::time::Duration;

use reqwest::header::HeaderMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub limit: u64,
    pub remaining: u64,
    /// Unix seconds when more requests are allowed.
    pub reset: u64,
}

fn number(headers: &HeaderMap, name: &str) -> Option<u64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

impl RateLimit {
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        Some(Self {
            limit: number(headers, "x-ratelimit-limit")?,
            remaining: number(headers, "x-ratelimit-remaining")?,
            reset: number(headers, "x-ratelimit-reset")?,
        })
    }
}

/// How long to wait before retrying a 429: `Retry-After` if sent, else until
/// `x-ratelimit-reset`; at least a moment, at most a minute, plus `jitter`.
pub fn wait_for(headers: &HeaderMap, now_secs: u64, jitter: Duration) -> Duration {
    let base = number(headers, "retry-after")
        .or_else(|| number(headers, "x-ratelimit-reset").map(|reset| reset.saturating_sub(now_secs)))
        .map(Duration::from_secs)
        .unwrap_or(Duration::from_secs(1));
    base.clamp(Duration::from_millis(100), Duration::from_secs(60)) + jitter
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn waits_until_the_reset_or_as_retry_after_says() {
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-reset", HeaderValue::from(1_003u64));
        assert_eq!(wait_for(&headers, 1_000, Duration::ZERO), Duration::from_secs(3));
        headers.insert("retry-after", HeaderValue::from(7u64));
        assert_eq!(
            wait_for(&headers, 1_000, Duration::from_millis(5)),
            Duration::from_millis(7_005)
        );
        assert_eq!(wait_for(&HeaderMap::new(), 0, Duration::ZERO), Duration::from_secs(1));
    }
}
