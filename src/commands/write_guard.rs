//! The read-only guard for the command line: a command that would send a change to a
//! tenant configured (or flagged) read-only is refused before anything is read or sent.

use crate::cli::{Command, MetadataCommand};
use crate::profile::Guards;

use super::Failure;

/// A write the guards refuse: nothing is sent, exit 2.
pub fn refused_write(command: &Command, guards: &Guards) -> Option<Failure> {
    let writes = match command {
        Command::Metadata(MetadataCommand::Set { yes, .. } | MetadataCommand::Unset { yes, .. }) => *yes,
        Command::Revert { yes, .. } => *yes,
        Command::Bulk(bulk) => bulk.writes(),
        _ => false,
    };
    let name = guards.name.as_deref().unwrap_or("this tenant");
    (writes && guards.read_only).then(|| {
        Failure::usage(format!(
            "{name} is read-only (--read-only or read_only = true in the configuration): nothing was sent"
        ))
    })
}
