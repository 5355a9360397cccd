//! Bearer tokens and scopes: who may call what, checked in the order Auth0 does it
//! (no header, malformed header, unknown or expired token, missing scope).

use std::collections::HashMap;

use axum::http::{header, HeaderMap};

use super::reply::Auth0Error;
use crate::random::random_hex;
use crate::timestamp::now_secs;

/// Every scope the emulated users endpoints know.
pub const ALL_SCOPES: [&str; 7] = [
    "read:users",
    "read:connections",
    "update:users",
    "update:users_app_metadata",
    "create:users",
    "delete:users",
    "read:user_idp_tokens",
];

#[derive(Debug, Clone)]
pub struct Grant {
    pub scopes: Vec<String>,
    /// Unix seconds; `None` for the static token.
    pub expires_at: Option<u64>,
}

impl Grant {
    pub fn has_any(&self, accepted: &[&str]) -> bool {
        self.scopes.iter().any(|s| accepted.contains(&s.as_str()))
    }

    /// Refuses with Auth0's 403 unless one of `accepted` was granted.
    pub fn require(&self, accepted: &[&str]) -> Result<(), Auth0Error> {
        if self.has_any(accepted) {
            Ok(())
        } else {
            Err(Auth0Error::insufficient_scope(accepted))
        }
    }
}

#[derive(Default)]
pub struct Tokens {
    issued: HashMap<String, Grant>,
}

impl Tokens {
    pub fn add_static(&mut self, token: &str) {
        self.issued.insert(
            token.to_string(),
            Grant {
                scopes: ALL_SCOPES.iter().map(|s| s.to_string()).collect(),
                expires_at: None,
            },
        );
    }

    /// Issues a token for `scopes` valid `lifetime` seconds. Opaque, not a JWT: clients
    /// must treat access tokens as opaque anyway.
    pub fn issue(&mut self, scopes: Vec<String>, lifetime: u64) -> String {
        let token = format!("emu_{}", random_hex(40));
        self.issued.insert(
            token.clone(),
            Grant {
                scopes,
                expires_at: Some(now_secs() + lifetime),
            },
        );
        token
    }

    pub fn authorize(&self, headers: &HeaderMap) -> Result<Grant, Auth0Error> {
        let Some(value) = headers.get(header::AUTHORIZATION) else {
            return Err(Auth0Error::unauthorized("Missing authentication"));
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty() && !t.contains(' '))
            .ok_or_else(|| Auth0Error::bad_request_plain("Bad HTTP authentication header format"))?;
        let grant = self
            .issued
            .get(token)
            .ok_or_else(|| Auth0Error::unauthorized("Invalid token"))?;
        if grant.expires_at.is_some_and(|at| at <= now_secs()) {
            return Err(Auth0Error::unauthorized(
                "Expired token received for JSON Web Token validation",
            ));
        }
        Ok(grant.clone())
    }
}
