//! The `auth0-meta` binary: parse the command line, build what it names, run it.

use std::process::ExitCode;

use auth0_meta::api::Client;
use auth0_meta::cli::{Cli, Command};
use auth0_meta::commands::{self, Failure};
use auth0_meta::config;
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
    let command = match cli.command {
        Some(Command::Emulator(args)) => return commands::run_emulator(args).await,
        Some(command) => command,
        None => return Err(Failure::usage("the TUI is not built yet; see README.md")),
    };
    let target = config::resolve(&cli.connection.flags(), |name| std::env::var(name).ok())
        .map_err(|e| Failure::usage(e.to_string()))?;
    let client = Client::new(&target)?;
    match command {
        Command::Users(users) => commands::run_users(&client, users).await,
        Command::Metadata(metadata) => commands::run_metadata(&client, metadata).await,
        Command::Emulator(_) => Ok(()),
    }
}
