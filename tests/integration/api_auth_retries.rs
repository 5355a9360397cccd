//! The client against the emulator over real HTTP: authentication and scopes, retries
//! on 429 and 5xx, tokens and their renewal, persistence, transport errors.

use crate::common;

use auth0_meta::api::{ApiError, MAX_TRIES};
use auth0_meta::config::Credentials;
use auth0_meta::emulator::{EmulatorConfig, Fault, DEMO_TENANT};
use auth0_meta::secret::Secret;
use common::*;
use serde_json::{json, Value};

fn refusal(err: &ApiError) -> (u16, Option<&str>, &str) {
    match err {
        ApiError::Api(r) => (r.status, r.code.as_deref(), r.message.as_str()),
        other => panic!("expected an API refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn authentication_and_scopes_answer_as_auth0_does() {
    let emulator = demo_emulator().await;
    let (bad, _) = client_for(target(&emulator, "not-a-token"));
    let err = bad.get_user(JANE).await.unwrap_err();
    assert_eq!(refusal(&err).0, 401);
    assert!(
        !err.to_string().contains("not-a-token"),
        "the token never appears in an error"
    );

    let read_only = emulator.issue_token(&["read:users"], 3600);
    let (client, _) = client_for(target(&emulator, &read_only));
    client.get_user(JANE).await.unwrap();
    let err = client
        .patch_user(JANE, &json!({"user_metadata": {"a": 1}}))
        .await
        .unwrap_err();
    assert_eq!(refusal(&err).1, Some("insufficient_scope"));
    assert_eq!(err.missing_scope(), Some("update:users"));
    assert!(err.to_string().contains("lacks the update:users scope"), "{err}");

    let app_only = emulator.issue_token(&["update:users_app_metadata", "read:users"], 3600);
    let (client, _) = client_for(target(&emulator, &app_only));
    client
        .patch_user(JANE, &json!({"app_metadata": {"plan": "pro"}}))
        .await
        .unwrap();
    let err = client
        .patch_user(JANE, &json!({"user_metadata": {"a": 1}}))
        .await
        .unwrap_err();
    assert_eq!(refusal(&err).0, 403);
}

#[tokio::test]
async fn a_missing_or_malformed_header_is_refused() {
    let emulator = demo_emulator().await;
    let http = auth0_meta::api::http_builder().build().unwrap();
    let url = format!("{}/api/v2/users", emulator.base_url());
    let none = http.get(&url).send().await.unwrap();
    assert_eq!(none.status(), 401);
    assert_eq!(none.json::<Value>().await.unwrap()["message"], "Missing authentication");
    let basic = http
        .get(&url)
        .header("Authorization", "Basic abc")
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), 400);
    assert!(
        basic.headers().contains_key("x-ratelimit-reset"),
        "rate-limit headers on every response"
    );
}

#[tokio::test]
async fn a_429_is_retried_after_the_reset_the_headers_give() {
    let emulator = demo_emulator().await;
    let (client, waits) = client(&emulator);
    emulator.inject(Fault {
        status: Some(429),
        count: 2,
        delay_ms: 0,
        ..Default::default()
    });
    client.get_user(JANE).await.expect("third try succeeds");
    let waits = waits.lock().unwrap().clone();
    assert_eq!(waits.len(), 2);
    // The bucket is full, so reset is now: the wait is the floor plus under 250 ms of jitter.
    assert!(
        waits.iter().all(|w| w.as_millis() >= 100 && w.as_millis() < 1_350),
        "{waits:?}"
    );
    assert!(client.rate_limit().is_some(), "the latest budget is kept for the UI");

    emulator.inject(Fault {
        status: Some(429),
        count: MAX_TRIES,
        delay_ms: 0,
        ..Default::default()
    });
    let err = client.get_user(JANE).await.unwrap_err();
    assert_eq!(refusal(&err).1, Some("too_many_requests"));
}

#[tokio::test]
async fn an_exhausted_bucket_answers_429_with_a_future_reset() {
    let config = EmulatorConfig {
        rate_per_second: 0.01,
        burst: 2,
        ..EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, DEMO_TENANT).await;
    let (client, waits) = client(&emulator);
    client.get_user(JANE).await.unwrap();
    client.get_user(JANE).await.unwrap();
    let err = client.get_user(JANE).await.unwrap_err();
    assert_eq!(refusal(&err).0, 429);
    let waits = waits.lock().unwrap().clone();
    assert_eq!(waits.len(), (MAX_TRIES - 1) as usize);
    assert!(
        waits.iter().all(|w| w.as_secs() >= 50),
        "waits until x-ratelimit-reset: {waits:?}"
    );
}

