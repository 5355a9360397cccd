//! Auth0's rules for metadata (no `.` or `$` in key names, sizes; see
//! https://auth0.com/docs/manage-users/user-accounts/metadata/metadata-fields-data),
//! checked before anything is sent, and the
//! parsing of what a person types into an editor.

use super::diff::Object;
use std::fmt;

use serde_json::Value;

use super::field::MetadataField;
use super::path::JsonPath;

/// Auth0's profile cap (10 KB): over it a write succeeds and Auth0 logs a warning.
/// (Auth0's "Migrate Oversized User Profiles".)
pub const PROFILE_CAP: usize = 10 * 1024;
/// The extended allowance, about ten times the cap: over it writes fail once a tenant
/// is migrated, and for every tenant after 2027-03-04.
pub const PROFILE_ALLOWANCE: usize = 100 * 1024;
/// Profiles above this many bytes have their long metadata values left out of search.
pub const SEARCH_TRIM_PROFILE: usize = 1024 * 1024;
/// The length (characters) above which a value is left out of search on such profiles.
pub const SEARCH_TRIM_VALUE: usize = 256;
/// The Management API accepts at most 1 MB in a request body.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// `app_metadata` root names Auth0 reserves for itself.
pub const RESERVED_APP_METADATA_KEYS: [&str; 18] = [
    "__tenant",
    "_id",
    "blocked",
    "clientID",
    "created_at",
    "email_verified",
    "email",
    "globalClientID",
    "global_client_id",
    "identities",
    "lastIP",
    "lastLogin",
    "loginsCount",
    "metadata",
    "multifactor_last_modified",
    "multifactor",
    "updated_at",
    "user_id",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Blocks sending.
    Error,
    /// Shown in the preview; sending may go on.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    DotInKey {
        field: MetadataField,
        path: JsonPath,
    },
    DollarInKey {
        field: MetadataField,
        path: JsonPath,
    },
    ReservedKey {
        key: String,
    },
    NullRootValue {
        field: MetadataField,
        key: String,
    },
    /// Over the cap, within the allowance: accepted, with a warning in Auth0's logs.
    ProfileOverCap {
        bytes: usize,
    },
    /// Over the allowance: refused once the tenant is migrated, and after 2027-03-04.
    ProfileOverAllowance {
        bytes: usize,
    },
    BodyTooLarge {
        bytes: usize,
    },
}

impl Problem {
    pub fn severity(&self) -> Severity {
        match self {
            Problem::ProfileOverCap { .. } | Problem::ProfileOverAllowance { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::DotInKey { field, path } => write!(
                f,
                "Fields with \".\" are not allowed, please remove all dotted fields. Example: {field}.foo.bar (at {field}{})",
                joined(path)
            ),
            Problem::DollarInKey { field, path } => write!(
                f,
                "Fields with \"$\" are not allowed, please remove all fields containing \"$\" (at {field}{})",
                joined(path)
            ),
            Problem::ReservedKey { key } => write!(
                f,
                "\"{key}\" is reserved by Auth0 and cannot be an app_metadata key"
            ),
            Problem::NullRootValue { field, key } => write!(
                f,
                "{field}.{} is null: Auth0 deletes a root key sent as null instead of storing it; delete the key or give it a value",
                JsonPath::root().key(key.clone())
            ),
            Problem::ProfileOverCap { bytes } => write!(
                f,
                "the profile would be {bytes} bytes, over Auth0's {PROFILE_CAP}-byte profile cap: accepted, and Auth0 logs a warning"
            ),
            Problem::ProfileOverAllowance { bytes } => write!(
                f,
                "the profile would be {bytes} bytes, over Auth0's extended allowance of {PROFILE_ALLOWANCE} bytes: refused once the tenant is migrated, and from 2027-03-04 on every tenant"
            ),
            Problem::BodyTooLarge { bytes } => write!(
                f,
                "the request body would be {bytes} bytes; Auth0 accepts at most {BODY_LIMIT}"
            ),
        }
    }
}

fn joined(path: &JsonPath) -> String {
    let text = path.to_string();
    if text.starts_with('[') || text.is_empty() {
        text
    } else {
        format!(".{text}")
    }
}

/// The rules a single key name must meet where it stands (`at` is the key's own path).
pub fn check_key(field: MetadataField, at: &JsonPath, key: &str) -> Option<Problem> {
    if key.contains('.') {
        Some(Problem::DotInKey {
            field,
            path: at.clone(),
        })
    } else if key.contains('$') {
        Some(Problem::DollarInKey {
            field,
            path: at.clone(),
        })
    } else if field == MetadataField::App && at.len() == 1 && RESERVED_APP_METADATA_KEYS.contains(&key) {
        Some(Problem::ReservedKey { key: key.to_string() })
    } else {
        None
    }
}

/// Every rule a whole document breaks: key names at any depth, reserved names, null roots.
pub fn check_document(field: MetadataField, doc: &impl Object) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (key, value) in doc.entries() {
        let at = JsonPath::root().key(key.clone());
        problems.extend(check_key(field, &at, key));
        if value.is_null() {
            problems.push(Problem::NullRootValue {
                field,
                key: key.clone(),
            });
        }
        check_nested_keys(field, &at, value, &mut problems);
    }
    problems
}

