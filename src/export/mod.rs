//! `auth0-meta users export`: Auth0's user export job, past the 1000-result window of
//! search, streamed from the download link to NDJSON or CSV, with Auth0's search
//! applied locally by `--filter`.

pub mod fields;
pub mod run;

pub use run::{export, Exported, Format, Options};
