//! Bulk changes, the dry run: each operation's per-user patch (the root key resent whole,
//! `null` for a removed root key), the counts and reasons on a tenant where they are
//! known, the same from the tenant and from an export file offline, and the refusals.

use crate::common;

use auth0_meta::bulk::{plan, Operation, Planned};
use auth0_meta::domain::User;
use auth0_meta::emulator::EmulatorConfig;
use common::*;
use serde_json::{json, Value};

fn user(n: u32, user_metadata: Value, app_metadata: Value) -> Value {
    json!({
        "user_id": format!("auth0|bulk{n:02}"), "email": format!("bulk{n}@example.com"),
        "created_at": "2024-01-01T00:00:00.000Z", "updated_at": "2024-01-01T00:00:00.000Z",
        "identities": [{"connection": "Username-Password-Authentication", "user_id": format!("bulk{n:02}"), "provider": "auth0", "isSocial": false}],
        "user_metadata": user_metadata, "app_metadata": app_metadata,
    })
}

/// Six users: `age` as a string that converts, a number, a word, an object, missing.
fn tenant() -> Vec<Value> {
    vec![
        user(
            1,
            json!({"age": "23", "prefs": {"theme": "light", "lang": "en"}}),
            json!({"plan": "pro"}),
        ),
        user(2, json!({"age": 30, "plan": "free"}), json!({})),
        user(3, json!({"age": "abc"}), json!({"plan": "pro"})),
        user(4, json!({"age": {"years": 4}}), json!({"plan": "pro"})),
        user(5, json!({"nick": "x"}), json!({"plan": "team"})),
        user(6, json!({"age": "41", "legacy": [1, 2]}), json!({"plan": "pro"})),
    ]
}

fn body(operation: &Operation, user: &Value) -> Option<Value> {
    match plan(operation, &User(user.as_object().unwrap().clone())) {
        Planned::Send(preview) => preview.body_json(),
        _ => None,
    }
}

fn path(text: &str) -> auth0_meta::domain::FieldPath {
    auth0_meta::bulk::bulk_path(text).unwrap()
}

#[test]
fn each_operation_sends_its_root_key_whole_and_null_for_a_removed_one() {
    let users = tenant();
    let set = Operation::Set {
        path: path("user_metadata.prefs.theme"),
        value: json!("dark"),
        force: false,
    };
    assert_eq!(
        body(&set, &users[0]),
        Some(json!({"user_metadata": {"prefs": {"theme": "dark", "lang": "en"}}})),
        "the whole root key, its other keys kept"
    );
    let unset = Operation::Unset {
        path: path("user_metadata.legacy"),
    };
    assert_eq!(
        body(&unset, &users[5]),
        Some(json!({"user_metadata": {"legacy": null}}))
    );
    let moved = Operation::Move {
        from: path("user_metadata.plan"),
        to: path("app_metadata.plan"),
        force: false,
    };
    assert_eq!(
        body(&moved, &users[1]),
        Some(json!({"user_metadata": {"plan": null}, "app_metadata": {"plan": "free"}}))
    );
    let after = user(2, json!({"age": 30}), json!({"plan": "free"}));
    assert!(
        matches!(
            plan(&moved, &User(after.as_object().unwrap().clone())),
            Planned::Already
        ),
        "a move applied twice loses nothing"
    );
    let neither = user(7, json!({}), json!({}));
    let blocked = plan(&moved, &User(neither.as_object().unwrap().clone()));
    assert!(matches!(
        blocked,
        Planned::Skip {
            reason: "path_missing",
            ..
        }
    ));
    let over = Operation::Set {
        path: path("user_metadata.prefs"),
        value: json!("x"),
        force: false,
    };
    assert!(matches!(
        plan(&over, &User(users[0].as_object().unwrap().clone())),
        Planned::Skip {
            reason: "replaces_container",
            ..
        }
    ));
    let forced = Operation::Set {
        path: path("user_metadata.prefs"),
        value: json!("x"),
        force: true,
    };
    assert_eq!(body(&forced, &users[0]), Some(json!({"user_metadata": {"prefs": "x"}})));
    assert!(auth0_meta::bulk::bulk_path("user_metadata.devices[0].name")
        .unwrap_err()
        .contains("refuse paths into arrays"));
}

