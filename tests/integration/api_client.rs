//! The client against the emulator over real HTTP on 127.0.0.1:0: every users route,
//! paging, search, id encoding, merging and validation.

use crate::common;

use auth0_meta::api::{ApiError, ListQuery};
use auth0_meta::emulator::EmulatorConfig;
use common::*;
use serde_json::json;

fn refusal(err: &ApiError) -> (u16, Option<&str>, &str) {
    match err {
        ApiError::Api(r) => (r.status, r.code.as_deref(), r.message.as_str()),
        other => panic!("expected an API refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn lists_pages_with_totals_and_only_the_fields_asked_for() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let query = ListQuery {
        per_page: 50,
        page: 2,
        fields: vec!["email"],
        ..Default::default()
    };
    let page = client.list_users(&query).await.unwrap();
    assert_eq!(
        (page.start, page.limit, page.total, page.users.len()),
        (100, 50, 140, 40)
    );
    let keys: Vec<&String> = page.users[0].0.keys().collect();
    assert!(keys.iter().all(|k| *k == "email" || *k == "user_id"), "{keys:?}");
    assert!(
        page.users.iter().all(|u| !u.id().is_empty()),
        "user_id is always requested"
    );
}

#[tokio::test]
async fn searches_with_lucene_and_sorts() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let q = |q: &str| ListQuery {
        q: Some(q.into()),
        per_page: 100,
        ..Default::default()
    };
    let jane = client.list_users(&q("email:\"JANE.DOE@example.com\"")).await.unwrap();
    assert_eq!(jane.users.len(), 1, "email matches regardless of case");
    let hobby = client.list_users(&q("user_metadata.hobby:surfing")).await.unwrap();
    assert_eq!(hobby.users[0].id(), JANE);
    let case = client.list_users(&q("user_metadata.hobby:Surfing")).await.unwrap();
    assert_eq!(case.total, 0, "metadata is case-sensitive");
    let google = client
        .list_users(&q(
            "identities.connection:\"google-oauth2\" AND NOT _exists_:user_metadata",
        ))
        .await
        .unwrap();
    assert!(google
        .users
        .iter()
        .all(|u| u.connections() == ["google-oauth2"] && !u.0.contains_key("user_metadata")));
    let range = client.list_users(&q("logins_count:[100 TO *]")).await.unwrap();
    assert!(range.total > 0 && range.users.iter().all(|u| u.logins_count().unwrap() >= 100));
    let sorted = ListQuery {
        sort: Some("email:-1".into()),
        per_page: 5,
        ..Default::default()
    };
    let users = client.list_users(&sorted).await.unwrap().users;
    let emails: Vec<&str> = users.iter().filter_map(|u| u.str("email")).collect();
    let mut expected = emails.clone();
    expected.sort_by(|a, b| b.cmp(a));
    assert_eq!(emails, expected);
}

#[tokio::test]
async fn an_unparseable_query_is_a_400_that_says_where() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let err = client
        .list_users(&ListQuery {
            q: Some("email:(a".into()),
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap_err();
    let (status, _, message) = refusal(&err);
    assert_eq!(status, 400);
    assert!(message.contains("position"), "{message}");
}

#[tokio::test]
async fn the_1000_result_window_is_enforced() {
    let emulator = start(EmulatorConfig::local(TOKEN), &many_users(1100)).await;
    let (client, _) = client(&emulator);
    let last = client
        .list_users(&ListQuery {
            page: 19,
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!((last.users.len(), last.total), (50, 1100));
    let err = client
        .list_users(&ListQuery {
            page: 20,
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(refusal(&err).1, Some("invalid_paging"));
    let err = client
        .list_users(&ListQuery {
            per_page: 101,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(refusal(&err).2.contains("greater than maximum 100"));
}

#[tokio::test]
async fn gets_and_patches_ids_with_pipes_and_slashes() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let saml = client
        .list_users(&ListQuery {
            q: Some("identities.connection:acme-saml".into()),
            per_page: 1,
            ..Default::default()
        })
        .await
        .unwrap()
        .users
        .remove(0);
    assert!(saml.id().contains('/') && saml.id().contains('|'));
    let fetched = client.get_user(saml.id()).await.unwrap();
    assert_eq!(fetched.id(), saml.id());
    let patched = client
        .patch_user(saml.id(), &json!({"app_metadata": {"tier": "gold"}}))
        .await
        .unwrap();
    assert_eq!(patched.0["app_metadata"]["tier"], "gold");
    assert!(patched.str("updated_at").unwrap() > saml.str("updated_at").unwrap());
}

#[tokio::test]
async fn patch_merges_at_the_root_and_reports_validation_errors() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let user = client
        .patch_user(JANE, &json!({"user_metadata": {"hobby": null, "x": {"y": 1}}}))
        .await
        .unwrap();
    assert_eq!(user.0["user_metadata"], json!({"x": {"y": 1}}));
    let stamp = user.str("updated_at").unwrap();
    assert!(stamp.len() == 24 && stamp.ends_with('Z'), "{stamp}");

    let err = client
        .patch_user(JANE, &json!({"user_metadata": {"a": {"b.c": 1}}}))
        .await
        .unwrap_err();
    let (status, code, message) = refusal(&err);
    assert_eq!((status, code), (400, Some("invalid_body")));
    assert!(message.starts_with("Fields with \".\" are not allowed"));
    let err = client
        .patch_user(JANE, &json!({"app_metadata": {"blocked": true}}))
        .await
        .unwrap_err();
    assert_eq!(refusal(&err).0, 400);
    let err = client
        .patch_user(JANE, &json!({"user_metadata": null}))
        .await
        .unwrap_err();
    assert!(refusal(&err).2.contains("Expected type object but found type null"));
    let big = "x".repeat(1024 * 1024);
    let err = client
        .patch_user(JANE, &json!({"user_metadata": {"big": big}}))
        .await
        .unwrap_err();
    assert_eq!(refusal(&err).0, 413);
}

#[tokio::test]
async fn clearing_metadata_reads_back_as_auth0_does() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let user = client
        .patch_user(JANE, &json!({"user_metadata": {}, "app_metadata": {}}))
        .await
        .unwrap();
    assert_eq!(user.0.get("user_metadata"), Some(&json!({})));
    assert_eq!(user.0.get("app_metadata"), None);
}

#[tokio::test]
async fn creates_deletes_and_finds_by_email() {
    let emulator = demo_emulator().await;
    let (client, _) = client(&emulator);
    let created = client
        .create_user(&json!({"connection": "Username-Password-Authentication", "email": "New@Example.com", "password": "pw-123456"}))
        .await
        .unwrap();
    let id = created.id().to_string();
    let hex = id.strip_prefix("auth0|").unwrap();
    assert!(hex.len() == 24 && hex.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    assert!(!created.0.contains_key("password"));
    let found = client.users_by_email("NEW@example.com").await.unwrap();
    assert_eq!(found.len(), 1);

    let err = client
        .create_user(&json!({"connection": "Username-Password-Authentication", "email": "new@example.com", "password": "pw-654321"}))
        .await
        .unwrap_err();
    assert_eq!(refusal(&err).0, 409);
    let err = client
        .create_user(&json!({"email": "x@example.com"}))
        .await
        .unwrap_err();
    assert!(refusal(&err).2.contains("connection"));

    client.delete_user(&id).await.unwrap();
    let err = client.get_user(&id).await.unwrap_err();
    assert_eq!(
        refusal(&err),
        (404, Some("inexistent_user"), "The user does not exist.")
    );
}
