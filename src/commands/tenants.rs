//! `auth0-meta tenants list | add | remove | use | check`.

use std::path::Path;

use super::prompt::{ask, ask_secret, is_interactive, secret_from_stdin};
use super::{Failure, Outcome};
use crate::api::{Client, ListQuery};
use crate::cli::tenants::AddTenant;
use crate::cli::{ConnectionArgs, TenantsCommand};
use crate::profile::secrets::{self, SecretKind};
use crate::profile::{self, select, AuthMethod, ConfigFile, TenantProfile};
use crate::secret::Secret;

/// The scopes the tool uses, and what their absence disables.
pub const NEEDED_SCOPES: [(&str, &str); 3] = [
    ("read:users", "nothing can be listed, searched or read"),
    ("update:users", "user_metadata cannot be changed (nor reverted)"),
    (
        "update:users_app_metadata",
        "app_metadata cannot be changed unless update:users is granted",
    ),
];

pub async fn run(command: TenantsCommand, connection: &ConnectionArgs) -> Outcome {
    let env = |name: &str| std::env::var(name).ok();
    let (path, mut file) = profile::load(&env).map_err(Failure::usage)?;
    let path = path.ok_or_else(|| Failure::usage("no configuration path: set AUTH0_META_CONFIG or HOME"))?;
    match command {
        TenantsCommand::List => list(&path, &file),
        TenantsCommand::Add(add) => {
            let name = add.name.clone();
            let profile = added(add, &mut file)?;
            file.tenants.insert(name.clone(), profile);
            file.save(&path).map_err(Failure::error)?;
            say!("added tenant {name} to {}", path.display());
            Ok(())
        }
        TenantsCommand::Remove { name } => {
            if file.tenants.remove(&name).is_none() {
                return Err(unknown(&name, &path));
            }
            if file.default_tenant.as_deref() == Some(name.as_str()) {
                file.default_tenant = None;
            }
            file.save(&path).map_err(Failure::error)?;
            for kind in [SecretKind::ClientSecret, SecretKind::Token] {
                if let Err(err) = secrets::keyring_delete(&name, kind) {
                    note!("note: the credential store was not cleaned: {err}");
                    break;
                }
            }
            say!("removed tenant {name}");
            Ok(())
        }
        TenantsCommand::Use { name } => {
            if !file.tenants.contains_key(&name) {
                return Err(unknown(&name, &path));
            }
            file.default_tenant = Some(name.clone());
            file.save(&path).map_err(Failure::error)?;
            say!("{name} is now the default tenant");
            Ok(())
        }
        TenantsCommand::Check { name } => check(&file, name.as_deref(), connection).await,
    }
}

fn unknown(name: &str, path: &Path) -> Failure {
    Failure::usage(format!(
        "no tenant named `{name}` in {}; `auth0-meta tenants list` shows them",
        path.display()
    ))
}

fn list(path: &Path, file: &ConfigFile) -> Outcome {
    if file.tenants.is_empty() {
        say!(
            "no tenants in {}: add one with `auth0-meta tenants add NAME`",
            path.display()
        );
        return Ok(());
    }
    for (name, tenant) in &file.tenants {
        let default = if file.default_tenant.as_deref() == Some(name) {
            "*"
        } else {
            " "
        };
        let address = tenant.domain.as_deref().or(tenant.base_url.as_deref()).unwrap_or("-");
        let mut marks = vec![auth_word(tenant)];
        if tenant.read_only {
            marks.push("read-only");
        }
        if tenant.production {
            marks.push("production");
        }
        say!("{default} {name:<16} {address:<40} {}", marks.join(", "));
    }
    Ok(())
}

fn auth_word(tenant: &TenantProfile) -> &'static str {
    match tenant.auth_method() {
        AuthMethod::Keyring => "credential store",
        AuthMethod::Command if tenant.token_command.is_some() => "token_command",
        AuthMethod::Command => "client_secret_command",
        AuthMethod::Env => "environment",
    }
}

