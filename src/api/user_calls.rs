//! The calls on one user's own record: list and search, read (as a `User` or a
//! `LoadedUser` kept as text), PATCH, create and delete.

use reqwest::Method;
use serde_json::Value;

use super::client::{encode_segment, Client};
use super::error::ApiError;
use super::page::{ListQuery, UserPage};
use super::retry::Resend;
use super::wire::read_user;
use crate::domain::{LoadedUser, User};

impl Client {
    /// The path and query a `PATCH` of this user goes to, as the preview shows it.
    pub fn user_path(id: &str) -> String {
        format!("/api/v2/users/{}", encode_segment(id))
    }

    pub async fn list_users(&self, query: &ListQuery) -> Result<UserPage, ApiError> {
        let bytes = self.list_bytes(query).await?;
        serde_json::from_slice(&bytes).map_err(|e| ApiError::Decode(format!("a users page: {e}")))
    }

    /// A page for browsing: metadata longer than `max_metadata_bytes` is left out (its
    /// users named in `heavy`), so a 16 MB profile on the page costs its text, not a tree.
    pub async fn list_users_trimmed(&self, query: &ListQuery, max_metadata_bytes: usize) -> Result<UserPage, ApiError> {
        let bytes = self.list_bytes(query).await?;
        super::page::trimmed(&bytes, max_metadata_bytes).map_err(|e| ApiError::Decode(format!("a users page: {e}")))
    }

    async fn list_bytes(&self, query: &ListQuery) -> Result<Vec<u8>, ApiError> {
        self.call_bytes(Method::GET, "/api/v2/users", &query.params(), None)
            .await
    }

    pub async fn get_user(&self, id: &str) -> Result<User, ApiError> {
        self.call_user(Method::GET, &Self::user_path(id), None).await
    }

    /// The user with its metadata kept as the answer's text, parsed only where needed:
    /// what the TUI opens, so a 16 MB profile is never a 120 MB tree.
    pub async fn get_user_loaded(&self, id: &str) -> Result<LoadedUser, ApiError> {
        self.call_loaded(Method::GET, &Self::user_path(id), None, false).await
    }

    /// `get_user_loaded` for a user about to be shown: a large one's trees are numbered
    /// on a second thread while its text is checked.
    pub async fn get_user_shown(&self, id: &str) -> Result<LoadedUser, ApiError> {
        self.call_loaded(Method::GET, &Self::user_path(id), None, true).await
    }

    /// `patch_user`, the answer read as `get_user_loaded` reads it. Sent once, even
    /// after a 429: its `Refusal::retry_after` says how long to wait, and the caller
    /// checks the user again before sending anything (`apply`), since others may have
    /// written meanwhile.
    pub async fn patch_user_loaded(&self, id: &str, body: &Value) -> Result<LoadedUser, ApiError> {
        let bytes = self
            .call_bytes_as(Method::PATCH, &Self::user_path(id), &[], Some(body), Resend::NotOn429)
            .await?;
        Self::read_loaded(bytes, true).await
    }

    async fn call_loaded(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        shown: bool,
    ) -> Result<LoadedUser, ApiError> {
        let bytes = self.call_bytes(method, path, &[], body).await?;
        Self::read_loaded(bytes, shown).await
    }

    async fn read_loaded(bytes: Vec<u8>, shown: bool) -> Result<LoadedUser, ApiError> {
        // Off the runtime's workers, which the event loop shares.
        let read = tokio::task::spawn_blocking(move || read_user(bytes, shown)).await;
        read.map_err(|e| e.to_string())
            .and_then(|read| read)
            .map_err(|e| ApiError::Decode(format!("a user: {e}")))
    }

    /// Sent once: a failed write is reported, never retried, since retrying could
    /// overwrite a change made meanwhile.
    pub async fn patch_user(&self, id: &str, body: &Value) -> Result<User, ApiError> {
        self.call_user(Method::PATCH, &Self::user_path(id), Some(body)).await
    }

    pub async fn create_user(&self, body: &Value) -> Result<User, ApiError> {
        self.call_user(Method::POST, "/api/v2/users", Some(body)).await
    }

    pub async fn delete_user(&self, id: &str) -> Result<(), ApiError> {
        self.call(Method::DELETE, &Self::user_path(id), &[], None)
            .await
            .map(|_| ())
    }

    /// A user decoded straight from the answer's bytes: a 16 MB profile is never held
    /// twice (as a generic JSON tree and again as the user).
    async fn call_user(&self, method: Method, path: &str, body: Option<&Value>) -> Result<User, ApiError> {
        let bytes = self.call_bytes(method, path, &[], body).await?;
        serde_json::from_slice(&bytes).map_err(|e| ApiError::Decode(format!("a user: {e}")))
    }
}
