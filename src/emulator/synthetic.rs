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

/// User `n` as the compact JSON line `user(n)` serializes to, written straight into
/// `out` without building the value: exporting a million of them is then bound by
/// compression, not by allocation.
pub fn write_line(n: u64, out: &mut Vec<u8>) {
    use std::io::Write;
    let day = n % 28 + 1;
    let langs: Vec<&str> = LANGS
        .iter()
        .copied()
        .cycle()
        .skip((n % 5) as usize)
        .take((n % 3 + 1) as usize)
        .collect();
    let langs = langs.iter().map(|l| format!("\"{l}\"")).collect::<Vec<_>>().join(",");
    // Writing into a Vec cannot fail.
    let _ = write!(
        out,
        concat!(
            "{{\"user_id\":\"auth0|synth{n:019}\",\"email\":\"synth{n}@example.com\",\"email_verified\":{verified},",
            "\"name\":\"Synthetic User {n}\",\"created_at\":\"2024-02-{day:02}T10:00:00.000Z\",",
            "\"updated_at\":\"2024-03-{day:02}T10:00:00.000Z\",\"logins_count\":{logins},",
            "\"identities\":[{{\"connection\":\"Username-Password-Authentication\",\"user_id\":\"synth{n:019}\",\"provider\":\"auth0\",\"isSocial\":false}}],",
            "\"user_metadata\":{{\"preferences\":{{\"theme\":\"{theme}\",\"languages\":[{langs}]}},\"score\":{score}}},",
            "\"app_metadata\":{{\"plan\":\"{plan}\",\"roles\":[\"{role}\"]}}}}"
        ),
        n = n,
        verified = n.is_multiple_of(2),
        day = day,
        logins = n % 500,
        theme = THEMES[(n % 3) as usize],
        langs = langs,
        score = n % 100,
        plan = PLANS[(n % 4) as usize],
        role = ROLES[(n % 3) as usize],
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fast_line_is_the_user_as_json() {
        for n in [0, 1, 7, 12_345, 999_999] {
            let mut line = Vec::new();
            super::write_line(n, &mut line);
            assert_eq!(String::from_utf8(line).unwrap(), super::user(n).to_string(), "user {n}");
        }
    }
}
