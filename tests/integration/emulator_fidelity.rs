//! The emulator as real Auth0 answers (its documentation and recorded traffic): default
//! pictures, password resets, create validation, connections, content types.

use crate::common;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn a_created_user_has_the_default_picture_and_a_password_change_is_stamped() {
    let emulator = demo_emulator().await;
    let base = emulator.base_url();
    let (status, user, kind) = api_typed(
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
    let (_, patched, _) = api_typed(
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
        let (status, answer, kind) = api_typed(reqwest::Method::POST, &base, "/api/v2/users", Some(body)).await;
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
    let (status, all, _) = api_typed(reqwest::Method::GET, &base, "/api/v2/connections", None).await;
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
    let (_, one, _) = api_typed(
        reqwest::Method::GET,
        &base,
        "/api/v2/connections?name=Username-Password-Authentication",
        None,
    )
    .await;
    assert_eq!(one.as_array().unwrap().len(), 1);
    let narrow = emulator.issue_token(&["read:users"], 600);
    let refused = auth0_meta::api::http_builder()
        .build()
        .unwrap()
        .get(format!("{base}/api/v2/connections"))
        .bearer_auth(narrow)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 403, "read:connections is needed");
}

async fn token_for(base: &str, audience: &str) -> (u16, Value) {
    let response = auth0_meta::api::http_builder().build().unwrap()
        .post(format!("{base}/oauth/token"))
        .json(&json!({"grant_type": "client_credentials", "client_id": "cid", "client_secret": "csecret", "audience": audience}))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn issued_tokens_are_jwts_shaped_like_auth0s_and_checked_on_every_request() {
    use base64::Engine;
    let config = auth0_meta::emulator::EmulatorConfig {
        client: Some(("cid".into(), "csecret".into())),
        ..auth0_meta::emulator::EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, auth0_meta::emulator::DEMO_TENANT).await;
    let base = emulator.base_url();
    let (status, answer) = token_for(&base, &format!("{base}/api/v2/")).await;
    assert_eq!(status, 200, "{answer}");
    let token = answer["access_token"].as_str().unwrap().to_string();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "a JWT");
    let decode = |part: &str| -> Value {
        serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
    };
    assert_eq!(decode(parts[0])["typ"], "JWT");
    let claims = decode(parts[1]);
    assert_eq!(claims["iss"], format!("{base}/"));
    assert_eq!(claims["sub"], "cid@clients");
    assert_eq!(claims["aud"], format!("{base}/api/v2/"));
    assert_eq!(claims["gty"], "client-credentials");
    assert!(claims["exp"].as_u64().unwrap() > claims["iat"].as_u64().unwrap());
    assert!(claims["scope"].as_str().unwrap().contains("read:users"));

    let get = |token: String| {
        let base = base.clone();
        async move {
            auth0_meta::api::http_builder()
                .build()
                .unwrap()
                .get(format!("{base}/api/v2/users/{}", JANE.replace('|', "%7C")))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(get(token.clone()).await, 200);
    let mut tampered = token.clone();
    tampered.insert(parts[0].len() + 5, 'x');
    assert_eq!(get(tampered).await, 401, "a changed token fails its signature");
    assert_eq!(
        get(emulator.issue_token(&["read:users"], 0)).await,
        401,
        "an expired token"
    );
    let (status, _) = token_for(&base, "https://elsewhere.example/api/v2/").await;
    assert_eq!(status, 403, "no tokens for another audience");
}

#[tokio::test]
async fn the_token_endpoint_has_a_rate_limit_of_its_own() {
    let config = auth0_meta::emulator::EmulatorConfig {
        client: Some(("cid".into(), "csecret".into())),
        rate_per_second: 0.001,
        burst: 1,
        ..auth0_meta::emulator::EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, auth0_meta::emulator::DEMO_TENANT).await;
    let base = emulator.base_url();
    let (first, _, _) = api_typed(reqwest::Method::GET, &base, "/api/v2/connections", None).await;
    assert_eq!(first, 200);
    let (second, _, _) = api_typed(reqwest::Method::GET, &base, "/api/v2/connections", None).await;
    assert_eq!(second, 429, "the Management API's bucket is empty");
    let (status, _) = token_for(&base, &format!("{base}/api/v2/")).await;
    assert_eq!(status, 200, "the token endpoint still answers");
}
