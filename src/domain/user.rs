//! A user as the Management API returns it. Kept as the JSON object it arrived as, so
//! fields this tool does not know about survive and key order is the server's.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::field::{Metadata, MetadataField, MetadataPair};

/// The whole profile, as Auth0's "User Profile Structure" page names its root
/// attributes: what an export carries unless `--fields` says otherwise (Auth0 exports metadata only
/// when named), and the names an `app_metadata` root key can be confused with.
pub const PROFILE_FIELDS: [&str; 22] = [
    "user_id",
    "email",
    "email_verified",
    "username",
    "phone_number",
    "phone_verified",
    "name",
    "given_name",
    "family_name",
    "nickname",
    "picture",
    "identities",
    "created_at",
    "updated_at",
    "last_login",
    "last_ip",
    "logins_count",
    "blocked",
    "multifactor",
    "last_password_reset",
    "user_metadata",
    "app_metadata",
];

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
            .map(Metadata::from)
            .unwrap_or_default()
    }

    /// Both documents, moved out of the user (no copy): a 16 MB profile is read once.
    pub fn take_metadata(&mut self) -> MetadataPair {
        let mut take = |field: MetadataField| match self.0.shift_remove(field.name()) {
            Some(Value::Object(map)) => Metadata::from(map),
            _ => Metadata::new(),
        };
        MetadataPair {
            user_metadata: take(MetadataField::User),
            app_metadata: take(MetadataField::App),
        }
    }

    pub fn metadata_pair(&self) -> MetadataPair {
        MetadataPair {
            user_metadata: self.metadata(MetadataField::User),
            app_metadata: self.metadata(MetadataField::App),
        }
    }

    /// Drops metadata of more than `max_nodes` nodes (a legacy profile of megabytes),
    /// keeping the user's other attributes; true if it did. The list keeps only what
    /// it shows, and opening the user fetches it whole.
    pub fn drop_large_metadata(&mut self, max_nodes: usize) -> bool {
        let mut budget = max_nodes;
        let large = MetadataField::BOTH
            .iter()
            .any(|field| self.0.get(field.name()).is_some_and(|doc| !fits(doc, &mut budget)));
        if large {
            for field in MetadataField::BOTH {
                self.0.shift_remove(field.name());
            }
        }
        large
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

/// Whether `value` has at most `budget` nodes left, counting down as it goes and
/// stopping as soon as the budget is spent.
fn fits(value: &Value, budget: &mut usize) -> bool {
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    match value {
        Value::Object(map) => map.values().all(|child| fits(child, budget)),
        Value::Array(items) => items.iter().all(|child| fits(child, budget)),
        _ => true,
    }
}
