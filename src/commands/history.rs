//! `auth0-meta history` and `auth0-meta revert`: the journal from the command line.

use crate::api::Client;
use crate::domain::History;
use crate::storage::journal::{self, Entry};
use crate::storage::Storage;

use super::metadata::preview_then_send;
use super::{Failure, Outcome};

fn entries(storage: Option<&Storage>, user_id: Option<&str>) -> Result<Vec<Entry>, Failure> {
    let storage = storage.ok_or_else(|| Failure::error("no state directory: set AUTH0_META_STATE_DIR or HOME"))?;
    journal::read(&storage.journal_file(), &storage.tenant, user_id)
        .map_err(|e| Failure::error(format!("cannot read the journal: {e}")))
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
        let keys = entry.touched_keys();
        println!("{}  {}  {}  {}", entry.id, entry.time, entry.user_id, keys.join(", "));
    }
    Ok(())
}

/// Builds the edits that undo `entry_id` on the user as it is now, and previews or sends them.
pub async fn revert(client: &Client, storage: Option<&Storage>, entry_id: &str, yes: bool) -> Outcome {
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
    let mut history: History<crate::domain::MetadataField> = History::default();
    for (field, edit) in entry.revert_edits(&edited.clone()) {
        let mut doc = serde_json::Value::Object(std::mem::take(edited.get_mut(field)));
        let result = history.apply_to(field, &mut doc, edit);
        if let serde_json::Value::Object(map) = doc {
            *edited.get_mut(field) = map;
        }
        result.map_err(|e| Failure::error(format!("cannot revert: {e}")))?;
    }
    preview_then_send(client, storage, &user, &edited, yes).await
}
