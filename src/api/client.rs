//! The Management API client: requests over reqwest, paced to the tenant's budget,
//! retries on 429 as Auth0's own SDKs do, GETs retried on 5xx and timeouts, writes never
//! retried blindly. The calls themselves: `user_calls.rs`, `tenant_calls.rs`.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::error::{refusal, ApiError};
use super::log;
use super::rate::RateLimit;
use super::retry::{backoff, retry_wait, with_retry_after, Again, Resend};
use super::token::TokenSource;
use super::wire::read_body;
pub use super::wire::{body_bytes, encode_segment};
use crate::config::Target;

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

    /// The scopes the token grants, when it says (a JWT, as Auth0 issues).
    pub async fn granted_scopes(&self) -> Result<Option<Vec<String>>, ApiError> {
        let token = self.tokens.token(&self.http, &self.base_url).await?;
        Ok(super::token::jwt_scopes(&token))
    }

    /// Waits as the client waits between tries (tests record instead of sleeping).
    pub async fn sleep(&self, wait: Duration) {
        (self.sleeper)(wait).await
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

    /// The answer's body as received, after retries and token renewal.
    pub(super) async fn call_bytes(
        &self,
        method: Method,
        path: &str,
        params: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Vec<u8>, ApiError> {
        self.call_bytes_as(method, path, params, body, Resend::AsAllowed).await
    }

    pub(super) async fn call_bytes_as(
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
