//! `auth0-meta audit`: its flags.

use std::path::PathBuf;

use clap::Args;

/// Find the profiles Auth0 will cap and the metadata that breaks its rules.
///
/// Sizes are the bytes of the compact JSON of each profile as the Management API returns
/// it: Auth0 does not publish its exact serialisation, so treat a user within a few bytes
/// of a limit as at it. Without --query, --export or --from, the whole tenant is read
/// through a user export job.
#[derive(Debug, Clone, Args)]
pub struct AuditArgs {
    /// Audit the users an Auth0 search finds (as far as its 1000-result window goes;
    /// Auth0's search leaves metadata values over 256 characters out of profiles over
    /// 1 MB, so use --export to size those exactly)
    #[arg(long, value_name = "QUERY", conflicts_with_all = ["export", "from"])]
    pub query: Option<String>,
    /// Audit every user through a user export job (the default)
    #[arg(long, conflicts_with = "from")]
    pub export: bool,
    /// Audit a file as `users export` writes it (NDJSON, gzip or plain); `-` reads
    /// standard input. Needs no credentials
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// A table for a person, or one JSON document for scripts
    #[arg(long, value_enum, default_value = "table")]
    pub format: AuditFormat,
    /// How many of the largest users to list
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub top: usize,
    /// Bytes over which Auth0 logs a warning for a profile
    #[arg(long, value_name = "BYTES", default_value_t = 10_240)]
    pub cap: u64,
    /// Bytes over which writes to a profile fail (after 2027-03-04, or once migrated)
    #[arg(long, value_name = "BYTES", default_value_t = 102_400)]
    pub allowance: u64,
    /// Print the users of one kind of finding instead, one JSON object per line
    /// (user_id, email, bytes, paths)
    #[arg(long, value_name = "KIND", value_parser = crate::audit::KINDS)]
    pub users: Option<String>,
    /// With --users: only the finding at this path (as the report names it)
    #[arg(long, value_name = "PATH", requires = "users")]
    pub path: Option<String>,
    /// Replace example values and emails by their shape, so the report can be shared
    #[arg(long)]
    pub redact: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    Table,
    Json,
}
