//! Access tokens shaped like Auth0's: a JWT (`typ: JWT`) with `iss`, `sub`
//! (`CLIENT_ID@clients`), `aud`, `iat`, `exp`, `scope` and `gty: client-credentials`.
//! Signed with HS256 under a key made for each emulator run, and checked on every
//! request: signature, expiry and audience. Clients still treat them as opaque.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// What a valid token grants.
#[derive(Debug, Clone, PartialEq)]
pub struct Claims {
    pub scopes: Vec<String>,
}

/// Why a token was refused, in Auth0's words where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    Invalid,
    Expired,
    Audience,
}

pub struct Signer {
    key: Vec<u8>,
    issuer: String,
    audience: String,
    /// `https://DOMAIN/api/v2/` when started with a tenant domain: the audience SDKs ask
    /// for, accepted at the token endpoint beside the emulator's own.
    domain_audience: Option<String>,
}

impl Signer {
    /// `base_url` is the emulator's: the issuer is `BASE/`, the audience `BASE/api/v2/`.
    pub fn new(key: Vec<u8>, base_url: &str, domain: Option<&str>) -> Self {
        Self {
            key,
            issuer: format!("{base_url}/"),
            audience: format!("{base_url}/api/v2/"),
            domain_audience: domain.map(|d| format!("https://{d}/api/v2/")),
        }
    }

    /// Whether a client may ask for tokens for `audience`.
    pub fn serves(&self, audience: &str) -> bool {
        audience == self.audience || self.domain_audience.as_deref() == Some(audience)
    }

    /// The signature of `text`. An HMAC takes a key of any length, so this never comes
    /// back empty; if it did, the token would simply never verify.
    fn mac(&self, text: &str) -> Vec<u8> {
        match HmacSha256::new_from_slice(&self.key) {
            Ok(mut mac) => {
                mac.update(text.as_bytes());
                mac.finalize().into_bytes().to_vec()
            }
            Err(_) => Vec::new(),
        }
    }

    pub fn issue(&self, client_id: &str, scopes: &[String], now: u64, lifetime: u64) -> String {
        let header = json!({"alg": "HS256", "typ": "JWT"});
        let claims = json!({
            "iss": self.issuer,
            "sub": format!("{client_id}@clients"),
            "aud": self.audience,
            "iat": now,
            "exp": now + lifetime,
            "scope": scopes.join(" "),
            "gty": "client-credentials",
        });
        let encode = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
        let signed = format!("{}.{}", encode(&header), encode(&claims));
        let signature = URL_SAFE_NO_PAD.encode(self.mac(&signed));
        format!("{signed}.{signature}")
    }

    pub fn check(&self, token: &str, now: u64) -> Result<Claims, Refused> {
        let mut parts = token.split('.');
        let (Some(header), Some(claims), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(Refused::Invalid);
        };
        let given = URL_SAFE_NO_PAD.decode(signature).map_err(|_| Refused::Invalid)?;
        let mut mac = HmacSha256::new_from_slice(&self.key).map_err(|_| Refused::Invalid)?;
        mac.update(format!("{header}.{claims}").as_bytes());
        mac.verify_slice(&given).map_err(|_| Refused::Invalid)?;
        let claims: Value = URL_SAFE_NO_PAD
            .decode(claims)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or(Refused::Invalid)?;
        if claims["aud"].as_str() != Some(self.audience.as_str()) {
            return Err(Refused::Audience);
        }
        let expires_at = claims["exp"].as_u64().ok_or(Refused::Invalid)?;
        if expires_at <= now {
            return Err(Refused::Expired);
        }
        let scopes = claims["scope"]
            .as_str()
            .unwrap_or_default()
            .split_whitespace()
            .map(String::from)
            .collect();
        Ok(Claims { scopes })
    }
}
