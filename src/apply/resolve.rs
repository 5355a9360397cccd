//! Entries written ahead whose outcome was never recorded (the process was killed or
//! quit while the PATCH was out) are settled at the next start the same way an unclear
//! answer is: read the user and compare with what was sent and what was there before.
//! Only entries whose writer is gone are touched (`journal::take_abandoned`), each gets
//! exactly one outcome, and an entry a later change to the same keys followed cannot be
//! told this way: it is recorded unknown, with that reason.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use serde_json::Value;

use super::compare::{pair_of, restrict};
use crate::api::Client;
use crate::domain::MetadataField;
use crate::storage::journal::{self, Entry, Journal, Outcome};
use crate::storage::Storage;
use crate::timestamp::{now_millis, parse_millis};

/// What settling one entry found.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub entry_id: String,
    pub user_id: String,
    pub outcome: Outcome,
}

/// How long after an entry was written its request may still land: Auth0 finishes a
/// request it received after the client is gone, so an entry whose user still holds
/// what was there before is concluded failed only once this has passed.
pub const LANDING_GRACE: Duration = Duration::from_secs(5);

/// Settles the tenant's entries whose writer is gone and records each outcome, exactly
/// once. An entry whose writer is alive (it holds the entry's lock) is left to it.
pub async fn resolve_unresolved(client: &Client, storage: &Storage) -> Result<Vec<Resolution>, String> {
    let owned = storage.clone();
    let (taken, read) = tokio::task::spawn_blocking(move || -> std::io::Result<_> {
        let taken = journal::take_abandoned(&owned)?;
        // Only after a crash is the whole journal read: a start with nothing open is cheap.
        let read = match taken.is_empty() {
            true => Journal::default(),
            false => journal::read(&owned.journal_file(), &owned.tenant, None)?,
        };
        Ok((taken, read))
    })
    .await
    .map_err(|e| e.to_string())?
    .map_err(|e| format!("the journal could not be read: {e}"))?;
    let at: HashMap<&str, usize> = read
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let (mut open, mut released) = (Vec::new(), Vec::new());
    for entry in taken {
        match at
            .get(entry.id.as_str())
            .filter(|&&i| read.entries[i].outcome.is_none())
        {
            Some(&i) => open.push((i, entry)),
            None => released.push(entry), // settled by its writer meanwhile, or never written
        }
    }
    open.sort_by_key(|(i, _)| *i); // oldest first, as they were sent
    let mut resolved = Vec::new();
    for (i, open) in open {
        let entry = &read.entries[i];
        let outcome = match overtaken_by(entry, &read.entries[i + 1..]) {
            Some(later) => Outcome::Unknown {
                reason: format!(
                    "interrupted while sending, and a newer change to the same keys ({later}) followed it: reading the user cannot tell what this one did"
                ),
                differing: Vec::new(),
            },
            None => settle(client, entry).await,
        };
        let recorded = outcome.clone();
        tokio::task::spawn_blocking(move || open.settle(&recorded))
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| format!("the journal could not be written: {e}"))?;
        resolved.push(Resolution {
            entry_id: entry.id.clone(),
            user_id: entry.user_id.clone(),
            outcome,
        });
    }
    journal::release(released);
    Ok(resolved)
}

/// The id of a later entry for the same user that writes a root key this one wrote.
fn overtaken_by<'a>(entry: &Entry, later: &'a [Entry]) -> Option<&'a str> {
    let keys: HashSet<(MetadataField, String)> = entry.expected().into_iter().map(|(f, k, _)| (f, k)).collect();
    later
        .iter()
        .filter(|e| e.user_id == entry.user_id)
        .find(|e| e.expected().into_iter().any(|(f, k, _)| keys.contains(&(f, k))))
        .map(|e| e.id.as_str())
}

/// Reads the user and judges the entry; a failure is concluded only once the request
/// can no longer land.
async fn settle(client: &Client, entry: &Entry) -> Outcome {
    let outcome = judge(client, entry).await;
    let written = parse_millis(&entry.time).unwrap_or(0);
    let age = Duration::from_millis(now_millis().saturating_sub(written));
    match outcome {
        Outcome::Failed { .. } if age < LANDING_GRACE => {
            client.sleep(LANDING_GRACE - age).await;
            judge(client, entry).await
        }
        other => other,
    }
}

async fn judge(client: &Client, entry: &Entry) -> Outcome {
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
