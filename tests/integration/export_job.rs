//! The user export job, end to end against the emulator: statuses, the download link
//! (no credentials, expiring, renewed by asking again), gzip NDJSON and CSV content,
//! CSV escaping, and `users export --filter` past the 1000-result window.

use crate::common;

use std::io::Read;
use std::process::Command;

use auth0_meta::emulator::{EmulatorConfig, DEMO_TENANT};
use common::*;
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_auth0-meta");

/// Starts an export and follows it to completion, returning every status seen.
async fn completed(base: &str, body: Value) -> (Vec<String>, Value) {
    let (status, job) = api(reqwest::Method::POST, base, "/api/v2/jobs/users-exports", Some(body)).await;
    assert_eq!(status, 200, "as recorded traffic answers: {job}");
    let mut seen = vec![job["status"].as_str().unwrap().to_string()];
    let id = job["id"].as_str().unwrap().to_string();
    let suffix = id.strip_prefix("job_").unwrap();
    assert!(
        suffix.len() == 16 && suffix.bytes().all(|b| b.is_ascii_alphanumeric()),
        "{id}"
    );
    loop {
        let (_, job) = api(reqwest::Method::GET, base, &format!("/api/v2/jobs/{id}"), None).await;
        let status = job["status"].as_str().unwrap().to_string();
        if seen.last() != Some(&status) {
            seen.push(status.clone());
        }
        if status == "processing" {
            assert!(job["percentage_done"].is_u64(), "{job}");
        }
        if status == "completed" {
            return (seen, job);
        }
        assert_ne!(status, "failed", "{job}");
        tokio::task::yield_now().await;
    }
}

async fn fetch(location: &str) -> (u16, Vec<u8>) {
    let response = auth0_meta::api::http_builder()
        .build()
        .unwrap()
        .get(location)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.bytes().await.unwrap().to_vec())
}

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes).read_to_string(&mut text).unwrap();
    text
}

#[tokio::test]
async fn an_export_job_runs_to_a_gzip_file_behind_a_link_that_needs_no_credentials() {
    let config = EmulatorConfig {
        synthetic_users: 2_000,
        ..EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, DEMO_TENANT).await;
    let base = emulator.base_url();
    let (statuses, job) = completed(&base, json!({"format": "json"})).await;
    assert_eq!(
        statuses,
        ["pending", "processing", "completed"],
        "through processing, however small"
    );
    for absent in ["limit", "connection_id", "connection", "fields"] {
        assert!(job.get(absent).is_none(), "{absent} not sent, not shown: {job}");
    }
    let location = job["location"].as_str().unwrap();
    let (status, bytes) = fetch(location).await;
    assert_eq!(status, 200);
    let text = gunzip(&bytes);
    assert_eq!(
        text.lines().count(),
        140 + 2_000,
        "the whole tenant, past the 1000 window"
    );
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert!(first["email"].is_string(), "{first}");
    assert!(
        first.get("user_metadata").is_none() && first.get("app_metadata").is_none(),
        "without `fields` a predefined set, without metadata, as Auth0 documents: {first}"
    );
    let (_, named) = completed(
        &base,
        json!({"format": "json", "fields": [{"name": "user_id"}, {"name": "user_metadata"}]}),
    )
    .await;
    let (_, bytes) = fetch(named["location"].as_str().unwrap()).await;
    let text = gunzip(&bytes);
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert!(
        first["user_metadata"].is_object(),
        "named, the whole metadata in JSON format: {first}"
    );
    let keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["user_id", "user_metadata"], "exactly the fields named");
    let last: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    let keys: Vec<&String> = last.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["user_id", "user_metadata"], "generated users too");

    // Asking for the job again gives a new link; the old one is gone.
    let id = job["id"].as_str().unwrap();
    let (_, again) = api(reqwest::Method::GET, &base, &format!("/api/v2/jobs/{id}"), None).await;
    assert_ne!(again["location"], job["location"]);
    assert_eq!(fetch(location).await.0, 403);
    let fresh = again["location"].as_str().unwrap();
    assert!(fresh.contains("?Expires=") && fresh.contains("&Signature="), "{fresh}");
    assert_eq!(fetch(fresh).await.0, 200);
    // A client that sends its token to the link is refused (and would leak it).
    let leaked = auth0_meta::api::http_builder()
        .build()
        .unwrap()
        .get(fresh)
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(leaked.status().as_u16(), 400);
    let tampered = fresh.replace("?Expires=", "?Expires=9");
    assert_eq!(fetch(&tampered).await.0, 403, "the expiry is signed");
}

