//! What each user of a batch gets: a bulk operation, or the revert of the change another
//! batch made to that user (put back unless the server changed it since); and which
//! users a batch's journal entries show changed.

use std::collections::{HashMap, HashSet};

use crate::bulk::{parse_operation, plan, Operation, Planned};
use crate::domain::{apply_edits, History, User};
use crate::preview::Preview;
use crate::storage::batches::Plan;
use crate::storage::journal::{self, Entry};
use crate::storage::Storage;

/// What each user of a batch gets: an operation, or the revert of another batch's
/// change to that user.
pub enum Change {
    Op(Operation),
    Revert {
        entries: HashMap<String, Entry>,
        force: bool,
    },
}

impl Change {
    /// What the plan's words name (an operation, or the revert of a batch), or why not.
    pub fn of(storage: &Storage, plan: &Plan) -> Result<Self, String> {
        Self::named(storage, &plan.operation, &plan.args, plan.force)
    }

    /// The change an operation's words name; `revert BATCH` reads that batch's journal.
    pub fn named(storage: &Storage, operation: &str, args: &[String], force: bool) -> Result<Self, String> {
        if operation != "revert" {
            return Ok(Change::Op(parse_operation(operation, args, force)?));
        }
        let reverted = args.first().map(String::as_str).unwrap_or_default();
        let entries = applied_entries(storage, reverted)?;
        let entries = entries.into_iter().map(|e| (e.user_id.clone(), e)).collect();
        Ok(Change::Revert { entries, force })
    }

    /// The user's change, and the journal entry it reverts.
    pub fn plan(&self, user: &User) -> (Planned, Option<String>) {
        let (entries, force) = match self {
            Change::Op(operation) => return (plan(operation, user), None),
            Change::Revert { entries, force } => (entries, *force),
        };
        let Some(entry) = entries.get(user.id()) else {
            let detail = "the batch did not change this user".to_string();
            return (
                Planned::Skip {
                    reason: "no_entry",
                    detail,
                },
                None,
            );
        };
        let reverts = Some(entry.id.clone());
        let now = user.metadata_pair();
        let put_back = entry.changes().into_iter().all(|(at, before, _)| {
            at.path
                .root_key()
                .is_some_and(|key| now.get(at.field).get(key) == before.as_ref())
        });
        if put_back {
            return (Planned::Already, reverts);
        }
        let changed = entry.changed_since(&now);
        if !changed.is_empty() && !force {
            let detail = format!(
                "changed on the server since the batch (--force overwrites):{}",
                changed.join(";")
            );
            return (
                Planned::Skip {
                    reason: "changed_since",
                    detail,
                },
                reverts,
            );
        }
        let mut edited = now.clone();
        let edits = entry.revert_edits(&edited);
        if let Some(refused) = apply_edits(&mut edited, &mut History::default(), edits).first() {
            let detail = refused.error.to_string();
            return (
                Planned::Skip {
                    reason: "cannot_revert",
                    detail,
                },
                reverts,
            );
        }
        let preview = Preview::build(user, &now, &edited);
        match preview.is_empty() {
            true => (Planned::Already, reverts),
            false => (Planned::Send(Box::new(preview)), reverts),
        }
    }
}

/// The changes a batch applied, one per user (the latest where there are several), in
/// the order they were made.
pub fn applied_entries(storage: &Storage, batch: &str) -> Result<Vec<Entry>, String> {
    let read = journal::read(&storage.journal_file(), &storage.tenant, None)
        .map_err(|e| format!("cannot read the journal: {e}"))?;
    let applied: Vec<Entry> = read
        .entries
        .into_iter()
        .filter(|e| e.batch.as_deref() == Some(batch))
        .filter(|e| matches!(e.outcome, Some(journal::Outcome::Applied { .. })))
        .collect();
    let mut latest: HashMap<String, usize> = HashMap::new();
    for (i, entry) in applied.iter().enumerate() {
        latest.insert(entry.user_id.clone(), i);
    }
    Ok(applied
        .into_iter()
        .enumerate()
        .filter(|(i, e)| latest.get(&e.user_id) == Some(i))
        .map(|(_, e)| e)
        .collect())
}

/// Users with a journal entry of this batch that did not fail: changed by an earlier run
/// even where its progress line was never written.
pub fn journaled_users(storage: &Storage, batch: &str) -> HashSet<String> {
    let Ok(read) = journal::read(&storage.journal_file(), &storage.tenant, None) else {
        return HashSet::new();
    };
    read.entries
        .into_iter()
        .filter(|e| e.batch.as_deref() == Some(batch))
        .filter(|e| !matches!(e.outcome, Some(journal::Outcome::Failed { .. })))
        .map(|e| e.user_id)
        .collect()
}
