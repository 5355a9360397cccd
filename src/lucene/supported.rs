//! Forms the parser reads but Auth0's user search refuses or ignores: fields it does not
//! index, wildcards and ranges on `user_metadata`, and a leading wildcard with fewer than
//! 3 characters.

use super::query::{Matcher, Query};

/// Auth0's words for a query naming a field it does not index.
pub const UNKNOWN_FIELD: &str = "filter can not be used with unknown field";

/// The profile attributes Auth0's user search indexes (besides both metadata fields).
const SEARCHABLE: &[&str] = &[
    "user_id",
    "email",
    "email.domain",
    "email_verified",
    "name",
    "given_name",
    "family_name",
    "nickname",
    "username",
    "phone_number",
    "phone_verified",
    "picture",
    "created_at",
    "updated_at",
    "last_login",
    "last_ip",
    "logins_count",
    "blocked",
    "identities.connection",
    "identities.provider",
    "identities.user_id",
    "identities.isSocial",
];

/// Whether Auth0's user search indexes this profile attribute (metadata aside).
pub fn searchable(field: &str) -> bool {
    SEARCHABLE.contains(&field)
}

/// The fields `query` names that Auth0 does not index, in the query's order.
pub fn unknown_fields(query: &Query) -> Vec<String> {
    query
        .fields()
        .into_iter()
        .filter(|field| {
            let metadata = ["user_metadata", "app_metadata"]
                .iter()
                .any(|m| field == m || field.strip_prefix(m).is_some_and(|rest| rest.starts_with('.')));
            !metadata && !SEARCHABLE.contains(&field.as_str())
        })
        .collect()
}

/// Why Auth0 would not run `query` as written, in a sentence for the search input.
pub fn check_supported(query: &Query) -> Result<(), String> {
    let unknown = unknown_fields(query);
    if !unknown.is_empty() {
        return Err(format!(
            "Auth0 does not search {}: {UNKNOWN_FIELD} (metadata is searched as user_metadata.… or app_metadata.…)",
            unknown.join(", ")
        ));
    }
    let mut stack = vec![query];
    while let Some(query) = stack.pop() {
        match query {
            Query::All(all) | Query::Any(all) => stack.extend(all),
            Query::Not(inner) => stack.push(inner),
            Query::Exists(_) => {}
            Query::Term { field, matcher } => term(field.as_deref(), matcher)?,
        }
    }
    Ok(())
}

fn term(field: Option<&str>, matcher: &Matcher) -> Result<(), String> {
    let on_user_metadata = field.is_some_and(|f| f == "user_metadata" || f.starts_with("user_metadata."));
    let name = field.unwrap_or("a term");
    match matcher {
        Matcher::Glob(_) | Matcher::Range { .. } if on_user_metadata => Err(format!(
            "Auth0 does not support wildcards or ranges on user_metadata fields ({name}): search an exact value"
        )),
        Matcher::Glob(pattern) if pattern.starts_with('*') && pattern.chars().filter(|c| *c != '*').count() < 3 => Err(
            format!("Auth0 needs at least 3 characters with a leading wildcard ({name}:{pattern})"),
        ),
        _ => Ok(()),
    }
}
