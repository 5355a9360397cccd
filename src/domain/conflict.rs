//! Changes made on the server since a user was loaded. Auth0 has no ETags, so the only
//! defence is to re-read the user before sending and compare root keys.

use serde_json::Value;

use super::field::{MetadataField, MetadataPair};
use super::merge::{same, UpdateBody};

/// A root key that the body would overwrite although it changed on the server meanwhile.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub field: MetadataField,
    pub key: String,
    /// As loaded; `None` if absent then.
    pub loaded: Option<Value>,
    /// As on the server now; `None` if absent now.
    pub server: Option<Value>,
    /// What the body sends; `None` where it deletes the key.
    pub ours: Option<Value>,
}

/// Keys changed on the server since loading, split by whether sending the body clobbers them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConflictReport {
    pub overwritten: Vec<Conflict>,
    /// Changed on the server, left alone by the body: they survive the PATCH.
    pub kept: Vec<(MetadataField, String)>,
}

impl ConflictReport {
    pub fn has_conflicts(&self) -> bool {
        !self.overwritten.is_empty()
    }
}

pub fn conflicts(loaded: &MetadataPair, server: &MetadataPair, body: &UpdateBody) -> ConflictReport {
    let mut report = ConflictReport::default();
    for field in MetadataField::BOTH {
        let (before, now) = (loaded.get(field), server.get(field));
        let patch = body.field(field);
        let sent = patch.body();
        let changed = before
            .keys()
            .chain(now.keys().filter(|k| !before.contains_key(k)))
            .filter(|k| !before.same_at(now, k));
        for key in changed {
            if !patch.touches(key) {
                report.kept.push((field, key.clone()));
                continue;
            }
            let ours = sent
                .as_ref()
                .and_then(|body| body.get(key))
                .filter(|value| !value.is_null())
                .cloned();
            if same_opt(ours.as_ref(), now.get(key)) {
                continue; // the server already holds what we send
            }
            report.overwritten.push(Conflict {
                field,
                key: key.clone(),
                loaded: before.get(key).cloned(),
                server: now.get(key).cloned(),
                ours,
            });
        }
    }
    report
}

fn same_opt(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => same(x, y),
        (None, None) => true,
        _ => false,
    }
}
