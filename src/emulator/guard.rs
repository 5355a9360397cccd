//! What stands in front of every route: an over-long request target gets Auth0's 414,
//! and any error answered in plain text (axum's own rejections, such as a body over the
//! size limit) is reshaped into Auth0's JSON error body, so every error a client sees
//! has one shape.

use axum::body::to_bytes;
use axum::extract::Request;
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::reply::Auth0Error;

/// The longest request target (path and query) accepted, in bytes: Node.js, which
/// Auth0 runs on, refuses requests whose header section passes 16 KiB.
pub const MAX_URI: usize = 16 * 1024;

pub async fn uri_limit(request: Request, next: Next) -> Response {
    let length = request.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if length > MAX_URI {
        return Auth0Error::new(
            StatusCode::URI_TOO_LONG,
            None,
            format!("The request URI is {length} bytes, over the {MAX_URI}-byte limit: shorten the query"),
        )
        .into_response();
    }
    next.run(request).await
}

/// Every JSON answer says its charset, as real traffic shows (`application/json;
/// charset=utf-8`), errors included.
pub async fn charset(mut response: Response) -> Response {
    let plain_json = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == b"application/json");
    if plain_json {
        response.headers_mut().insert(
            CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json; charset=utf-8"),
        );
    }
    response
}

pub async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = to_bytes(body, 4096).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text).trim().to_string();
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("Error").to_string()
    } else {
        text
    };
    let mut reshaped = Auth0Error::new(status, None, message).into_response();
    for (name, value) in &parts.headers {
        if name != CONTENT_TYPE && name != "content-length" {
            reshaped.headers_mut().insert(name.clone(), value.clone());
        }
    }
    reshaped
}