/// The tenant `add` describes, its secret stored first: a tenant is not written to the
/// file with a secret that could not be kept.
/// Reads the tenant's secret (piped in, or typed) and keeps it in the credential store,
/// which must keep it: a store that cannot is reported, never trusted.
fn store_secret(tenant: &str, client: bool, stdin: bool, interactive: bool) -> Result<(), Failure> {
    let (kind, what) = if client {
        (SecretKind::ClientSecret, "client secret")
    } else {
        (SecretKind::Token, "Management API token")
    };
    let secret: Option<Secret> = if stdin {
        secret_from_stdin().map_err(|e| Failure::usage(e.to_string()))?
    } else if interactive {
        ask_secret(what).map_err(|e| Failure::usage(e.to_string()))?
    } else {
        return Err(Failure::usage(format!(
            "no {what} given: pipe it with --secret-stdin, or use --client-secret-command / --token-command, or --env-secret"
        )));
    };
    let secret = secret.ok_or_else(|| Failure::usage(format!("the {what} is empty")))?;
    secrets::keyring_set(tenant, kind, &secret).map_err(Failure::error)
}

fn added(add: AddTenant, file: &mut ConfigFile) -> Result<TenantProfile, Failure> {
    if add.secret.is_some() {
        return Err(Failure::usage(
            "a secret is never written to the configuration file: use --secret-stdin (the credential store), --client-secret-command, or --env-secret",
        ));
    }
    let interactive = is_interactive();
    let prompt = |given: Option<String>, question: &str| -> Result<Option<String>, Failure> {
        match given {
            Some(value) => Ok(Some(value)),
            None if interactive => ask(question).map_err(|e| Failure::usage(e.to_string())),
            None => Ok(None),
        }
    };
    let domain = match add.base_url {
        Some(_) => add.domain,
        None => prompt(add.domain, "tenant domain (example.eu.auth0.com)")?,
    };
    if domain.is_none() && add.base_url.is_none() {
        return Err(Failure::usage("a tenant needs --tenant-domain (or --tenant-base-url)"));
    }
    let uses_token = add.token_command.is_some();
    let client_id = match uses_token || add.env_secret {
        true => add.client_id,
        false => prompt(
            add.client_id,
            "client id of a machine-to-machine application (empty: a token instead)",
        )?,
    };
    let auth = if add.client_secret_command.is_some() || add.token_command.is_some() {
        AuthMethod::Command
    } else if add.env_secret {
        AuthMethod::Env
    } else {
        AuthMethod::Keyring
    };
    if auth == AuthMethod::Keyring {
        store_secret(&add.name, client_id.is_some(), add.secret_stdin, interactive)?;
    }
    if add.default || file.default_tenant.is_none() {
        file.default_tenant = Some(add.name.clone());
    }
    Ok(TenantProfile {
        domain,
        client_id,
        auth: Some(auth),
        client_secret_command: add.client_secret_command,
        token_command: add.token_command,
        read_only: add.read_only,
        production: add.production,
        base_url: add.base_url,
        command_timeout: None,
    })
}

/// Gets a token, reads one user, and compares the scopes granted with those needed.
async fn check(file: &ConfigFile, name: Option<&str>, connection: &ConnectionArgs) -> Outcome {
    let env = |var: &str| std::env::var(var).ok();
    let flags = connection.flags();
    let tenant = name.or(connection.tenant.as_deref());
    let chosen = select::choose(file, tenant, &flags, &env).map_err(Failure::usage)?;
    let target = select::resolve(chosen.as_ref(), &flags, &env).map_err(Failure::usage)?;
    let shown = chosen
        .as_ref()
        .map_or(target.label.clone(), |c| format!("{} ({})", c.name, target.label));
    say!("tenant {shown}");
    let client = Client::new(&target)?;
    let scopes = client.granted_scopes().await?;
    say!("  token       obtained");
    let query = ListQuery {
        per_page: 1,
        ..Default::default()
    };
    let read = client.list_users(&query).await;
    match &read {
        Ok(page) => tell!("  read users  ok ({} users)", page.total),
        Err(err) => tell!("  read users  FAILED: {err}"),
    }
    // A failed check fails the command, so scripts can rely on its status.
    let read = read.map_err(|err| Failure::error(format!("tenant {shown}: reading users failed: {err}")));
    let Some(scopes) = scopes else {
        say!("  scopes      not listed: the token is opaque (not a JWT), so only the calls above tell");
        return read.map(|_| ());
    };
    let mut missing = 0;
    for (scope, disables) in NEEDED_SCOPES {
        if scopes.iter().any(|s| s == scope) {
            say!("  ✓ {scope}");
        } else {
            missing += 1;
            say!("  ✗ {scope}  missing: {disables}");
        }
    }
    read?;
    if missing > 0 {
        return Err(Failure::error(format!(
            "{missing} scope(s) missing: grant them to the application in the Auth0 dashboard (Applications → APIs → Auth0 Management API → Machine to Machine Applications)"
        )));
    }
    Ok(())
}