/// The job object as recorded: `connection` beside `connection_id`, `fields` as sent,
/// unknown properties refused, and CSV cannot carry whole metadata objects.
#[tokio::test]
async fn the_job_object_echoes_what_was_sent() {
    let emulator = start(EmulatorConfig::local(TOKEN), DEMO_TENANT).await;
    let base = emulator.base_url();
    let (_, connections) = api(
        reqwest::Method::GET,
        &base,
        "/api/v2/connections?name=Username-Password-Authentication",
        None,
    )
    .await;
    let connection_id = connections[0]["id"].as_str().unwrap().to_string();
    let fields = json!([{"name": "email"}, {"name": "identities[0].connection", "export_as": "connection"}]);
    let body = json!({"format": "json", "connection_id": connection_id, "limit": 5, "fields": fields});
    let (_, job) = completed(&base, body).await;
    assert_eq!(job["connection"], "Username-Password-Authentication");
    assert_eq!(job["connection_id"], json!(connection_id));
    assert_eq!(job["limit"], 5);
    assert_eq!(job["fields"], fields, "as sent: no export_as added");
    let text = gunzip(&fetch(job["location"].as_str().unwrap()).await.1);
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["connection"], "Username-Password-Authentication", "{first}");
    assert_eq!(text.lines().count(), 5);
    let refused = [
        json!({"format": "json", "fields": fields, "extra": true}),
        json!({"format": "csv", "fields": [{"name": "email"}, {"name": "user_metadata"}]}),
    ];
    for body in refused {
        let (status, answer) = api(
            reqwest::Method::POST,
            &base,
            "/api/v2/jobs/users-exports",
            Some(body.clone()),
        )
        .await;
        assert_eq!(status, 400, "{body}: {answer}");
    }
}

#[tokio::test]
async fn an_expired_link_is_refused_and_csv_cells_are_escaped() {
    let config = EmulatorConfig {
        export_link_seconds: 0,
        ..EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, DEMO_TENANT).await;
    let base = emulator.base_url();
    let (status, _) = api(
        reqwest::Method::POST,
        &base,
        "/api/v2/users",
        Some(json!({"connection": "Username-Password-Authentication", "email": "formula@example.com", "password": "x-123456", "name": "=HYPERLINK(\"x\")"})),
    )
    .await;
    assert_eq!(status, 201);
    let fields = json!([{"name": "email"}, {"name": "name", "export_as": "full_name"}]);
    let (_, job) = completed(&base, json!({"format": "csv", "fields": fields})).await;
    let (status, body) = fetch(job["location"].as_str().unwrap()).await;
    assert_eq!(status, 403, "a link past its lifetime is refused");
    assert!(String::from_utf8_lossy(&body).contains("expired"));

    let config = EmulatorConfig::local(TOKEN);
    let emulator = start(config, DEMO_TENANT).await;
    let base = emulator.base_url();
    api(
        reqwest::Method::POST,
        &base,
        "/api/v2/users",
        Some(json!({"connection": "Username-Password-Authentication", "email": "formula@example.com", "password": "x-123456", "name": "=HYPERLINK(\"x\")"})),
    )
    .await;
    let (_, job) = completed(&base, json!({"format": "csv", "fields": fields, "limit": 500})).await;
    let text = gunzip(&fetch(job["location"].as_str().unwrap()).await.1);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("email,full_name"));
    // Auth0's documented quoting: every string with a leading `'`, quoted, quotes doubled.
    assert!(
        text.contains("\"'formula@example.com\",\"'=HYPERLINK(\"\"x\"\")\""),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1 + 141);
    let (status, _) = api(
        reqwest::Method::POST,
        &base,
        "/api/v2/jobs/users-exports",
        Some(json!({"format": "xml"})),
    )
    .await;
    assert_eq!(status, 400);
}

#[tokio::test(flavor = "multi_thread")]
async fn users_export_streams_past_the_window_and_filters_locally() {
    let config = EmulatorConfig {
        synthetic_users: 3_000,
        ..EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, DEMO_TENANT).await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pro.csv");
    let run = {
        let (base, out) = (base.clone(), out.clone());
        tokio::task::spawn_blocking(move || {
            Command::new(BIN)
                .args(["users", "export", "--base-url", &base, "--format", "csv"])
                .args([
                    "--fields",
                    "email,app_metadata.plan",
                    "--filter",
                    "app_metadata.plan:pro",
                ])
                .arg("--out")
                .arg(&out)
                .env_clear()
                .env("AUTH0_API_TOKEN", TOKEN)
                .output()
                .unwrap()
        })
        .await
        .unwrap()
    };
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    // Synthetic user n has plan "pro" when n % 4 == 1; the demo seed has 27 more.
    assert_eq!(
        text.lines().count(),
        1 + 750 + 27,
        "header, then every match past the 1000 window"
    );
    assert!(text.lines().skip(1).all(|l| l.ends_with(",pro")));
    assert!(String::from_utf8_lossy(&run.stderr).contains("exported 777 of 3140 users"));
}
