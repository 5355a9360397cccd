//! Writes through the binary that must not surprise: replacing a whole object with a
//! value of another kind needs `--force`.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_auth0-meta");

#[test]
fn metadata_set_refuses_to_replace_an_object_with_a_scalar_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("tenant.json");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "--demo",
            "--demo-state",
            state.to_str().unwrap(),
            "metadata",
            "set",
            "auth0|fab36728a78beb7e0787c0de",
        ];
        args.extend_from_slice(extra);
        Command::new(BIN)
            .args(&args)
            .env_clear()
            .env("HOME", dir.path())
            .env("AUTH0_META_STATE_DIR", dir.path().join("state"))
            .output()
            .unwrap()
    };
    let refused = run(&["user_metadata.addresses.work", "gone", "--yes"]);
    let said = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{said}");
    assert!(
        said.contains("replaces an object of 2 keys with a string") && said.contains("--force"),
        "{said}"
    );
    // The README's example, as written, works on the demo tenant.
    let leaf = run(&["user_metadata.addresses.work.city", "Porto", "--yes"]);
    assert!(leaf.status.success(), "{}", String::from_utf8_lossy(&leaf.stderr));
    // The preview, then one line of outcome: the document is not printed twice.
    let out = String::from_utf8_lossy(&leaf.stdout);
    assert_eq!(
        out.matches("\"addresses\"").count(),
        2,
        "in the body and once after the update:\n{out}"
    );
    assert!(out.trim_end().lines().last().unwrap().starts_with("saved: "), "{out}");
    let forced = run(&["user_metadata.addresses.work", "gone", "--yes", "--force"]);
    assert!(forced.status.success(), "{}", String::from_utf8_lossy(&forced.stderr));
    assert!(String::from_utf8_lossy(&forced.stderr).contains("warning"));
}

/// `--json`: one document on standard output (nothing else there), with the outcome as
/// established, for a preview, a save and a refusal.
#[test]
fn metadata_set_json_prints_one_document_with_the_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("tenant.json");
    let run = |extra: &[&str]| {
        let mut args = vec!["--demo", "--demo-state", state.to_str().unwrap(), "metadata"];
        args.extend_from_slice(extra);
        let out = Command::new(BIN)
            .args(&args)
            .env_clear()
            .env("HOME", dir.path())
            .env("AUTH0_META_STATE_DIR", dir.path().join("state"))
            .output()
            .unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
        (out.status.code(), doc)
    };
    let user = "auth0|fab36728a78beb7e0787c0de";
    let (code, preview) = run(&["set", user, "user_metadata.addresses.work.city", "Porto", "--json"]);
    assert_eq!(code, Some(0));
    assert_eq!(preview["outcome"], "preview");
    assert_eq!(preview["request"]["method"], "PATCH");
    assert_eq!(preview["after"]["user_metadata"]["addresses"]["work"]["city"], "Porto");
    assert!(
        preview["request"]["body"]["user_metadata"]["addresses"]["home"].is_object(),
        "the root key whole"
    );
    let (code, saved) = run(&[
        "set",
        user,
        "user_metadata.addresses.work.city",
        "Porto",
        "--yes",
        "--json",
    ]);
    assert_eq!(code, Some(0), "{saved}");
    assert_eq!(saved["outcome"], "saved");
    assert_eq!(saved["written"], serde_json::json!(["user_metadata.addresses"]));
    assert!(
        saved["journal_entry"].is_string() && saved["updated_at"].is_string(),
        "{saved}"
    );
    let (_, again) = run(&[
        "set",
        user,
        "user_metadata.addresses.work.city",
        "Porto",
        "--yes",
        "--json",
    ]);
    assert_eq!(again["outcome"], "nothing_to_send");
    let (code, refused) = run(&["set", user, "app_metadata.blocked", "true", "--yes", "--json"]);
    assert_eq!(code, Some(1));
    assert_eq!(refused["outcome"], "blocked");
    assert!(
        refused["problems"][0]["message"].as_str().unwrap().contains("reserved"),
        "{refused}"
    );
    let (code, missing) = run(&["set", "auth0|nobody", "user_metadata.a", "1", "--yes", "--json"]);
    assert_eq!(
        (code, &missing["outcome"]),
        (Some(1), &serde_json::json!("error")),
        "{missing}"
    );
    assert!(
        missing["error"].as_str().unwrap().contains("does not exist"),
        "{missing}"
    );
    let (code, unset) = run(&["unset", user, "user_metadata.addresses", "--yes", "--json"]);
    assert_eq!(
        (code, &unset["outcome"]),
        (Some(0), &serde_json::json!("saved")),
        "{unset}"
    );
    assert_eq!(
        unset["request"]["body"]["user_metadata"]["addresses"],
        serde_json::Value::Null
    );
}
