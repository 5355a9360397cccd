//! Asking for a page of `GET /users`, and reading one for browsing: a legacy profile's megabytes of
//! metadata are skipped by their text, never built into a tree the list would not show.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::domain::{MetadataField, User};

/// What to list: `q` is Auth0 Lucene syntax (sent with `search_engine=v3`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListQuery {
    pub q: Option<String>,
    pub page: u32,
    pub per_page: u32,
    /// `field:1` or `field:-1`.
    pub sort: Option<String>,
    /// Root attributes to return; `user_id` is always added.
    pub fields: Vec<&'static str>,
}

impl ListQuery {
    /// The query string of `GET /users`.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut params = vec![
            ("page", self.page.to_string()),
            ("per_page", self.per_page.to_string()),
            ("include_totals", "true".to_string()),
        ];
        if let Some(q) = self.q.as_ref().filter(|q| !q.trim().is_empty()) {
            params.push(("q", q.clone()));
            params.push(("search_engine", "v3".to_string()));
        }
        if let Some(sort) = &self.sort {
            params.push(("sort", sort.clone()));
        }
        if !self.fields.is_empty() {
            let mut fields = vec!["user_id"];
            fields.extend(self.fields.iter().filter(|f| **f != "user_id"));
            params.push(("fields", fields.join(",")));
            params.push(("include_fields", "true".to_string()));
        }
        params
    }
}

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
