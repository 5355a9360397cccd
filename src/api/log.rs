//! What the request log says: method, path, status, duration, rate-limit headers, sizes,
//! retries and waits. Never a header value but the rate limit's, never a query value
//! (a search may hold metadata values), never a body.

use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::Method;

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("-")
}

/// The names of the query parameters, without their values.
fn param_names(params: &[(&str, String)]) -> String {
    params.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(",")
}

pub struct Exchange<'a> {
    pub method: &'a Method,
    pub path: &'a str,
    pub params: &'a [(&'a str, String)],
    pub attempt: u32,
    pub sent_bytes: usize,
}

impl Exchange<'_> {
    pub fn answered(&self, status: u16, took: Duration, headers: &HeaderMap, received_bytes: usize) {
        tracing::info!(
            method = %self.method,
            path = self.path,
            params = param_names(self.params),
            status,
            ms = took.as_millis() as u64,
            attempt = self.attempt,
            sent_bytes = self.sent_bytes,
            received_bytes,
            ratelimit_limit = header(headers, "x-ratelimit-limit"),
            ratelimit_remaining = header(headers, "x-ratelimit-remaining"),
            ratelimit_reset = header(headers, "x-ratelimit-reset"),
            "request"
        );
    }

    pub fn failed(&self, took: Duration, kind: &str) {
        tracing::warn!(
            method = %self.method,
            path = self.path,
            ms = took.as_millis() as u64,
            attempt = self.attempt,
            error = kind,
            "request failed before an answer"
        );
    }

    pub fn retrying(&self, wait: Duration, why: &str) {
        tracing::info!(
            method = %self.method,
            path = self.path,
            attempt = self.attempt,
            wait_ms = wait.as_millis() as u64,
            why,
            "retrying"
        );
    }
}

/// The token endpoint's answer: status and timing only.
pub fn token_answered(status: u16, took: Duration) {
    tracing::info!(
        method = "POST",
        path = "/oauth/token",
        status,
        ms = took.as_millis() as u64,
        "token"
    );
}
