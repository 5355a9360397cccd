//! A user as read from the server, with its metadata apart: each root value is kept as
//! the answer's own text (one shared buffer, never copied) until something needs it
//! parsed. Opening a 16 MB legacy profile costs one check of the text, not a 120 MB tree.

use std::sync::Arc;

use indexmap::IndexMap;
use serde_json::value::RawValue;

use super::field::{MetadataField, MetadataPair};
use super::metadata::{Metadata, Root, Text};
use super::user::User;

/// A user without its metadata, and the metadata.
#[derive(Debug, Clone, Default)]
pub struct LoadedUser {
    pub user: User,
    pub docs: MetadataPair,
}

impl From<User> for LoadedUser {
    fn from(mut user: User) -> Self {
        let docs = user.take_metadata();
        Self { user, docs }
    }
}

impl LoadedUser {
    /// Reads a user from the JSON text of an answer.
    pub fn from_json(text: String) -> Result<Self, serde_json::Error> {
        let source = Arc::new(text);
        let attributes: IndexMap<String, &RawValue> = serde_json::from_str(&source)?;
        let mut loaded = LoadedUser::default();
        for (name, raw) in attributes {
            match MetadataField::from_name(&name) {
                Some(field) => *loaded.docs.get_mut(field) = document(&source, raw)?,
                None => {
                    loaded.user.0.insert(name, serde_json::from_str(raw.get())?);
                }
            }
        }
        Ok(loaded)
    }
}

/// A metadata document whose root values point into `source`; anything but an object
/// reads as empty, as Auth0 treats it.
fn document(source: &Arc<String>, raw: &RawValue) -> Result<Metadata, serde_json::Error> {
    let mut doc = Metadata::new();
    if !raw.get().starts_with('{') {
        return Ok(doc);
    }
    let keys: IndexMap<String, &RawValue> = serde_json::from_str(raw.get())?;
    for (key, value) in keys {
        let start = value.get().as_ptr() as usize - source.as_ptr() as usize;
        let text = Text::new(source.clone(), start..start + value.get().len());
        doc.insert_shared(key, Arc::new(Root::raw(text)));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn metadata_stays_text_until_asked_for() {
        let text = r#"{"user_id": "auth0|1", "user_metadata": {"big": {"a": [1, 2]}, "k": "v"}, "app_metadata": null, "email": "a@b"}"#;
        let loaded = LoadedUser::from_json(text.to_string()).unwrap();
        assert_eq!(
            serde_json::to_value(&loaded.user).unwrap(),
            json!({"user_id": "auth0|1", "email": "a@b"})
        );
        let big = loaded.docs.user_metadata.shared("big").unwrap();
        assert!(big.is_raw());
        assert_eq!(big.text(), r#"{"a": [1, 2]}"#);
        assert_eq!(
            loaded.docs.user_metadata.to_value(),
            json!({"big": {"a": [1, 2]}, "k": "v"})
        );
        assert!(loaded.docs.app_metadata.is_empty());
    }
}
