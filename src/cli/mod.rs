//! The command line: the TUI by default, `--demo`, the `emulator`, and scriptable commands.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::ConnectionFlags;
use crate::palette::Palette;
use crate::secret::Secret;

mod audit;
mod bulk;
mod emulator;
mod palette_arg;
pub mod tenants;
mod users;
pub use audit::{AuditArgs, AuditFormat};
pub use bulk::{BulkCommand, BulkSource};
pub use emulator::EmulatorArgs;
pub use tenants::TenantsCommand;
pub use users::*;

const AFTER_HELP: &str = "\
Configuration, highest precedence first:
  1. flags (--domain, --base-url, --token, --client-id, --client-secret, --read-only, --theme)
  2. the environment: AUTH0_DOMAIN with AUTH0_API_TOKEN (or AUTH0_ACCESS_TOKEN), or AUTH0_CLIENT_ID
     and AUTH0_CLIENT_SECRET; AUTH0_META_BASE_URL for another Management API base (an emulator)
  3. the tenant chosen with --tenant NAME or AUTH0_META_TENANT, from the configuration file
  4. the file's default_tenant (only when flags and environment name no domain or base URL)
The file: AUTH0_META_CONFIG, else $XDG_CONFIG_HOME/auth0-meta/config.toml, else
~/.config/auth0-meta/config.toml. It never holds a secret: `auth0-meta tenants add NAME` keeps it in
the system's credential store, or name a command (client_secret_command, token_command).
Try it without a tenant: auth0-meta --demo";

