//! The `auth0-meta` binary: parse the command line, build what it names, run it.

use std::process::ExitCode;
use std::sync::Arc;

use auth0_meta::api::Client;
use auth0_meta::cli::{Cli, Command};
use auth0_meta::commands::{self, Failure};
use auth0_meta::config::{self, Credentials, Target};
use auth0_meta::emulator::{Emulator, EmulatorConfig, DEMO_TENANT};
use auth0_meta::palette::Palette;
use auth0_meta::profile::{self, select, ConfigFile, Guards};
use auth0_meta::random::random_hex;
use auth0_meta::secret::Secret;
use auth0_meta::storage::Storage;
use auth0_meta::tui::{self, Options};
use clap::FromArgMatches;

#[tokio::main]
async fn main() -> ExitCode {
    let matches = auth0_meta::cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            // Errors quote the server and the user's data: shown, never acted on. A closed
            // standard error loses the message, never panics.
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "auth0-meta: {}",
                commands::for_a_person(&failure.message)
            );
            ExitCode::from(failure.code as u8)
        }
    }
}

/// The variables this tool reads. One set to bytes that are not text would be taken
/// for unset by `std::env::var(…).ok()`: a wrong tenant or state directory, silently.
const VARIABLES: [&str; 13] = [
    "AUTH0_DOMAIN",
    "AUTH0_API_TOKEN",
    "AUTH0_ACCESS_TOKEN",
    "AUTH0_CLIENT_ID",
    "AUTH0_CLIENT_SECRET",
    "AUTH0_META_BASE_URL",
    "AUTH0_META_TENANT",
    "AUTH0_META_CONFIG",
    "AUTH0_META_STATE_DIR",
    "AUTH0_META_LOG",
    "XDG_CONFIG_HOME",
    "XDG_STATE_HOME",
    "HOME",
];

fn refuse_non_text_variables() -> Result<(), Failure> {
    for name in VARIABLES {
        if let Err(std::env::VarError::NotUnicode(_)) = std::env::var(name) {
            return Err(Failure::usage(format!(
                "{name} is set to something that is not UTF-8 text; set it again (or unset it)"
            )));
        }
    }
    Ok(())
}

async fn run(cli: Cli) -> commands::Outcome {
    refuse_non_text_variables()?;
    let env = |name: &str| std::env::var(name).ok();
    let state_dir = Storage::locate("", env).map(|s| s.root);
    auth0_meta::logging::init(cli.connection.log_file.as_deref(), env, state_dir).map_err(Failure::usage)?;
    let cli = match run_without_tenant(cli).await {
        Ok(outcome) => return outcome,
        Err(cli) => cli,
    };
    let (_, file) = profile::load(&env).map_err(Failure::usage)?;
    if let Some(outcome) = run_journal_only(&cli, &file) {
        return outcome;
    }
    let palette = palette(&cli, &file)?;
    if cli.demo {
        let (emulator, target) = start_demo(&cli).await?;
        let place = Place {
            client: Client::new(&target)?,
            label: emulator.base_url(),
            tenant: "demo".into(),
            demo: true,
            guards: Guards::of(None, cli.connection.read_only),
        };
        let result = run_on(place, cli, palette).await;
        drop(emulator);
        return result;
    }
    let flags = cli.connection.flags();
    let chosen = select::choose(&file, cli.connection.tenant.as_deref(), &flags, &env).map_err(Failure::usage)?;
    let target = select::resolve(chosen.as_ref(), &flags, &env).map_err(Failure::usage)?;
    // The guards follow the tenant reached, however it was named.
    let guards = Guards::for_target(&file, chosen.as_ref(), &target, cli.connection.read_only);
    let place = Place {
        client: Client::new(&target)?,
        tenant: target.tenant(),
        label: target.label,
        demo: false,
        guards,
    };
    run_on(place, cli, palette).await
}

/// The commands that need no tenant: the emulator, tenants, completions, the man page.
/// Any other is given back.
async fn run_without_tenant(cli: Cli) -> Result<commands::Outcome, Cli> {
    Ok(match cli.command {
        Some(Command::Emulator(args)) => commands::run_emulator(args).await,
        // A file needs no tenant and no credentials.
        Some(Command::Audit(args)) if args.from.is_some() => commands::run_audit_file(args),
        Some(Command::Bulk(bulk)) if bulk.source().is_some_and(|s| s.offline) => commands::run_bulk_offline(bulk),
        Some(Command::Tenants(command)) => commands::run_tenants(command, &cli.connection).await,
        Some(Command::Completions { shell }) => {
            // Made whole first: clap_complete panics on a failed write (a closed pipe).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut auth0_meta::cli::command(), "auth0-meta", &mut script);
            commands::print_bytes(&script);
            Ok(())
        }
        Some(Command::Man) => {
            let mut page = Vec::new();
            let made = clap_mangen::Man::new(auth0_meta::cli::command()).render(&mut page);
            made.map(|()| commands::print_bytes(&page))
                .map_err(|e| Failure::error(e.to_string()))
        }
        command => return Err(Cli { command, ..cli }),
    })
}

