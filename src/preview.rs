//! The merge preview: the exact request, what the server will hold afterwards, and what
//! to warn about. The TUI and `metadata set` show the same thing, built here.

use serde_json::Value;

use crate::api::{body_bytes, Client};
use crate::domain::diff::{diff, diff_objects, lines, summary, DiffLine};
use crate::domain::metadata::json_len;
use crate::domain::validate::{check_document, check_sizes, Problem, Severity};
use crate::domain::{
    warnings, FieldPath, JsonPath, Metadata, MetadataField, MetadataPair, MetadataPatch, SendBody, UpdateBody, User,
    Warning,
};

#[derive(Debug, Clone)]
pub struct Preview {
    /// `PATCH /api/v2/users/auth0%7C…`
    pub request_line: String,
    pub body: UpdateBody,
    /// The body that will be sent, laid out for reading (the same JSON); empty when
    /// there is nothing to send.
    pub body_text: String,
    /// How many bytes are sent: the body's compact form, as `api::body_bytes` writes it.
    pub body_len: usize,
    pub stored: MetadataPair,
    pub result: MetadataPair,
    pub warnings: Vec<Warning>,
    pub problems: Vec<Problem>,
}

impl Preview {
    /// What sending `edited` means for `user` whose metadata is `stored` (as loaded).
    pub fn build(user: &User, stored: &MetadataPair, edited: &MetadataPair) -> Self {
        Self::with_body(user, stored.clone(), UpdateBody::between(stored, edited))
    }

    /// The same for a body chosen by the caller, such as an explicit clear (`{}`).
    /// `stored` is taken, not copied: on a 16 MB user each copy costs tens of ms.
    pub fn with_body(user: &User, stored: MetadataPair, body: UpdateBody) -> Self {
        let json = body.to_json();
        let body_text = json
            .as_ref()
            .map(|v| serde_json::to_string_pretty(v).unwrap_or_default())
            .unwrap_or_default();
        let body_len = json.as_ref().map_or(0, |v| body_bytes(v).len());
        let result = body.apply_to(&stored);
        // Only what is sent is checked: a flaw in a key left alone is not this PATCH's.
        let mut problems = Vec::new();
        for field in MetadataField::BOTH {
            if let MetadataPatch::Keys(keys) = body.field(field) {
                // The values sent; a `null` deletes its key and has nothing to check.
                let sent: Metadata = keys
                    .iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                problems.extend(check_document(field, &sent));
            }
        }
        if json.is_some() {
            problems.extend(check_sizes(profile_size(user, &result), body_len));
        }
        Self {
            request_line: format!("PATCH {}", Client::user_path(user.id())),
            warnings: warnings(&stored, &body),
            body,
            body_text,
            body_len,
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
        self.problems.iter().any(|p| p.severity() == Severity::Error)
    }

    pub fn body_json(&self) -> Option<Value> {
        self.body.to_json()
    }

    /// The body, when there is anything to send.
    pub fn sendable(&self) -> Option<SendBody> {
        SendBody::new(self.body.clone())
    }

    /// The result against what is stored, per field the body sends, as structural diff lines.
    pub fn diffs(&self) -> Vec<(MetadataField, Vec<DiffLine>)> {
        MetadataField::BOTH
            .into_iter()
            .filter(|field| !self.body.field(*field).is_unchanged())
            .map(|field| {
                (
                    field,
                    lines(&diff_objects(self.stored.get(field), self.result.get(field))),
                )
            })
            .collect()
    }

    /// One line per root key the body sends, saying what happens to it on the server.
    pub fn root_keys(&self) -> Vec<(FieldPath, String)> {
        let mut out = Vec::new();
        for field in MetadataField::BOTH {
            let stored = self.stored.get(field);
            match self.body.field(field) {
                MetadataPatch::Unchanged => {}
                MetadataPatch::Clear => {
                    let what = format!("cleared ({{}}): {} stored keys go", stored.len());
                    out.push((FieldPath::new(field, JsonPath::root()), what));
                }
                MetadataPatch::Keys(keys) => {
                    for (key, sent) in keys {
                        let what = match (stored.get(key), sent) {
                            (_, Value::Null) => "deleted (sent as null)".to_string(),
                            (None, _) => "added".to_string(),
                            (Some(old), new) => format!("changed: {}", summary(&diff(old, new))),
                        };
                        out.push((FieldPath::root_key(field, key.clone()), what));
                    }
                }
            }
        }
        out
    }
}

/// The size of the profile as JSON once the server holds `result`: the user's other
/// attributes counted as they serialize, the documents from their values' cached lengths
/// (so a 16 MB document is counted once, not after every edit).
pub fn profile_size(user: &User, result: &MetadataPair) -> usize {
    let attributes: Vec<(&String, &Value)> = user
        .0
        .iter()
        .filter(|(key, _)| MetadataField::from_name(key).is_none())
        .collect();
    let entries: usize = attributes
        .iter()
        .map(|(k, v)| json_len(k) + 1 + json_len(v))
        .sum::<usize>()
        + MetadataField::BOTH
            .iter()
            .map(|field| json_len(field.name()) + 1 + result.get(*field).json_len())
            .sum::<usize>();
    let count = attributes.len() + MetadataField::BOTH.len();
    2 + entries + count - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_body_shown_is_byte_for_byte_the_body_sent() {
        let user: User =
            serde_json::from_value(json!({"user_id": "auth0|a/b", "user_metadata": {"a": {"b": 1}}})).unwrap();
        let stored = user.metadata_pair();
        let mut edited = stored.clone();
        edited.user_metadata.insert("a".into(), json!({"b": 2, "c": "é"}));
        let preview = Preview::build(&user, &stored, &edited);
        assert_eq!(preview.request_line, "PATCH /api/v2/users/auth0%7Ca%2Fb");
        let shown: serde_json::Value = serde_json::from_str(&preview.body_text).unwrap();
        assert_eq!(Some(shown), preview.body_json(), "what is shown is the JSON sent");
        assert_eq!(preview.body_len, body_bytes(&preview.body_json().unwrap()).len());
        assert_eq!(
            body_bytes(&preview.body_json().unwrap()),
            r#"{"user_metadata":{"a":{"b":2,"c":"é"}}}"#.as_bytes().to_vec(),
            "sent compact"
        );
    }

    #[test]
    fn the_profile_size_is_the_length_of_the_user_as_json() {
        let user: User =
            serde_json::from_value(json!({"user_id": "auth0|a", "email": "é@x", "user_metadata": {"a": 1}})).unwrap();
        let mut result = user.metadata_pair();
        result.app_metadata.insert("plan".into(), json!({"tier": [1, 2]}));
        let mut whole = user.clone();
        whole.0.insert("app_metadata".into(), result.app_metadata.to_value());
        assert_eq!(profile_size(&user, &result), serde_json::to_vec(&whole).unwrap().len());
    }
}
