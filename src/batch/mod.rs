//! Bulk changes against the tenant: a batch's users read fresh, each decided from its own
//! metadata and sent through `apply::apply` tagged with the batch, paced, a few at a time,
//! resumable from its progress on disk. Shared by the command line (`commands/bulk_run.rs`
//! prints it) and the TUI (a task reporting to a screen); neither terminal nor clap here.

mod change;
mod create;
mod dry_run;
mod run;
mod user;

pub use change::{applied_entries, journaled_users, Change};
pub use create::{create, Words};
pub use dry_run::{dry_run, DryRead};
pub use run::{run, Tally, REQUESTS_PER_USER};

/// Users changed at once unless told otherwise: enough to keep Auth0's budget busy at
/// 300 ms of latency; the client's pacer (`api/pacer.rs`) sets the rate.
pub const PARALLEL: usize = 16;
