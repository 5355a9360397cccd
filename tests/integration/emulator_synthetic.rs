//! Generated users (`--synthetic-users`) are users like any other: listed, counted,
//! searched, read by id and email, changed and deleted, and exported once each.

use crate::common;

use auth0_meta::emulator::{EmulatorConfig, DEMO_TENANT};
use common::*;
use serde_json::{json, Value};

const SEED: usize = 140;
const GENERATED: u64 = 5_000;
const SYNTH_7: &str = "auth0|synth0000000000000000007";

async fn get(base: &str, path: &str) -> Value {
    let (status, body) = api(reqwest::Method::GET, base, path, None).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

async fn tenant() -> auth0_meta::emulator::Emulator {
    let config = EmulatorConfig {
        synthetic_users: GENERATED,
        ..EmulatorConfig::local(TOKEN)
    };
    start(config, DEMO_TENANT).await
}

fn ids(users: &Value) -> Vec<&str> {
    users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["user_id"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn generated_users_are_listed_counted_and_paged_after_the_seed() {
    let emulator = tenant().await;
    let base = emulator.base_url();
    let page = get(&base, "/api/v2/users?include_totals=true&per_page=100&page=1").await;
    assert_eq!(page["total"], json!(SEED as u64 + GENERATED));
    let listed = ids(&page["users"]);
    assert_eq!(listed.len(), 100);
    assert_eq!(
        listed[40], "auth0|synth0000000000000000000",
        "seed first, then generated"
    );
    let last = get(&base, "/api/v2/users?per_page=100&page=9").await;
    assert_eq!(ids(&last)[99], "auth0|synth0000000000000000859");
    let (status, _) = api(reqwest::Method::GET, &base, "/api/v2/users?per_page=100&page=10", None).await;
    assert_eq!(status, 400, "the 1000-result window holds for generated users too");
}

#[tokio::test]
async fn generated_users_are_searched_and_sorted_like_stored_ones() {
    let emulator = tenant().await;
    let base = emulator.base_url();
    let found = get(
        &base,
        "/api/v2/users?include_totals=true&q=email:%22synth4321%40example.com%22",
    )
    .await;
    assert_eq!(found["total"], json!(1));
    assert_eq!(ids(&found["users"]), ["auth0|synth0000000000000004321"]);
    let enterprise = get(
        &base,
        "/api/v2/users?include_totals=true&per_page=5&q=app_metadata.plan:enterprise%20AND%20name:Synthetic*",
    )
    .await;
    assert_eq!(enterprise["total"], json!(GENERATED / 4), "every fourth generated user");
    let most_logins = get(&base, "/api/v2/users?per_page=3&sort=logins_count:-1&q=name:Synthetic*").await;
    let counts: Vec<u64> = most_logins
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["logins_count"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [499, 499, 499]);
    assert_eq!(
        ids(&most_logins)[0],
        "auth0|synth0000000000000000499",
        "ties keep the store's order"
    );
}

#[tokio::test]
async fn a_generated_user_is_read_changed_and_deleted_by_id() {
    let emulator = tenant().await;
    let base = emulator.base_url();
    let user = get(&base, &format!("/api/v2/users/{SYNTH_7}")).await;
    assert_eq!(user["email"], "synth7@example.com");
    let by_email = get(&base, "/api/v2/users-by-email?email=synth7%40example.com").await;
    assert_eq!(ids(&by_email), [SYNTH_7]);

    let path = format!("/api/v2/users/{SYNTH_7}");
    let patch = json!({"user_metadata": {"score": 1000}});
    let (status, changed) = api(reqwest::Method::PATCH, &base, &path, Some(patch)).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["user_metadata"]["score"], 1000);
    assert_eq!(
        get(&base, &path).await["user_metadata"]["score"],
        1000,
        "the change is kept"
    );
    let all = get(&base, "/api/v2/users?include_totals=true&q=user_metadata.score:1000").await;
    assert_eq!(ids(&all["users"]), [SYNTH_7], "listed once, changed");
    let total = get(&base, "/api/v2/users?include_totals=true").await["total"].clone();
    assert_eq!(
        total,
        json!(SEED as u64 + GENERATED),
        "changing a user does not add one"
    );

    let (status, _) = api(reqwest::Method::DELETE, &base, &path, None).await;
    assert_eq!(status, 204);
    let (status, _) = api(reqwest::Method::GET, &base, &path, None).await;
    assert_eq!(status, 404);
    let total = get(&base, "/api/v2/users?include_totals=true").await["total"].clone();
    assert_eq!(total, json!(SEED as u64 + GENERATED - 1));
    let (status, _) = api(
        reqwest::Method::GET,
        &base,
        "/api/v2/users/auth0|synth0000000000000005000",
        None,
    )
    .await;
    assert_eq!(status, 404, "past the generated count");
}

#[tokio::test]
async fn a_generated_email_cannot_be_created_twice() {
    let emulator = tenant().await;
    let base = emulator.base_url();
    let body = json!({"connection": "Username-Password-Authentication", "email": "synth12@example.com", "password": "Str0ng!Passw0rd"});
    let (status, answer) = api(reqwest::Method::POST, &base, "/api/v2/users", Some(body)).await;
    assert_eq!(status, 409, "{answer}");
}
