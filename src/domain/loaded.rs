//! A user as read from the server, with its metadata apart: each root value is kept as
//! the answer's own text (one shared buffer, never copied) until something needs it
//! parsed. Opening a 16 MB legacy profile costs one check of the text, not a 120 MB tree.

use std::fmt;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;

use super::field::{MetadataField, MetadataPair};
use super::metadata::{Metadata, Root, Text};
use super::tree::{prebuild, Prebuilt};
use super::user::User;

/// A user without its metadata, and the metadata.
#[derive(Debug, Clone, Default)]
pub struct LoadedUser {
    pub user: User,
    pub docs: MetadataPair,
    /// The documents' trees, numbered beside the parser when the user is read to be
    /// shown (`from_json_shown`), in `MetadataField::BOTH` order.
    pub trees: [Option<Prebuilt>; 2],
}

impl From<User> for LoadedUser {
    fn from(mut user: User) -> Self {
        let docs = user.take_metadata();
        Self {
            user,
            docs,
            trees: [None, None],
        }
    }
}

impl LoadedUser {
    pub fn id(&self) -> &str {
        self.user.id()
    }

    /// The user whole again, its metadata parsed into it.
    pub fn into_user(self) -> User {
        let LoadedUser { mut user, docs, .. } = self;
        let MetadataPair {
            user_metadata,
            app_metadata,
        } = docs;
        user.0
            .insert("user_metadata".into(), Value::Object(user_metadata.into_map()));
        user.0
            .insert("app_metadata".into(), Value::Object(app_metadata.into_map()));
        user
    }

    /// `from_json`, and for a large answer the documents' trees numbered on a second
    /// thread meanwhile, for the panes that will show them.
    pub fn from_json_shown(text: String) -> Result<Self, serde_json::Error> {
        const BESIDE_FROM: usize = 1 << 20;
        if text.len() < BESIDE_FROM {
            return Self::from_json(text);
        }
        let source = Arc::new(text);
        let (loaded, trees) = std::thread::scope(|scope| {
            let numbering = scope.spawn(|| prebuild(&source));
            let loaded = Self::read(&source);
            (loaded, numbering.join())
        });
        let mut loaded = loaded?;
        if let Ok(trees) = trees {
            loaded.trees = trees;
        }
        Ok(loaded)
    }

    /// Reads a user from the JSON text of an answer, in one pass: the attributes become
    /// values, each metadata root value is only marked where it starts and ends.
    pub fn from_json(text: String) -> Result<Self, serde_json::Error> {
        Self::read(&Arc::new(text))
    }

    fn read(source: &Arc<String>) -> Result<Self, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(source);
        let loaded = UserSeed { source }.deserialize(&mut deserializer)?;
        deserializer.end()?;
        Ok(loaded)
    }
}

/// Reads the user object, handing each metadata document to `DocumentSeed`.
struct UserSeed<'s> {
    source: &'s Arc<String>,
}

impl<'de> DeserializeSeed<'de> for UserSeed<'_> {
    type Value = LoadedUser;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<LoadedUser, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for UserSeed<'_> {
    type Value = LoadedUser;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a user object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LoadedUser, A::Error> {
        let mut loaded = LoadedUser::default();
        while let Some(name) = map.next_key::<String>()? {
            match MetadataField::from_name(&name) {
                Some(field) => {
                    *loaded.docs.get_mut(field) = map.next_value_seed(DocumentSeed { source: self.source })?
                }
                None => {
                    loaded.user.0.insert(name, map.next_value::<Value>()?);
                }
            }
        }
        Ok(loaded)
    }
}

/// A metadata document whose root values point into `source`; anything but an object
/// reads as empty, as Auth0 treats it.
struct DocumentSeed<'s> {
    source: &'s Arc<String>,
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_> {
    type Value = Metadata;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Metadata, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_> {
    type Value = Metadata;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a metadata document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Metadata, A::Error> {
        let mut doc = Metadata::new();
        while let Some(key) = map.next_key::<String>()? {
            let value: &RawValue = map.next_value()?;
            let start = value.get().as_ptr() as usize - self.source.as_ptr() as usize;
            let text = Text::new(self.source.clone(), start..start + value.get().len());
            doc.insert_shared(key, Arc::new(Root::raw(text)));
        }
        Ok(doc)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Metadata, E> {
        Ok(Metadata::new())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Metadata, E> {
        Ok(Metadata::new())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Metadata, E> {
        Ok(Metadata::new())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Metadata, E> {
        Ok(Metadata::new())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Metadata, E> {
        Ok(Metadata::new())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Metadata, E> {
        Ok(Metadata::new())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Metadata, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(Metadata::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn metadata_stays_text_until_asked_for() {
        let text = r#"{"user_id": "auth0|1", "user_metadata": {"big": {"a": [1, 2]}, "k": "v"}, "app_metadata": null, "email": "a@b"}"#;
        for odd in [
            r#"{"user_metadata": [1, {"a": 2}], "app_metadata": "x"}"#,
            r#"{"user_metadata": 3.5}"#,
        ] {
            let loaded = LoadedUser::from_json(odd.to_string()).unwrap();
            assert!(loaded.docs.user_metadata.is_empty() && loaded.docs.app_metadata.is_empty());
        }
        assert!(LoadedUser::from_json(r#"{"user_metadata": {"a": 1}} x"#.to_string()).is_err());
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
