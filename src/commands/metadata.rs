//! `auth0-meta metadata set|unset`: one edit through the domain core, the same preview
//! the TUI shows, and with `--yes` a conflict check and the PATCH.

use crate::api::Client;
use crate::apply::{apply, Applied, Journaled, Request};
use crate::cli::MetadataCommand;
use crate::domain::field_path::join;
use crate::domain::kind::replaces_container;
use crate::domain::number::precision_warning;
use crate::domain::validate::{parse_literal, Severity};
use crate::domain::{apply_edits, plan_set, Edit, FieldPath, History, MetadataField, MetadataPair, User};
use crate::preview::Preview;
use crate::storage::Storage;

use super::metadata_json::{self as json_out, Done};
use super::{Failure, Outcome};

pub async fn run(client: &Client, storage: Option<&Storage>, command: MetadataCommand) -> Outcome {
    let (id, path, change, yes, force, json) = match command {
        MetadataCommand::Set {
            id,
            path,
            json_value,
            yes,
            force,
            json,
        } => {
            let value = parse_literal(&json_value).map_err(|e| Failure::usage(format!("JSON_VALUE: {e}")))?;
            if let Some(warning) = precision_warning(&value) {
                note!("warning: {}", super::for_a_person(&warning.to_string()));
            }
            (id, path, Some(value), yes, force, json)
        }
        MetadataCommand::Unset { id, path, yes, json } => (id, path, None, yes, false, json),
    };
    let at: FieldPath = path.parse().map_err(|e| Failure::usage(format!("PATH: {e}")))?;
    if yes {
        super::settle_interrupted(client, storage).await;
    }
    let user = match client.get_user(&id).await {
        Ok(user) => user,
        Err(err) => {
            let failure = Failure::from(err);
            if json {
                // Scripts get their document even when the user could not be read.
                let doc = serde_json::json!({"outcome": "error", "user_id": id, "error": failure.message});
                say!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
            }
            return Err(failure);
        }
    };
    let mut edited = user.metadata_pair();
    let document = edited.get(at.field).to_value();
    let replaced = match (&change, at.path.get(&document)) {
        (Some(new), Some(old)) => replaces_container(old, new),
        _ => None,
    };
    if let Some(what) = replaced {
        // As the TUI's type change asks first: a bare word must not wipe a whole object.
        if !force {
            return Err(Failure::usage(format!(
                "{at} {what}: not done; add --force to replace it (or name a key inside it)"
            )));
        }
        note!("warning: {}", super::for_a_person(&format!("{at} {what}")));
    }
    let edits = match change {
        Some(value) => plan_set(&edited.get(at.field).to_value(), &at.path, value),
        None => Ok(vec![Edit::Remove { path: at.path.clone() }]),
    }
    .map_err(|e| Failure::error(e.to_string()))?;
    let refused = apply_edits(
        &mut edited,
        &mut History::default(),
        edits.into_iter().map(|e| (at.field, e)),
    );
    if let Some(refused) = refused.first() {
        return Err(Failure::error(refused.error.to_string()));
    }
    preview_then_send(client, storage, &user, &edited, yes, None, json).await
}

/// Prints the preview; with `yes`, checks for changes on the server and sends.
/// `reverts` names the journal entry this change reverts; `json` prints one JSON
/// document instead of text.
pub async fn preview_then_send(
    client: &Client,
    storage: Option<&Storage>,
    user: &User,
    edited: &MetadataPair,
    yes: bool,
    reverts: Option<String>,
    json: bool,
) -> Outcome {
    let preview = Preview::build(user, &user.metadata_pair(), edited);
    let id = user.id();
    if !json {
        print_preview(&preview);
    }
    if preview.is_empty() {
        return json_out::print_if(json, &preview, id, Done::NothingToSend);
    }
    if preview.is_blocked() {
        json_out::print_if(json, &preview, id, Done::Blocked)?;
        return Err(Failure::error("not sent: fix the errors the preview names"));
    }
    if !yes {
        if !json {
            tell!("\npreview only: nothing was sent (add --yes to send it)");
        }
        return json_out::print_if(json, &preview, id, Done::Preview);
    }
    let (done, result) = send(client, storage, user, &preview, reverts, json).await;
    json_out::print_if(json, &preview, id, done)?;
    result
}

