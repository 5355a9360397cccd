//! The emulator under hostile input: deep or huge queries, overflowing page numbers,
//! oversized bodies and a state file that cannot be written. It answers each in Auth0's
//! error shape and keeps serving; a 500 never hides a change it kept.

use crate::common;

use auth0_meta::emulator::EmulatorConfig;
use auth0_meta::lucene::parse;
use common::*;
use serde_json::{json, Value};

async fn get(base: &str, query: &[(&str, &str)]) -> (u16, Value, String) {
    let response = auth0_meta::api::http_builder()
        .build()
        .unwrap()
        .get(format!("{base}/api/v2/users"))
        .bearer_auth(TOKEN)
        .query(query)
        .send()
        .await
        .unwrap();
    answer(response).await
}

async fn answer(response: reqwest::Response) -> (u16, Value, String) {
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body: Value = serde_json::from_slice(&response.bytes().await.unwrap())
        .unwrap_or_else(|e| panic!("status {status}: the body is not JSON: {e}"));
    (status, body, kind)
}

fn auth0_shaped(status: u16, body: &Value) {
    assert_eq!(body["statusCode"], status, "{body}");
    assert!(body["error"].is_string(), "{body}");
    assert!(body["message"].is_string(), "{body}");
}

#[tokio::test]
async fn deep_nesting_is_refused_with_a_reason_and_the_emulator_keeps_serving() {
    let emulator = demo_emulator().await;
    let base = emulator.base_url();
    let parens = format!("{}a{}", "(".repeat(1800), ")".repeat(1800));
    for (query, reason) in [
        (parens, "nest more than 32 levels"),
        ("-".repeat(5000) + "a", "a second modifier"),
        ("NOT ".repeat(2000) + "a", "the operator NOT"),
    ] {
        let (status, body, kind) = get(&base, &[("q", &query), ("search_engine", "v3")]).await;
        assert_eq!(status, 400, "{body}");
        auth0_shaped(400, &body);
        assert!(body["message"].as_str().unwrap().contains(reason), "{body}");
        assert!(kind.starts_with("application/json"));
    }
    let (status, _, _) = get(&base, &[("q", "email:jane*")]).await;
    assert_eq!(status, 200, "still serving");
}

#[tokio::test]
async fn an_over_long_query_string_gets_414() {
    let emulator = demo_emulator().await;
    let terms = vec!["a"; 15_000].join(" ");
    let unclosed = "(".repeat(20_000);
    for query in [terms, unclosed] {
        let (status, body, _) = get(&emulator.base_url(), &[("q", &query)]).await;
        assert_eq!(status, 414, "{body}");
        auth0_shaped(414, &body);
    }
}

#[test]
fn the_parser_and_matcher_stay_flat_on_long_chains() {
    let user = json!({"email": "x@example.com"}).as_object().cloned().unwrap();
    let many = vec!["email:nobody"; 15_000].join(" ");
    assert!(!parse(&many).unwrap().matches(&user));
    let anded = vec!["email:x*"; 15_000].join(" AND ");
    assert!(parse(&anded).unwrap().matches(&user));
    assert!(parse(&"(".repeat(20_000)).is_err());
    assert!(parse(&"NOT ".repeat(40)).is_err());
    assert!(
        parse(&format!("{}email:x*{}", "(".repeat(32), ")".repeat(32))).is_ok(),
        "32 levels are fine"
    );
}

#[tokio::test]
async fn a_page_number_that_would_overflow_is_invalid_paging() {
    let emulator = demo_emulator().await;
    let (status, body, _) = get(
        &emulator.base_url(),
        &[
            ("page", "288230376151711744"),
            ("per_page", "64"),
            ("include_totals", "true"),
        ],
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["errorCode"], "invalid_paging");
}

#[tokio::test]
async fn q_without_search_engine_is_v3() {
    let emulator = demo_emulator().await;
    let (status, body, _) = get(
        &emulator.base_url(),
        &[("q", "email:*@example.com"), ("include_totals", "true")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["total"].as_u64().unwrap() > 0);
    let (status, _, _) = get(&emulator.base_url(), &[("q", "email:a*"), ("search_engine", "v1")]).await;
    assert_eq!(status, 400, "v1 is not available");
}

#[tokio::test]
async fn a_body_over_the_transport_limit_still_gets_auth0s_error_shape() {
    let emulator = demo_emulator().await;
    let body = format!("{{\"user_metadata\":{{\"a\":\"{}\"}}}}", "x".repeat(20 * 1024 * 1024));
    let response = auth0_meta::api::http_builder()
        .build()
        .unwrap()
        .patch(format!(
            "{}/api/v2/users/{}",
            emulator.base_url(),
            JANE.replace('|', "%7C")
        ))
        .bearer_auth(TOKEN)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let (status, body, kind) = answer(response).await;
    assert_eq!(status, 413, "{body}");
    auth0_shaped(413, &body);
    assert!(kind.starts_with("application/json"));
}

#[tokio::test]
async fn a_write_that_cannot_be_saved_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let state_dir = dir.path().join("state");
    std::fs::create_dir(&state_dir).unwrap();
    let state_file = state_dir.join("tenant.json");
    // A temporary file a killed emulator left behind (pid 1 is never ours... nor dead:
    // use a pid that cannot exist).
    let stale = state_dir.join(".tenant.json.4194999.0.tmp");
    std::fs::write(&stale, b"half").unwrap();
    let config = EmulatorConfig {
        state_file: Some(state_file.clone()),
        ..EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, auth0_meta::emulator::DEMO_TENANT).await;
    assert!(!stale.exists(), "left-over temporary files are removed at start");
    let (client, _) = client(&emulator);
    let before = client.get_user(JANE).await.unwrap();
    std::fs::remove_dir_all(&state_dir).unwrap(); // saving now fails, even for root
    let err = client
        .patch_user(JANE, &json!({"user_metadata": {"hobby": "chess"}}))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500), "{err}");
    let after = client.get_user(JANE).await.unwrap();
    assert_eq!(after.metadata_pair(), before.metadata_pair(), "the 500 kept nothing");
    assert_eq!(after.str("updated_at"), before.str("updated_at"));
}

#[tokio::test]
async fn forms_auth0_does_not_support_get_400_and_nested_paths_work() {
    let emulator = demo_emulator().await;
    let (status, body, _) = get(&emulator.base_url(), &[("q", "user_metadata.hobby:surf*")]).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["message"].as_str().unwrap().contains("wildcards"));
    let (status, body, _) = get(
        &emulator.base_url(),
        &[("q", "email.domain:example.com"), ("include_totals", "true")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["total"].as_u64().unwrap() > 0);
    let (_, body, _) = get(
        &emulator.base_url(),
        &[("q", "user_metadata.addresses.home.city:*"), ("include_totals", "true")],
    )
    .await;
    assert_eq!(body["statusCode"], 400, "a wildcard on user_metadata, even nested");
}
