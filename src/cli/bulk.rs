//! `auth0-meta bulk …`: one change over many users, previewed first.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum BulkCommand {
    /// Set PATH to VALUE on every user of the source (VALUE as in `metadata set`)
    Set {
        /// user_metadata.… or app_metadata.…, dotted; no array indexes
        path: String,
        /// JSON ({"a":1}, 42, true, "text"); a bare word is a string
        value: String,
        /// Replace an object or array with a value of another kind
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        source: BulkSource,
    },
    /// Delete PATH on every user of the source
    Unset {
        /// What to delete: user_metadata.… or app_metadata.…; no array indexes
        path: String,
        #[command(flatten)]
        source: BulkSource,
    },
    /// Rename PATH to NEW_PATH, or move it between user_metadata and app_metadata
    Move {
        /// The key to move: user_metadata.… or app_metadata.…
        path: String,
        /// Where it goes (the other field too: user_metadata.plan -> app_metadata.plan)
        new_path: String,
        /// Overwrite NEW_PATH where a user holds it already
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        source: BulkSource,
    },
    /// Store PATH as TYPE (number, string or boolean) where nothing is lost ("23" -> 23)
    Retype {
        /// The value to convert: user_metadata.… or app_metadata.…
        path: String,
        /// number, string or boolean
        #[arg(value_name = "TYPE")]
        kind: String,
        #[command(flatten)]
        source: BulkSource,
    },
}

/// Which users, and how.
#[derive(Debug, Clone, Args)]
#[command(group(ArgGroup::new("users").required(true).args(["query", "from", "ids"])))]
pub struct BulkSource {
    /// The users an Auth0 search finds (up to its 1000-result window)
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
    /// An NDJSON file from `users export` or `audit --users` (gzip or plain; - for standard input)
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// A file of user ids, one a line (- for standard input)
    #[arg(long, value_name = "FILE")]
    pub ids: Option<PathBuf>,
    /// With --from: compute the dry run from the file alone, without a request
    #[arg(long, requires = "from")]
    pub offline: bool,
    /// Send the changes; without it this is a dry run
    #[arg(long)]
    pub yes: bool,
    /// Print the dry run as one JSON document
    #[arg(long)]
    pub json: bool,
}

impl BulkCommand {
    pub fn source(&self) -> &BulkSource {
        match self {
            BulkCommand::Set { source, .. }
            | BulkCommand::Unset { source, .. }
            | BulkCommand::Move { source, .. }
            | BulkCommand::Retype { source, .. } => source,
        }
    }
}
