//! The merge preview: the exact request, what the server will hold afterwards, and what
//! to warn about. The TUI and `metadata set` show the same thing, built here.

use serde_json::Value;

use crate::api::{body_bytes, Client};
use crate::domain::validate::{check_document, check_sizes, Problem, Severity};
use crate::domain::{warnings, MetadataField, MetadataPair, UpdateBody, User, Warning};

#[derive(Debug, Clone)]
pub struct Preview {
    /// `PATCH /api/v2/users/auth0%7C…`
    pub request_line: String,
    pub body: UpdateBody,
    /// The bytes that will be sent, as text; empty when there is nothing to send.
    pub body_text: String,
    pub stored: MetadataPair,
    pub result: MetadataPair,
    pub warnings: Vec<Warning>,
    pub problems: Vec<Problem>,
}

impl Preview {
    /// What sending `edited` for `user` (as loaded) means.
    pub fn build(user: &User, edited: &MetadataPair) -> Self {
        let stored = user.metadata_pair();
        let body = UpdateBody::between(&stored, edited);
        let json = body.to_json();
        let body_text = json
            .as_ref()
            .map(|v| String::from_utf8_lossy(&body_bytes(v)).into_owned())
            .unwrap_or_default();
        let result = body.apply_to(&stored);
        let mut problems = Vec::new();
        for field in MetadataField::BOTH {
            if !body.field(field).is_unchanged() {
                problems.extend(check_document(field, edited.get(field)));
            }
        }
        if json.is_some() {
            problems.extend(check_sizes(profile_size(user, &result), body_text.len()));
        }
        Self {
            request_line: format!("PATCH {}", Client::user_path(user.id())),
            warnings: warnings(&stored, &body),
            body,
            body_text,
            stored,
            result,
            problems,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.body.is_empty()
    }

    /// True when a validation error forbids sending.
    pub fn is_blocked(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.severity() == Severity::Error)
    }

    pub fn body_json(&self) -> Option<Value> {
        self.body.to_json()
    }
}

/// The serialized size of the user once the server holds `result`.
fn profile_size(user: &User, result: &MetadataPair) -> usize {
    let mut after = user.0.clone();
    for field in MetadataField::BOTH {
        after.insert(
            field.name().to_string(),
            Value::Object(result.get(field).clone()),
        );
    }
    serde_json::to_vec(&after).map_or(0, |bytes| bytes.len())
}
