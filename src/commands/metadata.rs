//! `auth0-meta metadata set|unset`: one edit through the domain core, the same preview
//! the TUI shows, and with `--yes` a conflict check and the PATCH.

use serde_json::Value;

use crate::api::Client;
use crate::cli::MetadataCommand;
use crate::domain::validate::{parse_literal, Severity};
use crate::domain::{conflicts, Edit, History, JsonPath, MetadataField, MetadataPair, Segment, User};
use crate::preview::Preview;
use crate::storage::journal::{self, Entry};
use crate::storage::Storage;

use super::{Failure, Outcome};

pub async fn run(client: &Client, storage: Option<&Storage>, command: MetadataCommand) -> Outcome {
    let (id, path, change, yes) = match command {
        MetadataCommand::Set {
            id,
            path,
            json_value,
            yes,
        } => {
            let value = parse_literal(&json_value).map_err(|e| Failure::usage(format!("JSON_VALUE: {e}")))?;
            (id, path, Some(value), yes)
        }
        MetadataCommand::Unset { id, path, yes } => (id, path, None, yes),
    };
    let (field, path) = split_field(&path)?;
    let user = client.get_user(&id).await?;
    let mut edited = user.metadata_pair();
    let edits = match change {
        Some(value) => plan_set(&Value::Object(edited.get(field).clone()), &path, value),
        None => Ok(vec![Edit::Remove { path: path.clone() }]),
    }
    .map_err(|e| Failure::error(e.to_string()))?;
    apply_all(&mut edited, field, edits)?;

    preview_then_send(client, storage, &user, &edited, yes).await
}

/// Prints the preview; with `yes`, checks for changes on the server and sends.
pub async fn preview_then_send(
    client: &Client,
    storage: Option<&Storage>,
    user: &User,
    edited: &MetadataPair,
    yes: bool,
) -> Outcome {
    let preview = Preview::build(user, &user.metadata_pair(), edited);
    print_preview(&preview);
    if preview.is_empty() {
        return Ok(());
    }
    if preview.is_blocked() {
        return Err(Failure::error("not sent: fix the errors above"));
    }
    if !yes {
        println!("\npreview only: nothing was sent (add --yes to send it)");
        return Ok(());
    }
    send(client, storage, user, &preview).await
}

/// `user_metadata.a.b` -> (User, `a.b`).
fn split_field(text: &str) -> Result<(MetadataField, JsonPath), Failure> {
    let path: JsonPath = text.parse().map_err(|e| Failure::usage(format!("PATH: {e}")))?;
    let field = path
        .root_key()
        .and_then(MetadataField::from_name)
        .ok_or_else(|| Failure::usage("PATH must start with user_metadata or app_metadata"))?;
    Ok((field, path.without_first()))
}

/// The edits that put `value` at `path`, creating objects missing along the way.
pub fn plan_set(doc: &Value, path: &JsonPath, value: Value) -> Result<Vec<Edit>, crate::domain::EditError> {
    let mut edits = Vec::new();
    let mut at = JsonPath::root();
    let mut node = Some(doc);
    for (depth, segment) in path.segments().iter().enumerate() {
        let last = depth + 1 == path.len();
        let child = node.and_then(|n| JsonPath::root().child(segment.clone()).get(n));
        if child.is_none() {
            let Segment::Key(key) = segment else {
                // Array items are not created implicitly: the index must exist.
                return Err(crate::domain::edit::resolve(doc, path)
                    .err()
                    .unwrap_or(crate::domain::EditError::NotFound(path.clone())));
            };
            let position = node.and_then(Value::as_object).map_or(0, |m| m.len());
            let new_value = if last {
                value.clone()
            } else {
                Value::Object(Default::default())
            };
            edits.push(Edit::InsertKey {
                object: at.clone(),
                position,
                key: key.clone(),
                value: new_value,
            });
        } else if last {
            edits.push(Edit::Set {
                path: path.clone(),
                value: value.clone(),
            });
        }
        at = at.child(segment.clone());
        node = child;
    }
    if path.is_root() {
        edits.push(Edit::Set {
            path: JsonPath::root(),
            value,
        });
    }
    Ok(edits)
}

fn apply_all(pair: &mut MetadataPair, field: MetadataField, edits: Vec<Edit>) -> Outcome {
    let mut doc = Value::Object(std::mem::take(pair.get_mut(field)));
    let mut history = History::new();
    let result = edits.into_iter().try_for_each(|edit| history.apply(&mut doc, edit));
    if let Value::Object(map) = doc {
        *pair.get_mut(field) = map;
    }
    result.map_err(|e| Failure::error(e.to_string()))
}

fn print_preview(preview: &Preview) {
    if preview.is_empty() {
        println!("nothing to send: the value is already what the server holds");
        return;
    }
    println!("{}\n{}\n", preview.request_line, preview.body_text);
    for field in MetadataField::BOTH {
        if !preview.body.field(field).is_unchanged() {
            let text = serde_json::to_string_pretty(preview.result.get(field)).unwrap_or_default();
            println!("{field} after the update:\n{text}\n");
        }
    }
    for warning in &preview.warnings {
        println!("warning: {warning}");
    }
    for problem in &preview.problems {
        let label = if problem.severity() == Severity::Error {
            "error"
        } else {
            "warning"
        };
        println!("{label}: {problem}");
    }
}

/// Re-reads the user, refuses if a root key the body touches changed meanwhile, then sends.
async fn send(client: &Client, storage: Option<&Storage>, loaded: &User, preview: &Preview) -> Outcome {
    let body = preview.body_json().ok_or_else(|| Failure::error("nothing to send"))?;
    let now = client.get_user(loaded.id()).await?;
    let report = conflicts(&loaded.metadata_pair(), &now.metadata_pair(), &preview.body);
    if report.has_conflicts() {
        let keys: Vec<String> = report
            .overwritten
            .iter()
            .map(|c| format!("{}.{}", c.field, c.key))
            .collect();
        return Err(Failure::error(format!(
            "not sent: {} changed on the server since the user was read; run the command again",
            keys.join(", ")
        )));
    }
    let saved = client.patch_user(loaded.id(), &body).await?;
    if let Some(storage) = storage {
        if let Some(entry) = Entry::new(&storage.tenant, loaded.id(), &preview.body, &preview.stored) {
            journal::append(&storage.journal_file(), &entry)
                .map_err(|e| Failure::error(format!("saved, but the journal could not be written: {e}")))?;
            println!("journal entry {}", entry.id);
        }
    }
    println!(
        "\nsaved ({} updated_at {})",
        saved.id(),
        saved.str("updated_at").unwrap_or("?")
    );
    for field in MetadataField::BOTH {
        if !preview.body.field(field).is_unchanged() {
            let text = serde_json::to_string_pretty(&saved.metadata(field)).unwrap_or_default();
            println!("{field} now:\n{text}");
        }
    }
    Ok(())
}
