//! Which tenant to talk to and how to authenticate: flags first, then the environment
//! variables Auth0's own tools use (`AUTH0_DOMAIN`, `AUTH0_CLIENT_ID`, `AUTH0_CLIENT_SECRET`,
//! as auth0-cli, the Deploy CLI and the Terraform provider read them).

use crate::secret::{redact_urls, Secret};

/// What the command line said; every field may also come from the environment.
#[derive(Debug, Clone, Default)]
pub struct ConnectionFlags {
    pub base_url: Option<String>,
    pub domain: Option<String>,
    pub token: Option<Secret>,
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Credentials {
    /// A ready-made Management API token, used as is.
    Token(Secret),
    /// Exchanged for a token at `{base}/oauth/token`, cached and refreshed before it expires.
    ClientCredentials {
        client_id: String,
        client_secret: Secret,
        audience: String,
    },
}

/// A tenant to connect to.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// Where `/api/v2` and `/oauth/token` live, without a trailing slash.
    pub base_url: String,
    /// What the header shows: the domain, or the base URL.
    pub label: String,
    pub credentials: Credentials,
}

impl Target {
    /// The tenant's name in the journal and drafts: its domain, or the host of the base
    /// URL, with its port on a loopback address, where two emulators on other ports are
    /// two tenants whose drafts and journals must not mix.
    pub fn tenant(&self) -> String {
        if self.label != redact_urls(&self.base_url) {
            return self.label.clone();
        }
        tenant_of_url(&self.base_url)
    }
}

/// `http://user@127.0.0.1:4000/x` -> `127.0.0.1`; `https://[::1]:8443` -> `::1`.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(inner) = host_port.strip_prefix('[') {
        return inner.split(']').next().unwrap_or(inner).to_string();
    }
    host_port.split(':').next().unwrap_or(host_port).to_string()
}

/// The host of a base URL, as the journal names a tenant reached through one (with its
/// port on a loopback address).
pub fn host_of_url(url: &str) -> Option<String> {
    Some(tenant_of_url(url)).filter(|h| !h.is_empty())
}

/// `https://t.eu.auth0.com/` → `t.eu.auth0.com`; `http://127.0.0.1:4000` → `127.0.0.1:4000`.
fn tenant_of_url(url: &str) -> String {
    let host = host_of(url);
    let loopback = host == "localhost" || host == "::1" || host.starts_with("127.");
    match port_of(url) {
        Some(port) if loopback => format!("{host}:{port}"),
        _ => host,
    }
}

fn port_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let after_host = match host_port.strip_prefix('[') {
        Some(inner) => inner.split_once(']').map(|(_, rest)| rest)?,
        None => host_port,
    };
    after_host
        .rsplit_once(':')
        .map(|(_, port)| port)
        .filter(|p| !p.is_empty())
}

