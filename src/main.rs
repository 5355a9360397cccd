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
    match cli.command {
        Some(command) => run_command(&client, storage(&target.label).as_ref(), command).await,
        None => {
            let tenant = target.label.clone();
            run_tui(client, target.label, &tenant, false).await
        }
    }
}

/// Drafts and the journal of `tenant`: the domain, or `demo`.
fn storage(tenant: &str) -> Option<Storage> {
    Storage::locate(tenant, |name| std::env::var(name).ok())
}

async fn run_command(client: &Client, storage: Option<&Storage>, command: Command) -> commands::Outcome {
    match command {
        Command::Users(users) => commands::run_users(client, users).await,
        Command::Metadata(metadata) => commands::run_metadata(client, storage, metadata).await,
        Command::History { user_id, json } => commands::run_history(storage, user_id.as_deref(), json),
        Command::Revert { entry_id, yes } => commands::run_revert(client, storage, &entry_id, yes).await,
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
