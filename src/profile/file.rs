//! The configuration file: named tenants and the defaults, in TOML. It never holds a
//! secret: a key that would (`client_secret`, `token`, …) makes the file refused.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic_write::write_atomically;

/// Keys that would hold a secret; the file is refused if any tenant has one.
const SECRET_KEYS: [&str; 5] = ["client_secret", "token", "api_token", "access_token", "secret"];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_tenant: Option<String>,
    /// `dark`, `light` or `high-contrast`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    #[serde(default)]
    pub tenants: BTreeMap<String, TenantProfile>,
}

/// Where a tenant's secret comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthMethod {
    /// The operating system's credential store, written by `tenants add`.
    #[default]
    Keyring,
    /// `token_command` or `client_secret_command`, run without a shell.
    Command,
    /// `AUTH0_API_TOKEN` / `AUTH0_CLIENT_SECRET`, as without a configuration file.
    Env,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantProfile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Where the secret comes from; `command` when a `*_command` is set, else `keyring`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthMethod>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret_command: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_command: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub production: bool,
    /// Another Management API base, such as an emulator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

fn is_false(value: &bool) -> bool {
    !value
}

impl TenantProfile {
    pub fn auth_method(&self) -> AuthMethod {
        self.auth.unwrap_or(
            if self.client_secret_command.is_some() || self.token_command.is_some() {
                AuthMethod::Command
            } else {
                AuthMethod::Keyring
            },
        )
    }
}

/// `AUTH0_META_CONFIG`, else `$XDG_CONFIG_HOME/auth0-meta/config.toml`, else
/// `~/.config/auth0-meta/config.toml`.
pub fn config_path(env: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let non_empty = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    non_empty("AUTH0_META_CONFIG")
        .or_else(|| non_empty("XDG_CONFIG_HOME").map(|d| d.join("auth0-meta/config.toml")))
        .or_else(|| non_empty("HOME").map(|d| d.join(".config/auth0-meta/config.toml")))
}

impl ConfigFile {
    /// A missing file is an empty configuration; a malformed one is an error that names
    /// the file and the line.
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        Self::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        refuse_secrets(text)?;
        let file: Self = toml::from_str(text).map_err(|e| e.message().to_string())?;
        if let Some(name) = file.default_tenant.as_ref().filter(|n| !file.tenants.contains_key(*n)) {
            return Err(format!("default_tenant = \"{name}\" names no [tenants.{name}] section"));
        }
        Ok(file)
    }

    /// Written atomically, readable by its owner only.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let text = toml::to_string_pretty(self).map_err(|e| e.to_string())?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        write_atomically(path, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}

/// Names the tenant and key of a secret in the file, never its value.
fn refuse_secrets(text: &str) -> Result<(), String> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Ok(()); // the typed parse reports the syntax error
    };
    let tenants = table.get("tenants").and_then(toml::Value::as_table);
    for (name, tenant) in tenants.into_iter().flatten() {
        let Some(tenant) = tenant.as_table() else { continue };
        if let Some(key) = SECRET_KEYS.iter().find(|k| tenant.contains_key(**k)) {
            return Err(format!(
                "[tenants.{name}] holds `{key}`: a secret is never kept in the configuration file. Remove it, then store it with `auth0-meta tenants add {name}` (the credential store), or name a command that prints it (`client_secret_command` / `token_command`), or set it in the environment"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenants_parse_with_their_guards_and_round_trip() {
        let text = r#"
default_tenant = "dev"
theme = "light"

[tenants.dev]
domain = "dev.eu.auth0.com"
client_id = "abc"

[tenants.prod]
domain = "prod.eu.auth0.com"
client_id = "def"
client_secret_command = "pass show auth0/prod"
read_only = true
production = true
"#;
        let file = ConfigFile::parse(text).unwrap();
        assert_eq!(file.default_tenant.as_deref(), Some("dev"));
        let prod = &file.tenants["prod"];
        assert!(prod.read_only && prod.production);
        assert_eq!(prod.auth_method(), AuthMethod::Command);
        assert_eq!(file.tenants["dev"].auth_method(), AuthMethod::Keyring);
        let again = ConfigFile::parse(&toml::to_string_pretty(&file).unwrap()).unwrap();
        assert_eq!(again, file);
    }

    #[test]
    fn a_secret_in_the_file_is_refused_without_repeating_it() {
        let text = "[tenants.prod]\ndomain = \"p\"\nclient_secret = \"hunter2\"\n";
        let err = ConfigFile::parse(text).unwrap_err();
        assert!(err.contains("[tenants.prod] holds `client_secret`"), "{err}");
        assert!(!err.contains("hunter2"));
    }

    #[test]
    fn mistakes_are_named() {
        let err = ConfigFile::parse("default_tenant = \"nope\"").unwrap_err();
        assert!(err.contains("names no [tenants.nope]"), "{err}");
        let err = ConfigFile::parse("[tenants.a]\ndomian = \"x\"").unwrap_err();
        assert!(err.contains("domian"), "{err}");
    }

    #[test]
    fn the_path_follows_xdg_and_the_override() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        assert_eq!(
            config_path(env(&[("HOME", "/h")])),
            Some(PathBuf::from("/h/.config/auth0-meta/config.toml"))
        );
        assert_eq!(
            config_path(env(&[("HOME", "/h"), ("XDG_CONFIG_HOME", "/x")])),
            Some(PathBuf::from("/x/auth0-meta/config.toml"))
        );
        assert_eq!(
            config_path(env(&[("XDG_CONFIG_HOME", "/x"), ("AUTH0_META_CONFIG", "/c.toml")])),
            Some(PathBuf::from("/c.toml"))
        );
    }
}
