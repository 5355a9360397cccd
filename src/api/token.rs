//! Access tokens: a static one, or one from the client-credentials grant, cached and
//! refreshed before it expires.

use std::time::{Duration, Instant};

use serde::Deserialize;
use tokio::sync::Mutex;

use super::error::ApiError;
use crate::config::Credentials;
use crate::secret::Secret;
use crate::timestamp::now_secs;

/// A token is renewed once it is this close to expiring, as auth0-cli does.
const RENEW_MARGIN: Duration = Duration::from_secs(300);

pub struct TokenSource {
    credentials: Credentials,
    cached: Mutex<Option<(Secret, Instant)>>,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

#[derive(Deserialize, Default)]
struct OAuthError {
    #[serde(default)]
    error: String,
    #[serde(default)]
    error_description: String,
}

impl TokenSource {
    pub fn new(credentials: Credentials) -> Self {
        Self {
            credentials,
            cached: Mutex::new(None),
        }
    }

    /// A token valid for at least the renewal margin.
    pub async fn token(&self, http: &reqwest::Client, base_url: &str) -> Result<Secret, ApiError> {
        let (client_id, client_secret, audience) = match &self.credentials {
            Credentials::Token(token) => return Ok(token.clone()),
            Credentials::ClientCredentials {
                client_id,
                client_secret,
                audience,
            } => (client_id, client_secret, audience),
        };
        let mut cached = self.cached.lock().await;
        if let Some((token, expires)) = cached.as_ref() {
            if Instant::now() + RENEW_MARGIN < *expires {
                return Ok(token.clone());
            }
        }
        let url = format!("{base_url}/oauth/token");
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", client_id.as_str()),
            ("client_secret", client_secret.expose()),
            ("audience", audience.as_str()),
        ];
        let started = Instant::now();
        let response = http
            .post(&url)
            .form(&form)
            .send()
            .await
            .map_err(|e| ApiError::transport(&url, e))?;
        let status = response.status().as_u16();
        super::log::token_answered(status, started.elapsed());
        let bytes = response.bytes().await.map_err(|e| ApiError::transport(&url, e))?;
        if status != 200 {
            let body: OAuthError = serde_json::from_slice(&bytes).unwrap_or_default();
            return Err(ApiError::Token {
                status,
                code: body.error,
                message: body.error_description,
            });
        }
        let body: TokenResponse = serde_json::from_slice(&bytes)
            .map_err(|_| ApiError::Decode("the token endpoint's answer has no access_token".into()))?;
        // Without `expires_in`, a JWT says when it expires; else assume Auth0's default day.
        let seconds = body
            .expires_in
            .or_else(|| jwt_expiry(&body.access_token).map(|exp| exp.saturating_sub(now_secs())))
            .unwrap_or(86_400);
        let lifetime = Duration::from_secs(seconds);
        let token = Secret::new(body.access_token);
        *cached = Some((token.clone(), Instant::now() + lifetime));
        Ok(token)
    }

    /// Forgets a cached token the API refused, so the next call gets a new one.
    pub async fn invalidate(&self) -> bool {
        let had = self.cached.lock().await.take().is_some();
        had && matches!(self.credentials, Credentials::ClientCredentials { .. })
    }
}

/// The `exp` claim of a token that is a JWT; `None` for an opaque token. Only read to
/// know when to renew: the token is otherwise opaque to the client.
fn jwt_expiry(token: &str) -> Option<u64> {
    jwt_claims(token)?["exp"].as_u64()
}

/// The claims of a JWT, unverified: only read to report (expiry, scopes).
fn jwt_claims(token: &str) -> Option<serde_json::Value> {
    use base64::Engine;
    let claims = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(claims).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The scopes a JWT says it grants; `None` for an opaque token.
pub fn jwt_scopes(token: &Secret) -> Option<Vec<String>> {
    let claims = jwt_claims(token.expose())?;
    Some(claims["scope"].as_str()?.split_whitespace().map(String::from).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_exp_of_a_jwt_and_nothing_of_an_opaque_token() {
        use base64::Engine;
        let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(r#"{"exp":1893456000}"#);
        assert_eq!(super::jwt_expiry(&format!("e30.{claims}.sig")), Some(1_893_456_000));
        assert_eq!(super::jwt_expiry("opaque-token"), None);
    }
}
