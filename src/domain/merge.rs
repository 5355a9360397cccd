//! Auth0's merge of `user_metadata` / `app_metadata` on PATCH: root keys only. A root key
//! sent replaces the stored one whole, a root key sent as `null` is deleted, `{}` clears
//! everything, keys not sent are kept
//! (https://auth0.com/docs/manage-users/user-accounts/metadata/manage-metadata-api).

use serde_json::{Map, Value};

pub use super::field::Metadata;
use super::field::{MetadataField, MetadataPair};
use super::field_path::FieldPath;
use super::kind::ValueKind;
pub use super::metadata::same;
use super::path::JsonPath;

/// What a PATCH says about one metadata document.
#[derive(Debug, Clone, PartialEq)]
pub enum MetadataPatch {
    /// Not mentioned in the body, so the server leaves it alone.
    Unchanged,
    /// These root keys (never empty): a value replaces, `null` deletes.
    Keys(Metadata),
    /// `{}`: the server drops every key, including keys added since the user was loaded.
    Clear,
}

impl MetadataPatch {
    /// The value sent for this field, if it is sent at all.
    pub fn body(&self) -> Option<Value> {
        match self {
            Self::Unchanged => None,
            Self::Keys(keys) => Some(keys.to_value()),
            Self::Clear => Some(Value::Object(Map::new())),
        }
    }

    pub fn is_unchanged(&self) -> bool {
        matches!(self, Self::Unchanged)
    }

    /// True when the server's copy of `key` is replaced or removed by this patch.
    pub fn touches(&self, key: &str) -> bool {
        match self {
            Self::Unchanged => false,
            Self::Keys(keys) => keys.contains_key(key),
            Self::Clear => true,
        }
    }
}

/// The metadata part of a `PATCH /api/v2/users/{id}` body.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateBody {
    pub user_metadata: MetadataPatch,
    pub app_metadata: MetadataPatch,
}

impl UpdateBody {
    /// The smallest body that turns each original document into its edited one.
    pub fn between(original: &MetadataPair, edited: &MetadataPair) -> Self {
        Self {
            user_metadata: patch_for(&original.user_metadata, &edited.user_metadata),
            app_metadata: patch_for(&original.app_metadata, &edited.app_metadata),
        }
    }

    /// What the server holds after this body is merged into `stored`.
    pub fn apply_to(&self, stored: &MetadataPair) -> MetadataPair {
        MetadataPair {
            user_metadata: apply_patch(&stored.user_metadata, &self.user_metadata),
            app_metadata: apply_patch(&stored.app_metadata, &self.app_metadata),
        }
    }

    pub fn field(&self, field: MetadataField) -> &MetadataPatch {
        match field {
            MetadataField::User => &self.user_metadata,
            MetadataField::App => &self.app_metadata,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.user_metadata.is_unchanged() && self.app_metadata.is_unchanged()
    }

    /// What the body writes: each root key sent, or the whole document where it clears.
    pub fn written(&self) -> Vec<FieldPath> {
        let mut written = Vec::new();
        for field in MetadataField::BOTH {
            match self.field(field) {
                MetadataPatch::Unchanged => {}
                MetadataPatch::Keys(keys) => {
                    written.extend(keys.keys().map(|key| FieldPath::root_key(field, key.clone())))
                }
                MetadataPatch::Clear => written.push(FieldPath::new(field, JsonPath::root())),
            }
        }
        written
    }

    /// The JSON body, or `None` when there is nothing to send.
    pub fn to_json(&self) -> Option<Value> {
        SendBody::new(self.clone()).map(|body| body.to_json())
    }
}

/// A body with something in it. Only this can be sent, so an empty PATCH (which would
/// go out as `null` or `{}`) cannot be written, let alone sent.
#[derive(Debug, Clone, PartialEq)]
pub struct SendBody(UpdateBody);

impl SendBody {
    pub fn new(body: UpdateBody) -> Option<Self> {
        (!body.is_empty()).then_some(Self(body))
    }

    pub fn body(&self) -> &UpdateBody {
        &self.0
    }

    pub fn to_json(&self) -> Value {
        let mut json = Map::new();
        for field in MetadataField::BOTH {
            if let Some(value) = self.0.field(field).body() {
                json.insert(field.name().to_string(), value);
            }
        }
        Value::Object(json)
    }

    /// What the body writes: each root key sent, or the whole document where it clears.
    pub fn written(&self) -> Vec<FieldPath> {
        self.0.written()
    }
}

/// Why a PATCH value for a metadata field cannot be merged (Auth0 answers 400 `invalid_body`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("Payload validation error: 'Expected type object but found type {found}' on property {field}.")]
pub struct MergeError {
    pub field: MetadataField,
    pub found: ValueKind,
}

/// What the server holds after merging `sent` into `stored`, exactly as Auth0 does it.
pub fn apply(field: MetadataField, stored: &Metadata, sent: &Value) -> Result<Metadata, MergeError> {
    let Value::Object(sent) = sent else {
        return Err(MergeError {
            field,
            found: ValueKind::of(sent),
        });
    };
    if sent.is_empty() {
        return Ok(Metadata::new());
    }
    let sent: Metadata = sent.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    Ok(merge_keys(stored, &sent))
}

/// What the server will hold after `patch`; the preview shows this.
pub fn apply_patch(stored: &Metadata, patch: &MetadataPatch) -> Metadata {
    match patch {
        MetadataPatch::Unchanged => stored.clone(),
        MetadataPatch::Clear => Metadata::new(),
        MetadataPatch::Keys(keys) => merge_keys(stored, keys),
    }
}

/// Root-level merge: a value replaces (keeping the key's place), `null` deletes.
fn merge_keys(stored: &Metadata, sent: &Metadata) -> Metadata {
    let mut result = stored.clone();
    for (key, value) in sent.entries() {
        if value.value().is_null() {
            result.remove(key);
        } else {
            result.insert_shared(key.clone(), value.clone());
        }
    }
    result
}

/// The smallest patch from `original` to `edited`: changed root keys with their whole new
/// value, removed root keys as `null`. Removing every key still sends one `null` per key,
/// never `{}`, so that keys someone else adds meanwhile survive.
pub fn patch_for(original: &Metadata, edited: &Metadata) -> MetadataPatch {
    let mut keys = Metadata::new();
    for (key, value) in edited.entries() {
        if !original.contains_key(key) || !original.same_at(edited, key) {
            keys.insert_shared(key.clone(), value.clone());
        }
    }
    for key in original.keys() {
        if !edited.contains_key(key) {
            keys.insert(key.clone(), Value::Null);
        }
    }
    if keys.is_empty() {
        MetadataPatch::Unchanged
    } else {
        MetadataPatch::Keys(keys)
    }
}