/// The tenant's journal name from flags and environment alone, without credentials:
/// what `history` and `revert --dry-run` use.
pub fn tenant_hint(flags: &ConnectionFlags, env: impl Fn(&str) -> Option<String>) -> Option<String> {
    let env = |name: &str| non_empty(env(name));
    if let Some(domain) = non_empty(flags.domain.clone()).or_else(|| env("AUTH0_DOMAIN")) {
        return Some(domain);
    }
    non_empty(flags.base_url.clone())
        .or_else(|| env("AUTH0_META_BASE_URL"))
        .map(|base| tenant_of_url(&base))
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("no tenant configured.\n\nSet AUTH0_DOMAIN (or pass --domain) and either AUTH0_API_TOKEN / AUTH0_ACCESS_TOKEN, or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET for the client-credentials grant.\nTo point at another Management API base (such as a local emulator), use --base-url or AUTH0_META_BASE_URL.\n\nTo try auth0-meta without a tenant: auth0-meta --demo")]
    NoTenant,
    #[error("no credentials for {0}.\n\nSet AUTH0_API_TOKEN (or AUTH0_ACCESS_TOKEN) to a Management API token, or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET for the client-credentials grant.")]
    NoCredentials(String),
    #[error("{0} is set but {1} is not: the client-credentials grant needs both")]
    HalfClientCredentials(&'static str, &'static str),
    #[error("{0} uses the scheme {1}: the Management API is reached over https (or http for a local emulator)")]
    Scheme(String, String),
    #[error("{0} has a query or a fragment (`?` or `#`): a base URL is a scheme, a host and at most a path, as https://tenant.eu.auth0.com")]
    QueryOrFragment(String),
    #[error("the {0} contains a line break or another control character, which cannot be sent in an HTTP header: copy it again without the line break")]
    ControlCharacters(&'static str),
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// Resolves flags over the environment `env` (a lookup, so tests need not touch the process's).
pub fn resolve(flags: &ConnectionFlags, env: impl Fn(&str) -> Option<String>) -> Result<Target, ConfigError> {
    let env = |name: &str| non_empty(env(name));
    let domain = non_empty(flags.domain.clone()).or_else(|| env("AUTH0_DOMAIN"));
    let base_override = non_empty(flags.base_url.clone()).or_else(|| env("AUTH0_META_BASE_URL"));
    let base_url = match (&base_override, &domain) {
        (Some(base), _) => with_scheme(base)?,
        (None, Some(domain)) => with_scheme(domain)?,
        (None, None) => return Err(ConfigError::NoTenant),
    };
    let label = redact_urls(&domain.clone().unwrap_or_else(|| base_url.clone()));
    let token = flags
        .token
        .clone()
        .or_else(|| env("AUTH0_API_TOKEN").map(Secret::new))
        .or_else(|| env("AUTH0_ACCESS_TOKEN").map(Secret::new));
    if let Some(token) = token {
        if token.has_control_chars() {
            return Err(ConfigError::ControlCharacters(
                "token (--token, AUTH0_API_TOKEN or AUTH0_ACCESS_TOKEN)",
            ));
        }
        return Ok(Target {
            base_url,
            label,
            credentials: Credentials::Token(token),
        });
    }
    let (client_id, client_secret) = client_credentials(flags, &env, &label)?;
    // The audience is the canonical tenant API even behind a custom domain:
    // https://auth0.com/docs/secure/tokens/access-tokens/management-api-access-tokens
    let audience = env("AUTH0_AUDIENCE").unwrap_or_else(|| match &domain {
        Some(domain) if base_override.is_none() => {
            format!("{base_url}/api/v2/", base_url = with_scheme(domain).unwrap_or_default())
        }
        _ => format!("{base_url}/api/v2/"),
    });
    Ok(Target {
        base_url,
        label,
        credentials: Credentials::ClientCredentials {
            client_id,
            client_secret,
            audience,
        },
    })
}

/// The client id and secret of the client-credentials grant, both or neither.
fn client_credentials(
    flags: &ConnectionFlags,
    env: &impl Fn(&str) -> Option<String>,
    label: &str,
) -> Result<(String, Secret), ConfigError> {
    let client_id = non_empty(flags.client_id.clone()).or_else(|| env("AUTH0_CLIENT_ID"));
    let client_secret = flags
        .client_secret
        .clone()
        .or_else(|| env("AUTH0_CLIENT_SECRET").map(Secret::new));
    Ok(match (client_id, client_secret) {
        (Some(_), Some(secret)) if secret.has_control_chars() => {
            return Err(ConfigError::ControlCharacters(
                "client secret (--client-secret or AUTH0_CLIENT_SECRET)",
            ))
        }
        (Some(id), Some(secret)) => (id, secret),
        (Some(_), None) => {
            return Err(ConfigError::HalfClientCredentials(
                "AUTH0_CLIENT_ID",
                "AUTH0_CLIENT_SECRET",
            ))
        }
        (None, Some(_)) => {
            return Err(ConfigError::HalfClientCredentials(
                "AUTH0_CLIENT_SECRET",
                "AUTH0_CLIENT_ID",
            ))
        }
        (None, None) => return Err(ConfigError::NoCredentials(label.to_string())),
    })
}

/// A bare domain means `https://DOMAIN`; an explicit http or https (http for an
/// emulator) is kept; any other scheme is refused.
fn with_scheme(address: &str) -> Result<String, ConfigError> {
    let trimmed = address.trim_end_matches('/');
    // Paths are appended to the base: a query or fragment would swallow them.
    if trimmed.contains(['?', '#']) {
        return Err(ConfigError::QueryOrFragment(redact_urls(trimmed)));
    }
    match trimmed.split_once("://") {
        Some(("http" | "https", _)) => Ok(trimmed.to_string()),
        Some((scheme, _)) => Err(ConfigError::Scheme(redact_urls(trimmed), scheme.to_string())),
        None => Ok(format!("https://{trimmed}")),
    }
}

#[cfg(test)]
mod tests;
