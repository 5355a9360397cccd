//! Generated users, made on demand from their number: a tenant of a million users
//! without a gigabyte of seed. The same number always gives the same user.

use serde_json::{json, Value};

const PLANS: [&str; 4] = ["free", "pro", "team", "enterprise"];
const THEMES: [&str; 3] = ["light", "dark", "system"];
const LANGS: [&str; 5] = ["en", "pt", "ja", "de", "fr"];
const ROLES: [&str; 3] = ["viewer", "editor", "admin"];

/// User number `n` (from 0) of a synthetic tenant.
pub fn user(n: u64) -> Value {
    let day = n % 28 + 1;
    let langs: Vec<&str> = LANGS
        .iter()
        .copied()
        .cycle()
        .skip((n % 5) as usize)
        .take((n % 3 + 1) as usize)
        .collect();
    json!({
        "user_id": format!("auth0|synth{n:019}"),
        "email": format!("synth{n}@example.com"),
        "email_verified": n.is_multiple_of(2),
        "name": format!("Synthetic User {n}"),
        "created_at": format!("2024-02-{day:02}T10:00:00.000Z"),
        "updated_at": format!("2024-03-{day:02}T10:00:00.000Z"),
        "logins_count": n % 500,
        "identities": [{"connection": "Username-Password-Authentication", "user_id": format!("synth{n:019}"), "provider": "auth0", "isSocial": false}],
        "user_metadata": {
            "preferences": {"theme": THEMES[(n % 3) as usize], "languages": langs},
            "score": n % 100,
        },
        "app_metadata": {
            "plan": PLANS[(n % 4) as usize],
            "roles": [ROLES[(n % 3) as usize]],
        },
    })
}
