//! The Management API client: users endpoints over reqwest, retries on 429 as Auth0's own
//! SDKs do, GETs retried on 5xx and timeouts, writes never retried blindly.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::error::{refusal, ApiError};
use super::log;
use super::page::{ListQuery, UserPage};
use super::rate::RateLimit;
use super::retry::{backoff, retry_wait, with_retry_after, Again, Resend};
use super::token::TokenSource;
pub use super::wire::{body_bytes, encode_segment};
use super::wire::{read_body, read_user};
use crate::config::Target;
use crate::domain::{LoadedUser, User};

pub use super::retry::MAX_TRIES;

/// Waits between tries; tests swap in one that records the waits instead of sleeping.
pub type Sleeper = Arc<dyn Fn(Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

pub fn tokio_sleeper() -> Sleeper {
    Arc::new(|duration| Box::pin(tokio::time::sleep(duration)))
}

pub struct Client {
    http: reqwest::Client,
    base_url: String,
    tokens: TokenSource,
    sleeper: Sleeper,
    rate_limit: Mutex<Option<RateLimit>>,
    /// Spaces requests once the tenant's bucket is found empty (`pacer.rs`).
    pacer: super::pacer::Pacer,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Client {
    pub fn new(target: &Target) -> Result<Self, ApiError> {
        let http = super::tls::http_builder()
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| ApiError::Transport {
                target: target.base_url.clone(),
                reason: e.to_string(),
            })?;
        Ok(Self {
            http,
            base_url: target.base_url.clone(),
            tokens: TokenSource::new(target.credentials.clone()),
            sleeper: tokio_sleeper(),
            rate_limit: Mutex::new(None),
            pacer: Default::default(),
        })
    }

    pub fn with_sleeper(mut self, sleeper: Sleeper) -> Self {
        self.sleeper = sleeper;
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Requests a second the client keeps to, once it found the tenant's bucket empty.
    pub fn pace(&self) -> Option<f64> {
        self.pacer.pace()
    }

    /// The budget the last response reported, for the status bar.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        *self.rate_limit.lock().unwrap_or_else(|p| p.into_inner())
    }

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

    /// The scopes the token grants, when it says (a JWT, as Auth0 issues).
    pub async fn granted_scopes(&self) -> Result<Option<Vec<String>>, ApiError> {
        let token = self.tokens.token(&self.http, &self.base_url).await?;
        Ok(super::token::jwt_scopes(&token))
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

    /// Waits as the client waits between tries (tests record instead of sleeping).
    pub async fn sleep(&self, wait: Duration) {
        (self.sleeper)(wait).await
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

    /// The answer as JSON (`null` for an empty one).
    pub(super) async fn call(
        &self,
        method: Method,
        path: &str,
        params: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Value, ApiError> {
        let bytes = self.call_bytes(method, path, params, body).await?;
        if bytes.is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_slice(&bytes).map_err(|e| ApiError::Decode(e.to_string()))
    }

    /// A user decoded straight from the answer's bytes: a 16 MB profile is never held
    /// twice (as a generic JSON tree and again as the user).
    async fn call_user(&self, method: Method, path: &str, body: Option<&Value>) -> Result<User, ApiError> {
        let bytes = self.call_bytes(method, path, &[], body).await?;
        serde_json::from_slice(&bytes).map_err(|e| ApiError::Decode(format!("a user: {e}")))
    }

    /// The answer's body as received, after retries and token renewal.
    async fn call_bytes(
        &self,
        method: Method,
        path: &str,
        params: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Vec<u8>, ApiError> {
        self.call_bytes_as(method, path, params, body, Resend::AsAllowed).await
    }

    async fn call_bytes_as(
        &self,
        method: Method,
        path: &str,
        params: &[(&str, String)],
        body: Option<&Value>,
        resend: Resend,
    ) -> Result<Vec<u8>, ApiError> {
        let url = format!("{}{path}", self.base_url);
        let idempotent = matches!(method, Method::GET | Method::DELETE);
        let mut renewed = false;
        let mut tries = 0;
        let sent = body.map(body_bytes);
        loop {
            tries += 1;
            let log = log::Exchange {
                method: &method,
                path,
                params,
                attempt: tries,
                sent_bytes: sent.as_ref().map_or(0, Vec::len),
            };
            let token = self.tokens.token(&self.http, &self.base_url).await?;
            let turn = self.pacer.turn();
            if !turn.is_zero() {
                tokio::time::sleep(turn).await;
            }
            let started = Instant::now();
            let response = match self.request(&method, &url, params, &token, sent.as_ref()).send().await {
                Ok(response) => response,
                Err(_) if idempotent && tries < MAX_TRIES => {
                    log.failed(started.elapsed(), "transport");
                    log.retrying(backoff(tries), "transport");
                    (self.sleeper)(backoff(tries)).await;
                    continue;
                }
                Err(err) => {
                    log.failed(started.elapsed(), "transport");
                    return Err(ApiError::transport(&url, err));
                }
            };
            let status = response.status();
            let headers = response.headers().clone();
            let rate = RateLimit::from_headers(&headers);
            if let Some(rate) = rate {
                *self.rate_limit.lock().unwrap_or_else(|p| p.into_inner()) = Some(rate);
            }
            let refused = status == StatusCode::TOO_MANY_REQUESTS;
            if refused || rate.is_some() {
                self.pacer.answered(refused, rate.map(|r| r.remaining));
            }
            let bytes = read_body(response).await.map_err(|e| ApiError::transport(&url, e))?;
            log.answered(status.as_u16(), started.elapsed(), &headers, bytes.len());
            if status.is_success() {
                return Ok(bytes);
            }
            let again = Again {
                tries,
                idempotent,
                renewed,
            };
            let retry_wait = match retry_wait(status, &headers, again, &self.tokens).await {
                // Paced on a measured rate: a refused request tries again at its next turn,
                // not at the reset (whole seconds away), which would idle the budget.
                Some(wait) if status == StatusCode::TOO_MANY_REQUESTS => Some(self.pacer.retry_after().unwrap_or(wait)),
                wait => wait,
            };
            if status == StatusCode::TOO_MANY_REQUESTS && resend == Resend::NotOn429 {
                return Err(with_retry_after(refusal(status, &bytes), retry_wait));
            }
            renewed |= status == StatusCode::UNAUTHORIZED && retry_wait.is_some();
            match retry_wait {
                Some(wait) => {
                    log.retrying(wait, status.as_str());
                    (self.sleeper)(wait).await
                }
                None => return Err(refusal(status, &bytes)),
            }
        }
    }

    fn request(
        &self,
        method: &Method,
        url: &str,
        params: &[(&str, String)],
        token: &crate::secret::Secret,
        sent: Option<&Vec<u8>>,
    ) -> reqwest::RequestBuilder {
        let request = self
            .http
            .request(method.clone(), url)
            .bearer_auth(token.expose())
            .query(params);
        match sent {
            Some(bytes) => request.header(CONTENT_TYPE, "application/json").body(bytes.clone()),
            None => request,
        }
    }
}