fn print_preview(preview: &Preview) {
    if preview.is_empty() {
        tell!("nothing to send: the value is already what the server holds");
        return;
    }
    tell!("{}\n{}\n", preview.request_line, preview.body_text);
    for field in MetadataField::BOTH {
        if !preview.body.field(field).is_unchanged() {
            let text = serde_json::to_string_pretty(preview.result.get(field)).unwrap_or_default();
            tell!("{field} after the update:\n{text}\n");
        }
    }
    for warning in &preview.warnings {
        tell!("warning: {warning}");
    }
    for problem in &preview.problems {
        let label = if problem.severity() == Severity::Error {
            "error"
        } else {
            "warning"
        };
        tell!("{label}: {problem}");
    }
}

/// Sends through the one apply path: re-read, conflict check, PATCH, journal.
async fn send(
    client: &Client,
    storage: Option<&Storage>,
    loaded: &User,
    preview: &Preview,
    reverts: Option<String>,
    json: bool,
) -> (Done, Outcome) {
    let Some(body) = preview.sendable() else {
        return (Done::NothingToSend, Ok(()));
    };
    let request = Request {
        user_id: loaded.id().to_string(),
        loaded: preview.stored.clone(),
        body,
        check: true,
        fresh: false,
        reverts,
        batch: None,
    };
    let applied = match apply(client, storage, &request).await {
        Ok(applied) => applied,
        Err(err) => {
            let failure = Failure::from(err);
            return (Done::failed("error", &failure), Err(failure));
        }
    };
    let saved = match saved_or_failure(applied) {
        Ok(saved) => saved,
        Err((outcome, failure)) => return (Done::failed(outcome, &failure), Err(failure)),
    };
    let failure = match &saved.journal {
        Journaled::Failed { reason } => Some(Failure::error(format!(
            "saved, but the journal could not be written: {reason}"
        ))),
        Journaled::Written { entry_id } if !json => {
            tell!("journal entry {entry_id}");
            None
        }
        _ => None,
    };
    if !json {
        // One line: the preview above already showed the documents as they will be.
        tell!(
            "\n{} ({} updated_at {})",
            saved.summary(),
            saved.user.id(),
            saved.user.user.str("updated_at").unwrap_or("?")
        );
    }
    (Done::Saved(Box::new(saved)), failure.map_or(Ok(()), Err))
}

/// The save, or the failure to report (with its outcome's name for `--json`) for a
/// conflict, a refusal or an unknown outcome.
fn saved_or_failure(applied: Applied) -> Result<crate::apply::Saved, (&'static str, Failure)> {
    match applied {
        Applied::Saved(saved) => Ok(saved),
        Applied::Conflict { report, .. } => {
            let keys: Vec<FieldPath> = report
                .overwritten
                .iter()
                .map(|c| FieldPath::root_key(c.field, c.key.clone()))
                .collect();
            Err((
                "conflict",
                Failure::error(format!(
                    "not sent: {} changed on the server since the user was read; run the command again",
                    join(&keys)
                )),
            ))
        }
        Applied::NotSent(reason) => Err(("not_sent", Failure::error(format!("not sent: {reason}")))),
        Applied::Unknown { reason, differing } => Err((
            "unknown",
            Failure::error(format!(
                "the outcome is unknown: {reason}; {} on the server is neither the change nor what was there before; read the user (auth0-meta users get) before trying again",
                if differing.is_empty() { "the user".to_string() } else { join(&differing) }
            )),
        )),
    }
}
