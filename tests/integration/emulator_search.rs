//! The emulator's Lucene subset, parsed and evaluated.

use auth0_meta::lucene::parse;
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
    assert!(
        hits("user_metadata.nested.deep:x"),
        "nested metadata is searchable, as Auth0 documents"
    );
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

fn user_with_addresses() -> Map<String, Value> {
    json!({
        "email": "ada@Example.com",
        "user_metadata": {
            "addresses": [{"city": "Seattle"}, {"city": "Porto", "zip": null}],
            "home": {"city": "Lisbon"},
            "gone": null,
        },
        "app_metadata": {"subscription": {"plan": "gold"}},
    })
    .as_object()
    .cloned()
    .unwrap()
}

fn finds(query: &str) -> bool {
    parse(query).unwrap().matches(&user_with_addresses())
}

#[test]
fn nested_paths_arrays_of_objects_and_email_domain() {
    assert!(finds("app_metadata.subscription.plan:\"gold\""));
    assert!(finds("user_metadata.home.city:Lisbon"));
    assert!(
        finds("user_metadata.addresses.city:\"Seattle\""),
        "any element of an array of objects"
    );
    assert!(finds("user_metadata.addresses.city:Porto"));
    assert!(!finds("user_metadata.addresses.city:Paris"));
    assert!(finds("_exists_:user_metadata.home.city"));
    assert!(
        !finds("_exists_:user_metadata.gone"),
        "keys whose value is null are not indexed"
    );
    assert!(!finds("_exists_:user_metadata.addresses.zip"));
    assert!(finds("email.domain:example.com"));
    assert!(!finds("email.domain:example.org"));
}

#[test]
fn forms_auth0_does_not_support_are_refused_with_a_reason() {
    use auth0_meta::lucene::check_supported;
    let refused = |q: &str| check_supported(&parse(q).unwrap()).unwrap_err();
    assert!(refused("user_metadata.hobby:surf*").contains("wildcards or ranges on user_metadata"));
    assert!(refused("user_metadata.age:[1 TO 5]").contains("wildcards or ranges"));
    assert!(refused("name:*oe").contains("at least 3 characters"));
    for fine in [
        "name:*doe",
        "name:jo*",
        "app_metadata.plan:go*",
        "logins_count:[1 TO 5]",
        "user_metadata.hobby:surfing",
    ] {
        assert!(check_supported(&parse(fine).unwrap()).is_ok(), "{fine}");
    }
}
