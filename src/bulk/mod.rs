//! Bulk changes: one operation (`set`, `unset`, `move`, `retype`) decided per user from
//! that user's own metadata, checked by the same preview a single change gets, and
//! counted over many users for the dry run.

mod dry_run;
mod from_edits;
mod operation;
mod report;

pub use dry_run::{plan, DryRun, Planned, SizeCounts};
pub use from_edits::from_edits;
pub use operation::{bulk_path, parse_operation, retype_kind, Decision, Operation};
pub use report::report_lines;
