//! The two metadata documents a user carries.

use std::fmt;

use serde::{Deserialize, Serialize};

pub use super::metadata::Metadata;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MetadataField {
    #[serde(rename = "user_metadata")]
    User,
    #[serde(rename = "app_metadata")]
    App,
}

impl MetadataField {
    pub const BOTH: [MetadataField; 2] = [MetadataField::User, MetadataField::App];

    /// The attribute's name in a user object and in a PATCH body.
    pub fn name(self) -> &'static str {
        match self {
            Self::User => "user_metadata",
            Self::App => "app_metadata",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::BOTH.into_iter().find(|field| field.name() == name)
    }
}

impl fmt::Display for MetadataField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A user's two metadata documents; an absent one is empty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetadataPair {
    pub user_metadata: Metadata,
    pub app_metadata: Metadata,
}

impl MetadataPair {
    pub fn get(&self, field: MetadataField) -> &Metadata {
        match field {
            MetadataField::User => &self.user_metadata,
            MetadataField::App => &self.app_metadata,
        }
    }

    pub fn get_mut(&mut self, field: MetadataField) -> &mut Metadata {
        match field {
            MetadataField::User => &mut self.user_metadata,
            MetadataField::App => &mut self.app_metadata,
        }
    }
}
