//! The HTTP surface: Auth0's users endpoints and token endpoint, rate-limit headers on
//! every response, and the optional fault-injection route.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;

use super::body::{check_connection, check_create, check_patch};
use super::exports;
use super::faults::{Fault, Spoil, Taken};
use super::guard;
use super::listing::{fields_only, find_param, ListParams};
use super::ratelimit::Snapshot;
use super::reply::Auth0Error;
use super::token::issue_token;
use super::{lock, Shared};
use crate::domain::validate::BODY_LIMIT;

type Params = Query<Vec<(String, String)>>;
type Reply = Result<Response, Auth0Error>;

pub fn router(shared: Arc<Shared>, faults: bool) -> Router {
    let mut router = Router::new()
        .route("/oauth/token", post(issue_token))
        .route("/api/v2/users", get(list_users).post(create_user))
        .route(
            "/api/v2/users/{id}",
            get(get_user).patch(patch_user).delete(delete_user),
        )
        .route("/api/v2/users-by-email", get(users_by_email))
        .route("/api/v2/connections", get(list_connections))
        .route("/api/v2/jobs/users-exports", post(exports::start_export))
        .route("/api/v2/jobs/{id}", get(exports::show_job))
        .route("/__exports/{name}", get(exports::download))
        .fallback(|| async { Auth0Error::new(StatusCode::NOT_FOUND, None, "Not Found") })
        .layer(middleware::from_fn_with_state(shared.clone(), limits));
    if faults {
        router = router.route("/__emulator/faults", post(set_fault));
    }
    // Bodies up to 16 MB reach the handlers, which answer Auth0's own 413 above 1 MB.
    router
        .layer(DefaultBodyLimit::max(16 * 1024 * 1024))
        .layer(middleware::from_fn(guard::uri_limit))
        .layer(middleware::map_response(guard::json_errors))
        .layer(middleware::map_response(guard::charset))
        .with_state(shared)
}

/// Injected faults first, then the token bucket; the rate-limit headers go on every answer.
async fn limits(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    if !shared.latency.is_zero() {
        tokio::time::sleep(shared.latency).await;
    }
    let fault = lock(&shared.faults).take(request.method().as_str());
    if let Some(Taken {
        status,
        delay,
        after: None,
    }) = fault
    {
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        if let Some(status) = status {
            let snapshot = lock(&shared.bucket).peek();
            return with_rate_headers(fault_response(status), snapshot);
        }
    }
    if let Some(Taken {
        delay,
        after: Some(spoil),
        ..
    }) = fault
    {
        let handled = next.run(request).await;
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        return spoiled(handled, spoil);
    }
    let bucket = if request.uri().path() == "/oauth/token" {
        &shared.token_bucket
    } else {
        &shared.bucket
    };
    let snapshot = lock(bucket).take();
    let response = if snapshot.allowed {
        next.run(request).await
    } else {
        Auth0Error::too_many_requests().into_response()
    };
    with_rate_headers(response, snapshot)
}

/// The answer to a request that was handled, spoiled as the fault says.
fn spoiled(handled: Response, spoil: Spoil) -> Response {
    drop(handled);
    match spoil {
        Spoil::Garbage => (StatusCode::OK, [("content-type", "application/json")], "<html>garbage").into_response(),
        Spoil::Cut => {
            let cut = futures_util::stream::once(async { Err::<Bytes, std::io::Error>(std::io::Error::other("cut")) });
            (StatusCode::OK, axum::body::Body::from_stream(cut)).into_response()
        }
        Spoil::BadGateway => fault_response(502),
        Spoil::Unavailable => fault_response(503),
    }
}

fn fault_response(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if status == StatusCode::TOO_MANY_REQUESTS {
        return Auth0Error::too_many_requests().into_response();
    }
    let reason = status.canonical_reason().unwrap_or("Error");
    Auth0Error::new(status, None, format!("{reason} (injected by the emulator)")).into_response()
}

fn with_rate_headers(mut response: Response, snapshot: Snapshot) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        ("x-ratelimit-limit", snapshot.limit),
        ("x-ratelimit-remaining", snapshot.remaining),
        ("x-ratelimit-reset", snapshot.reset),
    ] {
        headers.insert(name, HeaderValue::from(value));
    }
    response
}

/// One fault (an object) or several at once (an array), replacing those standing.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum FaultsBody {
    One(Fault),
    Many(Vec<Fault>),
}

async fn set_fault(State(shared): State<Arc<Shared>>, Json(body): Json<FaultsBody>) -> StatusCode {
    let faults = match body {
        FaultsBody::One(fault) => vec![fault],
        FaultsBody::Many(faults) => faults,
    };
    lock(&shared.faults).set(faults);
    StatusCode::NO_CONTENT
}

/// A user id must carry its provider prefix (`auth0|…`).
fn check_id(id: &str) -> Result<(), Auth0Error> {
    if id.contains('|') {
        Ok(())
    } else {
        Err(Auth0Error::bad_request(
            "invalid_uri",
            format!("Object didn't pass validation for format user-id: {id}"),
        ))
    }
}

