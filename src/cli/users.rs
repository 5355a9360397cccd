//! The `users` and `metadata` commands' arguments.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Export every user with Auth0's export job, past search's 1000-result window
    Export(ExportArgs),
    /// List or search users (Auth0 Lucene syntax)
    List {
        #[arg(long, short)]
        query: Option<String>,
        #[arg(long, default_value_t = 0)]
        page: u32,
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(0..=100))]
        per_page: u32,
        /// Sort, as field:1 or field:-1
        #[arg(long)]
        sort: Option<String>,
        /// Print the API's JSON
        #[arg(long)]
        json: bool,
    },
    /// Show one user
    Get {
        id: String,
        #[arg(long)]
        json: bool,
    },
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
    /// Where to write; `-` for standard output
    #[arg(long, value_name = "FILE", default_value = "-")]
    pub out: String,
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
        id: String,
        path: String,
        json_value: String,
        /// Send it; without this only the preview is printed
        #[arg(long)]
        yes: bool,
    },
    /// Delete the key or item at PATH
    Unset {
        id: String,
        path: String,
        #[arg(long)]
        yes: bool,
    },
}
