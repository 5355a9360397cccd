//! The tenant's connections: the default database connection and every connection the
//! seed's users belong to. A user can only be created in one of them, and a database
//! connection (strategy `auth0`) needs a password.

use serde_json::{json, Map, Value};

/// Auth0's default database connection, present on every tenant.
pub const DEFAULT_DATABASE: &str = "Username-Password-Authentication";

#[derive(Debug, Clone, PartialEq)]
pub struct Connection {
    pub name: String,
    /// `con_` and 16 characters, stable for a name across runs.
    pub id: String,
    pub strategy: String,
}

impl Connection {
    fn new(name: &str, strategy: &str) -> Self {
        Self {
            name: name.to_string(),
            id: format!("con_{}", stable_id(name)),
            strategy: strategy.to_string(),
        }
    }

    pub fn is_database(&self) -> bool {
        self.strategy == "auth0"
    }

    pub fn to_json(&self) -> Value {
        json!({"id": self.id, "name": self.name, "strategy": self.strategy})
    }
}

/// The connections of a tenant whose users are `users`.
pub fn of_users<'a>(users: impl Iterator<Item = &'a Map<String, Value>>) -> Vec<Connection> {
    let mut found = vec![Connection::new(DEFAULT_DATABASE, "auth0")];
    for identity in users.filter_map(|u| u.get("identities")?.as_array()).flatten() {
        let Some(name) = identity["connection"].as_str() else {
            continue;
        };
        if found.iter().any(|c| c.name == name) {
            continue;
        }
        let strategy = identity["provider"].as_str().unwrap_or("auth0");
        found.push(Connection::new(name, strategy));
    }
    found
}

/// 16 letters and digits from a name (FNV-1a, twice), so ids are the same every run.
fn stable_id(name: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut out = String::with_capacity(16);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for round in 0..2u8 {
        for byte in name.bytes().chain([round]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        let mut h = hash;
        for _ in 0..8 {
            out.push(char::from(ALPHABET[(h % 62) as usize]));
            h /= 62;
        }
    }
    out
}
