//! `auth0-meta history` and `auth0-meta revert`: the journal from the command line.
//! Reading it needs no credentials; only sending a revert does.

use serde_json::Value;

use crate::api::Client;
use crate::domain::{apply_edits, History};
use crate::storage::journal::{self, Entry};
use crate::storage::Storage;

use super::metadata::preview_then_send;
use super::{Failure, Outcome};

/// Whose entries: one tenant's, or every tenant's in the journal.
pub struct Scope<'a> {
    pub storage: &'a Storage,
    pub all_tenants: bool,
}

fn entries(scope: &Scope, user_id: Option<&str>) -> Result<Vec<Entry>, Failure> {
    let tenant = (!scope.all_tenants).then_some(scope.storage.tenant.as_str());
    let journal = journal::read_any(&scope.storage.journal_file(), tenant, user_id)
        .map_err(|e| Failure::error(format!("cannot read the journal: {e}")))?;
    if journal.damaged > 0 {
        note!(
            "note: {} unreadable journal lines were skipped (a crash mid-write)",
            journal.damaged
        );
    }
    Ok(journal.entries)
}

pub fn list(scope: &Scope, user_id: Option<&str>, json: bool) -> Outcome {
    let entries = entries(scope, user_id)?;
    if json {
        let text = serde_json::to_string_pretty(&entries).map_err(|e| Failure::error(e.to_string()))?;
        say!("{text}");
        return Ok(());
    }
    if entries.is_empty() {
        tell!(
            "no changes applied from here yet for {} (--all-tenants shows every tenant)",
            scope.storage.tenant
        );
    }
    for entry in &entries {
        tell!("{}", line(entry, scope.all_tenants));
    }
    Ok(())
}

/// `ID  TIME  OUTCOME  USER  what changed  (reverts ID)`.
fn line(entry: &Entry, with_tenant: bool) -> String {
    let outcome = entry.result().map_or("sending (unresolved)", |o| o.word());
    let tenant = if with_tenant {
        format!("{}  ", entry.tenant)
    } else {
        String::new()
    };
    let mut text = format!(
        "{}  {}  {outcome:<8}  {tenant}{}  {}",
        entry.id,
        entry.time,
        entry.user_id,
        entry.summary()
    );
    if let Some(reverted) = &entry.reverts {
        text.push_str(&format!("  (reverts {reverted})"));
    }
    text
}

fn find(scope: &Scope, entry_id: &str) -> Result<Entry, Failure> {
    entries(scope, None)?
        .into_iter()
        .find(|e| e.id == entry_id)
        .ok_or_else(|| {
            Failure::error(format!(
                "no journal entry {entry_id} for {} (see: auth0-meta history, or --all-tenants)",
                scope.storage.tenant
            ))
        })
}

/// `revert --dry-run`: what the revert would put back, from the journal alone.
pub fn dry_run(scope: &Scope, entry_id: &str) -> Outcome {
    let entry = find(scope, entry_id)?;
    tell!("{}\nreverting puts back:", line(&entry, true));
    for (at, before, after) in entry.changes() {
        let shown = |v: &Option<Value>| v.as_ref().map_or("(absent)".to_string(), Value::to_string);
        tell!("  {at}: {} → {}", shown(&after), shown(&before));
    }
    tell!("\ndry run: the server was not asked (run without --dry-run to preview against it)");
    Ok(())
}

/// Builds the edits that undo `entry_id` on the user as it is now, and previews or sends
/// them. A key changed on the server since the entry was applied is not overwritten
/// unless `force`.
pub async fn revert(client: &Client, scope: &Scope<'_>, entry_id: &str, yes: bool, force: bool) -> Outcome {
    let storage = Some(scope.storage);
    super::settle_interrupted(client, storage).await;
    let entry = find(scope, entry_id)?;
    let user = client.get_user(&entry.user_id).await?;
    let mut edited = user.metadata_pair();
    let changed_since = entry.changed_since(&edited);
    if !changed_since.is_empty() && !force {
        return Err(Failure::error(format!(
            "not reverted: changed on the server since the entry was applied:\n{}\nreverting would overwrite that; add --force to do it anyway",
            changed_since.join("\n")
        )));
    }
    let edits = entry.revert_edits(&edited);
    if let Some(refused) = apply_edits(&mut edited, &mut History::default(), edits).first() {
        return Err(Failure::error(format!("cannot revert: {}", refused.error)));
    }
    preview_then_send(client, storage, &user, &edited, yes, Some(entry.id.clone()), false).await
}
