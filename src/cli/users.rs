//! The `users` and `metadata` commands' arguments.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Export every user with Auth0's export job, past search's 1000-result window
    Export(ExportArgs),
    /// List or search users (Auth0 Lucene syntax)
    List(ListArgs),
    /// Show one user
    Get {
        /// The user's id, with its provider prefix (auth0|…, google-oauth2|…)
        id: String,
        /// Print the user as the API's JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Auth0 search query, e.g. 'email:"jane@example.com"' or 'app_metadata.plan:"pro"'
    #[arg(long, short)]
    pub query: Option<String>,
    /// Page to show, from 0
    #[arg(long, default_value_t = 0, conflicts_with = "all")]
    pub page: u32,
    /// Users per page (at most 100)
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub per_page: u32,
    /// Sort, as field:1 (ascending) or field:-1, e.g. created_at:-1
    #[arg(long, value_name = "FIELD:ORDER")]
    pub sort: Option<String>,
    /// Every page, up to Auth0's 1000-result search window (`users export` goes past it)
    #[arg(long)]
    pub all: bool,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
    /// Columns for table and csv, comma-separated: email,name,user_metadata.plan,app_metadata.roles
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub columns: Vec<String>,
    /// The same as --format json
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Aligned columns, and a line that says which users these are
    Table,
    /// One JSON array
    Json,
    /// One user per line, as compact JSON
    Ndjson,
    /// A header line, then one user per line; cells escaped against formula injection
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only the users of this connection (by name)
    #[arg(long, value_name = "NAME")]
    pub connection: Option<String>,
    /// Fields to write, comma-separated (`email,user_metadata.plan`); every field by default
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub fields: Vec<String>,
    /// What to write
    #[arg(long, value_enum, default_value = "ndjson")]
    pub format: ExportFormat,
    /// Keep only the users an Auth0 search query matches, applied here to every user
    #[arg(long, value_name = "QUERY")]
    pub filter: Option<String>,
    /// Where to write; `-` for standard output. Written beside it first, put in place
    /// only when the export completes
    #[arg(long, value_name = "FILE", default_value = "-")]
    pub out: String,
    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Ndjson,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum MetadataCommand {
    /// Set PATH (user_metadata.… or app_metadata.…) to JSON_VALUE; a bare word is a string
    Set {
        /// The user's id, with its provider prefix (auth0|…)
        id: String,
        /// Where: user_metadata.… or app_metadata.…, dotted (addresses.home.city)
        path: String,
        /// The value as JSON ({"a":1}, 42, true, "text"); a bare word is a string
        json_value: String,
        /// Send it; without this only the preview is printed
        #[arg(long)]
        yes: bool,
        /// Replace an object or array with a value of another kind
        #[arg(long)]
        force: bool,
        /// Print one JSON document (outcome, request, result) instead of text, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Delete the key or item at PATH
    Unset {
        /// The user's id, with its provider prefix (auth0|…)
        id: String,
        /// What to delete: user_metadata.… or app_metadata.…
        path: String,
        /// Send it; without this only the preview is printed
        #[arg(long)]
        yes: bool,
        /// Print one JSON document (outcome, request, result) instead of text, for scripts
        #[arg(long)]
        json: bool,
    },
}
