//! Validation of PATCH and POST bodies as Auth0 does it, before anything is stored.

use serde_json::{Map, Value};

use super::connections::Connection;
use super::reply::Auth0Error;
use crate::domain::validate::{check_document, Problem};
use crate::domain::{MetadataField, ValueKind};

/// Root attributes `PATCH /users/{id}` accepts (OAS). Anything else is refused: a 2017
/// report shows "Additional properties not allowed" (auth0/node-auth0 issues), and refusing catches
/// client bugs that a silent accept would hide.
const PATCHABLE: [&str; 18] = [
    "app_metadata",
    "blocked",
    "email",
    "email_verified",
    "family_name",
    "given_name",
    "name",
    "nickname",
    "password",
    "phone_number",
    "phone_verified",
    "picture",
    "username",
    "user_metadata",
    "verify_email",
    "connection",
    "client_id",
    "verify_phone_number",
];

const BOOLEANS: [&str; 5] = [
    "blocked",
    "email_verified",
    "phone_verified",
    "verify_email",
    "verify_phone_number",
];

/// Checks a PATCH body; the metadata rules are the domain core's.
pub fn check_patch(body: &Value) -> Result<&Map<String, Value>, Auth0Error> {
    let map = as_object(body)?;
    if map.is_empty() {
        // Auth0 documents no effect for an empty body: refuse it as a schema would.
        return Err(Auth0Error::invalid_body(
            "Payload validation error: 'Too few properties defined (0), minimum 1'.",
        ));
    }
    let unknown: Vec<&str> = map
        .keys()
        .map(String::as_str)
        .filter(|k| !PATCHABLE.contains(k))
        .collect();
    if !unknown.is_empty() {
        return Err(Auth0Error::invalid_body(format!(
            "Payload validation error: 'Additional properties not allowed: {}'.",
            unknown.join(",")
        )));
    }
    check_attributes(map)?;
    Ok(map)
}

/// Checks a POST body: `connection` is required.
pub fn check_create(body: &Value) -> Result<&Map<String, Value>, Auth0Error> {
    let map = as_object(body)?;
    match map.get("connection") {
        Some(Value::String(c)) if !c.is_empty() => {}
        Some(Value::String(_)) => {
            return Err(Auth0Error::invalid_body(
                "Payload validation error: 'String is too short (0 chars), minimum 1' on property connection.",
            ))
        }
        _ => {
            return Err(Auth0Error::invalid_body(
                "Payload validation error: 'Missing required property: connection'.",
            ))
        }
    }
    super::user_rules::check_creatable(map)?;
    if let Some(Value::String(id)) = map.get("user_id") {
        if id.chars().any(char::is_whitespace) || id.len() > 255 {
            return Err(Auth0Error::invalid_body(
                "Payload validation error: 'String does not match pattern' on property user_id.",
            ));
        }
    }
    check_attributes(map)?;
    Ok(map)
}

/// The connection must be one of the tenant's; a database connection needs a password
/// and, where one is given, an email that looks like one.
pub fn check_connection(connections: &[Connection], body: &Map<String, Value>) -> Result<(), Auth0Error> {
    let name = body.get("connection").and_then(Value::as_str).unwrap_or_default();
    let connection = connections
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| Auth0Error::bad_request("inexistent_connection", "The connection does not exist."))?;
    super::user_rules::check_names(body)?;
    if connection.is_database() {
        let Some(password) = body.get("password").and_then(Value::as_str) else {
            return Err(Auth0Error::invalid_body(
                "Payload validation error: 'Missing required property: password'.",
            ));
        };
        super::user_rules::check_database_user(body, password)?;
    }
    Ok(())
}

pub fn as_object(body: &Value) -> Result<&Map<String, Value>, Auth0Error> {
    body.as_object().ok_or_else(|| {
        Auth0Error::invalid_body(format!(
            "Payload validation error: 'Expected type object but found type {}'.",
            ValueKind::of(body)
        ))
    })
}

fn check_attributes(map: &Map<String, Value>) -> Result<(), Auth0Error> {
    for (key, value) in map {
        let expected = if BOOLEANS.contains(&key.as_str()) {
            matches!(value, Value::Bool(_))
        } else if let Some(field) = MetadataField::from_name(key) {
            check_metadata(field, value)?;
            true
        } else {
            matches!(value, Value::String(_) | Value::Null)
        };
        if !expected {
            return Err(Auth0Error::invalid_body(format!(
                "Payload validation error: 'Expected type {} but found type {}' on property {key}.",
                if BOOLEANS.contains(&key.as_str()) {
                    "boolean"
                } else {
                    "string"
                },
                ValueKind::of(value)
            )));
        }
    }
    if let Some(Value::String(phone)) = map.get("phone_number") {
        let digits = phone.strip_prefix('+').unwrap_or("");
        if digits.is_empty() || digits.len() > 15 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(Auth0Error::invalid_body(
                "Payload validation error: 'String does not match pattern ^\\+[0-9]{1,15}$' on property phone_number.",
            ));
        }
    }
    Ok(())
}

fn check_metadata(field: MetadataField, value: &Value) -> Result<(), Auth0Error> {
    let Value::Object(doc) = value else {
        return Err(Auth0Error::invalid_body(format!(
            "Payload validation error: 'Expected type object but found type {}' on property {field}.",
            ValueKind::of(value)
        )));
    };
    // In a body, a root null means "delete": only the naming rules apply here.
    let problem = check_document(field, doc)
        .into_iter()
        .find(|p| !matches!(p, Problem::NullRootValue { .. }));
    match problem {
        Some(Problem::DotInKey { field, .. }) => Err(Auth0Error::bad_request(
            "invalid_body",
            format!("Fields with \".\" are not allowed, please remove all dotted fields. Example: {field}.foo.bar"),
        )),
        Some(other) => Err(Auth0Error::invalid_body(other.to_string())),
        None => Ok(()),
    }
}
