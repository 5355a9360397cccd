//! The journal: one JSON line per applied PATCH, flushed and synced, with what each
//! touched root key held before, so any change can be reverted.

use std::fs::{self, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::domain::{Edit, FieldPath, JsonPath, Metadata, MetadataField, MetadataPair, SendBody};
use crate::random::random_hex;
use crate::timestamp::{format_millis, now_millis};

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
        }
    }

    /// Every root key the change replaced or deleted.
    pub fn touched_keys(&self) -> Vec<FieldPath> {
        self.previous
            .iter()
            .filter_map(|(name, keys)| Some((MetadataField::from_name(name)?, keys.as_object()?)))
            .flat_map(|(field, keys)| keys.keys().map(move |k| FieldPath::root_key(field, k.clone())))
            .collect()
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

/// Appends one line and syncs it to disk before returning.
pub fn append(path: &Path, entry: &Entry) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut line = serde_json::to_vec(entry).map_err(io::Error::other)?;
    line.push(b'\n');
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    file.write_all(&line)?;
    file.sync_all()
}

/// The entries of `tenant`, for one user or all, oldest first. A damaged line (a crash
/// mid-append) is skipped rather than hiding the rest.
pub fn read(path: &Path, tenant: &str, user_id: Option<&str>) -> io::Result<Vec<Entry>> {
    let file = match fs::File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err),
    };
    let mut entries = Vec::new();
    for line in BufReader::new(file).lines() {
        if let Ok(entry) = serde_json::from_str::<Entry>(&line?) {
            if entry.tenant == tenant && user_id.is_none_or(|id| entry.user_id == id) {
                entries.push(entry);
            }
        }
    }
    Ok(entries)
}
