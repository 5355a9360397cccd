//! A place in a user's metadata: which document, and where in it. Shown and parsed as
//! `user_metadata.addresses.home` or `app_metadata["a b"][0]`, the way people type it.

use std::fmt;
use std::str::FromStr;

use super::field::MetadataField;
use super::path::{JsonPath, Segment};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldPath {
    pub field: MetadataField,
    pub path: JsonPath,
}

impl FieldPath {
    pub fn new(field: MetadataField, path: JsonPath) -> Self {
        Self { field, path }
    }

    /// A root key of a document: `app_metadata.plan`.
    pub fn root_key(field: MetadataField, key: impl Into<String>) -> Self {
        Self::new(field, JsonPath::root().key(key))
    }
}

/// `user_metadata.a, app_metadata.b`.
pub fn join(paths: &[FieldPath]) -> String {
    paths.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut segments = vec![Segment::Key(self.field.name().to_string())];
        segments.extend(self.path.segments().iter().cloned());
        JsonPath::from(segments).fmt(f)
    }
}

/// Why a text is not a metadata path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldPathError {
    #[error(transparent)]
    Path(#[from] super::path::PathError),
    #[error("the path must start with user_metadata or app_metadata")]
    NoField,
}

impl FromStr for FieldPath {
    type Err = FieldPathError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let path: JsonPath = text.parse()?;
        let field = path
            .root_key()
            .and_then(MetadataField::from_name)
            .ok_or(FieldPathError::NoField)?;
        Ok(Self::new(field, path.without_first()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_and_parses_the_way_people_type_paths() {
        for text in [
            "user_metadata",
            "user_metadata.addresses.home",
            "app_metadata[\"a b\"][0]",
        ] {
            let parsed: FieldPath = text.parse().unwrap();
            assert_eq!(parsed.to_string(), text);
        }
        let at = FieldPath::root_key(MetadataField::App, "plan");
        assert_eq!(at.to_string(), "app_metadata.plan");
        assert_eq!("profile.x".parse::<FieldPath>(), Err(FieldPathError::NoField));
    }
}
