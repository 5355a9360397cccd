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
