//! A user as the Management API returns it. Kept as the JSON object it arrived as, so
//! fields this tool does not know about survive and key order is the server's.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::field::{Metadata, MetadataField, MetadataPair};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct User(pub Map<String, Value>);

impl User {
    pub fn id(&self) -> &str {
        self.str("user_id").unwrap_or("")
    }

    pub fn str(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(Value::as_str)
    }

    /// How a person recognises the user in a list: email, else phone, else username, else id.
    pub fn identifier(&self) -> &str {
        ["email", "phone_number", "username"]
            .iter()
            .find_map(|key| self.str(key))
            .unwrap_or_else(|| self.id())
    }

    /// The connections of the user's identities, primary first.
    pub fn connections(&self) -> Vec<&str> {
        self.0
            .get("identities")
            .and_then(Value::as_array)
            .map(|ids| ids.iter().filter_map(|i| i.get("connection")?.as_str()).collect())
            .unwrap_or_default()
    }

    pub fn logins_count(&self) -> Option<u64> {
        self.0.get("logins_count").and_then(Value::as_u64)
    }

    pub fn blocked(&self) -> bool {
        self.0.get("blocked").and_then(Value::as_bool).unwrap_or(false)
    }

    /// One metadata document; an absent or non-object one reads as empty.
    pub fn metadata(&self, field: MetadataField) -> Metadata {
        self.0
            .get(field.name())
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    }

    pub fn metadata_pair(&self) -> MetadataPair {
        MetadataPair {
            user_metadata: self.metadata(MetadataField::User),
            app_metadata: self.metadata(MetadataField::App),
        }
    }

    pub fn has_metadata(&self) -> bool {
        MetadataField::BOTH.iter().any(|field| {
            self.0
                .get(field.name())
                .and_then(Value::as_object)
                .is_some_and(|m| !m.is_empty())
        })
    }
}
