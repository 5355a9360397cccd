//! `POST /oauth/token`: the client-credentials grant, with the client authenticated by a
//! JSON body, a form body or HTTP Basic, as Auth0 accepts all three.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use serde_json::{json, Value};

use super::auth::ALL_SCOPES;
use super::reply::oauth_error;
use super::{lock, Shared};

/// The grant request's fields, wherever they came from.
#[derive(Debug, Default)]
struct GrantRequest {
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    audience: Option<String>,
    scope: Option<String>,
}

impl GrantRequest {
    fn set(&mut self, key: &str, value: String) {
        match key {
            "grant_type" => self.grant_type = Some(value),
            "client_id" => self.client_id = Some(value),
            "client_secret" => self.client_secret = Some(value),
            "audience" => self.audience = Some(value),
            "scope" => self.scope = Some(value),
            _ => {}
        }
    }

    fn read(headers: &HeaderMap, bytes: &Bytes) -> Option<Self> {
        let mut request = Self::default();
        let is_json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if is_json {
            let body: Value = serde_json::from_slice(bytes).ok()?;
            for (key, value) in body.as_object()? {
                if let Some(text) = value.as_str() {
                    request.set(key, text.to_string());
                }
            }
        } else {
            for (key, value) in form_urlencoded::parse(bytes) {
                request.set(&key, value.into_owned());
            }
        }
        if let Some((id, secret)) = basic_credentials(headers) {
            request.client_id = Some(id);
            request.client_secret = Some(secret);
        }
        Some(request)
    }
}

fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

pub async fn issue_token(State(shared): State<Arc<Shared>>, headers: HeaderMap, bytes: Bytes) -> Response {
    shared.token_requests.fetch_add(1, Ordering::Relaxed);
    let Some(request) = GrantRequest::read(&headers, &bytes) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The request body could not be read.",
        );
    };
    let grant_type = request.grant_type.as_deref().unwrap_or("");
    if grant_type != "client_credentials" {
        return oauth_error(
            StatusCode::FORBIDDEN,
            "unauthorized_client",
            &format!("Grant type '{grant_type}' not allowed for the client."),
        );
    }
    let known = shared.client.as_ref().is_some_and(|(id, secret)| {
        request.client_id.as_deref() == Some(id) && request.client_secret.as_deref() == Some(secret)
    });
    if !known {
        return oauth_error(StatusCode::UNAUTHORIZED, "access_denied", "Unauthorized");
    }
    let audience = request.audience.clone().unwrap_or_default();
    if !lock(&shared.tokens).serves(&audience) {
        return oauth_error(
            StatusCode::FORBIDDEN,
            "access_denied",
            &format!("Client is not authorized to access \"{audience}\". You need to create a \"client-grant\" associated to this API."),
        );
    }
    // A `scope` parameter narrows the grant; without it the client gets every scope.
    let scopes: Vec<String> = match &request.scope {
        Some(asked) => {
            let refused: Vec<&str> = asked.split_whitespace().filter(|s| !ALL_SCOPES.contains(s)).collect();
            if !refused.is_empty() {
                return oauth_error(
                    StatusCode::FORBIDDEN,
                    "access_denied",
                    &format!("Client has not been granted scopes: {}", refused.join(", ")),
                );
            }
            asked.split_whitespace().map(String::from).collect()
        }
        None => ALL_SCOPES.iter().map(|s| s.to_string()).collect(),
    };
    let client_id = request.client_id.unwrap_or_default();
    let token = lock(&shared.tokens).issue(&client_id, &scopes, shared.token_lifetime);
    Json(json!({
        "access_token": token,
        "expires_in": shared.token_lifetime,
        "scope": scopes.join(" "),
        "token_type": "Bearer",
    }))
    .into_response()
}
