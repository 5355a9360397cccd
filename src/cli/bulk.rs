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
    /// The batches of this tenant with their counts, or one batch
    Status {
        /// One batch's id
        batch: Option<String>,
        /// A JSON array, one object per batch
        #[arg(long)]
        json: bool,
        /// The batch's users that ended so, one JSON object a line, with the reason
        #[arg(long, value_name = "RESULT", requires = "batch", value_parser = ["failed", "skipped", "unknown", "changed", "already"])]
        users: Option<String>,
    },
    /// Settle what a stopped batch left in flight and go on with it
    Resume {
        /// The batch's id (bulk status lists them)
        batch: String,
        /// Try the users that failed again (each is read fresh and decided again)
        #[arg(long)]
        retry_failed: bool,
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
    /// Send the changes (a batch: journaled, resumable); without it this is a dry run
    #[arg(long)]
    pub yes: bool,
    /// Users changed at once, at most (each change is a read and a write); the rate is set
    /// by Auth0's rate-limit headers, this only bounds what is in flight
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub parallel: u16,
    /// Requests a second at most (two per user), leaving the rest of Auth0's
    /// budget to the tenant's other Management API clients
    #[arg(long, value_name = "N")]
    pub max_rate: Option<f64>,
    /// Print the dry run as one JSON document
    #[arg(long)]
    pub json: bool,
}

impl BulkCommand {
    /// The users an operation goes over; none for `status` and `resume`.
    pub fn source(&self) -> Option<&BulkSource> {
        match self {
            BulkCommand::Set { source, .. }
            | BulkCommand::Unset { source, .. }
            | BulkCommand::Move { source, .. }
            | BulkCommand::Retype { source, .. } => Some(source),
            BulkCommand::Status { .. } | BulkCommand::Resume { .. } => None,
        }
    }

    /// Whether it sends changes.
    pub fn writes(&self) -> bool {
        matches!(self, BulkCommand::Resume { .. }) || self.source().is_some_and(|s| s.yes)
    }
}
