//! Tenants from the configuration file through the binary: choosing one, its secrets
//! (never in the file) and its guards, and `tenants add | list | use | remove | check`.

use crate::common;

use std::path::Path;
use std::process::Output;

use auth0_meta::emulator::{EmulatorConfig, DEMO_TENANT};
use common::cli::{run, text};
use common::*;
use serde_json::Value;

/// Two tenants: `demo` (the demo seed) and `small` (three users), both reached with a
/// token printed by a command, `small` read-only and production.
fn two_tenants(dir: &Path, demo: &str, small: &str) {
    let config = format!(
        r#"default_tenant = "demo"

[tenants.demo]
base_url = "{demo}"
token_command = "printf '{TOKEN}'"

[tenants.small]
base_url = "{small}"
token_command = "printf '{TOKEN}'"
read_only = true
production = true
"#
    );
    std::fs::write(dir.join("config.toml"), config).unwrap();
}

#[tokio::test]
async fn the_tenant_flag_or_variable_picks_the_tenant_and_its_guards() {
    let demo = demo_emulator().await;
    let small = start(EmulatorConfig::local(TOKEN), &many_users(3)).await;
    let dir = tempfile::tempdir().unwrap();
    two_tenants(dir.path(), &demo.base_url(), &small.base_url());
    let count = |out: &Output| text(&out.stdout).lines().last().unwrap_or_default().to_string();

    let by_default = run(dir.path(), &[], &["users", "list"]).await;
    assert!(by_default.status.success(), "{}", text(&by_default.stderr));
    assert_eq!(count(&by_default), "1-50 of 140 users");
    let by_flag = run(dir.path(), &[], &["users", "list", "--tenant", "small"]).await;
    assert_eq!(count(&by_flag), "3 of 3 users", "{}", text(&by_flag.stderr));
    let by_env = run(dir.path(), &[("AUTH0_META_TENANT", "small")], &["users", "list"]).await;
    assert_eq!(count(&by_env), "3 of 3 users");
    let flag_wins = run(
        dir.path(),
        &[("AUTH0_META_TENANT", "small")],
        &["--tenant", "demo", "users", "list"],
    )
    .await;
    assert_eq!(count(&flag_wins), "1-50 of 140 users");
    let env_beats_file = run(
        dir.path(),
        &[("AUTH0_META_BASE_URL", &small.base_url()), ("AUTH0_API_TOKEN", TOKEN)],
        &["users", "list"],
    )
    .await;
    assert_eq!(
        count(&env_beats_file),
        "3 of 3 users",
        "the default tenant stands aside"
    );

    let unknown = run(dir.path(), &[], &["--tenant", "staging", "users", "list"]).await;
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown.stderr).contains("no tenant named `staging`"),
        "{}",
        text(&unknown.stderr)
    );

    let id = "auth0|000000000000000000000001";
    let before = small.user_count();
    let refused = run(
        dir.path(),
        &[],
        &[
            "--tenant",
            "small",
            "metadata",
            "set",
            id,
            "user_metadata.x",
            "1",
            "--yes",
        ],
    )
    .await;
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    assert!(
        text(&refused.stderr).contains("small is read-only"),
        "{}",
        text(&refused.stderr)
    );
    let user = run(dir.path(), &[], &["--tenant", "small", "users", "get", id, "--json"]).await;
    let user: Value = serde_json::from_slice(&user.stdout).unwrap();
    assert!(user.get("user_metadata").is_none(), "nothing was sent: {user}");
    assert_eq!(small.user_count(), before);
    let flag = run(
        dir.path(),
        &[],
        &["--read-only", "metadata", "set", JANE, "user_metadata.x", "1", "--yes"],
    )
    .await;
    assert_eq!(flag.status.code(), Some(2), "--read-only refuses on any tenant");
    let preview = run(
        dir.path(),
        &[],
        &["--tenant", "small", "metadata", "set", id, "user_metadata.x", "1"],
    )
    .await;
    assert!(
        preview.status.success(),
        "a preview is not a write: {}",
        text(&preview.stderr)
    );
}

