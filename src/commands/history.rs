//! `auth0-meta history` and `auth0-meta revert`: the journal from the command line.

use crate::api::Client;
use crate::domain::field_path::join;
use crate::domain::{apply_edits, History};
use crate::storage::journal::{self, Entry};
use crate::storage::Storage;

use super::metadata::preview_then_send;
use super::{Failure, Outcome};

fn entries(storage: Option<&Storage>, user_id: Option<&str>) -> Result<Vec<Entry>, Failure> {
    let storage = storage.ok_or_else(|| Failure::error("no state directory: set AUTH0_META_STATE_DIR or HOME"))?;
    let journal = journal::read(&storage.journal_file(), &storage.tenant, user_id)
        .map_err(|e| Failure::error(format!("cannot read the journal: {e}")))?;
    if journal.damaged > 0 {
        eprintln!(
            "note: {} unreadable journal lines were skipped (a crash mid-write)",
            journal.damaged
        );
    }
    Ok(journal.entries)
}

pub fn list(storage: Option<&Storage>, user_id: Option<&str>, json: bool) -> Outcome {
    let entries = entries(storage, user_id)?;
    if json {
        let text = serde_json::to_string_pretty(&entries).map_err(|e| Failure::error(e.to_string()))?;
        println!("{text}");
        return Ok(());
    }
    if entries.is_empty() {
        println!("no changes applied from here yet");
    }
    for entry in &entries {
        let keys = join(&entry.touched_keys());
        let outcome = entry.result().map_or("sending (unresolved)", |o| o.word());
        println!("{}  {}  {outcome}  {}  {keys}", entry.id, entry.time, entry.user_id);
    }
    Ok(())
}

/// Builds the edits that undo `entry_id` on the user as it is now, and previews or sends them.
pub async fn revert(client: &Client, storage: Option<&Storage>, entry_id: &str, yes: bool) -> Outcome {
    super::settle_interrupted(client, storage).await;
    let entry = entries(storage, None)?
        .into_iter()
        .find(|e| e.id == entry_id)
        .ok_or_else(|| {
            Failure::error(format!(
                "no journal entry {entry_id} for this tenant (see: auth0-meta history)"
            ))
        })?;
    let user = client.get_user(&entry.user_id).await?;
    let mut edited = user.metadata_pair();
    let edits = entry.revert_edits(&edited);
    if let Some(refused) = apply_edits(&mut edited, &mut History::default(), edits).first() {
        return Err(Failure::error(format!("cannot revert: {}", refused.error)));
    }
    preview_then_send(client, storage, &user, &edited, yes).await
}