fn check_nested_keys(field: MetadataField, at: &JsonPath, value: &Value, out: &mut Vec<Problem>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let path = at.clone().key(key.clone());
                out.extend(check_key(field, &path, key));
                check_nested_keys(field, &path, child, out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                check_nested_keys(field, &at.clone().index(index), child, out);
            }
        }
        _ => {}
    }
}

/// The rules a value about to be stored at `at` breaks: key names inside it, and a
/// null where it would be a root key. Costs the value's size, not the document's.
pub fn check_value(field: MetadataField, at: &JsonPath, value: &Value) -> Vec<Problem> {
    let mut problems = Vec::new();
    if at.len() == 1 && value.is_null() {
        if let Some(key) = at.root_key() {
            problems.push(Problem::NullRootValue {
                field,
                key: key.to_string(),
            });
        }
    }
    check_nested_keys(field, at, value, &mut problems);
    problems
}

/// The size rules: `profile_bytes` is the serialized user after the update.
pub fn check_sizes(profile_bytes: usize, body_bytes: usize) -> Vec<Problem> {
    let mut problems = Vec::new();
    if body_bytes > BODY_LIMIT {
        problems.push(Problem::BodyTooLarge { bytes: body_bytes });
    }
    if profile_bytes > PROFILE_ALLOWANCE {
        problems.push(Problem::ProfileOverAllowance { bytes: profile_bytes });
    } else if profile_bytes > PROFILE_CAP {
        problems.push(Problem::ProfileOverCap { bytes: profile_bytes });
    }
    problems
}

/// A JSON syntax error in typed text, positioned for the editor (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct JsonError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parses editor text as one JSON value.
pub fn parse_json(text: &str) -> Result<Value, JsonError> {
    serde_json::from_str(text).map_err(|err| {
        let full = err.to_string();
        let message = match full.rfind(" at line ") {
            Some(cut) => full[..cut].to_string(),
            None => full,
        };
        JsonError {
            line: err.line(),
            column: err.column(),
            message,
        }
    })
}

/// A value typed on one line: JSON if it parses, otherwise the bare text as a string,
/// unless it plainly tried to be a JSON object, array or string.
pub fn parse_literal(text: &str) -> Result<Value, JsonError> {
    let trimmed = text.trim();
    if let Some(message) = super::number::out_of_range(trimmed) {
        return Err(JsonError {
            line: 1,
            column: 1,
            message,
        });
    }
    match parse_json(trimmed) {
        Ok(number @ Value::Number(_)) => Ok(super::number::tidy(number)),
        Ok(value) => Ok(value),
        Err(err) if trimmed.starts_with(['{', '[', '"']) || trimmed.is_empty() => Err(err),
        Err(_) => Ok(Value::String(text.to_string())),
    }
}
