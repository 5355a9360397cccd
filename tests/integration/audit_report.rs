//! `auth0-meta audit` on a tenant written by hand, whose report is known: every finding
//! kind with its users, sample ids and query (the queries find exactly those users on
//! the emulator), the same report from a file, a search and the export, the JSON parsed
//! back, and `--users`.

use crate::common;

use auth0_meta::emulator::EmulatorConfig;
use common::cli::{auth0_meta, text};
use common::*;
use serde_json::{json, Value};

fn user(n: u32, user_metadata: Value, app_metadata: Value) -> Value {
    json!({
        "user_id": format!("auth0|audit{n:02}"),
        "email": format!("user{n}@example.com"),
        "created_at": "2024-01-01T00:00:00.000Z",
        "updated_at": "2024-01-01T00:00:00.000Z",
        "identities": [{"connection": "Username-Password-Authentication", "user_id": format!("audit{n:02}"), "provider": "auth0", "isSocial": false}],
        "user_metadata": user_metadata,
        "app_metadata": app_metadata,
    })
}

fn sessions(from: u32) -> Value {
    let keys: serde_json::Map<String, Value> = (from..from + 5)
        .map(|d| (format!("2024-05-{d:02}"), json!({"ip": "198.51.100.1"})))
        .collect();
    Value::Object(keys)
}

/// Seven users, each finding kind on known ones.
fn tenant() -> Vec<Value> {
    vec![
        user(
            1,
            json!({"age": 23, "prefs": {"theme": "dark"}}),
            json!({"plan": "pro"}),
        ),
        user(
            2,
            json!({"age": "23", "nickname": null}),
            json!({"plan": "free", "email": "billing@example.com"}),
        ),
        user(3, json!({"age": 40, "a.b": 1}), json!({"plan": "pro"})),
        user(4, json!({"age": 31, "sessions": sessions(1)}), json!({"plan": "pro"})),
        user(5, json!({"age": 52, "sessions": sessions(11)}), json!({"plan": "pro"})),
        user(6, json!({"blob": "x".repeat(12_000)}), json!({})),
        user(7, json!({"history": vec!["y".repeat(300); 3600]}), json!({})),
    ]
}

fn ndjson(users: &[Value]) -> String {
    users.iter().map(|u| format!("{u}\n")).collect()
}

fn audit_json(dir: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> Value {
    let mut all = vec!["audit", "--format", "json"];
    all.extend_from_slice(args);
    let out = auth0_meta(dir, env, &all);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn finding<'a>(report: &'a Value, kind: &str, path: &Value) -> &'a Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == kind && f["path"] == *path)
        .unwrap_or_else(|| panic!("no {kind} at {path} in {:#}", report["findings"]))
}

