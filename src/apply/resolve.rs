//! Entries written ahead whose outcome was never recorded (the process was killed or
//! quit while the PATCH was out), or was recorded as unknown, are settled at the next
//! start the same way an unclear answer is: read the user and compare with what was
//! sent and what was there before. Only a user's newest entry can be told this way: a
//! later change to the same user would hide what the earlier one did.

use serde_json::Value;

use super::compare::{pair_of, restrict};
use crate::api::Client;
use crate::domain::MetadataField;
use crate::storage::journal::{self, Entry, Outcome};
use crate::storage::Storage;

/// What settling one entry found.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub entry_id: String,
    pub user_id: String,
    pub outcome: Outcome,
}

/// Settles every unresolved entry of the storage's tenant and records each outcome.
pub async fn resolve_unresolved(client: &Client, storage: &Storage) -> Result<Vec<Resolution>, String> {
    let file = storage.journal_file();
    let tenant = storage.tenant.clone();
    let read = tokio::task::spawn_blocking(move || journal::read(&file, &tenant, None))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("the journal could not be read: {e}"))?;
    let mut resolved = Vec::new();
    let open = read.entries.iter().enumerate().filter(|(i, e)| {
        let unsettled = e.is_unresolved() || matches!(e.outcome, Some(Outcome::Unknown { .. }));
        let newest = !read.entries[i + 1..].iter().any(|later| later.user_id == e.user_id);
        unsettled && newest
    });
    for (_, entry) in open {
        let outcome = settle(client, entry).await;
        if entry.outcome.is_some() && matches!(outcome, Outcome::Unknown { .. }) {
            continue; // still unknown: nothing new to record
        }
        let (file, id, recorded) = (storage.journal_file(), entry.id.clone(), outcome.clone());
        tokio::task::spawn_blocking(move || journal::record_outcome(&file, &id, &recorded))
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| format!("the journal could not be written: {e}"))?;
        resolved.push(Resolution {
            entry_id: entry.id.clone(),
            user_id: entry.user_id.clone(),
            outcome,
        });
    }
    Ok(resolved)
}

async fn settle(client: &Client, entry: &Entry) -> Outcome {
    let now = match client.get_user(&entry.user_id).await {
        Ok(now) => now,
        Err(err) => {
            return Outcome::Unknown {
                reason: format!("interrupted while sending; reading the user failed: {err}"),
                differing: Vec::new(),
            }
        }
    };
    let expected = entry.expected();
    let before: Vec<(MetadataField, String, Option<Value>)> = expected
        .iter()
        .map(|(field, key, _)| {
            let old = entry.previous[field.name()][key.as_str()].clone();
            (*field, key.clone(), Some(old).filter(|v| !v.is_null()))
        })
        .collect();
    let held = restrict(&now.metadata_pair(), &expected);
    if held == pair_of(&expected) {
        Outcome::Applied {
            updated_at: now.str("updated_at").map(String::from),
            changed_meanwhile: Vec::new(),
        }
    } else if held == pair_of(&before) {
        Outcome::Failed {
            status: None,
            message: "interrupted while sending; the server still holds what was there before".into(),
        }
    } else {
        let differing = expected
            .iter()
            .filter(|(field, key, want)| now.metadata_pair().get(*field).get(key) != want.as_ref())
            .map(|(field, key, _)| format!("{field}.{key}"))
            .collect();
        Outcome::Unknown {
            reason: "interrupted while sending; the server holds neither the change nor what was there before".into(),
            differing,
        }
    }
}