async fn list_users(State(shared): State<Arc<Shared>>, headers: HeaderMap, Query(params): Params) -> Reply {
    lock(&shared.tokens)
        .authorize(&headers)?
        .require(&["read:users", "read:user_idp_tokens"])?;
    let list = ListParams::parse(&params)?;
    let store = lock(&shared.store);
    Ok(Json(list.respond(&store)?).into_response())
}

async fn get_user(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(params): Params,
) -> Reply {
    shared.user_reads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    lock(&shared.tokens)
        .authorize(&headers)?
        .require(&["read:users", "read:current_user", "read:user_idp_tokens"])?;
    check_id(&id)?;
    let fields = fields_only(&params, &[])?;
    let mut store = lock(&shared.store);
    if fields.keeps_all() {
        // A 16 MB profile is serialized once, not copied, and not again until it changes.
        let text = store.user_json(&id).ok_or_else(Auth0Error::not_found)?;
        return Ok(([(header::CONTENT_TYPE, "application/json")], text).into_response());
    }
    let user = store.get(&id).ok_or_else(Auth0Error::not_found)?;
    Ok(Json(fields.project(&user)).into_response())
}

async fn users_by_email(State(shared): State<Arc<Shared>>, headers: HeaderMap, Query(params): Params) -> Reply {
    lock(&shared.tokens).authorize(&headers)?.require(&["read:users"])?;
    let fields = fields_only(&params, &["email"])?;
    let email = find_param(&params, "email")
        .ok_or_else(|| Auth0Error::invalid_query("Query validation error: 'Missing required property: email'"))?;
    let store = lock(&shared.store);
    let users: Vec<Value> = store.by_email(email).iter().map(|u| fields.project(u)).collect();
    Ok(Json(users).into_response())
}

/// Refuses bodies over Auth0's 1 MB cap and bodies that are not JSON, in hapi's words.
fn parse_body(bytes: &Bytes) -> Result<Value, Auth0Error> {
    if bytes.len() > BODY_LIMIT {
        return Err(Auth0Error::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            Some("payload_too_large"),
            format!("Payload content length greater than maximum allowed: {BODY_LIMIT}"),
        ));
    }
    serde_json::from_slice(bytes).map_err(|_| Auth0Error::invalid_body("Invalid request payload JSON format"))
}

async fn patch_user(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Reply {
    let grant = lock(&shared.tokens).authorize(&headers)?;
    grant.require(&[
        "update:users",
        "update:users_app_metadata",
        "update:current_user_metadata",
    ])?;
    check_id(&id)?;
    let body = parse_body(&bytes)?;
    let body = check_patch(&body)?;
    if !grant.has_any(&["update:users"]) && body.keys().any(|k| k != "app_metadata") {
        // `update:users_app_metadata` covers app_metadata only:
        // https://auth0.com/docs/secure/tokens/access-tokens/management-api-access-tokens
        return Err(Auth0Error::insufficient_scope(&["update:users"]));
    }
    let limit = shared
        .enforce_profile_limit
        .then_some(crate::domain::validate::PROFILE_ALLOWANCE);
    let mut store = lock(&shared.store);
    let user = store.get(&id).ok_or_else(Auth0Error::not_found)?;
    super::user_rules::check_update(&user, body, &shared.connections)?;
    drop(user);
    store.update(&id, body, limit)?;
    // The changed user's text, serialized once for this answer and the reads after it.
    let text = store.user_json(&id).ok_or_else(Auth0Error::not_found)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], text).into_response())
}

async fn create_user(State(shared): State<Arc<Shared>>, headers: HeaderMap, bytes: Bytes) -> Reply {
    lock(&shared.tokens).authorize(&headers)?.require(&["create:users"])?;
    let body = parse_body(&bytes)?;
    let body = check_create(&body)?;
    check_connection(&shared.connections, body)?;
    let user = lock(&shared.store).create(body)?;
    Ok((StatusCode::CREATED, Json(user)).into_response())
}

/// `GET /api/v2/connections`, with `?name=` to find one.
async fn list_connections(State(shared): State<Arc<Shared>>, headers: HeaderMap, Query(params): Params) -> Reply {
    lock(&shared.tokens)
        .authorize(&headers)?
        .require(&["read:connections"])?;
    Ok(Json(super::connection_list::answer(&shared.connections, &params)?).into_response())
}

async fn delete_user(State(shared): State<Arc<Shared>>, headers: HeaderMap, Path(id): Path<String>) -> Reply {
    lock(&shared.tokens)
        .authorize(&headers)?
        .require(&["delete:users", "delete:current_user"])?;
    check_id(&id)?;
    lock(&shared.store).delete(&id)?;
    // Real 204s carry a JSON content type, though they have no body.
    let kind = [(header::CONTENT_TYPE, "application/json; charset=utf-8")];
    Ok((StatusCode::NO_CONTENT, kind).into_response())
}