#[test]
fn every_kind_of_finding_on_a_tenant_written_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("users.ndjson");
    std::fs::write(&file, ndjson(&tenant())).unwrap();
    let report = audit_json(dir.path(), &[], &["--from", file.to_str().unwrap()]);
    assert_eq!(report["users"], 7);
    assert_eq!(report["limits"], json!({"cap": 10240, "allowance": 102400}));
    assert_eq!(
        (
            report["sizes"]["over_cap"].as_u64(),
            report["sizes"]["over_allowance"].as_u64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(report["sizes"]["largest"][0]["user_id"], "auth0|audit07");
    assert_eq!(
        report["sizes"]["largest"][0]["heaviest"][0]["path"],
        "user_metadata.history"
    );
    let expect = [
        (
            "over_cap",
            Value::Null,
            2,
            json!(["auth0|audit06", "auth0|audit07"]),
            Value::Null,
        ),
        ("over_allowance", Value::Null, 1, json!(["auth0|audit07"]), Value::Null),
        (
            "mixed_types",
            json!("user_metadata.age"),
            1,
            json!(["auth0|audit02"]),
            Value::Null,
        ),
        (
            "dynamic_keys",
            json!("user_metadata.sessions"),
            2,
            json!(["auth0|audit04", "auth0|audit05"]),
            json!("_exists_:user_metadata.sessions"),
        ),
        (
            "root_collision",
            json!("app_metadata.email"),
            1,
            json!(["auth0|audit02"]),
            json!("_exists_:app_metadata.email"),
        ),
        (
            "null_value",
            json!("user_metadata.nickname"),
            1,
            json!(["auth0|audit02"]),
            Value::Null,
        ),
        (
            "invalid_name",
            json!("user_metadata[\"a.b\"]"),
            1,
            json!(["auth0|audit03"]),
            Value::Null,
        ),
        // `email` is also one of the app_metadata names Auth0 reserves.
        (
            "invalid_name",
            json!("app_metadata.email"),
            1,
            json!(["auth0|audit02"]),
            Value::Null,
        ),
        (
            "unsearchable_value",
            json!("user_metadata.history[]"),
            1,
            json!(["auth0|audit07"]),
            Value::Null,
        ),
    ];
    for (kind, path, users, sample, query) in expect {
        let found = finding(&report, kind, &path);
        assert_eq!(found["path"], path, "{kind}");
        assert_eq!(found["users"], users, "{kind}");
        assert_eq!(found["sample"], sample, "{kind}");
        assert_eq!(found["query"], query, "{kind}");
    }
    assert_eq!(
        report["findings"].as_array().unwrap().len(),
        9,
        "{:#}",
        report["findings"]
    );
    let age = report["paths"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == "user_metadata.age")
        .unwrap();
    assert_eq!(age["users"], 5);
    assert_eq!(age["types"]["number"], 4);
    assert_eq!(age["types"]["string"], 1);
    assert!(report["paths"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["path"] == "user_metadata.sessions.*.ip"));
}

#[tokio::test]
async fn a_file_a_search_and_the_export_give_the_same_report_and_the_queries_find_the_users() {
    // Profiles under 1 MB: above it Auth0's search leaves long values out of its answers.
    let mut users = tenant();
    users[6] = user(7, json!({"history": vec!["y".repeat(300); 300]}), json!({}));
    let seed = serde_json::to_string(&users).unwrap();
    let emulator = start(EmulatorConfig::local(TOKEN), &seed).await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("users.ndjson");
    // The file as `users export` writes it from this tenant.
    let env = [("AUTH0_API_TOKEN", TOKEN)];
    let exported = common::cli::run(
        dir.path(),
        &env,
        &["users", "export", "--base-url", &base, "--out", file.to_str().unwrap()],
    )
    .await;
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    let from = file.to_str().unwrap().to_string();
    let reports = [
        vec!["--from", from.as_str()],
        vec!["--base-url", base.as_str(), "--query", "user_id:auth0*"],
        vec!["--base-url", base.as_str(), "--export"],
    ];
    let mut seen = Vec::new();
    for args in reports {
        let (dir, args) = (
            dir.path().to_path_buf(),
            args.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
        );
        let report = tokio::task::spawn_blocking(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            audit_json(&dir, &[("AUTH0_API_TOKEN", TOKEN)], &args)
        })
        .await
        .unwrap();
        seen.push(report);
    }
    assert_eq!(seen[0]["findings"], seen[1]["findings"], "file and search");
    assert_eq!(seen[0]["findings"], seen[2]["findings"], "file and export");
    assert_eq!(seen[0]["paths"], seen[2]["paths"]);
    assert_eq!(seen[0]["sizes"]["over_cap"], seen[1]["sizes"]["over_cap"]);
    for found in seen[0]["findings"].as_array().unwrap() {
        let Some(query) = found["query"].as_str() else { continue };
        let q = auth0_meta::api::encode_segment(query);
        let (status, hits) = api(reqwest::Method::GET, &base, &format!("/api/v2/users?q={q}"), None).await;
        assert_eq!(status, 200, "{query}");
        let mut ids: Vec<&str> = hits
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["user_id"].as_str().unwrap())
            .collect();
        ids.sort();
        assert_eq!(json!(ids), found["sample"], "{query} finds exactly the finding's users");
    }
}

