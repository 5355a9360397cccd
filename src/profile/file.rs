//! The configuration file: named tenants and the defaults, in TOML. It never holds a
//! secret: a key that would (`client_secret`, `token`, …) makes the file refused.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

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

/// A tenant of the file chosen for this run, with its name.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    pub name: String,
    pub profile: TenantProfile,
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
    /// Seconds a `*_command` may take before it is stopped (30 when not set): a password
    /// manager waiting for a passphrase nobody types must not hang the tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command_timeout: Option<u64>,
}

fn is_false(value: &bool) -> bool {
    !value
}

impl AuthMethod {
    /// How the file spells it.
    pub fn name(self) -> &'static str {
        match self {
            AuthMethod::Keyring => "keyring",
            AuthMethod::Command => "command",
            AuthMethod::Env => "env",
        }
    }
}

/// How long a `*_command` may run when the tenant does not say.
pub const COMMAND_TIMEOUT_SECS: u64 = 30;

impl TenantProfile {
    pub fn command_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.command_timeout.unwrap_or(COMMAND_TIMEOUT_SECS))
    }

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
        let file: Self = toml::from_str(text).map_err(|e| parse_error(text, &e))?;
        if let Some(name) = file.default_tenant.as_ref().filter(|n| !file.tenants.contains_key(*n)) {
            return Err(format!("default_tenant = \"{name}\" names no [tenants.{name}] section"));
        }
        Ok(file)
    }
}

/// Names where a secret-named key is (at any depth: `[tenants] client_secret = …` one
/// level too high is refused too), never its value.
fn refuse_secrets(text: &str) -> Result<(), String> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Ok(()); // the typed parse reports the syntax error
    };
    match secret_at(&table, "") {
        Some(at) => {
            let (section, key) = at.rsplit_once('.').unwrap_or(("", at.as_str()));
            let tenant = section.strip_prefix("tenants.").unwrap_or("NAME");
            let place = if section.is_empty() {
                "the file".to_string()
            } else {
                format!("[{section}]")
            };
            Err(format!(
                "{place} holds `{key}`: a secret is never kept in the configuration file. Remove it, then store it with `auth0-meta tenants add {tenant}` (the credential store), or name a command that prints it (`client_secret_command` / `token_command`), or set it in the environment"
            ))
        }
        None => Ok(()),
    }
}

/// The dotted path of the first secret-named key in `table`, at any depth.
fn secret_at(table: &toml::Table, prefix: &str) -> Option<String> {
    for (key, item) in table {
        let at = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        if SECRET_KEYS.contains(&key.as_str()) {
            return Some(at);
        }
        if let Some(inner) = item.as_table() {
            if let Some(found) = secret_at(inner, &at) {
                return Some(found);
            }
        }
    }
    None
}

/// The parser's complaint with its line, and with every quoted value taken out: a value
/// typed in the wrong place may be a secret, and an error is shown and logged.
fn parse_error(text: &str, err: &toml::de::Error) -> String {
    let mut message = String::new();
    for (i, part) in err.message().split('"').enumerate() {
        match i % 2 {
            0 => message.push_str(part),
            _ => message.push_str("\"…\""),
        }
    }
    let message = message.trim().to_string();
    match err.span() {
        Some(span) => format!(
            "line {}: {message}",
            text[..span.start.min(text.len())].matches('\n').count() + 1
        ),
        None => message,
    }
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
    fn a_secret_at_any_depth_is_refused_and_no_parser_message_quotes_a_value() {
        let err = ConfigFile::parse("[tenants]\nclient_secret = \"hunter2\"\n").unwrap_err();
        assert!(err.contains("[tenants] holds `client_secret`"), "{err}");
        assert!(!err.contains("hunter2"));
        let err = ConfigFile::parse("token = \"hunter2\"\n").unwrap_err();
        assert!(
            err.contains("the file holds `token`") && !err.contains("hunter2"),
            "{err}"
        );
        let err = ConfigFile::parse("[tenants.a.nested]\nsecret = \"hunter2\"\n").unwrap_err();
        assert!(
            err.contains("[tenants.a.nested] holds `secret`") && !err.contains("hunter2"),
            "{err}"
        );
        let err = ConfigFile::parse("[tenants.a]\nread_only = \"hunter2\"\n").unwrap_err();
        assert!(!err.contains("hunter2") && err.starts_with("line 2"), "{err}");
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
