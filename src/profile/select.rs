//! Which tenant a run talks to, and with what. Precedence, highest first: flags, the
//! environment, the chosen tenant (`--tenant` / `AUTH0_META_TENANT`), the default
//! tenant. The default tenant applies only when neither flags nor environment name a
//! domain or base URL, so its guards never attach to another tenant.

use std::collections::HashMap;

use super::file::{AuthMethod, Chosen, ConfigFile};
pub use super::guards::Guards;
use super::secrets::{self, SecretKind};
use crate::config::{self, ConnectionFlags, Target};

/// The configured tenant this run uses, if any.
pub fn choose(
    file: &ConfigFile,
    tenant_flag: Option<&str>,
    flags: &ConnectionFlags,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<Option<Chosen>, String> {
    let set = |name: &str| env(name).is_some_and(|v| !v.trim().is_empty());
    let explicit = tenant_flag
        .map(String::from)
        .or_else(|| env("AUTH0_META_TENANT"))
        .filter(|n| !n.trim().is_empty());
    let named_elsewhere =
        flags.domain.is_some() || flags.base_url.is_some() || set("AUTH0_DOMAIN") || set("AUTH0_META_BASE_URL");
    let name = match explicit {
        Some(name) => name,
        None if named_elsewhere => return Ok(None),
        None => match &file.default_tenant {
            Some(name) => name.clone(),
            None => return Ok(None),
        },
    };
    match file.tenants.get(&name) {
        Some(profile) => Ok(Some(Chosen {
            name,
            profile: profile.clone(),
        })),
        None => {
            let known: Vec<&str> = file.tenants.keys().map(String::as_str).collect();
            Err(format!(
                "no tenant named `{name}` in the configuration (known: {}). `auth0-meta tenants list` shows them; `auth0-meta tenants add {name}` adds it",
                if known.is_empty() { "none".to_string() } else { known.join(", ") }
            ))
        }
    }
}

/// The target: flags over the environment over the chosen tenant, whose secret is
/// fetched only when neither flags nor environment give one.
pub fn resolve(
    chosen: Option<&Chosen>,
    flags: &ConnectionFlags,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<Target, String> {
    let layer = match chosen {
        Some(chosen) => layer(chosen, flags, env)?,
        None => HashMap::new(),
    };
    let lookup = |name: &str| {
        env(name)
            .filter(|v| !v.trim().is_empty())
            .or_else(|| layer.get(name).cloned())
    };
    config::resolve(flags, lookup).map_err(|e| e.to_string())
}

/// The chosen tenant's settings under the names the environment would use.
fn layer(
    chosen: &Chosen,
    flags: &ConnectionFlags,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<HashMap<&'static str, String>, String> {
    let (name, profile) = (&chosen.name, &chosen.profile);
    let mut layer = HashMap::new();
    for (var, value) in [
        ("AUTH0_DOMAIN", &profile.domain),
        ("AUTH0_META_BASE_URL", &profile.base_url),
        ("AUTH0_CLIENT_ID", &profile.client_id),
    ] {
        if let Some(value) = value {
            layer.insert(var, value.clone());
        }
    }
    let given = |var: &str| env(var).is_some_and(|v| !v.trim().is_empty());
    let has_token = flags.token.is_some() || given("AUTH0_API_TOKEN") || given("AUTH0_ACCESS_TOKEN");
    let has_secret = flags.client_secret.is_some() || given("AUTH0_CLIENT_SECRET");
    if has_token || has_secret {
        return Ok(layer);
    }
    let method = profile.auth_method();
    let token = match (method, &profile.token_command) {
        (AuthMethod::Command, Some(command)) => Some(secrets::run_command(
            name,
            "token_command",
            command,
            profile.command_timeout(),
        )?),
        (AuthMethod::Keyring, _) => secrets::keyring_get(name, SecretKind::Token)?,
        _ => None,
    };
    if let Some(token) = token {
        layer.insert("AUTH0_API_TOKEN", token.expose().to_string());
        return Ok(layer);
    }
    let secret = match (method, &profile.client_secret_command) {
        (AuthMethod::Command, Some(command)) => Some(secrets::run_command(
            name,
            "client_secret_command",
            command,
            profile.command_timeout(),
        )?),
        (AuthMethod::Keyring, _) => secrets::keyring_get(name, SecretKind::ClientSecret)?,
        _ => None,
    };
    match (secret, method) {
        (Some(secret), _) => {
            layer.insert("AUTH0_CLIENT_SECRET", secret.expose().to_string());
        }
        (None, AuthMethod::Keyring) => {
            return Err(format!(
                "the credential store holds no secret for tenant `{name}`: run `auth0-meta tenants add {name}` to store it, or set AUTH0_CLIENT_SECRET (or AUTH0_API_TOKEN)"
            ))
        }
        (None, AuthMethod::Command) => {
            return Err(format!(
                "[tenants.{name}] has auth = \"command\" but neither token_command nor client_secret_command"
            ))
        }
        (None, AuthMethod::Env) => {}
    }
    Ok(layer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Credentials;

    fn file() -> ConfigFile {
        ConfigFile::parse(
            r#"
default_tenant = "dev"
[tenants.dev]
domain = "dev.auth0.com"
token_command = "echo dev-token"
[tenants.prod]
domain = "prod.auth0.com"
client_id = "prod-client"
client_secret_command = "echo prod-secret"
production = true
read_only = true
"#,
        )
        .unwrap()
    }

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    fn pick(tenant: Option<&str>, flags: &ConnectionFlags, env: &impl Fn(&str) -> Option<String>) -> Option<String> {
        choose(&file(), tenant, flags, env).unwrap().map(|c| c.name)
    }

    #[test]
    fn the_flag_beats_the_environment_which_beats_the_default() {
        let none = ConnectionFlags::default();
        assert_eq!(pick(None, &none, &env(&[])).as_deref(), Some("dev"));
        let e = env(&[("AUTH0_META_TENANT", "prod")]);
        assert_eq!(pick(None, &none, &e).as_deref(), Some("prod"));
        assert_eq!(pick(Some("dev"), &none, &e).as_deref(), Some("dev"));
        let err = choose(&file(), Some("stage"), &none, &env(&[])).unwrap_err();
        assert!(
            err.contains("no tenant named `stage`") && err.contains("dev, prod"),
            "{err}"
        );
    }

    #[test]
    fn a_domain_from_flags_or_environment_sets_the_default_tenant_aside() {
        let e = env(&[("AUTH0_DOMAIN", "other.auth0.com")]);
        assert_eq!(pick(None, &ConnectionFlags::default(), &e), None);
        let flags = ConnectionFlags {
            base_url: Some("http://127.0.0.1:9".into()),
            ..Default::default()
        };
        assert_eq!(pick(None, &flags, &env(&[])), None);
    }

    #[test]
    fn secrets_come_from_the_tenants_command_unless_given() {
        let none = ConnectionFlags::default();
        let chosen = choose(&file(), Some("prod"), &none, &env(&[])).unwrap();
        let target = resolve(chosen.as_ref(), &none, &env(&[])).unwrap();
        assert_eq!(target.base_url, "https://prod.auth0.com");
        let Credentials::ClientCredentials {
            client_id,
            client_secret,
            ..
        } = &target.credentials
        else {
            panic!("client credentials expected")
        };
        assert_eq!(
            (client_id.as_str(), client_secret.expose()),
            ("prod-client", "prod-secret")
        );
        let target = resolve(chosen.as_ref(), &none, &env(&[("AUTH0_API_TOKEN", "env-token")])).unwrap();
        assert_eq!(
            target.credentials,
            Credentials::Token(crate::secret::Secret::new("env-token"))
        );
        let dev = choose(&file(), None, &none, &env(&[])).unwrap();
        let target = resolve(dev.as_ref(), &none, &env(&[])).unwrap();
        assert_eq!(
            target.credentials,
            Credentials::Token(crate::secret::Secret::new("dev-token"))
        );
    }

    #[test]
    fn guards_follow_the_tenant_however_it_is_named() {
        let file = ConfigFile::parse(
            "[tenants.prod]\ndomain = \"prod.example\"\nread_only = true\nproduction = true\n\n[tenants.emu]\nbase_url = \"http://127.0.0.1:4000/\"\nread_only = true\n",
        )
        .unwrap();
        let target = |base: &str| Target {
            base_url: base.into(),
            label: base.into(),
            credentials: crate::config::Credentials::Token(crate::secret::Secret::new("t")),
        };
        let prod = Guards::for_target(&file, None, &target("https://PROD.example/"), false);
        assert!(prod.read_only && prod.production, "{prod:?}");
        assert_eq!(prod.name.as_deref(), Some("prod"));
        assert!(Guards::for_target(&file, None, &target("http://127.0.0.1:4000"), false).read_only);
        let other = Guards::for_target(&file, None, &target("https://dev.example"), false);
        assert!(!other.read_only && !other.production);
    }

    #[test]
    fn guards_follow_the_tenant_and_the_flag() {
        let chosen = choose(&file(), Some("prod"), &ConnectionFlags::default(), &env(&[])).unwrap();
        let guards = Guards::of(chosen.as_ref(), false);
        assert_eq!((guards.read_only, guards.production), (true, true));
        assert!(Guards::of(None, true).read_only);
        assert!(!Guards::of(None, false).production);
    }
}