#[test]
fn users_of_a_finding_one_json_object_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("users.ndjson");
    std::fs::write(&file, ndjson(&tenant())).unwrap();
    let out = auth0_meta(
        dir.path(),
        &[],
        &[
            "audit",
            "--from",
            file.to_str().unwrap(),
            "--users",
            "mixed_types",
            "--path",
            "user_metadata.age",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["user_id"], "auth0|audit02");
    assert_eq!(lines[0]["email"], "user2@example.com");
    assert_eq!(lines[0]["paths"], json!(["user_metadata.age"]));
    assert!(lines[0]["bytes"].as_u64().unwrap() > 100);
    let out = auth0_meta(
        dir.path(),
        &[],
        &["audit", "--from", file.to_str().unwrap(), "--users", "over_cap"],
    );
    let ids: Vec<String> = text(&out.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["user_id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["auth0|audit06", "auth0|audit07"]);
}

#[test]
fn a_file_without_metadata_is_said_not_reported_clean() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("users.ndjson");
    let bare: Vec<Value> = (0..3)
        .map(|n| json!({"user_id": format!("auth0|{n}"), "email": "a@b.c"}))
        .collect();
    std::fs::write(&file, ndjson(&bare)).unwrap();
    let out = auth0_meta(dir.path(), &[], &["audit", "--from", file.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(
        text(&out.stderr).contains("without naming them"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn redact_replaces_examples_and_emails_by_their_shape() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("users.ndjson.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, ndjson(&tenant()).as_bytes()).unwrap();
    std::fs::write(&file, gz.finish().unwrap()).unwrap();
    let report = audit_json(dir.path(), &[], &["--from", file.to_str().unwrap(), "--redact"]);
    assert_eq!(report["users"], 7, "gzip is read");
    let text = report.to_string();
    assert!(!text.contains("dark") && !text.contains("user7@example.com"), "{text}");
    assert!(text.contains("<string, 4 chars>") && text.contains("u***@example.com"));
}

#[test]
fn audits_merged_from_several_workers_report_what_one_does() {
    use auth0_meta::audit::{Audit, Options, Parallel};
    let mut users = tenant();
    // More users than the census sees in one worker, with dynamic keys spread out.
    for n in 10..60 {
        users.push(user(
            n,
            json!({"age": n, "sessions": sessions(n % 20 + 1), "tags": [n]}),
            json!({"plan": "pro"}),
        ));
    }
    let mut one = Audit::new(Options::default());
    let mut parallel = Parallel::start(Options::default(), 3);
    for user in &users {
        let line = user.to_string();
        one.add_line(line.as_bytes());
        parallel.feed(format!("{line}\n").into_bytes());
    }
    let (one, merged) = (one.finish(None), parallel.finish().unwrap().finish(None));
    let strip = |report: &auth0_meta::audit::Report| {
        let mut value = serde_json::to_value(report).unwrap();
        for found in value["findings"].as_array_mut().unwrap() {
            let mut sample: Vec<Value> = found["sample"].as_array().unwrap().clone();
            sample.sort_by_key(|v| v.to_string());
            found["sample"] = json!(sample.len()); // which five differs with the order read
        }
        for path in value["paths"].as_array_mut().unwrap() {
            path["examples"] = json!(path["examples"].as_array().unwrap().len());
        }
        value
    };
    assert_eq!(strip(&one), strip(&merged));
}

#[tokio::test]
async fn the_synthetic_tenant_shows_each_finding_at_its_known_rate() {
    let config = EmulatorConfig {
        synthetic_users: 10_000,
        ..EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, "[]").await;
    let (dir, base) = (tempfile::tempdir().unwrap(), emulator.base_url());
    let report = tokio::task::spawn_blocking(move || {
        audit_json(
            dir.path(),
            &[("AUTH0_API_TOKEN", TOKEN)],
            &["--base-url", &base, "--export"],
        )
    })
    .await
    .unwrap();
    assert_eq!(report["users"], 10_000);
    let count = |kind: &str, path: Value| finding(&report, kind, &path)["users"].as_u64().unwrap();
    assert_eq!(count("mixed_types", json!("user_metadata.score")), 1_000, "10%");
    assert_eq!(count("dynamic_keys", json!("user_metadata.sessions")), 500, "5%");
    assert_eq!(count("null_value", json!("user_metadata.nickname")), 400, "4%");
    assert_eq!(count("root_collision", json!("app_metadata.email")), 200, "2%");
    assert_eq!(
        count("over_cap", Value::Null),
        11,
        "0.1%, and the one over the allowance"
    );
    assert_eq!(count("over_allowance", Value::Null), 1);
}
