//! The emulator as real Auth0 answers (spec 1.1, 1.4 and recorded traffic): default
//! pictures, password resets, create validation, connections, content types.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly, by design

mod common;

use common::*;
use serde_json::{json, Value};

async fn call(method: reqwest::Method, base: &str, path: &str, body: Option<Value>) -> (u16, Value, String) {
    let mut request = reqwest::Client::new()
        .request(method, format!("{base}{path}"))
        .bearer_auth(TOKEN);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let kind = response.headers()["content-type"].to_str().unwrap().to_string();
    let bytes = response.bytes().await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null), kind)
}

#[tokio::test]
async fn a_created_user_has_the_default_picture_and_a_password_change_is_stamped() {
    let emulator = demo_emulator().await;
    let base = emulator.base_url();
    let (status, user, kind) = call(
        reqwest::Method::POST,
        &base,
        "/api/v2/users",
        Some(json!({"connection": "Username-Password-Authentication", "email": "Test.User@Example.com", "password": "Secret-123!"})),
    )
    .await;
    assert_eq!(status, 201, "{user}");
    assert_eq!(kind, "application/json; charset=utf-8");
    let hash = format!("{:032x}", md5_of("test.user@example.com"));
    let want =
        format!("https://s.gravatar.com/avatar/{hash}?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fte.png");
    assert_eq!(user["picture"], want.as_str());
    assert!(user.get("password").is_none() && user.get("last_password_reset").is_none());
    let id = user["user_id"].as_str().unwrap().replace('|', "%7C");
    let (_, patched, _) = call(
        reqwest::Method::PATCH,
        &base,
        &format!("/api/v2/users/{id}"),
        Some(json!({"password": "Another-456!"})),
    )
    .await;
    assert!(patched["last_password_reset"].is_string(), "{patched}");
    assert!(patched.get("password").is_none());
}

fn md5_of(text: &str) -> u128 {
    use md5::{Digest, Md5};
    u128::from_be_bytes(Md5::digest(text.as_bytes()).into())
}

#[tokio::test]
async fn creates_auth0_would_refuse_are_refused_in_its_shape() {
    let emulator = demo_emulator().await;
    let base = emulator.base_url();
    for (body, want) in [
        (
            json!({"connection": "Username-Password-Authentication", "email": "a@example.com"}),
            "password",
        ),
        (
            json!({"connection": "no-such-db", "email": "a@example.com", "password": "x"}),
            "connection does not exist",
        ),
        (
            json!({"connection": "Username-Password-Authentication", "email": "not-an-email", "password": "x"}),
            "format email",
        ),
    ] {
        let (status, answer, kind) = call(reqwest::Method::POST, &base, "/api/v2/users", Some(body)).await;
        assert_eq!(status, 400, "{answer}");
        assert_eq!(answer["statusCode"], 400);
        assert!(answer["message"].as_str().unwrap().contains(want), "{answer}");
        assert_eq!(kind, "application/json; charset=utf-8", "errors too");
    }
}

#[tokio::test]
async fn connections_are_listed_and_found_by_name() {
    let emulator = demo_emulator().await;
    let base = emulator.base_url();
    let (status, all, _) = call(reqwest::Method::GET, &base, "/api/v2/connections", None).await;
    assert_eq!(status, 200);
    let all = all.as_array().unwrap();
    assert!(all
        .iter()
        .any(|c| c["name"] == "Username-Password-Authentication" && c["strategy"] == "auth0"));
    for c in all {
        let id = c["id"].as_str().unwrap();
        assert!(
            id.starts_with("con_") && id.len() == 20 && id[4..].chars().all(|c| c.is_ascii_alphanumeric()),
            "{id}"
        );
    }
    let (_, one, _) = call(
        reqwest::Method::GET,
        &base,
        "/api/v2/connections?name=Username-Password-Authentication",
        None,
    )
    .await;
    assert_eq!(one.as_array().unwrap().len(), 1);
    let narrow = emulator.issue_token(&["read:users"], 600);
    let refused = reqwest::Client::new()
        .get(format!("{base}/api/v2/connections"))
        .bearer_auth(narrow)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 403, "read:connections is needed");
}
