//! Writes Auth0 refuses, refused by the emulator in Auth0's words (the issue on search
//! and export, item 12): on create, attributes that are not writable, a database user
//! with neither email nor username, a weak password; on update, a malformed email, names
//! out of their lengths, a password with an email, profile attributes of a social user;
//! at the token endpoint, a scope not granted, and the tenant domain's audience.

use crate::common;

use auth0_meta::emulator::{EmulatorConfig, DEMO_TENANT};
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

fn create(extra: Value) -> Value {
    let mut body = json!({"connection": "Username-Password-Authentication", "email": "new@example.com", "password": "Str0ng-pass"});
    for (k, v) in extra.as_object().unwrap() {
        match v {
            Value::Null => body.as_object_mut().unwrap().remove(k),
            v => body.as_object_mut().unwrap().insert(k.clone(), v.clone()),
        };
    }
    body
}

#[tokio::test]
async fn creates_and_updates_auth0_refuses_are_refused_with_its_messages() {
    let emulator = demo_emulator().await;
    let base = emulator.base_url();
    let refused_creates = [
        (
            json!({"created_at": "2020-01-01T00:00:00.000Z"}),
            "Additional properties not allowed: created_at",
        ),
        (
            json!({"last_login": "2020-01-01T00:00:00.000Z", "favourite": 1}),
            "Additional properties not allowed: last_login,favourite",
        ),
        (json!({"email": null}), "Missing required property: email"),
        (
            json!({"password": "short1A"}),
            "PasswordStrengthError: Password is too weak",
        ),
        (
            json!({"password": "alllowercaseletters"}),
            "PasswordStrengthError: Password is too weak",
        ),
        (
            json!({"name": "n".repeat(301)}),
            "String is too long (301 chars), maximum 300",
        ),
    ];
    for (extra, message) in refused_creates {
        let body = create(extra.clone());
        let (status, answer) = api(Method::POST, &base, "/api/v2/users", Some(body)).await;
        assert_eq!(status, 400, "{extra}: {answer}");
        assert!(
            answer["message"].as_str().unwrap().contains(message),
            "{extra}: {answer}"
        );
    }
    let (status, answer) = api(
        Method::POST,
        &base,
        "/api/v2/users",
        Some(create(json!({"email": null, "username": "newbie"}))),
    )
    .await;
    assert_eq!(status, 201, "a username stands in for the email: {answer}");

    let patch = |id: &str, body: Value| {
        let (base, path) = (
            base.clone(),
            format!("/api/v2/users/{}", auth0_meta::api::encode_segment(id)),
        );
        async move { api(Method::PATCH, &base, &path, Some(body)).await }
    };
    let jane = "auth0|64b1f0c2a7e9d3f5b8c1a2e4";
    let refused_updates = [
        (
            json!({"email": "not an email"}),
            "didn't pass validation for format email",
        ),
        (
            json!({"name": ""}),
            "String is too short (0 chars), minimum 1' on property name",
        ),
        (
            json!({"given_name": "g".repeat(151)}),
            "String is too long (151 chars), maximum 150' on property given_name",
        ),
        (
            json!({"family_name": "f".repeat(151)}),
            "maximum 150' on property family_name",
        ),
        (
            json!({"email": "jane2@example.com", "password": "Str0ng-pass"}),
            "Cannot update password and email simultaneously",
        ),
    ];
    for (body, message) in refused_updates {
        let (status, answer) = patch(jane, body.clone()).await;
        assert_eq!(status, 400, "{body}: {answer}");
        assert!(
            answer["message"].as_str().unwrap().contains(message),
            "{body}: {answer}"
        );
    }
    let (status, _) = patch(jane, json!({"name": "n".repeat(300), "given_name": "Jane"})).await;
    assert_eq!(status, 200, "at the limits");

    let (_, socials) = api(
        Method::GET,
        &base,
        "/api/v2/users?q=identities.isSocial:true&per_page=1",
        None,
    )
    .await;
    let social = socials[0]["user_id"].as_str().unwrap().to_string();
    let connection = socials[0]["identities"][0]["connection"].as_str().unwrap().to_string();
    let (status, answer) = patch(&social, json!({"email": "other@example.com"})).await;
    assert_eq!(
        (status, answer["message"].clone()),
        (400, json!("Cannot update email for non-database user"))
    );
    let (status, answer) = patch(&social, json!({"name": "New Name"})).await;
    assert_eq!(status, 400);
    assert!(
        answer["message"].as_str().unwrap().starts_with(&format!(
            "The following user attributes cannot be updated: name. The connection ({connection}) must either be a database connection"
        )),
        "{answer}"
    );
    let (status, _) = patch(&social, json!({"user_metadata": {"ok": true}})).await;
    assert_eq!(status, 200, "metadata is not affected");
}

#[tokio::test]
async fn the_token_endpoint_refuses_ungranted_scopes_and_serves_the_domains_audience() {
    let config = EmulatorConfig {
        client: Some(("cid".into(), "csecret".into())),
        domain: Some("example.eu.auth0.com".into()),
        ..EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, DEMO_TENANT).await;
    let base = emulator.base_url();
    let token = |audience: String, scope: Option<&str>| {
        let base = base.clone();
        let mut body = json!({"grant_type": "client_credentials", "client_id": "cid", "client_secret": "csecret", "audience": audience});
        if let Some(scope) = scope {
            body["scope"] = json!(scope);
        }
        async move {
            let response = auth0_meta::api::http_builder()
                .build()
                .unwrap()
                .post(format!("{base}/oauth/token"))
                .json(&body)
                .send()
                .await
                .unwrap();
            (response.status().as_u16(), response.json::<Value>().await.unwrap())
        }
    };
    let (status, answer) = token("https://example.eu.auth0.com/api/v2/".into(), None).await;
    assert_eq!(status, 200, "{answer}");
    let issued = answer["access_token"].as_str().unwrap().to_string();
    let reads = auth0_meta::api::http_builder()
        .build()
        .unwrap()
        .get(format!("{base}/api/v2/users?per_page=1"))
        .bearer_auth(&issued)
        .send()
        .await
        .unwrap();
    assert_eq!(reads.status().as_u16(), 200, "the token works");
    let (status, answer) = token(format!("{base}/api/v2/"), Some("read:users read:logs_everything")).await;
    assert_eq!(status, 403);
    assert_eq!(answer["error"], "access_denied");
    assert_eq!(
        answer["error_description"],
        "Client has not been granted scopes: read:logs_everything"
    );
    let (status, _) = token("https://other.auth0.com/api/v2/".into(), None).await;
    assert_eq!(status, 403);
}
