//! Forms the parser reads but Auth0's user search refuses or ignores: wildcards and
//! ranges on `user_metadata`, and a leading wildcard with fewer than 3 characters.

use super::query::{Matcher, Query};

/// Why Auth0 would not run `query` as written, in a sentence for the search input.
pub fn check_supported(query: &Query) -> Result<(), String> {
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
