//! The routes of user export jobs: start one, ask how far it is, download its file.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;
use tokio_util::io::ReaderStream;

use super::jobs::{self, ExportSpec};
use super::reply::Auth0Error;
use super::{lock, Shared};

type Reply = Result<Response, Auth0Error>;

/// The fields a CSV export has when the request names none.
const DEFAULT_CSV_FIELDS: [&str; 4] = ["user_id", "email", "name", "created_at"];

/// What a JSON export holds when the request names no fields: a predefined set without
/// metadata, as Auth0 documents (metadata is exported only when named).
const PREDEFINED_JSON_FIELDS: [&str; 16] = [
    "user_id",
    "email",
    "email_verified",
    "username",
    "phone_number",
    "name",
    "given_name",
    "family_name",
    "nickname",
    "picture",
    "identities",
    "created_at",
    "updated_at",
    "last_login",
    "logins_count",
    "blocked",
];

pub async fn start_export(State(shared): State<Arc<Shared>>, headers: HeaderMap, bytes: Bytes) -> Reply {
    lock(&shared.tokens).authorize(&headers)?.require(&["read:users"])?;
    let body: Value = serde_json::from_slice(&bytes).map_err(|e| Auth0Error::invalid_body(e.to_string()))?;
    let spec = spec_of(&shared, &body)?;
    std::fs::create_dir_all(&shared.export_dir)
        .map_err(|e| Auth0Error::new(StatusCode::INTERNAL_SERVER_ERROR, None, e.to_string()))?;
    let (seed, synthetic) = {
        let store = lock(&shared.store);
        let seed: Vec<Value> = store.stored().map(|u| Value::Object(u.clone())).collect();
        (seed, store.synthetic().clone())
    };
    let total = seed.len() as u64 + synthetic.len();
    let (file, done, stage, shown) = {
        let mut jobs = lock(&shared.jobs);
        let job = jobs.start(spec.clone(), total, &shared.export_dir);
        (job.file.clone(), job.done.clone(), job.stage.clone(), job.describe(0))
    };
    tokio::task::spawn_blocking(move || {
        stage.store(1, Ordering::Relaxed);
        let written = jobs::write(&file, seed, synthetic, &spec, &done);
        stage.store(if written.is_ok() { 2 } else { 3 }, Ordering::Relaxed);
    });
    // Recorded traffic: 200, not the 201 of the API reference.
    Ok((StatusCode::OK, Json(shown)).into_response())
}

/// The properties the job's body may have.
const KNOWN_PROPERTIES: [&str; 4] = ["connection_id", "format", "limit", "fields"];

fn spec_of(shared: &Shared, body: &Value) -> Result<ExportSpec, Auth0Error> {
    let properties = super::body::as_object(body)?;
    if let Some(unknown) = properties.keys().find(|k| !KNOWN_PROPERTIES.contains(&k.as_str())) {
        return Err(Auth0Error::invalid_body(format!(
            "Payload validation error: 'Additional properties not allowed: {unknown}'."
        )));
    }
    let format = body["format"].as_str().unwrap_or("csv").to_string();
    if format != "json" && format != "csv" {
        return Err(Auth0Error::invalid_body(format!(
            "Payload validation error: 'No enum match for: \"{format}\"' on property format."
        )));
    }
    let connection_id = body["connection_id"].as_str().map(String::from);
    let connection = match &connection_id {
        None => None,
        Some(id) => Some(
            shared
                .connections
                .iter()
                .find(|c| &c.id == id)
                .map(|c| c.name.clone())
                .ok_or_else(|| Auth0Error::bad_request("inexistent_connection", "The connection does not exist."))?,
        ),
    };
    let limit = match &body["limit"] {
        Value::Null => None,
        v => Some(v.as_u64().filter(|n| *n >= 1).ok_or_else(|| {
            Auth0Error::invalid_body("Payload validation error: 'Value is less than minimum 1' on property limit.")
        })?),
    };
    let mut fields: Vec<(String, String)> = body["fields"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|f| {
                    let name = f["name"].as_str()?.to_string();
                    let export_as = f["export_as"].as_str().map_or_else(|| name.clone(), String::from);
                    Some((name, export_as))
                })
                .collect()
        })
        .unwrap_or_default();
    if fields.len() > 30 {
        return Err(Auth0Error::invalid_body(
            "Payload validation error: 'Array is too long (more than 30 items)' on property fields.",
        ));
    }
    let whole_metadata = fields
        .iter()
        .find(|(name, _)| name == "user_metadata" || name == "app_metadata");
    if let (Some((name, _)), "csv") = (whole_metadata, format.as_str()) {
        return Err(Auth0Error::invalid_body(format!(
            "Payload validation error: {name} cannot be exported as a whole object in the CSV format: name each of its fields ({name}.key), or export JSON."
        )));
    }
    let sent_fields = body.get("fields").cloned();
    if fields.is_empty() {
        let predefined: &[&str] = if format == "csv" {
            &DEFAULT_CSV_FIELDS
        } else {
            &PREDEFINED_JSON_FIELDS
        };
        fields = predefined.iter().map(|f| (f.to_string(), f.to_string())).collect();
    }
    Ok(ExportSpec {
        sent_fields,
        format,
        connection_id,
        connection,
        limit,
        fields,
    })
}

pub async fn show_job(State(shared): State<Arc<Shared>>, headers: HeaderMap, Path(id): Path<String>) -> Reply {
    lock(&shared.tokens)
        .authorize(&headers)?
        .require(&["read:users", "create:users"])?;
    let shown = lock(&shared.jobs)
        .show(&id, &shared.base_url, "emulator", shared.export_link_seconds)
        .ok_or_else(|| Auth0Error::new(StatusCode::NOT_FOUND, Some("inexistent_job"), "The job does not exist."))?;
    Ok(Json(shown).into_response())
}

/// The file behind a download link: signed in its query, and refused with an
/// Authorization header (the bucket's links allow one means of authentication: a client
/// that sends its Management API token there leaks it, and fails here as it would there).
pub async fn download(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(_name): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Reply {
    if headers.contains_key(axum::http::header::AUTHORIZATION) {
        return Err(Auth0Error::new(
            StatusCode::BAD_REQUEST,
            Some("InvalidArgument"),
            "Only one auth mechanism allowed; only the Signature query parameter or the Authorization header should be specified",
        ));
    }
    let (signature, expires) = (query.get("Signature"), query.get("Expires"));
    let found = match (signature, expires) {
        (Some(signature), Some(expires)) => lock(&shared.jobs).download(signature, expires),
        _ => Err("AccessDenied: the link has no signature"),
    };
    let file = found.map_err(|why| Auth0Error::new(StatusCode::FORBIDDEN, None, why))?;
    let file = tokio::fs::File::open(file)
        .await
        .map_err(|e| Auth0Error::new(StatusCode::INTERNAL_SERVER_ERROR, None, e.to_string()))?;
    let body = Body::from_stream(ReaderStream::with_capacity(file, 1 << 16));
    Ok(([("content-type", "application/gzip")], body).into_response())
}
