//! One error type for everything a Management API call can end in, worded so a person
//! knows what to do next. No variant ever holds a token or secret.

use std::fmt;

use reqwest::StatusCode;
use serde::Deserialize;

use crate::secret::redact_urls;

/// Auth0's answer when it refused a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub code: Option<String>,
    pub message: String,
    /// For a 429 that was not sent again (a write, whose caller re-checks first): how
    /// long Auth0 asked to wait.
    pub retry_after: Option<std::time::Duration>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The API answered with an error status.
    #[error("{}", describe(.0))]
    Api(Refusal),
    /// The token endpoint refused the client-credentials grant.
    #[error("getting a token failed: {message} ({status} {code}); check AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and that the application is authorized for the Management API")]
    Token { status: u16, code: String, message: String },
    #[error("cannot reach {target}: {reason}")]
    Transport { target: String, reason: String },
    #[error("{target} did not answer in time")]
    Timeout { target: String },
    #[error("unexpected answer from the API: {0}")]
    Decode(String),
}

impl ApiError {
    /// A request that got no usable answer: the innermost cause says most.
    pub(crate) fn transport(target: &str, err: reqwest::Error) -> ApiError {
        let target = redact_urls(target);
        if err.is_timeout() {
            return ApiError::Timeout { target };
        }
        let mut reason = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(inner) = source {
            reason = inner.to_string();
            source = inner.source();
        }
        ApiError::Transport {
            target,
            reason: redact_urls(&reason),
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Api(refusal) => Some(refusal.status),
            ApiError::Token { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// For a 403 for lack of scope: the first scope Auth0 said it would accept.
    pub fn missing_scope(&self) -> Option<&str> {
        let ApiError::Api(refusal) = self else {
            return None;
        };
        if refusal.status != 403 {
            return None;
        }
        let rest = refusal.message.split_once("expected any of:")?.1;
        rest.split(',').map(str::trim).find(|s| !s.is_empty())
    }
}

fn describe(refusal: &Refusal) -> String {
    let mut text = format!("{} ({}", refusal.message, refusal.status);
    if let Some(code) = &refusal.code {
        text.push_str(&format!(" {code}"));
    }
    text.push(')');
    let hint = match refusal.status {
        401 => Some("check the token (AUTH0_API_TOKEN) or the client credentials".to_string()),
        403 => ApiError::Api(refusal.clone()).missing_scope().map(|scope| {
            format!("the token lacks the {scope} scope: grant it to the application for the Management API")
        }),
        429 => Some("Auth0's rate limit was reached; wait a little and try again".to_string()),
        500..=599 => Some("Auth0 had a problem; try again shortly".to_string()),
        _ => None,
    };
    if let Some(hint) = hint {
        text.push_str(": ");
        text.push_str(&hint);
    }
    text
}

/// Shows a refusal the way the status line does: status and Auth0's message.
pub struct Short<'a>(pub &'a ApiError);

impl fmt::Display for Short<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            ApiError::Api(r) => write!(f, "{} {}", r.status, r.message),
            other => write!(f, "{other}"),
        }
    }
}

/// Auth0's error body, or the bare status where the body is not Auth0's shape.
pub(super) fn refusal(status: StatusCode, bytes: &[u8]) -> ApiError {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Body {
        message: Option<String>,
        error_code: Option<String>,
        error: Option<String>,
    }
    let body: Option<Body> = serde_json::from_slice(bytes).ok();
    let reason = status.canonical_reason().unwrap_or("error").to_string();
    let (message, code) = match body {
        Some(b) => (b.message.or(b.error).unwrap_or(reason), b.error_code),
        None => (reason, None),
    };
    ApiError::Api(Refusal {
        status: status.as_u16(),
        code,
        message,
        retry_after: None,
    })
}
