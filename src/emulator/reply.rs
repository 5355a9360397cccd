//! Responses in Auth0's shapes: the Boom error body `{statusCode, error, message, errorCode}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

/// An error the emulator answers with, exactly as Auth0 shapes it.
#[derive(Debug, Clone)]
pub struct Auth0Error {
    pub status: StatusCode,
    pub code: Option<&'static str>,
    pub message: String,
}

impl Auth0Error {
    pub fn new(status: StatusCode, code: Option<&'static str>, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, Some(code), message)
    }

    /// A 400 that Auth0 sends without an `errorCode`.
    pub fn bad_request_plain(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, None, message)
    }

    pub fn invalid_body(message: impl Into<String>) -> Self {
        Self::bad_request("invalid_body", message)
    }

    pub fn invalid_query(message: impl Into<String>) -> Self {
        // The errorCode of query validation errors has not been seen in recorded traffic:
        // this one is our guess.
        Self::bad_request("invalid_query_string", message)
    }

    pub fn unauthorized(message: &str) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, None, message)
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            Some("inexistent_user"),
            "The user does not exist.",
        )
    }

    pub fn insufficient_scope(accepted: &[&str]) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            Some("insufficient_scope"),
            format!("Insufficient scope, expected any of: {}", accepted.join(",")),
        )
    }

    pub fn too_many_requests() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            Some("too_many_requests"),
            "Global limit has been reached",
        )
    }

    pub fn body(&self) -> Value {
        let mut body = json!({
            "statusCode": self.status.as_u16(),
            "error": self.status.canonical_reason().unwrap_or("Error"),
            "message": self.message,
        });
        if let Some(code) = self.code {
            body["errorCode"] = json!(code);
        }
        body
    }
}

impl IntoResponse for Auth0Error {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

/// The OAuth error shape the token endpoint uses.
pub fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (status, Json(json!({"error": error, "error_description": description}))).into_response()
}
