//! Bearer tokens and scopes: who may call what, checked in the order Auth0 does it
//! (no header, malformed header, unknown or expired token, missing scope).

use std::collections::HashMap;

use axum::http::{header, HeaderMap};

use super::jwt::{Refused, Signer};
use super::reply::Auth0Error;
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

/// The static tokens given on the command line, and the signer of issued JWTs.
pub struct Tokens {
    issued: HashMap<String, Grant>,
    signer: Signer,
}

impl Tokens {
    /// Whether tokens are issued for `audience`: the Management API's identifier here,
    /// or the tenant domain's when the emulator was given one.
    pub fn serves(&self, audience: &str) -> bool {
        self.signer.serves(audience)
    }

    pub fn new(signer: Signer) -> Self {
        Self {
            issued: HashMap::new(),
            signer,
        }
    }

    pub fn add_static(&mut self, token: &str) {
        self.issued.insert(
            token.to_string(),
            Grant {
                scopes: ALL_SCOPES.iter().map(|s| s.to_string()).collect(),
            },
        );
    }

    /// Issues a JWT for `client_id` with `scopes`, valid `lifetime` seconds.
    pub fn issue(&self, client_id: &str, scopes: &[String], lifetime: u64) -> String {
        self.signer.issue(client_id, scopes, now_secs(), lifetime)
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
        if let Some(grant) = self.issued.get(token) {
            return Ok(grant.clone());
        }
        match self.signer.check(token, now_secs()) {
            Ok(claims) => Ok(Grant { scopes: claims.scopes }),
            Err(Refused::Expired) => Err(Auth0Error::unauthorized(
                "Expired token received for JSON Web Token validation",
            )),
            Err(Refused::Audience) => Err(Auth0Error::unauthorized("Invalid audience")),
            Err(Refused::Invalid) => Err(Auth0Error::unauthorized("Invalid token")),
        }
    }
}
