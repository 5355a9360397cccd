//! Shared test fixtures: an emulator on 127.0.0.1:0 and clients for it.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use auth0_meta::api::{Client, Sleeper};
use auth0_meta::config::{Credentials, Target};
use auth0_meta::emulator::{Emulator, EmulatorConfig, DEMO_TENANT};
use auth0_meta::secret::Secret;
use serde_json::{json, Value};

pub const TOKEN: &str = "test-token-with-every-scope";
pub const JANE: &str = "auth0|64b1f0c2a7e9d3f5b8c1a2e4";

pub async fn demo_emulator() -> Emulator {
    start(EmulatorConfig::local(TOKEN), DEMO_TENANT).await
}

pub async fn start(config: EmulatorConfig, seed: &str) -> Emulator {
    Emulator::start(config, seed).await.expect("emulator starts")
}

pub fn target(emulator: &Emulator, token: &str) -> Target {
    Target {
        base_url: emulator.base_url(),
        label: "test".into(),
        credentials: Credentials::Token(Secret::new(token)),
    }
}

/// A client whose waits are recorded instead of slept, so no test depends on the clock.
pub fn client(emulator: &Emulator) -> (Client, Arc<Mutex<Vec<Duration>>>) {
    client_for(target(emulator, TOKEN))
}

pub fn client_for(target: Target) -> (Client, Arc<Mutex<Vec<Duration>>>) {
    let waits = Arc::new(Mutex::new(Vec::new()));
    let recorded = waits.clone();
    let sleeper: Sleeper = Arc::new(move |d| {
        recorded.lock().unwrap().push(d);
        Box::pin(async {})
    });
    (Client::new(&target).expect("client").with_sleeper(sleeper), waits)
}

/// `n` minimal users, for paging past the 1000-result window.
pub fn many_users(n: usize) -> String {
    let users: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "user_id": format!("auth0|{i:024x}"),
                "email": format!("user{i:05}@example.com"),
                "created_at": "2024-01-01T00:00:00.000Z",
                "updated_at": "2024-01-01T00:00:00.000Z",
                "identities": [{"connection": "db", "user_id": format!("{i:024x}"), "provider": "auth0", "isSocial": false}],
            })
        })
        .collect();
    serde_json::to_string(&users).unwrap()
}
pub mod cli;
pub mod focus;
pub mod focus_bulk;
pub mod pty;
pub mod settle;
pub mod tui;

/// A raw Management API call with the all-scopes token: status and JSON body.
pub async fn api(method: reqwest::Method, base: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let (status, json, _) = api_typed(method, base, path, body).await;
    (status, json)
}

/// `api`, with the answer's content type.
pub async fn api_typed(method: reqwest::Method, base: &str, path: &str, body: Option<Value>) -> (u16, Value, String) {
    let mut request = auth0_meta::api::http_builder()
        .build()
        .unwrap()
        .request(method, format!("{base}{path}"))
        .bearer_auth(TOKEN);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = response.bytes().await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null), kind)
}
