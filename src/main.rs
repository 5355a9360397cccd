//! The `auth0-meta` binary: parse the command line, build what it names, run it.

use std::process::ExitCode;
use std::sync::Arc;

use auth0_meta::api::Client;
use auth0_meta::cli::{Cli, Command};
use auth0_meta::commands::{self, Failure};
use auth0_meta::config::{self, Credentials, Target};
use auth0_meta::emulator::{Emulator, EmulatorConfig, DEMO_TENANT};
use auth0_meta::random::random_hex;
use auth0_meta::secret::Secret;
use auth0_meta::storage::Storage;
use auth0_meta::tui;
use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("auth0-meta: {}", failure.message);
            ExitCode::from(failure.code as u8)
        }
    }
}

async fn run(cli: Cli) -> commands::Outcome {
    if let Some(Command::Emulator(args)) = cli.command {
        return commands::run_emulator(args).await;
    }
    if let Some(outcome) = run_journal_only(&cli) {
        return outcome;
    }
    if cli.demo {
        let (emulator, target) = start_demo(&cli).await?;
        let client = Client::new(&target)?;
        let result = match cli.command {
            Some(command) => run_command(&client, storage("demo").as_ref(), command).await,
            None => run_tui(client, emulator.base_url(), "demo", true).await,
        };
        drop(emulator);
        return result;
    }
    let target = config::resolve(&cli.connection.flags(), |name| std::env::var(name).ok())
        .map_err(|e| Failure::usage(e.to_string()))?;
    let client = Client::new(&target)?;
    let tenant = target.tenant();
    match cli.command {
        Some(command) => run_command(&client, storage(&tenant).as_ref(), command).await,
        None => run_tui(client, target.label, &tenant, false).await,
    }
}

/// `history` and `revert --dry-run` read the journal alone: no credentials, no server.
/// The tenant is `--tenant`, `demo` with `--demo`, or the configured domain (or base URL
/// host); with none of these, every tenant.
fn run_journal_only(cli: &Cli) -> Option<commands::Outcome> {
    let scope = match &cli.command {
        Some(Command::History { scope, .. }) => scope,
        Some(Command::Revert {
            scope, dry_run: true, ..
        }) => scope,
        _ => return None,
    };
    let hint = scope
        .tenant
        .clone()
        .or_else(|| cli.demo.then(|| "demo".to_string()))
        .or_else(|| config::tenant_hint(&cli.connection.flags(), |name| std::env::var(name).ok()));
    let all_tenants = scope.all_tenants || hint.is_none();
    let Some(storage) = storage(&hint.unwrap_or_default()) else {
        return Some(Err(Failure::usage(
            "no state directory: set AUTH0_META_STATE_DIR or HOME",
        )));
    };
    let scope = commands::Scope {
        storage: &storage,
        all_tenants,
    };
    Some(match &cli.command {
        Some(Command::History { user_id, json, .. }) => commands::run_history(&scope, user_id.as_deref(), *json),
        Some(Command::Revert { entry_id, .. }) => commands::run_revert_dry_run(&scope, entry_id),
        _ => Ok(()),
    })
}

/// Drafts and the journal of `tenant`: the domain, or `demo`.
fn storage(tenant: &str) -> Option<Storage> {
    Storage::locate(tenant, |name| std::env::var(name).ok())
}

async fn run_command(client: &Client, located: Option<&Storage>, command: Command) -> commands::Outcome {
    match command {
        Command::Users(users) => commands::run_users(client, users).await,
        Command::Metadata(metadata) => commands::run_metadata(client, located, metadata).await,
        Command::Revert {
            entry_id,
            yes,
            force,
            scope,
            ..
        } => {
            let named = scope.tenant.as_deref().and_then(storage);
            let Some(storage) = named.as_ref().or(located) else {
                return Err(Failure::usage("no state directory: set AUTH0_META_STATE_DIR or HOME"));
            };
            let scope = commands::Scope {
                storage,
                all_tenants: scope.all_tenants,
            };
            commands::run_revert(client, &scope, &entry_id, yes, force).await
        }
        // Answered from the journal alone, before any client is made.
        Command::History { .. } => Ok(()),
        Command::Emulator(_) => Ok(()),
    }
}

/// `tenant` names the tenant's drafts and journal entries: the domain, or `demo`.
async fn run_tui(client: Client, label: String, tenant: &str, demo: bool) -> commands::Outcome {
    tui::run(Arc::new(client), label, demo, storage(tenant))
        .await
        .map_err(|e| Failure::error(format!("terminal error: {e}")))
}

/// The emulator on a free loopback port, seeded with the demo tenant, with a token
/// generated for this run only.
async fn start_demo(cli: &Cli) -> Result<(Emulator, Target), Failure> {
    let token = format!("demo_{}", random_hex(32));
    let config = EmulatorConfig {
        state_file: cli.demo_state.clone(),
        ..EmulatorConfig::local(token.clone())
    };
    let emulator = Emulator::start(config, DEMO_TENANT)
        .await
        .map_err(|e| Failure::error(e.to_string()))?;
    let target = Target {
        base_url: emulator.base_url(),
        label: emulator.base_url(),
        credentials: Credentials::Token(Secret::new(token)),
    };
    Ok((emulator, target))
}
