//! Answers the emulator gives as real Auth0 does (issue: search and export on a real
//! tenant): unknown fields in `q`, `_exists_` on empty containers, retired search
//! engines, a page straddling the 1000 window, 204s' content type, and the profile size
//! allowance when it is enforced.

use crate::common;

use auth0_meta::emulator::{EmulatorConfig, DEMO_TENANT};
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

async fn search(base: &str, query: &str) -> (u16, Value) {
    let q = auth0_meta::api::encode_segment(query);
    api(Method::GET, base, &format!("/api/v2/users?q={q}&per_page=100"), None).await
}

fn ids(users: &Value) -> Vec<String> {
    let mut ids: Vec<String> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["user_id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn unknown_fields_in_q_are_refused_as_auth0_refuses_them() {
    let emulator = demo_emulator().await;
    let base = emulator.base_url();
    for query in [
        "foo:bar",
        "connection:x",
        "email:a* OR plan:pro",
        "_exists_:favourite_color",
    ] {
        let (status, body) = search(&base, query).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert_eq!(body["message"], "filter can not be used with unknown field", "{query}");
    }
    for query in [
        "identities.connection:\"Username-Password-Authentication\"",
        "email.domain:example.com",
        "user_metadata.hobby:surfing",
        "_exists_:app_metadata",
    ] {
        let (status, body) = search(&base, query).await;
        assert_eq!(status, 200, "{query}: {body}");
    }
}

#[tokio::test]
async fn exists_does_not_find_empty_arrays_or_objects() {
    let emulator = demo_emulator().await;
    let base = emulator.base_url();
    let path = |id: &str| format!("/api/v2/users/{}", auth0_meta::api::encode_segment(id));
    let (status, _) = api(
        Method::PATCH,
        &base,
        &path(JANE),
        Some(json!({"user_metadata": {"tags": [], "prefs": {}}})),
    )
    .await;
    assert_eq!(status, 200);
    for field in ["user_metadata.tags", "user_metadata.prefs"] {
        let (status, users) = search(&base, &format!("_exists_:{field}")).await;
        assert_eq!(status, 200);
        assert!(ids(&users).is_empty(), "{field}: {users}");
    }
    api(
        Method::PATCH,
        &base,
        &path(JANE),
        Some(json!({"user_metadata": {"tags": ["a"]}})),
    )
    .await;
    let (_, users) = search(&base, "_exists_:user_metadata.tags").await;
    assert_eq!(ids(&users), [JANE]);
}

#[tokio::test]
async fn retired_search_engines_are_refused_with_auth0s_words() {
    let emulator = demo_emulator().await;
    for engine in ["v1", "v2"] {
        let path = format!("/api/v2/users?q=email:jane*&search_engine={engine}");
        let (status, body) = api(Method::GET, &emulator.base_url(), &path, None).await;
        assert_eq!(status, 400);
        assert_eq!(body["errorCode"], "operation_not_supported");
        assert_eq!(
            body["message"],
            format!("You are not allowed to use search_engine={engine}.")
        );
    }
}

#[tokio::test]
async fn a_page_straddling_the_window_is_refused() {
    let emulator = start(EmulatorConfig::local(TOKEN), &many_users(1100)).await;
    let base = emulator.base_url();
    let (status, body) = api(Method::GET, &base, "/api/v2/users?page=33&per_page=30", None).await;
    assert_eq!(
        (status, body["errorCode"].as_str()),
        (400, Some("invalid_paging")),
        "{body}"
    );
    let (status, body) = api(Method::GET, &base, "/api/v2/users?page=19&per_page=50", None).await;
    assert_eq!(
        (status, body.as_array().map(Vec::len)),
        (200, Some(50)),
        "the window's last page"
    );
    let _ = DEMO_TENANT;
}

#[tokio::test]
async fn a_204_carries_a_json_content_type() {
    let emulator = demo_emulator().await;
    let path = format!("/api/v2/users/{}", auth0_meta::api::encode_segment(JANE));
    let (status, _, kind) = api_typed(Method::DELETE, &emulator.base_url(), &path, None).await;
    assert_eq!((status, kind.as_str()), (204, "application/json; charset=utf-8"));
}

#[tokio::test]
async fn enforcing_refuses_only_profiles_over_the_allowance() {
    let config = EmulatorConfig {
        enforce_profile_limit: true,
        ..EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, DEMO_TENANT).await;
    let path = format!("/api/v2/users/{}", auth0_meta::api::encode_segment(JANE));
    let over_cap = json!({"user_metadata": {"blob": "x".repeat(50 * 1024)}});
    let (status, body) = api(Method::PATCH, &emulator.base_url(), &path, Some(over_cap)).await;
    assert_eq!(status, 200, "over the 10 KB cap: accepted ({body})");
    let over_allowance = json!({"user_metadata": {"blob": "x".repeat(101 * 1024)}});
    let (status, body) = api(Method::PATCH, &emulator.base_url(), &path, Some(over_allowance)).await;
    assert_eq!(status, 400, "over the allowance: refused ({body})");
}
