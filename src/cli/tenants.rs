//! `auth0-meta tenants …`: the configuration file's tenants.

use clap::{Args, Subcommand};

use crate::secret::Secret;

#[derive(Debug, Subcommand)]
pub enum TenantsCommand {
    /// List the configured tenants (the default one marked with *)
    List,
    /// Add or replace a tenant; asks for what the flags leave out when run on a terminal
    Add(AddTenant),
    /// Remove a tenant from the file and its secrets from the credential store
    Remove {
        /// The tenant's name in the configuration file
        name: String,
    },
    /// Make a tenant the default one
    Use {
        /// The tenant's name in the configuration file
        name: String,
    },
    /// Get a token, read one user, and compare the granted scopes with those the tool needs
    Check {
        /// The tenant to check [default: the one this run would use]
        name: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct AddTenant {
    /// The tenant's name, as --tenant and the header will show it
    pub name: String,
    /// Tenant domain, e.g. example.eu.auth0.com
    #[arg(long = "tenant-domain", value_name = "DOMAIN")]
    pub domain: Option<String>,
    /// Client id of a machine-to-machine application
    #[arg(long = "tenant-client-id", value_name = "ID")]
    pub client_id: Option<String>,
    /// Another Management API base, such as an emulator
    #[arg(long = "tenant-base-url", value_name = "URL")]
    pub base_url: Option<String>,
    /// A command that prints the client secret (run without a shell), instead of the credential store
    #[arg(long, value_name = "COMMAND")]
    pub client_secret_command: Option<String>,
    /// A command that prints a Management API token (run without a shell)
    #[arg(long, value_name = "COMMAND")]
    pub token_command: Option<String>,
    /// Read the client secret from standard input and keep it in the credential store
    #[arg(long, conflicts_with_all = ["client_secret_command", "token_command"])]
    pub secret_stdin: bool,
    /// Take secrets from the environment (AUTH0_CLIENT_SECRET / AUTH0_API_TOKEN) only
    #[arg(long, conflicts_with_all = ["client_secret_command", "token_command", "secret_stdin"])]
    pub env_secret: bool,
    /// Refuse every change to this tenant
    #[arg(long = "tenant-read-only")]
    pub read_only: bool,
    /// Ask for the tenant's name before every change sent from the TUI
    #[arg(long)]
    pub production: bool,
    /// Make it the default tenant
    #[arg(long)]
    pub default: bool,
    /// Refused: a secret is never written to the configuration file (see --secret-stdin)
    #[arg(long, value_name = "SECRET", hide = true)]
    pub secret: Option<Secret>,
}