#[derive(Debug, Parser)]
#[command(
    name = "auth0-meta",
    version,
    about = "Browse Auth0 users and edit their user_metadata / app_metadata, with an exact preview of every PATCH",
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(flatten, next_help_heading = "Tenant")]
    pub connection: ConnectionArgs,

    /// Start a local emulator seeded with the demo tenant and open the TUI on it
    #[arg(long)]
    pub demo: bool,

    /// Leave the mouse to the terminal (its own selection and scrolling) instead of the TUI
    #[arg(long)]
    pub no_mouse: bool,

    /// With --demo: keep the demo tenant's changes in FILE across runs
    #[arg(long, value_name = "FILE", requires = "demo")]
    pub demo_state: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct ConnectionArgs {
    /// Management API base, e.g. http://127.0.0.1:4000 [env: AUTH0_META_BASE_URL]
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,
    /// Tenant domain, e.g. example.eu.auth0.com [env: AUTH0_DOMAIN]
    #[arg(long, global = true)]
    pub domain: Option<String>,
    /// Management API token; prefer the environment, which other users cannot see [env: AUTH0_API_TOKEN, AUTH0_ACCESS_TOKEN]
    #[arg(long, global = true, value_name = "TOKEN")]
    pub token: Option<Secret>,
    /// Client id for the client-credentials grant [env: AUTH0_CLIENT_ID]
    #[arg(long, global = true, value_name = "ID")]
    pub client_id: Option<String>,
    /// Client secret; prefer the environment [env: AUTH0_CLIENT_SECRET]
    #[arg(long, global = true, value_name = "SECRET")]
    pub client_secret: Option<Secret>,
    /// A tenant from the configuration file, by name [env: AUTH0_META_TENANT]
    #[arg(long, global = true, value_name = "NAME")]
    pub tenant: Option<String>,
    /// Look without touching: edits and sends are refused, in the TUI and the command line
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Colours of the TUI [default: the file's `theme`, else dark; NO_COLOR turns colour off]
    #[arg(long, global = true, value_enum, value_name = "THEME")]
    pub theme: Option<Palette>,
    /// Write a log of requests (method, path, status, timing; never tokens or values) to PATH [env: AUTH0_META_LOG=info|debug logs to the state directory]
    #[arg(long, global = true, value_name = "PATH")]
    pub log_file: Option<PathBuf>,
}

impl ConnectionArgs {
    pub fn flags(&self) -> ConnectionFlags {
        ConnectionFlags {
            base_url: self.base_url.clone(),
            domain: self.domain.clone(),
            token: self.token.clone(),
            client_id: self.client_id.clone(),
            client_secret: self.client_secret.clone(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the local Management API emulator
    Emulator(EmulatorArgs),
    /// List, search and read users
    #[command(subcommand)]
    Users(UsersCommand),
    /// Change one metadata value, with the same preview the TUI shows
    #[command(subcommand)]
    Metadata(MetadataCommand),
    /// Audit the tenant: profile sizes against Auth0's cap, a census of metadata paths, findings
    Audit(AuditArgs),
    /// One change over many users (a search, an export file, a list of ids), previewed as a dry run
    #[command(subcommand)]
    Bulk(BulkCommand),
    /// List the changes applied from here (the journal), for one user or all; needs no credentials
    History {
        /// Only this user's changes
        user_id: Option<String>,
        /// Print the journal entries as JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        scope: JournalScope,
    },
    /// Manage the tenants of the configuration file
    #[command(subcommand)]
    Tenants(TenantsCommand),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man -l -` or a man directory
    Man,
    /// Put back what a journal entry changed; without --yes only the preview is printed
    #[command(group(clap::ArgGroup::new("what").required(true).args(["entry_id", "batch"])))]
    Revert {
        /// The entry's id, as `history` lists it
        entry_id: Option<String>,
        /// Revert every change of a bulk batch, user by user (itself a batch, resumable)
        #[arg(long, value_name = "BATCH")]
        batch: Option<String>,
        /// Send the revert (after the same checks as any change)
        #[arg(long)]
        yes: bool,
        /// Print what the revert puts back, from the journal alone: no credentials needed
        #[arg(long, conflicts_with = "yes")]
        dry_run: bool,
        /// Revert even keys changed on the server since the entry was applied
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        scope: JournalScope,
    },
}

/// Which tenant's journal entries: the configured one (or `--tenant`, a configured
/// tenant's name or a domain as the journal names it) by default.
#[derive(Debug, Args)]
pub struct JournalScope {
    /// Entries of every tenant
    #[arg(long, conflicts_with = "tenant")]
    pub all_tenants: bool,
}

const GLOBALS: [&str; 9] = [
    "base_url",
    "domain",
    "token",
    "client_id",
    "client_secret",
    "tenant",
    "read_only",
    "theme",
    "log_file",
];

/// The command line, with the global flags a subcommand ignores left out of its help
/// (they are still accepted, so a flag set before the subcommand never breaks it).
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let mut cli = Cli::command();
    cli.build();
    let none: &[&str] = &GLOBALS;
    let journal: Vec<&str> = GLOBALS
        .iter()
        .copied()
        .filter(|id| !matches!(*id, "base_url" | "domain" | "tenant"))
        .collect();
    let no_theme: &[&str] = &["theme"];
    let hidden: [(&[&str], &[&str]); 16] = [
        (&["audit"], no_theme),
        (&["emulator"], none),
        (&["completions"], none),
        (&["man"], none),
        (&["history"], &journal),
        (&["revert"], no_theme),
        (&["metadata", "set"], no_theme),
        (&["metadata", "unset"], no_theme),
        (&["users", "list"], no_theme),
        (&["users", "get"], no_theme),
        (&["users", "export"], no_theme),
        (&["tenants", "check"], no_theme),
        (&["tenants", "list"], none),
        (&["tenants", "add"], none),
        (&["tenants", "remove"], none),
        (&["tenants", "use"], none),
    ];
    for (path, ids) in hidden {
        cli = hide_in(cli, path, ids);
    }
    for group in ["users", "metadata", "tenants"] {
        cli = hide_in(cli, &[group], none);
    }
    cli
}

fn hide_in(command: clap::Command, path: &[&str], ids: &[&str]) -> clap::Command {
    let Some((first, rest)) = path.split_first() else {
        // In place: after `build`, moving an argument would break the key lookup.
        return command.mut_args(|arg| {
            let hide = arg.is_global_set() && ids.contains(&arg.get_id().as_str());
            arg.hide(hide)
        });
    };
    command.mut_subcommand(*first, |sub| hide_in(sub, rest, ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsed_flags_never_show_a_secret_in_debug() {
        let cli = Cli::parse_from([
            "auth0-meta",
            "--token",
            "tok-123",
            "--client-secret",
            "sec-456",
            "users",
            "list",
        ]);
        let shown = format!("{cli:?}");
        assert!(!shown.contains("tok-123") && !shown.contains("sec-456"), "{shown}");
        let emulator = Cli::parse_from(["auth0-meta", "emulator", "--token", "emu-789"]);
        assert!(!format!("{emulator:?}").contains("emu-789"));
    }
}