#[tokio::test]
async fn a_secret_is_never_written_to_the_file_and_tenants_are_managed() {
    let dir = tempfile::tempdir().unwrap();
    let refused = run(
        dir.path(),
        &[],
        &[
            "tenants",
            "add",
            "prod",
            "--tenant-domain",
            "p.auth0.com",
            "--tenant-client-id",
            "c",
            "--secret",
            "hunter2",
        ],
    )
    .await;
    assert_eq!(refused.status.code(), Some(2));
    assert!(!text(&refused.stderr).contains("hunter2"));
    assert!(!dir.path().join("config.toml").exists(), "nothing written");

    let no_secret = run(
        dir.path(),
        &[],
        &[
            "tenants",
            "add",
            "prod",
            "--tenant-domain",
            "p.auth0.com",
            "--tenant-client-id",
            "c",
        ],
    )
    .await;
    assert_eq!(no_secret.status.code(), Some(2), "no terminal and no secret: refused");
    assert!(
        text(&no_secret.stderr).contains("--secret-stdin"),
        "{}",
        text(&no_secret.stderr)
    );

    let added = run(
        dir.path(),
        &[],
        &[
            "tenants",
            "add",
            "prod",
            "--tenant-domain",
            "p.auth0.com",
            "--tenant-client-id",
            "c",
            "--client-secret-command",
            "pass show auth0/prod",
            "--production",
        ],
    )
    .await;
    assert!(added.status.success(), "{}", text(&added.stderr));
    let added = run(
        dir.path(),
        &[],
        &[
            "tenants",
            "add",
            "dev",
            "--tenant-domain",
            "d.auth0.com",
            "--env-secret",
        ],
    )
    .await;
    assert!(added.status.success(), "{}", text(&added.stderr));
    let file = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(
        file.contains("client_secret_command = \"pass show auth0/prod\""),
        "{file}"
    );
    assert!(
        file.contains("default_tenant = \"prod\""),
        "the first tenant is the default: {file}"
    );

    let used = run(dir.path(), &[], &["tenants", "use", "dev"]).await;
    assert!(used.status.success());
    let listed = text(&run(dir.path(), &[], &["tenants", "list"]).await.stdout);
    assert!(listed.contains("* dev") && listed.contains("  prod"), "{listed}");
    assert!(listed.contains("production"), "{listed}");
    let removed = run(dir.path(), &[], &["tenants", "remove", "prod"]).await;
    assert!(removed.status.success());
    let listed = text(&run(dir.path(), &[], &["tenants", "list"]).await.stdout);
    assert!(!listed.contains("prod"), "{listed}");

    std::fs::write(
        dir.path().join("config.toml"),
        "[tenants.x]\ndomain = \"x\"\ntoken = \"t0ps3cret\"\n",
    )
    .unwrap();
    let refused = run(dir.path(), &[], &["users", "list"]).await;
    assert_eq!(refused.status.code(), Some(2));
    let said = text(&refused.stderr);
    assert!(said.contains("holds `token`") && !said.contains("t0ps3cret"), "{said}");
}

#[tokio::test]
async fn check_reports_the_scopes_granted_against_those_needed() {
    let config = EmulatorConfig {
        client: Some(("m2m-client".into(), "m2m-secret".into())),
        ..EmulatorConfig::local(TOKEN)
    };
    let emulator = start(config, DEMO_TENANT).await;
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[tenants.dev]\nbase_url = \"{}\"\nclient_id = \"m2m-client\"\nclient_secret_command = \"printf m2m-secret\"\n",
        emulator.base_url()
    );
    std::fs::write(dir.path().join("config.toml"), config).unwrap();
    let checked = run(dir.path(), &[], &["tenants", "check", "dev"]).await;
    let said = text(&checked.stdout);
    assert!(checked.status.success(), "{said}{}", text(&checked.stderr));
    for scope in ["read:users", "update:users", "update:users_app_metadata"] {
        assert!(said.contains(&format!("✓ {scope}")), "{said}");
    }
    assert!(said.contains("140 users"), "{said}");
    assert!(!said.contains("m2m-secret"));
}
