//! How a PATCH body changes a stored user: metadata by Auth0's root-level merge, other
//! attributes replaced, `null` unsetting them.

use serde_json::{Map, Value};

use super::reply::Auth0Error;

/// A user as the emulator stores it: its attributes, in the order they came.
pub type UserObject = Map<String, Value>;
use crate::domain::{merge, Metadata, MetadataField};

/// Applies a checked body's attributes to `user`.
pub fn patch_attributes(user: &mut UserObject, body: &UserObject) -> Result<(), Auth0Error> {
    for (key, value) in body {
        if let Some(field) = MetadataField::from_name(key) {
            let stored: Metadata = match user.get_mut(key).map(Value::take) {
                Some(Value::Object(map)) => map.into(),
                _ => Metadata::new(),
            };
            let merged = merge::apply(field, &stored, value).map_err(|e| Auth0Error::invalid_body(e.to_string()))?;
            drop(stored); // so the values kept are moved back, not copied
            user.insert(key.clone(), Value::Object(merged.into_map()));
            drop_if_empty(user, field);
        } else if value.is_null() {
            user.shift_remove(key);
        } else if !matches!(
            key.as_str(),
            "password" | "connection" | "client_id" | "verify_email" | "verify_phone_number"
        ) {
            user.insert(key.clone(), value.clone());
        }
    }
    Ok(())
}

/// As observed on Auth0: an emptied `user_metadata` reads back as `{}`, an emptied
/// `app_metadata` disappears from the user (recorded traffic of go-auth0's tests).
pub fn drop_if_empty(user: &mut UserObject, field: MetadataField) {
    let empty = user
        .get(field.name())
        .and_then(Value::as_object)
        .is_some_and(Map::is_empty);
    if empty && field == MetadataField::App {
        user.shift_remove(field.name());
    }
}