async fn dry_run_json(dir: &std::path::Path, args: &[&str]) -> Value {
    let out = common::cli::run(dir, &[("AUTH0_API_TOKEN", TOKEN)], args).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dry_run_counts_what_would_change_and_why_the_rest_is_skipped() {
    let emulator = start(EmulatorConfig::local(TOKEN), &serde_json::to_string(&tenant()).unwrap()).await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let retype = ["bulk", "retype", "user_metadata.age", "number", "--json"];
    let mut args = vec!["--base-url", base.as_str()];
    args.extend(retype);
    args.extend(["--query", "user_id:auth0|bulk*"]);
    let report = dry_run_json(dir.path(), &args).await;
    assert_eq!(report["users"], 6);
    assert_eq!(report["would_change"], 2, "\"23\" and \"41\": {report}");
    assert_eq!(report["already"], 1);
    assert_eq!(report["skipped"], json!({"not_convertible": 2, "path_missing": 1}));
    assert_eq!(
        report["size"],
        json!({"under_cap": 6, "over_cap": 0, "over_allowance": 0})
    );
    assert_eq!(
        report["warnings"],
        json!([{"warning": "replaces a string with a number at user_metadata.age", "users": 2}])
    );
    assert_eq!(
        report["samples"][0]["request"]["body"],
        json!({"user_metadata": {"age": 23}})
    );

    // The same from an export file, offline (no tenant, no credentials), and by ids.
    let file = dir.path().join("users.ndjson");
    let lines: String = tenant().iter().map(|u| format!("{u}\n")).collect();
    std::fs::write(&file, lines).unwrap();
    let mut offline = retype.to_vec();
    offline.extend(["--from", file.to_str().unwrap(), "--offline"]);
    let out = common::cli::run(dir.path(), &[], &offline).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let from_file: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(from_file, report);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("offline: computed from"),
        "the file's age is said"
    );
    let ids = dir.path().join("ids.txt");
    std::fs::write(&ids, "auth0|bulk01\nauth0|bulk03\n\nauth0|gone\n").unwrap();
    let mut by_ids = vec!["--base-url", base.as_str()];
    by_ids.extend(retype);
    by_ids.extend(["--ids", ids.to_str().unwrap()]);
    let report = dry_run_json(dir.path(), &by_ids).await;
    assert_eq!(
        (report["would_change"].clone(), report["skipped"].clone()),
        (json!(1), json!({"not_convertible": 1, "not_found": 1}))
    );

    let real = [
        "--base-url",
        base.as_str(),
        "bulk",
        "unset",
        "user_metadata.devices[0]",
        "--query",
        "x:y",
        "--yes",
    ];
    let out = common::cli::run(dir.path(), &[("AUTH0_API_TOKEN", TOKEN)], &real).await;
    assert_eq!(out.status.code(), Some(2));
}

/// A move onto a key the user holds needs `--force`; a move into itself is refused.
#[test]
fn a_move_onto_a_held_key_needs_force_and_never_goes_into_itself() {
    use auth0_meta::bulk::parse_operation;
    let words = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
    let held = user(9, json!({"plan": "pro"}), json!({"plan": "free"}));
    let held = User(held.as_object().unwrap().clone());
    let moved = parse_operation("move", &words("user_metadata.plan", "app_metadata.plan"), false).unwrap();
    assert!(matches!(
        plan(&moved, &held),
        Planned::Skip {
            reason: "target_exists",
            ..
        }
    ));
    let forced = parse_operation("move", &words("user_metadata.plan", "app_metadata.plan"), true).unwrap();
    match plan(&forced, &held) {
        Planned::Send(preview) => assert_eq!(
            preview.body_json(),
            Some(json!({"user_metadata": {"plan": null}, "app_metadata": {"plan": "pro"}}))
        ),
        _ => panic!("--force moves it over"),
    }
    for (from, to) in [
        ("user_metadata.a", "user_metadata.a"),
        ("user_metadata.a", "user_metadata.a.b"),
    ] {
        let refused = parse_operation("move", &words(from, to), false).unwrap_err();
        assert!(refused.contains("must lie outside"), "{from} -> {to}: {refused}");
    }
    for (from, to) in [
        ("user_metadata.a", "app_metadata.a.b"),
        ("user_metadata.a", "user_metadata.ab"),
        ("user_metadata.a.b", "user_metadata.a"),
    ] {
        assert!(
            parse_operation("move", &words(from, to), false).is_ok(),
            "{from} -> {to}"
        );
    }
    let already = parse_operation("retype", &words("user_metadata.age", "number"), false).unwrap();
    let numeric = User(user(9, json!({"age": 4}), json!({})).as_object().unwrap().clone());
    assert!(matches!(plan(&already, &numeric), Planned::Already));
}
