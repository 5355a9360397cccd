//! The emulated tenant's users, in memory and optionally in a state file that every
//! write replaces atomically (temporary file, fsync, rename).

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use axum::http::StatusCode;
use serde_json::{json, Map, Value};

pub use super::patching::UserObject;
use super::patching::{drop_if_empty, patch_attributes};
use super::picture::default_picture;
use super::reply::Auth0Error;
use super::served::Served;
use super::synthetic::{self, Synthetic};
use crate::atomic_write::{stale_temps, write_atomically};
use crate::domain::MetadataField;
use crate::random::random_hex;
use crate::timestamp::{format_millis, now_millis};

#[derive(Debug, Default)]
pub struct Store {
    /// Keyed by `user_id`, in creation order.
    users: Map<String, Value>,
    /// Generated users, made when read; a write moves one into `users`.
    synthetic: Synthetic,
    state_file: Option<PathBuf>,
    last_write_ms: u64,
    served: Served,
}

impl Store {
    /// Users as `GET /users/{id}` returns them; no size cap, as legacy profiles can be 16 MB.
    pub fn from_users(users: Vec<Value>) -> Result<Self, String> {
        let mut store = Store::default();
        for (n, user) in users.into_iter().enumerate() {
            let id = user
                .get("user_id")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("user #{n} has no string user_id"))?
                .to_string();
            if store.users.insert(id.clone(), user).is_some() {
                return Err(format!("user_id {id} appears twice"));
            }
        }
        // Large users are kept as text from the start, as a tenant's storage holds them.
        let ids: Vec<String> = store.users.keys().cloned().collect();
        for id in ids {
            store.user_json(&id);
        }
        Ok(store)
    }

    pub fn from_file(path: &Path) -> Result<Self, String> {
        let text = fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let users: Vec<Value> =
            serde_json::from_str(&text).map_err(|e| format!("{} is not a JSON array of users: {e}", path.display()))?;
        Self::from_users(users)
    }

    /// From here on every write is saved to `path` before it is acknowledged.
    /// Temporary files a killed emulator left beside it are removed first.
    pub fn persist_to(&mut self, path: PathBuf) -> Result<(), String> {
        for stale in stale_temps(&path) {
            let _ = fs::remove_file(stale);
        }
        self.state_file = Some(path);
        self.save()
    }

    fn save(&self) -> Result<(), String> {
        let Some(path) = &self.state_file else {
            return Ok(());
        };
        let users: Vec<&Value> = self.users.values().collect();
        let text = serde_json::to_vec(&users).map_err(|e| e.to_string())?;
        write_atomically(path, &text).map_err(|e| format!("cannot save {}: {e}", path.display()))
    }

    /// Adds `count` generated users; those the state file already holds stay the file's.
    pub fn with_synthetic(mut self, count: u64) -> Self {
        self.synthetic = Synthetic::new(count);
        let stored: Vec<u64> = self
            .users
            .keys()
            .filter_map(|id| self.synthetic.number_of(id))
            .collect();
        for n in stored {
            self.synthetic.take(n);
        }
        self
    }

    /// The user as `GET /users/{id}` sends it whole: JSON text, kept for large users.
    pub fn user_json(&mut self, id: &str) -> Option<bytes::Bytes> {
        let user = match self.users.get(id) {
            Some(user) => Cow::Borrowed(user.as_object()?),
            None => Cow::Owned(synthetic::object(self.synthetic.number_of(id)?)),
        };
        Some(self.served.text(id, || serde_json::to_vec(&*user).unwrap_or_default()))
    }

    pub fn get(&self, id: &str) -> Option<Cow<'_, UserObject>> {
        match self.users.get(id) {
            Some(user) => user.as_object().map(Cow::Borrowed),
            None => self.synthetic.number_of(id).map(|n| Cow::Owned(synthetic::object(n))),
        }
    }

    /// Every user: the stored ones in creation order, then the generated ones, each
    /// made only when the iterator reaches it.
    pub fn all(&self) -> impl Iterator<Item = Cow<'_, UserObject>> {
        self.stored()
            .map(Cow::Borrowed)
            .chain(self.synthetic.numbers().map(|n| Cow::Owned(synthetic::object(n))))
    }

    /// The users held in memory (seeded, created or changed), without the generated ones.
    pub fn stored(&self) -> impl Iterator<Item = &UserObject> {
        self.users.values().filter_map(Value::as_object)
    }

    pub fn synthetic(&self) -> &Synthetic {
        &self.synthetic
    }

    /// Users with this email, found without generating a million users to compare.
    pub fn by_email(&self, email: &str) -> Vec<Cow<'_, UserObject>> {
        let stored = self
            .stored()
            .filter(|u| u.get("email").and_then(Value::as_str) == Some(email))
            .map(Cow::Borrowed);
        let generated = self
            .synthetic
            .number_by_email(email)
            .map(|n| Cow::Owned(synthetic::object(n)));
        stored.chain(generated).collect()
    }

    pub fn len(&self) -> usize {
        self.users.len() + self.synthetic.len() as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Millisecond timestamps that always move forward, so `updated_at` changes on every write.
    fn stamp(&mut self) -> String {
        self.last_write_ms = now_millis().max(self.last_write_ms + 1);
        format_millis(self.last_write_ms)
    }

    pub fn create(&mut self, body: &UserObject) -> Result<UserObject, Auth0Error> {
        let connection = body
            .get("connection")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let local_id = match body.get("user_id").and_then(Value::as_str) {
            Some(id) => id.to_string(),
            None => random_hex(24),
        };
        let user_id = format!("auth0|{local_id}");
        let email = body.get("email").and_then(Value::as_str).map(str::to_lowercase);
        let duplicate = self.get(&user_id).is_some()
            || email.as_ref().is_some_and(|email| {
                self.by_email(email)
                    .iter()
                    .any(|u| u["identities"][0]["connection"].as_str() == Some(&connection))
            });
        if duplicate {
            return Err(Auth0Error::new(
                StatusCode::CONFLICT,
                Some("auth0_idp_error"),
                "The user already exists.",
            ));
        }
        let now = self.stamp();
        let mut user = Map::new();
        user.insert("created_at".into(), json!(now));
        for (key, value) in body {
            if !matches!(
                key.as_str(),
                "connection" | "password" | "user_id" | "verify_email" | "client_id"
            ) {
                user.insert(key.clone(), value.clone());
            }
        }
        if let Some(email) = &email {
            user.insert("email".into(), json!(email));
            user.entry("name").or_insert_with(|| json!(email));
            let local = email.split('@').next().unwrap_or(email);
            user.entry("nickname").or_insert_with(|| json!(local));
        }
        user.entry("email_verified").or_insert(json!(false));
        if let Some(picture) = default_picture(&user) {
            user.entry("picture").or_insert(json!(picture));
        }
        user.insert(
            "identities".into(),
            json!([{"connection": connection, "user_id": local_id, "provider": "auth0", "isSocial": false}]),
        );
        user.insert("updated_at".into(), json!(now));
        user.insert("user_id".into(), json!(user_id));
        for field in MetadataField::BOTH {
            drop_if_empty(&mut user, field);
        }
        self.put(&user_id, Some(Value::Object(user.clone())))?;
        Ok(user)
    }

    /// Applies a checked PATCH body: metadata by Auth0's root-level merge, other
    /// attributes replaced, `null` unsetting them.
    /// `max_profile_bytes` refuses a result over Auth0's extended allowance, for the
    /// strict mode.
    pub fn update(&mut self, id: &str, body: &UserObject, max_profile_bytes: Option<usize>) -> Result<(), Auth0Error> {
        let mut user = self.get(id).map(Cow::into_owned).ok_or_else(Auth0Error::not_found)?;
        patch_attributes(&mut user, body)?;
        if let Some(limit) = max_profile_bytes {
            let size = serde_json::to_vec(&user).map_or(0, |bytes| bytes.len());
            if size > limit {
                return Err(Auth0Error::invalid_body(format!(
                    "The user profile would be {size} bytes; the maximum is {limit}."
                )));
            }
        }
        let now = self.stamp();
        user.insert("updated_at".into(), json!(now));
        if body.get("password").is_some_and(Value::is_string) {
            user.insert("last_password_reset".into(), json!(now));
        }
        self.put(id, Some(Value::Object(user)))?;
        if let Some(n) = self.synthetic.number_of(id) {
            self.synthetic.take(n);
        }
        Ok(())
    }

    /// Deleting a user that does not exist succeeds too: Auth0's OpenAPI document lists no
    /// 404 for `DELETE /api/v2/users/{id}`.
    pub fn delete(&mut self, id: &str) -> Result<(), Auth0Error> {
        self.served.forget(id);
        if self.users.contains_key(id) {
            self.put(id, None)?;
        } else if let Some(n) = self.synthetic.number_of(id) {
            self.synthetic.take(n);
        }
        Ok(())
    }

    /// Stores `user` under `id` (or removes it), then saves; if saving fails, the
    /// change is rolled back, so a 500 always means nothing changed, in memory or on disk.
    fn put(&mut self, id: &str, user: Option<Value>) -> Result<(), Auth0Error> {
        self.served.forget(id);
        let position = self.users.keys().position(|k| k == id);
        let previous = match user {
            Some(user) => self.users.insert(id.to_string(), user),
            None => self.users.shift_remove(id),
        };
        let Err(message) = self.save() else {
            return Ok(());
        };
        match (previous, position) {
            (Some(previous), Some(at)) => {
                self.users.shift_remove(id);
                self.users.shift_insert(at, id.to_string(), previous);
            }
            _ => {
                self.users.shift_remove(id);
            }
        }
        Err(internal(message))
    }
}

fn internal(message: String) -> Auth0Error {
    Auth0Error::new(StatusCode::INTERNAL_SERVER_ERROR, None, message)
}
