//! Generated users, made on demand from their number: a tenant of a million users
//! without a gigabyte of seed. The same number always gives the same user.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

const PLANS: [&str; 4] = ["free", "pro", "team", "enterprise"];
const THEMES: [&str; 3] = ["light", "dark", "system"];
const LANGS: [&str; 5] = ["en", "pt", "ja", "de", "fr"];
const ROLES: [&str; 3] = ["viewer", "editor", "admin"];

/// The generated part of a tenant: `count` users, less those a write has taken over
/// (the store keeps them from then on) or deleted. A deleted generated user comes back
/// when the emulator restarts; one that was changed stays changed in the state file.
#[derive(Debug, Clone, Default)]
pub struct Synthetic {
    count: u64,
    taken: BTreeSet<u64>,
}

impl Synthetic {
    pub fn new(count: u64) -> Self {
        Self {
            count,
            taken: BTreeSet::new(),
        }
    }

    /// The number of the generated user with this id, while it is still generated.
    pub fn number_of(&self, id: &str) -> Option<u64> {
        let digits = id.strip_prefix("auth0|synth")?;
        if digits.len() != 19 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.live(digits.parse().ok()?)
    }

    /// The number of the generated user with this email, while it is still generated.
    pub fn number_by_email(&self, email: &str) -> Option<u64> {
        let digits = email.strip_prefix("synth")?.strip_suffix("@example.com")?;
        let n: u64 = digits.parse().ok()?;
        (n.to_string() == digits).then_some(n).and_then(|n| self.live(n))
    }

    fn live(&self, n: u64) -> Option<u64> {
        (n < self.count && !self.taken.contains(&n)).then_some(n)
    }

    /// From now on user `n` is the store's (changed) or gone (deleted).
    pub fn take(&mut self, n: u64) {
        self.taken.insert(n);
    }

