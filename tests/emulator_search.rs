//! The emulator's Lucene subset, parsed and evaluated.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly, by design

use auth0_meta::emulator::search::parse;
use serde_json::{json, Map, Value};

fn user() -> Map<String, Value> {
    json!({
        "email": "Ada.Okafor@Example.com",
        "name": "Ada Okafor",
        "user_id": "auth0|abc",
        "logins_count": 12,
        "last_login": "2024-05-01T10:00:00.000Z",
        "identities": [{"connection": "db"}, {"connection": "google-oauth2"}],
        "user_metadata": {"city": "Lisbon", "tags": ["a", "b"], "nested": {"deep": "x"}},
    })
    .as_object()
    .cloned()
    .unwrap()
}

fn hits(query: &str) -> bool {
    parse(query).unwrap_or_else(|e| panic!("{query}: {e}")).matches(&user())
}

#[test]
fn terms_phrases_and_wildcards() {
    assert!(hits("email:ada.okafor@example.com"), "email ignores case");
    assert!(hits("name:\"ada okafor\""));
    assert!(hits("email:ada*"));
    assert!(hits("email:*@example.com"));
    assert!(!hits("user_id:auth0"), "user_id:auth0 does not match auth0|abc");
    assert!(hits("user_id:auth0*"));
    assert!(hits("user_metadata.city:Lisbon"));
    assert!(!hits("user_metadata.city:lisbon"), "metadata is case-sensitive");
    assert!(hits("user_metadata.tags:b"), "root arrays are searchable");
    assert!(!hits("user_metadata.nested.deep:x"), "nested metadata is not");
    assert!(hits("identities.connection:google-oauth2"));
    assert!(hits("ada*"), "a bare term searches the profile fields");
    assert!(!hits("Lisbon"), "a bare term never searches metadata");
}

#[test]
fn operators_groups_and_exists() {
    assert!(hits("email:nobody@x.com OR name:\"Ada Okafor\""));
    assert!(!hits("email:nobody@x.com AND name:\"Ada Okafor\""));
    assert!(hits("NOT email:nobody@x.com"));
    assert!(hits("(email:nobody@x.com OR logins_count:12) AND _exists_:last_login"));
    assert!(!hits("_exists_:blocked"));
    assert!(hits("_exists_:user_metadata"));
    assert!(hits("-_exists_:blocked"));
}

#[test]
fn ranges_on_numbers_and_dates() {
    assert!(hits("logins_count:[12 TO 20]"));
    assert!(!hits("logins_count:{12 TO 20]"), "braces exclude the bound");
    assert!(hits("logins_count:[5 TO *]"));
    assert!(hits("last_login:[2024-01-01 TO 2024-12-31]"));
    assert!(!hits("last_login:[2025-01-01 TO *]"));
}

#[test]
fn errors_say_where() {
    let err = parse("email:(a").unwrap_err();
    assert!(err.to_string().contains("position"), "{err}");
    assert!(parse("name:\"open").unwrap_err().to_string().contains("unterminated"));
    assert!(parse("logins_count:[1 20]").unwrap_err().to_string().contains("TO"));
    assert_eq!(parse("a:b )").unwrap_err().position, 5);
}
