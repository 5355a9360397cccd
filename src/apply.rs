//! The one way a metadata change reaches the server, for the TUI, `metadata set` and
//! `revert` alike: re-read the user and stop on a conflict, send the PATCH, then journal
//! what the change replaced. Later safeguards (write-ahead journal, outcome checks)
//! belong here and nowhere else.

use crate::api::{ApiError, Client};
use crate::domain::field_path::join;
use crate::domain::{conflicts, ConflictReport, FieldPath, MetadataPair, SendBody, User};
use crate::storage::journal::{self, Entry};
use crate::storage::Storage;

/// A change to send, computed against `loaded`.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub user_id: String,
    /// The metadata the body was computed against: the base of the conflict check and
    /// what the journal records as replaced.
    pub loaded: MetadataPair,
    pub body: SendBody,
    /// Re-read the user first and stop on a conflict; off only for a chosen overwrite.
    pub check: bool,
}

/// What came of a request the API answered.
#[derive(Debug)]
pub enum Applied {
    Saved(Saved),
    /// Nothing was sent: a root key the body writes changed on the server meanwhile.
    Conflict {
        report: ConflictReport,
        server: User,
    },
}

#[derive(Debug)]
pub struct Saved {
    /// The user as the server answered the PATCH.
    pub user: User,
    /// What the body wrote.
    pub written: Vec<FieldPath>,
    /// Keys changed on the server meanwhile that the body left alone.
    pub kept: Vec<FieldPath>,
    pub journal: Journaled,
}

/// Whether the change is in the journal.
#[derive(Debug, Clone, PartialEq)]
pub enum Journaled {
    Written {
        entry_id: String,
    },
    /// No state directory: nothing is kept on disk.
    Off,
    Failed {
        reason: String,
    },
}

pub async fn apply(client: &Client, storage: Option<&Storage>, request: &Request) -> Result<Applied, ApiError> {
    let mut kept = Vec::new();
    if request.check {
        let server = client.get_user(&request.user_id).await?;
        let report = conflicts(&request.loaded, &server.metadata_pair(), request.body.body());
        if report.has_conflicts() {
            return Ok(Applied::Conflict { report, server });
        }
        kept = report
            .kept
            .iter()
            .map(|(f, k)| FieldPath::root_key(*f, k.clone()))
            .collect();
    }
    let user = client.patch_user(&request.user_id, &request.body.to_json()).await?;
    let journal = match storage {
        Some(storage) => record(storage, request).await,
        None => Journaled::Off,
    };
    Ok(Applied::Saved(Saved {
        user,
        written: request.body.written(),
        kept,
        journal,
    }))
}

/// Appends the journal entry on the blocking pool (it syncs to disk).
async fn record(storage: &Storage, request: &Request) -> Journaled {
    let entry = Entry::new(&storage.tenant, &request.user_id, &request.body, &request.loaded);
    let (file, entry_id) = (storage.journal_file(), entry.id.clone());
    let written = tokio::task::spawn_blocking(move || journal::append(&file, &entry)).await;
    match written {
        Ok(Ok(())) => Journaled::Written { entry_id },
        Ok(Err(err)) => Journaled::Failed {
            reason: err.to_string(),
        },
        Err(err) => Journaled::Failed {
            reason: err.to_string(),
        },
    }
}

impl Saved {
    /// One line for a person: what was written, and what the server changed meanwhile.
    pub fn summary(&self) -> String {
        let mut text = format!("saved: {}", join(&self.written));
        if !self.kept.is_empty() {
            text.push_str(&format!(
                " (kept what the server changed meanwhile: {})",
                join(&self.kept)
            ));
        }
        text
    }
}
