//! Writes to a user's root attributes that Auth0 refuses, in its words: on create,
//! attributes that are not writable, a database user with neither email nor username,
//! a password weaker than the default policy; on update, a malformed email, names out
//! of their lengths, a password sent with an email, and profile attributes of a user
//! whose connection syncs them from its identity provider.

use serde_json::{Map, Value};

use super::connections::Connection;
use super::reply::Auth0Error;

/// What `POST /users` accepts (OAS `additionalProperties: false`).
const CREATABLE: [&str; 17] = [
    "email",
    "phone_number",
    "user_metadata",
    "blocked",
    "email_verified",
    "phone_verified",
    "app_metadata",
    "given_name",
    "family_name",
    "name",
    "nickname",
    "picture",
    "user_id",
    "connection",
    "password",
    "verify_email",
    "username",
];

/// Attributes a connection that syncs profiles from its provider will not let be set.
const SYNCED: [&str; 5] = ["name", "given_name", "family_name", "nickname", "picture"];

/// The longest each name may be (all at least 1 character).
const NAME_LENGTHS: [(&str, usize, &str); 3] = [
    ("name", 300, "The user's full name."),
    ("given_name", 150, "The user's given name(s)."),
    ("family_name", 150, "The user's family name(s)."),
];

pub fn check_creatable(body: &Map<String, Value>) -> Result<(), Auth0Error> {
    let unknown: Vec<&str> = body
        .keys()
        .map(String::as_str)
        .filter(|k| !CREATABLE.contains(k))
        .collect();
    if !unknown.is_empty() {
        return Err(Auth0Error::invalid_body(format!(
            "Payload validation error: 'Additional properties not allowed: {}'.",
            unknown.join(",")
        )));
    }
    check_names(body)
}

/// Names within their lengths, an email that is one: for both writes.
pub fn check_names(body: &Map<String, Value>) -> Result<(), Auth0Error> {
    for (field, longest, what) in NAME_LENGTHS {
        let Some(Value::String(text)) = body.get(field) else {
            continue;
        };
        let chars = text.chars().count();
        if chars == 0 {
            return Err(Auth0Error::invalid_body(format!(
                "Payload validation error: 'String is too short (0 chars), minimum 1' on property {field} ({what})."
            )));
        }
        if chars > longest {
            return Err(Auth0Error::invalid_body(format!(
                "Payload validation error: 'String is too long ({chars} chars), maximum {longest}' on property {field} ({what})."
            )));
        }
    }
    if let Some(Value::String(email)) = body.get("email") {
        let well_formed = email
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.') && !email.contains(' '));
        if !well_formed {
            return Err(Auth0Error::invalid_body(format!(
                "Payload validation error: 'Object didn't pass validation for format email: {email}' on property email (The user's email)."
            )));
        }
    }
    Ok(())
}

/// A database user needs an email or a username, and a password the default policy
/// ("good": 8 characters or more, of at least three of lower case, upper case, digits
/// and other characters) accepts.
pub fn check_database_user(body: &Map<String, Value>, password: &str) -> Result<(), Auth0Error> {
    if !body.contains_key("email") && !body.contains_key("username") {
        return Err(Auth0Error::invalid_body(
            "Payload validation error: 'Missing required property: email'.",
        ));
    }
    let kinds = [
        password.chars().any(|c| c.is_lowercase()),
        password.chars().any(|c| c.is_uppercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_alphanumeric()),
    ];
    if password.chars().count() < 8 || kinds.iter().filter(|k| **k).count() < 3 {
        return Err(Auth0Error::new(
            axum::http::StatusCode::BAD_REQUEST,
            None,
            "PasswordStrengthError: Password is too weak",
        ));
    }
    Ok(())
}

/// A PATCH against the user it changes.
pub fn check_update(
    user: &Map<String, Value>,
    body: &Map<String, Value>,
    connections: &[Connection],
) -> Result<(), Auth0Error> {
    check_names(body)?;
    if body.get("password").is_some_and(Value::is_string) && body.get("email").is_some_and(Value::is_string) {
        return Err(Auth0Error::bad_request(
            "invalid_body",
            "Cannot update password and email simultaneously",
        ));
    }
    let identity = user.get("identities").and_then(|ids| ids.get(0));
    let of_identity = |key: &str| identity.and_then(|i| i.get(key)).and_then(Value::as_str);
    let name = of_identity("connection").unwrap_or_default();
    let strategy = connections
        .iter()
        .find(|c| c.name == name)
        .map_or_else(|| of_identity("provider").unwrap_or("auth0"), |c| c.strategy.as_str());
    if matches!(strategy, "auth0" | "email" | "sms") {
        return Ok(());
    }
    if body.get("email").is_some_and(|v| !v.is_null()) {
        return Err(Auth0Error::bad_request(
            "invalid_body",
            "Cannot update email for non-database user",
        ));
    }
    let synced: Vec<&str> = SYNCED.iter().copied().filter(|k| body.contains_key(*k)).collect();
    if !synced.is_empty() {
        return Err(Auth0Error::bad_request(
            "invalid_body",
            format!(
                "The following user attributes cannot be updated: {}. The connection ({name}) must either be a database connection (using the Auth0 store), a passwordless connection (email or sms) or has disabled 'Sync user profile attributes at each login'. For more information, see https://auth0.com/docs/dashboard/guides/connections/configure-connection-sync",
                synced.join(", ")
            ),
        ));
    }
    Ok(())
}
