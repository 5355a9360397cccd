//! `GET /api/v2/connections` as recorded traffic shows it: totals, pages, checkpoints,
//! field selection, and filters (the issue on search and export, item 11).

use crate::common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn connections_page_by_number_or_checkpoint_with_totals_and_fields() {
    let emulator = demo_emulator().await;
    let base = emulator.base_url();
    let get = |query: &str| {
        let (base, path) = (base.clone(), format!("/api/v2/connections{query}"));
        async move { api(Method::GET, &base, &path, None).await }
    };
    let (status, all) = get("").await;
    assert_eq!(status, 200);
    let every = names(&all);
    assert!(
        every.len() >= 3 && every[0] == "Username-Password-Authentication",
        "{every:?}"
    );

    let (_, totals) = get("?include_totals=true&per_page=2&page=1").await;
    assert_eq!(totals["total"], json!(every.len()));
    assert_eq!((totals["start"].clone(), totals["limit"].clone()), (json!(2), json!(2)));
    assert_eq!(names(&totals["connections"]), every[2..4.min(every.len())]);

    let (_, plain) = get("?per_page=1&page=0").await;
    assert_eq!(names(&plain), every[..1]);

    // Checkpoints: `take`, then `from` the `next` each answer gives, until none.
    let mut walked = Vec::new();
    let mut query = "?take=2".to_string();
    loop {
        let (status, page) = get(&query).await;
        assert_eq!(status, 200, "{page}");
        walked.extend(names(&page["connections"]));
        match page["next"].as_str() {
            Some(next) => query = format!("?take=2&from={next}"),
            None => break,
        }
    }
    assert_eq!(walked, every, "every connection once, in order");

    let (_, picked) = get("?fields=name,strategy").await;
    let keys: Vec<&String> = picked[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["name", "strategy"]);
    let (_, without) = get("?fields=id&include_fields=false").await;
    assert!(without[0].get("id").is_none() && without[0].get("name").is_some());

    let (_, databases) = get("?strategy=auth0").await;
    assert_eq!(names(&databases), ["Username-Password-Authentication"]);
    let (_, named) = get("?name=Username-Password-Authentication").await;
    assert_eq!(names(&named), ["Username-Password-Authentication"]);
    let (status, _) = get("?colour=blue").await;
    assert_eq!(status, 400, "an unknown parameter is refused");
}