/// The tenant a run works on: the demo emulator or a real one.
struct Place {
    client: Client,
    /// Shown in the TUI's header.
    label: String,
    /// Names the tenant's drafts and journal entries: the domain, or `demo`.
    tenant: String,
    demo: bool,
    guards: Guards,
}

/// The command given, or the TUI.
async fn run_on(place: Place, cli: Cli, palette: Palette) -> commands::Outcome {
    let storage = storage(&place.tenant);
    let Some(command) = cli.command else {
        let session = tui::Session {
            client: Arc::new(place.client),
            tenant: place.label,
            demo: place.demo,
            storage,
            options: Options {
                guards: place.guards,
                palette,
                mouse: !cli.no_mouse,
            },
        };
        return tui::run(session)
            .await
            .map_err(|e| Failure::error(format!("terminal error: {e}")));
    };
    run_command(&place.client, storage.as_ref(), command, &place.guards).await
}

/// `--theme`, else the file's `theme`, else dark.
fn palette(cli: &Cli, file: &ConfigFile) -> Result<Palette, Failure> {
    match (cli.connection.theme, &file.theme) {
        (Some(palette), _) => Ok(palette),
        (None, Some(name)) => Palette::from_name(name).ok_or_else(|| {
            Failure::usage(format!(
                "theme = \"{name}\" in the configuration file: use dark, light or high-contrast"
            ))
        }),
        (None, None) => Ok(Palette::default()),
    }
}

/// `history` and `revert --dry-run` read the journal alone: no credentials, no server.
/// The tenant is `--tenant`, `demo` with `--demo`, or the configured domain (or base URL
/// host); with none of these, every tenant.
fn run_journal_only(cli: &Cli, file: &ConfigFile) -> Option<commands::Outcome> {
    let scope = match &cli.command {
        Some(Command::History { scope, .. }) => scope,
        Some(Command::Revert {
            scope, dry_run: true, ..
        }) => scope,
        _ => return None,
    };
    // A configured tenant's name means its domain, as the journal names tenants.
    let named = cli.connection.tenant.clone().map(|name| match file.tenants.get(&name) {
        Some(tenant) => tenant
            .domain
            .clone()
            .or_else(|| tenant.base_url.as_ref().and_then(|url| config::host_of_url(url)))
            .unwrap_or(name),
        None => name,
    });
    let hint = named
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
        Some(Command::Revert { entry_id, batch, .. }) => match (entry_id, batch) {
            (Some(entry_id), _) => commands::run_revert_dry_run(&scope, entry_id),
            (None, Some(batch)) => commands::run_revert_batch_dry_run(&scope, batch),
            (None, None) => Ok(()),
        },
        _ => Ok(()),
    })
}

/// Drafts and the journal of `tenant`: the domain, or `demo`.
fn storage(tenant: &str) -> Option<Storage> {
    Storage::locate(tenant, |name| std::env::var(name).ok())
}

async fn run_command(
    client: &Client,
    located: Option<&Storage>,
    command: Command,
    guards: &Guards,
) -> commands::Outcome {
    if let Some(refusal) = commands::refused_write(&command, guards) {
        return Err(refusal);
    }
    match command {
        Command::Users(users) => commands::run_users(client, users).await,
        Command::Metadata(metadata) => commands::run_metadata(client, located, metadata).await,
        Command::Audit(args) => commands::run_audit(client, args).await,
        Command::Bulk(bulk) => commands::run_bulk(client, located, bulk, guards.production).await,
        Command::Revert {
            entry_id,
            batch,
            yes,
            force,
            scope,
            ..
        } => {
            let Some(storage) = located else {
                return Err(Failure::usage("no state directory: set AUTH0_META_STATE_DIR or HOME"));
            };
            if let Some(batch) = batch {
                return commands::run_revert_batch(client, storage, &batch, yes, force, guards.production).await;
            }
            let scope = commands::Scope {
                storage,
                all_tenants: scope.all_tenants,
            };
            commands::run_revert(client, &scope, entry_id.as_deref().unwrap_or_default(), yes, force).await
        }
        // Answered from the journal alone, before any client is made.
        Command::History { .. } => Ok(()),
        Command::Emulator(_) | Command::Tenants(_) | Command::Completions { .. } | Command::Man => Ok(()),
    }
}

/// The emulator on a free loopback port, seeded with the demo tenant, with a token
/// generated for this run only.
async fn start_demo(cli: &Cli) -> Result<(Emulator, Target), Failure> {
    let token = format!("demo_{}", random_hex(32));
    let config = EmulatorConfig {
        state_file: cli.demo_state.clone(),
        ..EmulatorConfig::local(token.clone())
    };
    let emulator = Emulator::start(config, DEMO_TENANT).await.map_err(|e| {
        match &cli.demo_state {
            // The file is the one thing a user gave here: the error names its flag.
            Some(path) => Failure::usage(format!("--demo-state {}: {e}", path.display())),
            None => Failure::error(e.to_string()),
        }
    })?;
    let target = Target {
        base_url: emulator.base_url(),
        label: emulator.base_url(),
        credentials: Credentials::Token(Secret::new(token)),
    };
    Ok((emulator, target))
}