#[tokio::test]
async fn gets_are_retried_on_5xx_but_a_patch_is_sent_once() {
    let emulator = demo_emulator().await;
    let (client, waits) = client(&emulator);
    emulator.inject(Fault {
        status: Some(503),
        count: 2,
        delay_ms: 0,
        ..Default::default()
    });
    client.get_user(JANE).await.expect("retried GET succeeds");
    assert_eq!(waits.lock().unwrap().len(), 2);

    emulator.inject(Fault {
        status: Some(502),
        count: 1,
        delay_ms: 0,
        ..Default::default()
    });
    let err = client
        .patch_user(JANE, &json!({"user_metadata": {"a": 1}}))
        .await
        .unwrap_err();
    assert_eq!(refusal(&err).0, 502);
    let user = client.get_user(JANE).await.unwrap();
    assert!(user.0["user_metadata"].get("a").is_none(), "the PATCH was not retried");
}

#[tokio::test]
async fn client_credentials_are_exchanged_once_and_cached() {
    let config = EmulatorConfig {
        client: Some(("cid".into(), "csecret".into())),
        ..EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, DEMO_TENANT).await;
    let creds = Credentials::ClientCredentials {
        client_id: "cid".into(),
        client_secret: Secret::new("csecret"),
        audience: format!("{}/api/v2/", emulator.base_url()),
    };
    let mut t = target(&emulator, TOKEN);
    t.credentials = creds.clone();
    let (client, _) = client_for(t.clone());
    for _ in 0..3 {
        client.get_user(JANE).await.unwrap();
    }
    assert_eq!(emulator.token_requests(), 1);
    assert!(
        !format!("{t:?} {client:?}").contains("csecret"),
        "Debug redacts the secret"
    );

    t.credentials = Credentials::ClientCredentials {
        client_id: "cid".into(),
        client_secret: Secret::new("wrong-secret"),
        audience: format!("{}/api/v2/", emulator.base_url()),
    };
    let (bad, _) = client_for(t);
    let err = bad.get_user(JANE).await.unwrap_err();
    assert!(matches!(err, ApiError::Token { status: 401, .. }), "{err:?}");
    assert!(!err.to_string().contains("wrong-secret"));
}

#[tokio::test]
async fn a_short_lived_token_is_renewed_before_it_expires() {
    let config = EmulatorConfig {
        client: Some(("cid".into(), "csecret".into())),
        token_lifetime: 60,
        ..EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, DEMO_TENANT).await;
    let mut t = target(&emulator, TOKEN);
    t.credentials = Credentials::ClientCredentials {
        client_id: "cid".into(),
        client_secret: Secret::new("csecret"),
        audience: format!("{}/api/v2/", emulator.base_url()),
    };
    let (client, _) = client_for(t);
    client.get_user(JANE).await.unwrap();
    client.get_user(JANE).await.unwrap();
    assert_eq!(
        emulator.token_requests(),
        2,
        "within the renewal margin, each call renews"
    );
}

#[tokio::test]
async fn writes_survive_an_emulator_restart_with_a_state_file() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("tenant.json");
    let config = EmulatorConfig {
        state_file: Some(state.clone()),
        ..EmulatorConfig::local(TOKEN)
    };
    {
        let emulator = start(config.clone(), DEMO_TENANT).await;
        let (client, _) = client(&emulator);
        client
            .patch_user(JANE, &json!({"user_metadata": {"kept": true}}))
            .await
            .unwrap();
    }
    let emulator = start(config, "[]").await;
    let (client, _) = client(&emulator);
    let user = client.get_user(JANE).await.unwrap();
    assert_eq!(user.0["user_metadata"]["kept"], true);
    assert_eq!(user.0["user_metadata"]["hobby"], "surfing");
}

#[tokio::test]
async fn an_unreachable_server_is_a_transport_error() {
    let emulator = demo_emulator().await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let mut t = target(&emulator, TOKEN);
    t.base_url = format!("http://{closed}");
    let (client, _) = client_for(t);
    let err = client
        .patch_user(JANE, &json!({"user_metadata": {"a": 1}}))
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Transport { .. }), "{err:?}");
}

#[tokio::test]
async fn credentials_in_the_base_url_never_reach_an_error_message() {
    let target = auth0_meta::config::Target {
        base_url: "http://user:hunter2@127.0.0.1:9".into(),
        label: "test".into(),
        credentials: auth0_meta::config::Credentials::Token(auth0_meta::secret::Secret::new("t")),
    };
    let (client, _) = client_for(target);
    let err = client.get_user(JANE).await.unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains("hunter2"), "{text}");
    assert!(text.contains("***@127.0.0.1:9"), "{text}");
}
