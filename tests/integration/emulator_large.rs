//! A large profile is served from text kept between reads, and that text never outlives
//! a change: a read after a PATCH or a DELETE sees it.

use crate::common;

use auth0_meta::emulator::EmulatorConfig;
use common::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_large_user_read_after_a_change_is_the_changed_user() {
    let events: Vec<String> = (0..60_000).map(|i| format!("event number {i:06}")).collect();
    let seed = json!([{"user_id": "auth0|big", "email": "big@example.com", "user_metadata": {"tier": "gold", "events": events}}]);
    let emulator = start(EmulatorConfig::local(TOKEN), &seed.to_string()).await;
    let base = emulator.base_url();
    let path = "/api/v2/users/auth0%7Cbig";
    for _ in 0..2 {
        let (status, user) = api(Method::GET, &base, path, None).await;
        assert_eq!((status, &user["user_metadata"]["tier"]), (200, &json!("gold")));
        assert_eq!(user["user_metadata"]["events"].as_array().unwrap().len(), 60_000);
    }
    let change = json!({"user_metadata": {"tier": "silver"}});
    assert_eq!(api(Method::PATCH, &base, path, Some(change)).await.0, 200);
    let (_, user) = api(Method::GET, &base, path, None).await;
    assert_eq!(user["user_metadata"]["tier"], "silver", "not the text kept before");
    assert_eq!(api(Method::DELETE, &base, path, None).await.0, 204);
    assert_eq!(api(Method::GET, &base, path, None).await.0, 404);
}
