//! The picture Auth0 gives a user who has none.

use serde_json::{Map, Value};

/// Auth0's default picture: the gravatar of the trimmed, lower-cased email, falling back
/// to an avatar of the name's first two letters (as recorded answers of `POST /users` show).
pub fn default_picture(user: &Map<String, Value>) -> Option<String> {
    use md5::{Digest, Md5};
    let email = user.get("email")?.as_str()?.trim().to_lowercase();
    let name = user.get("name").and_then(Value::as_str).unwrap_or(&email);
    let initials: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(2)
        .collect::<String>()
        .to_lowercase();
    let hash: String = Md5::digest(email.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(format!(
        "https://s.gravatar.com/avatar/{hash}?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2F{initials}.png"
    ))
}
