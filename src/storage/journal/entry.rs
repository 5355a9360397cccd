//! A journal entry: the body sent and what each touched root key held before, so any
//! change can be reverted; and, once known, what came of sending it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::domain::diff::{diff, summary};
use crate::domain::{Edit, FieldPath, JsonPath, Metadata, MetadataField, MetadataPair, SendBody};
use crate::random::random_hex;
use crate::timestamp::{format_millis, now_millis};

const SENDING: &str = "sending";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub time: String,
    pub tenant: String,
    pub user_id: String,
    /// The body sent, exactly.
    pub body: Value,
    /// Per field, each root key the body replaced or deleted, with its value before
    /// (`null` where the key did not exist).
    pub previous: Map<String, Value>,
    /// `sending` on a write-ahead line; absent on entries written before write-ahead,
    /// which were written only once the change was applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The entry this change reverted, when it was a revert.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverts: Option<String>,
    /// The bulk change this entry is one user's part of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<String>,
    /// What came of it, folded in from the outcome line when the journal is read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

/// What came of sending an entry's body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Outcome {
    /// The server holds the change. `changed_meanwhile` names root keys that differed
    /// from what was expected: someone changed them while the PATCH was in flight.
    Applied {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        updated_at: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        changed_meanwhile: Vec<String>,
    },
    /// The server does not hold it.
    Failed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status: Option<u16>,
        message: String,
    },
    /// Could not be established; `differing` names the keys that are neither as before
    /// nor as sent.
    Unknown {
        reason: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        differing: Vec<String>,
    },
}

impl Outcome {
    pub fn word(&self) -> &'static str {
        match self {
            Outcome::Applied { .. } => "applied",
            Outcome::Failed { .. } => "failed",
            Outcome::Unknown { .. } => "unknown",
        }
    }
}

impl Entry {
    /// The entry for sending `body` to a user whose metadata was `before`, stamped with
    /// the clock and a random id: the apply path makes it, never `update`.
    pub fn new(tenant: &str, user_id: &str, body: &SendBody, before: &MetadataPair) -> Self {
        let sent = body.to_json();
        let mut previous = Map::new();
        for field in MetadataField::BOTH {
            let Some(Value::Object(keys)) = body.body().field(field).body() else {
                continue;
            };
            let stored = before.get(field);
            // `{}` clears: everything stored was replaced.
            let touched: Vec<&String> = if keys.is_empty() {
                stored.keys().collect()
            } else {
                keys.keys().collect()
            };
            let old: Map<String, Value> = touched
                .into_iter()
                .map(|k| (k.clone(), stored.get(k).cloned().unwrap_or(Value::Null)))
                .collect();
            previous.insert(field.name().to_string(), Value::Object(old));
        }
        let now = now_millis();
        Self {
            id: format!("{now:x}-{}", random_hex(6)),
            time: format_millis(now),
            tenant: tenant.to_string(),
            user_id: user_id.to_string(),
            body: sent,
            previous,
            status: Some(SENDING.to_string()),
            reverts: None,
            batch: None,
            outcome: None,
        }
    }

    /// Marks the entry as one user's part of bulk change `batch`.
    pub fn in_batch(mut self, batch: Option<String>) -> Self {
        self.batch = batch;
        self
    }

    /// Marks the entry as the revert of entry `id`.
    pub fn reverting(mut self, id: Option<String>) -> Self {
        self.reverts = id;
        self
    }

    /// Each key the entry set that the server has changed since, with the three values.
    pub fn changed_since(&self, now: &MetadataPair) -> Vec<String> {
        let shown = |v: Option<&Value>| v.map_or("(absent)".to_string(), Value::to_string);
        self.changes()
            .into_iter()
            .filter_map(|(at, before, after)| {
                let held = now.get(at.field).get(at.path.root_key()?);
                (held != after.as_ref()).then(|| {
                    format!(
                        "  {at}: the entry set {}, it was {} before, the server now holds {}",
                        shown(after.as_ref()),
                        shown(before.as_ref()),
                        shown(held)
                    )
                })
            })
            .collect()
    }

    /// Per touched root key, the value before and after (`None` where absent).
    pub fn changes(&self) -> Vec<(FieldPath, Option<Value>, Option<Value>)> {
        self.expected()
            .into_iter()
            .map(|(field, key, after)| {
                let before = self.previous[field.name()][key.as_str()].clone();
                let before = Some(before).filter(|v| !v.is_null());
                (FieldPath::root_key(field, key), before, after)
            })
            .collect()
    }

    /// One line of what changed: `user_metadata.addresses: +work · app_metadata.plan: "pro" → "free"`.
    pub fn summary(&self) -> String {
        let parts: Vec<String> = self
            .changes()
            .into_iter()
            .map(|(at, before, after)| match (before, after) {
                (None, Some(_)) => format!("{at}: added"),
                (Some(_), None) => format!("{at}: deleted"),
                (Some(a), Some(b)) => format!("{at}: {}", summary(&diff(&a, &b))),
                (None, None) => format!("{at}: unchanged"),
            })
            .collect();
        parts.join(" · ")
    }

    /// Written ahead and never resolved: the process ended while the PATCH was out.
    pub fn is_unresolved(&self) -> bool {
        self.status.as_deref() == Some(SENDING) && self.outcome.is_none()
    }

    /// The outcome; an entry from before write-ahead was written only once applied.
    pub fn result(&self) -> Option<Outcome> {
        match (&self.outcome, self.status.as_deref()) {
            (Some(outcome), _) => Some(outcome.clone()),
            (None, None) => Some(Outcome::Applied {
                updated_at: None,
                changed_meanwhile: Vec::new(),
            }),
            (None, Some(_)) => None,
        }
    }

    /// Per field, the root keys as the body leaves them: `None` where it deletes one.
    pub fn expected(&self) -> Vec<(MetadataField, String, Option<Value>)> {
        let mut expected = Vec::new();
        for (name, keys) in &self.previous {
            let (Some(field), Some(keys)) = (MetadataField::from_name(name), keys.as_object()) else {
                continue;
            };
            let sent = self.body.get(name).and_then(Value::as_object);
            for key in keys.keys() {
                let value = sent.and_then(|m| m.get(key)).filter(|v| !v.is_null()).cloned();
                expected.push((field, key.clone(), value));
            }
        }
        expected
    }

    /// The edits that put every touched root key back as it was, applied to `current`.
    pub fn revert_edits(&self, current: &MetadataPair) -> Vec<(MetadataField, Edit)> {
        let mut edits = Vec::new();
        for (name, keys) in &self.previous {
            let (Some(field), Some(keys)) = (MetadataField::from_name(name), keys.as_object()) else {
                continue;
            };
            let now: &Metadata = current.get(field);
            // Edits are made one after another: each insert goes at the end as it is then.
            let mut len = now.len();
            for (key, old) in keys {
                let path = JsonPath::root().key(key.clone());
                let edit = match (old, now.contains_key(key)) {
                    (Value::Null, true) => {
                        len -= 1;
                        Edit::Remove { path }
                    }
                    (Value::Null, false) => continue,
                    (old, true) => Edit::Set {
                        path,
                        value: old.clone(),
                    },
                    (old, false) => {
                        len += 1;
                        let (key, value) = (key.clone(), old.clone());
                        Edit::InsertKey {
                            object: JsonPath::root(),
                            position: len - 1,
                            key,
                            value,
                        }
                    }
                };
                edits.push((field, edit));
            }
        }
        edits
    }
}
