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

/// Search results as Auth0 gives them: a profile over 1 MB without its metadata values
/// over 256 characters (neither found by them nor returned with them); sort and ranges on
/// normalised fields without regard to case; an unknown sort field sorts newest first.
#[tokio::test]
async fn search_results_trim_huge_profiles_and_sort_normalised_fields_without_case() {
    let long = "L".repeat(300);
    let user = |id: &str, name: &str, created: &str, blob: usize| {
        json!({
            "user_id": id, "email": format!("{}@example.com", id.trim_start_matches("auth0|")), "name": name,
            "created_at": created, "updated_at": created,
            "identities": [{"connection": "Username-Password-Authentication", "user_id": id.trim_start_matches("auth0|"), "provider": "auth0", "isSocial": false}],
            "user_metadata": {"long": long, "short": "kept", "blob": "b".repeat(blob), "list": [long, "item"]},
        })
    };
    let seed = json!([
        user("auth0|huge", "bob", "2024-01-01T00:00:00.000Z", 1_100_000),
        user("auth0|small", "Zed", "2024-03-01T00:00:00.000Z", 10),
        user("auth0|third", "carol", "2024-02-01T00:00:00.000Z", 10),
    ]);
    let emulator = start(EmulatorConfig::local(TOKEN), &seed.to_string()).await;
    let base = emulator.base_url();
    let (status, found) = search(&base, "user_metadata.short:kept").await;
    assert_eq!(status, 200);
    let huge = found
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["user_id"] == "auth0|huge")
        .unwrap();
    assert!(
        huge["user_metadata"].get("long").is_none(),
        "a long value of a huge profile is left out"
    );
    assert_eq!(huge["user_metadata"]["short"], "kept");
    assert_eq!(huge["user_metadata"]["list"], json!(["item"]));
    assert_eq!(
        huge["user_metadata"]["blob"].as_str().map(str::len),
        None,
        "the 1 MB string too"
    );
    let small = found
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["user_id"] == "auth0|small")
        .unwrap();
    assert_eq!(
        small["user_metadata"]["long"],
        json!(long),
        "smaller profiles come whole"
    );
    let (_, by_long) = search(&base, &format!("user_metadata.long:\"{long}\"")).await;
    assert_eq!(
        ids(&by_long),
        ["auth0|small", "auth0|third"],
        "the huge profile is not found by it"
    );
    // GET /users/{id} is not search: the profile is whole there.
    let (_, whole) = api(Method::GET, &base, "/api/v2/users/auth0%7Chuge", None).await;
    assert_eq!(whole["user_metadata"]["long"], json!(long));

    let order = |body: &Value| -> Vec<String> {
        body.as_array()
            .unwrap()
            .iter()
            .map(|u| u["name"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, sorted) = api(Method::GET, &base, "/api/v2/users?sort=name:1&fields=name", None).await;
    assert_eq!(order(&sorted), ["bob", "carol", "Zed"], "capitals do not sort first");
    let (_, range) = search(&base, "name:[a TO zz]").await;
    assert_eq!(
        ids(&range),
        ["auth0|huge", "auth0|small", "auth0|third"],
        "a range on a normalised field ignores case"
    );
    let (status, unknown) = api(Method::GET, &base, "/api/v2/users?sort=favourite:1&fields=name", None).await;
    assert_eq!(status, 200, "{unknown}");
    assert_eq!(order(&unknown), ["Zed", "carol", "bob"], "newest first");
}
