//! A page of `GET /users`, and reading one for browsing: a legacy profile's megabytes of
//! metadata are skipped by their text, never built into a tree the list would not show.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::domain::{MetadataField, User};

/// One page of `GET /users`.
#[derive(Debug, Clone, Deserialize)]
pub struct UserPage {
    pub start: u64,
    pub limit: u64,
    pub total: u64,
    pub users: Vec<User>,
    /// Users whose metadata was left out for its size (see `trimmed`): they have some,
    /// and opening them fetches it.
    #[serde(skip)]
    pub heavy: Vec<String>,
}

#[derive(Deserialize)]
struct RawPage<'a> {
    start: u64,
    limit: u64,
    total: u64,
    #[serde(borrow)]
    users: Vec<IndexMap<String, &'a RawValue>>,
}

/// The page, each metadata document whose text is longer than `max_metadata_bytes` left
/// out and its user named in `heavy`.
pub fn trimmed(text: &[u8], max_metadata_bytes: usize) -> Result<UserPage, serde_json::Error> {
    let raw: RawPage<'_> = serde_json::from_slice(text)?;
    let mut page = UserPage {
        start: raw.start,
        limit: raw.limit,
        total: raw.total,
        users: Vec::with_capacity(raw.users.len()),
        heavy: Vec::new(),
    };
    for attributes in raw.users {
        let large = attributes
            .iter()
            .any(|(name, value)| MetadataField::from_name(name).is_some() && value.get().len() > max_metadata_bytes);
        let mut user = User::default();
        for (name, value) in attributes {
            if !(large && MetadataField::from_name(&name).is_some()) {
                user.0.insert(name, serde_json::from_str(value.get())?);
            }
        }
        if large {
            page.heavy.push(user.id().to_string());
        }
        page.users.push(user);
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_metadata_is_left_out_and_its_user_named() {
        let text = br#"{"start": 0, "limit": 50, "total": 2, "users": [
            {"user_id": "a", "user_metadata": {"k": "v"}},
            {"user_id": "b", "app_metadata": {"big": "0123456789"}, "user_metadata": {}, "email": "b@x"}]}"#;
        let page = trimmed(text, 12).unwrap();
        assert_eq!(page.heavy, ["b"]);
        assert!(page.users[0].has_metadata());
        assert_eq!(
            serde_json::to_value(&page.users[1]).unwrap(),
            serde_json::json!({"user_id": "b", "email": "b@x"})
        );
    }
}
