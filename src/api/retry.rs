//! When a refused or lost request is sent again: a 429 after the wait its headers ask
//! for, a read after a 5xx or a dropped connection with growing pauses, any request once
//! after a 401 with a new token. A write is never sent again after an unclear answer.

use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::rate::wait_for;
use super::token::TokenSource;
use crate::random::random_u64;
use crate::timestamp::now_secs;

/// How many times a request is tried in all before its error is reported.
pub const MAX_TRIES: u32 = 3;

/// Where a request stands when its answer is a refusal.
#[derive(Clone, Copy)]
pub struct Again {
    pub tries: u32,
    /// A read (or delete), which may be sent again after a 5xx or a dropped connection.
    pub idempotent: bool,
    /// The token was renewed already after a 401.
    pub renewed: bool,
}

/// How long to wait before sending the request again, if at all.
pub async fn retry_wait(
    status: StatusCode,
    headers: &HeaderMap,
    again: Again,
    tokens: &TokenSource,
) -> Option<Duration> {
    match status {
        StatusCode::TOO_MANY_REQUESTS if again.tries < MAX_TRIES => Some(wait_for(headers, now_secs(), jitter())),
        s if s.is_server_error() && again.idempotent && again.tries < MAX_TRIES => Some(backoff(again.tries)),
        StatusCode::UNAUTHORIZED if !again.renewed && tokens.invalidate().await => Some(Duration::ZERO),
        _ => None,
    }
}

fn jitter() -> Duration {
    Duration::from_millis(random_u64() % 250)
}

/// 250 ms, 500 ms, 1 s, … plus jitter.
pub fn backoff(tries: u32) -> Duration {
    Duration::from_millis(250 << tries.min(6).saturating_sub(1)) + jitter()
}

/// Whether a request may be sent again after a 429.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Resend {
    AsAllowed,
    /// A metadata write: its caller re-checks the user before sending it again.
    NotOn429,
}

pub fn with_retry_after(err: super::ApiError, wait: Option<Duration>) -> super::ApiError {
    match err {
        super::ApiError::Api(refusal) => super::ApiError::Api(super::error::Refusal {
            retry_after: wait,
            ..refusal
        }),
        other => other,
    }
}
