//! The Management API calls beyond one user's own record: the lookup by email, user
//! export jobs and connections.

use reqwest::Method;
use serde_json::Value;

use super::client::{encode_segment, Client};
use super::error::ApiError;
use crate::domain::User;

impl Client {
    /// Auth0 stores database users' emails lower-cased, and the lookup is exact.
    pub async fn users_by_email(&self, email: &str) -> Result<Vec<User>, ApiError> {
        let params = [("email", email.to_lowercase())];
        let value = self.call(Method::GET, "/api/v2/users-by-email", &params, None).await?;
        serde_json::from_value(value).map_err(|e| ApiError::Decode(format!("users by email: {e}")))
    }

    /// `POST /api/v2/jobs/users-exports`.
    pub async fn start_export(&self, body: &Value) -> Result<Value, ApiError> {
        self.call(Method::POST, "/api/v2/jobs/users-exports", &[], Some(body))
            .await
    }

    /// `GET /api/v2/jobs/{id}`.
    pub async fn job(&self, id: &str) -> Result<Value, ApiError> {
        self.call(Method::GET, &format!("/api/v2/jobs/{}", encode_segment(id)), &[], None)
            .await
    }

    /// `GET /api/v2/connections?name=`: the connection of that name, if there is one.
    pub async fn connection_named(&self, name: &str) -> Result<Option<Value>, ApiError> {
        let found = self
            .call(Method::GET, "/api/v2/connections", &[("name", name.to_string())], None)
            .await?;
        Ok(found.as_array().and_then(|list| list.first()).cloned())
    }
}
