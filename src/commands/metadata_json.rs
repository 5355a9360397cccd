//! `metadata set|unset --json`: one JSON document on standard output, for scripts, in
//! place of the text preview and outcome line: what was (or would be) sent, the metadata
//! after it, and the outcome as established (never "saved" before the server said so).

use serde_json::{json, Map, Value};

use crate::apply::{Journaled, Saved};
use crate::domain::MetadataField;
use crate::preview::Preview;

use super::{Failure, Outcome};

/// How the command ended, as `outcome` names it.
pub enum Done {
    /// Without `--yes`: nothing sent.
    Preview,
    NothingToSend,
    /// The preview holds errors: nothing sent.
    Blocked,
    Saved(Box<Saved>),
    /// `conflict`, `not_sent`, `unknown` or `error`, with the message.
    Failed {
        outcome: &'static str,
        error: String,
    },
}

impl Done {
    pub fn failed(outcome: &'static str, failure: &Failure) -> Self {
        Self::Failed {
            outcome,
            error: failure.message.clone(),
        }
    }
}

/// Prints the document when `json` is asked for.
pub fn print_if(json: bool, preview: &Preview, user_id: &str, done: Done) -> Outcome {
    if json {
        let text = serde_json::to_string_pretty(&document(preview, user_id, done))
            .map_err(|e| Failure::error(e.to_string()))?;
        say!("{text}");
    }
    Ok(())
}

pub fn document(preview: &Preview, user_id: &str, done: Done) -> Value {
    let mut out = Map::new();
    let outcome = match &done {
        Done::Preview => "preview",
        Done::NothingToSend => "nothing_to_send",
        Done::Blocked => "blocked",
        Done::Saved(_) => "saved",
        Done::Failed { outcome, .. } => outcome,
    };
    out.insert("outcome".into(), json!(outcome));
    out.insert("user_id".into(), json!(user_id));
    let (method, path) = preview.request_line.split_once(' ').unwrap_or(("PATCH", ""));
    out.insert(
        "request".into(),
        json!({"method": method, "path": path, "body": preview.body_json(), "bytes": preview.body_len}),
    );
    let mut after = Map::new();
    for field in MetadataField::BOTH {
        if !preview.body.field(field).is_unchanged() {
            after.insert(field.to_string(), preview.result.get(field).to_value());
        }
    }
    out.insert("after".into(), Value::Object(after));
    let warnings: Vec<String> = preview.warnings.iter().map(ToString::to_string).collect();
    out.insert("warnings".into(), json!(warnings));
    let problems: Vec<Value> = preview
        .problems
        .iter()
        .map(|p| json!({"severity": format!("{:?}", p.severity()).to_lowercase(), "message": p.to_string()}))
        .collect();
    out.insert("problems".into(), json!(problems));
    match done {
        Done::Saved(saved) => {
            let names = |paths: &[crate::domain::FieldPath]| paths.iter().map(ToString::to_string).collect::<Vec<_>>();
            out.insert("written".into(), json!(names(&saved.written)));
            out.insert("kept".into(), json!(names(&saved.kept)));
            out.insert("changed_meanwhile".into(), json!(names(&saved.changed_meanwhile)));
            out.insert("updated_at".into(), json!(saved.user.user.str("updated_at")));
            let entry = match &saved.journal {
                Journaled::Written { entry_id } => json!(entry_id),
                _ => Value::Null,
            };
            out.insert("journal_entry".into(), entry);
            if let Some(answer) = &saved.settled_after {
                out.insert("unclear_answer".into(), json!(answer));
            }
        }
        Done::Failed { error, .. } => {
            out.insert("error".into(), json!(error));
        }
        _ => {}
    }
    Value::Object(out)
}
