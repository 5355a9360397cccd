//! The tenants' file and guards through the binary: a failed check fails, the file is
//! edited in place (comments, links, mode), and a read-only tenant is guarded however
//! it is named.

use crate::common;

use auth0_meta::emulator::{EmulatorConfig, DEMO_TENANT};
use common::cli::{run, text};
use common::*;

#[tokio::test]
async fn a_failed_check_exits_non_zero() {
    let emulator = start(EmulatorConfig::local(TOKEN), DEMO_TENANT).await;
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[tenants.dev]\nbase_url = \"{}\"\ntoken_command = \"printf refused-opaque-token\"\n",
        emulator.base_url()
    );
    std::fs::write(dir.path().join("config.toml"), config).unwrap();
    let checked = run(dir.path(), &[], &["tenants", "check", "dev"]).await;
    let said = text(&checked.stdout);
    assert!(said.contains("FAILED"), "{said}");
    assert_eq!(checked.status.code(), Some(1), "{said}{}", text(&checked.stderr));
    assert!(!said.contains("refused-opaque-token"));
}

#[tokio::test]
async fn tenants_commands_edit_the_file_in_place_through_its_link_and_keep_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("dotfiles-config.toml");
    let original = "# my tenants, by hand\ndefault_tenant = \"a\" # the usual one\n\n[tenants.a]\n# staging\ndomain = \"a.eu.auth0.com\"\ntoken_command = \"printf x\"\n\n[tenants.b]\ndomain = \"b.eu.auth0.com\" # keep me\ntoken_command = \"printf y\"\n";
    std::fs::write(&real, original).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::os::unix::fs::symlink(&real, dir.path().join("config.toml")).unwrap();

    let used = run(dir.path(), &[], &["tenants", "use", "b"]).await;
    assert!(used.status.success(), "{}", text(&used.stderr));
    let added = run(
        dir.path(),
        &[],
        &[
            "tenants",
            "add",
            "c",
            "--tenant-domain",
            "c.eu.auth0.com",
            "--token-command",
            "printf z",
        ],
    )
    .await;
    assert!(added.status.success(), "{}", text(&added.stderr));
    let removed = run(dir.path(), &[], &["tenants", "remove", "a"]).await;
    assert!(removed.status.success(), "{}", text(&removed.stderr));

    let link = std::fs::symlink_metadata(dir.path().join("config.toml")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
    let now = std::fs::read_to_string(&real).unwrap();
    assert!(now.starts_with("# my tenants, by hand\n"), "{now}");
    assert!(now.contains("default_tenant = \"b\""), "{now}");
    assert!(now.contains("domain = \"b.eu.auth0.com\" # keep me"), "{now}");
    assert!(now.contains("[tenants.c]") && !now.contains("[tenants.a]"), "{now}");
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the mode is kept");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(run(dir.path(), &[], &["tenants", "use", "c"]).await.status.success());
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a readable-by-all file is tightened, never loosened");
}

#[tokio::test]
async fn a_read_only_tenant_is_guarded_however_it_is_named() {
    let emulator = start(EmulatorConfig::local(TOKEN), DEMO_TENANT).await;
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[tenants.prod]\nbase_url = \"{}/\"\ntoken_command = \"printf {TOKEN}\"\nread_only = true\n",
        emulator.base_url()
    );
    std::fs::write(dir.path().join("config.toml"), config).unwrap();
    let base = emulator.base_url();
    let write = [
        "--base-url",
        &base,
        "metadata",
        "set",
        JANE,
        "user_metadata.hobby",
        "chess",
        "--yes",
    ];
    let refused = run(dir.path(), &[("AUTH0_API_TOKEN", TOKEN)], &write).await;
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    let refused = run(
        dir.path(),
        &[("AUTH0_API_TOKEN", TOKEN), ("AUTH0_META_BASE_URL", &base)],
        &write[2..],
    )
    .await;
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    let (client, _) = client(&emulator);
    let hobby = client.get_user(JANE).await.unwrap().metadata_pair().user_metadata["hobby"].clone();
    assert_eq!(hobby, "surfing", "nothing was sent");
}