    /// The numbers of the users still generated, in order.
    pub fn numbers(&self) -> impl Iterator<Item = u64> + '_ {
        self.numbers_in(0..self.count)
    }

    /// Those of them in `range`, for a search split between threads.
    pub fn numbers_in(&self, range: std::ops::Range<u64>) -> impl Iterator<Item = u64> + '_ {
        let range = range.start.min(self.count)..range.end.min(self.count);
        range.filter(|n| !self.taken.contains(n))
    }

    /// Users ever generated, taken ones included: the numbers run below it.
    pub fn count(&self) -> u64 {
        self.count
    }

    pub fn len(&self) -> u64 {
        self.count - self.taken.len() as u64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// User `n` as the map the store holds.
pub fn object(n: u64) -> Map<String, Value> {
    match user(n) {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// User number `n` (from 0) of a synthetic tenant, with what an audit should find at
/// known rates (see `oddities`).
pub fn user(n: u64) -> Value {
    Value::Object(
        ATTRIBUTES
            .iter()
            .filter_map(|name| Some((name.to_string(), attribute(n, name)?)))
            .collect(),
    )
}

/// The root attributes of a generated user, in the order it holds them.
const ATTRIBUTES: [&str; 10] = [
    "user_id",
    "email",
    "email_verified",
    "name",
    "created_at",
    "updated_at",
    "logins_count",
    "identities",
    "user_metadata",
    "app_metadata",
];

/// Only the root attributes of user `n` that `roots` names: what a search or a sort
/// reads, made without the rest (a search over a million users then costs the fields
/// it reads, not a million whole profiles).
pub fn partial(n: u64, roots: &[&str]) -> Map<String, Value> {
    roots
        .iter()
        .filter_map(|name| Some((name.to_string(), attribute(n, name)?)))
        .collect()
}

/// One root attribute of user `n`, oddities included.
fn attribute(n: u64, name: &str) -> Option<Value> {
    let day = n % 28 + 1;
    Some(match name {
        "user_id" => json!(format!("auth0|synth{n:019}")),
        "email" => json!(format!("synth{n}@example.com")),
        "email_verified" => json!(n.is_multiple_of(2)),
        "name" => json!(format!("Synthetic User {n}")),
        "created_at" => json!(format!("2024-02-{day:02}T10:00:00.000Z")),
        "updated_at" => json!(format!("2024-03-{day:02}T10:00:00.000Z")),
        "logins_count" => json!(n % 500),
        "identities" => {
            json!([{"connection": "Username-Password-Authentication", "user_id": format!("synth{n:019}"), "provider": "auth0", "isSocial": false}])
        }
        "user_metadata" => {
            let langs: Vec<&str> = LANGS
                .iter()
                .copied()
                .cycle()
                .skip((n % 5) as usize)
                .take((n % 3 + 1) as usize)
                .collect();
            let mut um = json!({
                "preferences": {"theme": THEMES[(n % 3) as usize], "languages": langs},
                "score": n % 100,
            });
            if is_odd(n) {
                user_metadata_oddities(n, &mut um);
            }
            um
        }
        "app_metadata" => {
            let mut am = json!({"plan": PLANS[(n % 4) as usize], "roles": [ROLES[(n % 3) as usize]]});
            if n % 50 == 13 {
                am["email"] = json!(format!("billing{n}@example.com"));
            }
            am
        }
        _ => return None,
    })
}

/// Whether user `n` carries one of the oddities below (it is then written the slow way).
fn is_odd(n: u64) -> bool {
    n % 10 == 3 || n % 20 == 7 || n % 25 == 11 || n % 50 == 13 || n % 1000 == 17 || n % 100_000 == 23
}

/// What the audit finds in a synthetic tenant, at known rates: `score` stored as a
/// string (10% of users: mixed types), `sessions` keyed by ids (5%: dynamic keys),
/// `nickname: null` (4%), `app_metadata.email` (2%: a root collision, in `attribute`), a
/// 12 KB `history` (0.1%: over the cap) and a 110 KB one (0.001%: over the allowance).
fn user_metadata_oddities(n: u64, um: &mut Value) {
    if n % 10 == 3 {
        um["score"] = json!((n % 100).to_string());
    }
    if n % 20 == 7 {
        let sessions: Map<String, Value> = (0..2)
            .map(|k| (format!("{n:08x}-{k:04x}"), json!({"at": "2024-05-01T10:00:00.000Z"})))
            .collect();
        um["sessions"] = Value::Object(sessions);
    }
    if n % 25 == 11 {
        um["nickname"] = Value::Null;
    }
    let history = match () {
        _ if n % 100_000 == 23 => 1100,
        _ if n % 1000 == 17 => 120,
        _ => 0,
    };
    if history > 0 {
        let event = json!({"at": "2024-03-01T09:00:00.000Z", "type": "login", "ip": "198.51.100.7", "agent": "Mozilla/5.0 (X11; Linux x86_64)"});
        um["history"] = Value::Array(vec![event; history]);
    }
}

/// User `n` as the compact JSON line `user(n)` serializes to, written straight into
/// `out` without building the value: exporting a million of them is then bound by
/// compression, not by allocation.
pub fn write_line(n: u64, out: &mut Vec<u8>) {
    use std::io::Write;
    if is_odd(n) {
        // Writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, &user(n));
        return;
    }
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
    use super::Synthetic;

    #[test]
    fn ids_and_emails_name_live_generated_users_only() {
        let mut synthetic = Synthetic::new(10);
        assert_eq!(synthetic.number_of("auth0|synth0000000000000000007"), Some(7));
        assert_eq!(synthetic.number_of("auth0|synth0000000000000000010"), None);
        assert_eq!(synthetic.number_of("auth0|synth7"), None);
        assert_eq!(synthetic.number_by_email("synth7@example.com"), Some(7));
        assert_eq!(synthetic.number_by_email("synth07@example.com"), None);
        synthetic.take(7);
        assert_eq!(synthetic.number_of("auth0|synth0000000000000000007"), None);
        assert_eq!(synthetic.len(), 9);
        assert_eq!(synthetic.numbers().nth(7), Some(8));
    }

    #[test]
    fn the_fast_line_is_the_user_as_json() {
        for n in [0, 1, 3, 7, 11, 13, 17, 23, 12_345, 100_023, 999_999] {
            let mut line = Vec::new();
            super::write_line(n, &mut line);
            assert_eq!(String::from_utf8(line).unwrap(), super::user(n).to_string(), "user {n}");
        }
    }
}
