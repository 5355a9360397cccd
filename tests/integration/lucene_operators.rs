//! Lucene's classic query parser, as Auth0 documents its user search: every query's
//! expected users are worked out from the rules (a required clause must match, a
//! prohibited one must not, optional ones count only when nothing is required; `AND`
//! makes the clause before it required too; a group of prohibitions alone keeps every
//! user but those), never copied from this matcher's own output.

use auth0_meta::lucene::parse;
use serde_json::{json, Map, Value};

fn users() -> Vec<(u8, Map<String, Value>)> {
    let all = [
        (
            1,
            json!({"user_id": "auth0|1", "name": "John Smith", "email": "john@acme.com", "email_verified": true,
                  "logins_count": 5, "app_metadata": {"plan": "pro"}, "user_metadata": {"lang": "fr"}}),
        ),
        (
            2,
            json!({"user_id": "auth0|2", "name": "Johnny Cash", "email": "johnny@music.com", "email_verified": false,
                  "logins_count": 1, "app_metadata": {"plan": "free"}}),
        ),
        (
            3,
            json!({"user_id": "auth0|3", "name": "Jane Doe", "email": "jane@acme.com", "email_verified": false,
                  "app_metadata": {"plan": "pro"}}),
        ),
        (
            4,
            json!({"user_id": "auth0|4", "name": "Bob Ross", "email": "bob@paint.org", "email_verified": true,
                  "logins_count": 12, "app_metadata": {"plan": "free"}, "user_metadata": {"lang": "en"}}),
        ),
        (
            5,
            json!({"user_id": "auth0|5", "name": "Alice Johnson", "email": "alice@acme.com", "email_verified": true,
                  "logins_count": 0}),
        ),
    ];
    all.into_iter()
        .map(|(n, v)| (n, v.as_object().cloned().unwrap()))
        .collect()
}

const TABLE: &[(&str, &[u8])] = &[
    ("name:john*", &[1, 2]),
    ("name:john* -name:johnny*", &[1]),
    ("name:john* NOT name:johnny*", &[1]),
    ("name:john* AND NOT name:johnny*", &[1]),
    ("name:john* && !name:johnny*", &[1]),
    ("+name:john* +email_verified:false", &[2]),
    ("+name:john* +email_verified:true", &[1]),
    ("name:john* || name:jane*", &[1, 2, 3]),
    ("name:john* OR name:jane*", &[1, 2, 3]),
    ("name:jane* name:bob*", &[3, 4]),
    ("name:jane* AND name:bob*", &[]),
    // `AND` makes the clause before it required: jane is optional, bob and verified required.
    ("name:jane* OR name:bob* AND email_verified:true", &[4]),
    ("email_verified:true AND name:bob* OR name:jane*", &[4]),
    ("name:alice* OR name:bob* AND email_verified:false", &[]),
    ("name:bob* || name:jane* && email_verified:false", &[3]),
    ("(name:jane* OR name:bob*) AND email_verified:true", &[4]),
    ("name:(jane* OR bob*)", &[3, 4]),
    ("name:(jane* bob*) AND email_verified:false", &[3]),
    ("name:(jane* OR bob*) -app_metadata.plan:free", &[3]),
    // Only prohibitions: every user but those.
    ("NOT _exists_:logins_count", &[3]),
    ("-app_metadata.plan:free", &[1, 3, 5]),
    ("-app_metadata.plan:free -app_metadata.plan:pro", &[5]),
    ("!(app_metadata.plan:free)", &[1, 3, 5]),
    ("_exists_:user_metadata.lang", &[1, 4]),
    ("_exists_:user_metadata.lang AND NOT user_metadata.lang:en", &[1]),
    ("app_metadata.plan:pro", &[1, 3]),
    ("app_metadata.plan:pro -email:jane*", &[1]),
    // Optional beside required only ranks: it does not narrow.
    ("+app_metadata.plan:pro name:john*", &[1, 3]),
    ("logins_count:[1 TO 10]", &[1, 2]),
    ("logins_count:{1 TO 12]", &[1, 4]),
    ("logins_count:[* TO 1]", &[2, 5]),
    ("email.domain:acme.com", &[1, 3, 5]),
    ("email.domain:acme.com AND NOT name:jane*", &[1, 5]),
    ("(name:john* OR name:alice*) -email_verified:false", &[1, 5]),
    ("NOT name:bob* AND email_verified:true", &[1, 5]),
    ("name:\"john smith\"", &[1]),
    ("john*", &[1, 2]),
    (
        "(name:jane* OR (name:bob* AND logins_count:[10 TO *])) AND -email_verified:true",
        &[3],
    ),
];

#[test]
fn operators_follow_lucenes_rules() {
    let users = users();
    let mut wrong = Vec::new();
    for (query, expected) in TABLE {
        let parsed = match parse(query) {
            Ok(parsed) => parsed,
            Err(e) => {
                wrong.push(format!("{query}: refused: {e}"));
                continue;
            }
        };
        let found: Vec<u8> = users
            .iter()
            .filter(|(_, u)| parsed.matches(u))
            .map(|(n, _)| *n)
            .collect();
        if found != *expected {
            wrong.push(format!("{query}: expected {expected:?}, found {found:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} queries:\n{}",
        wrong.len(),
        TABLE.len(),
        wrong.join("\n")
    );
    assert!(TABLE.len() >= 30);
}

#[test]
fn malformed_operators_are_refused_with_a_position() {
    for query in [
        "name:a AND",
        "NOT",
        "--name:a",
        "name:a OR OR name:b",
        "name:(a OR",
        "&& name:a",
    ] {
        let err = parse(query).unwrap_err();
        assert!(err.position >= 1, "{query}: {err}");
    }
}

#[test]
fn groups_side_by_side_do_not_add_up_to_a_depth() {
    let many = vec!["(name:john* OR name:jane*)"; 40].join(" AND ");
    let parsed = parse(&many).expect("40 groups side by side nest one level");
    let users = users();
    let found: Vec<u8> = users
        .iter()
        .filter(|(_, u)| parsed.matches(u))
        .map(|(n, _)| *n)
        .collect();
    assert_eq!(found, [1, 2, 3]);
}

#[test]
fn escapes_in_words_and_phrases_are_read_as_characters() {
    let user = |name: &str| {
        json!({"user_id": "auth0|9", "name": name})
            .as_object()
            .cloned()
            .unwrap()
    };
    let escaped_space = parse(r"name:John\ Smith").unwrap();
    assert!(escaped_space.matches(&user("John Smith")));
    assert!(!escaped_space.matches(&user("John")));
    let quoted = parse(r#"name:"say \"hi\" now""#).unwrap();
    assert!(quoted.matches(&user(r#"say "hi" now"#)));
    assert!(!quoted.matches(&user("say hi now")));
    // A backslash at the very end is kept as it is, never read past the query.
    assert!(parse(r"name:abc\").unwrap().matches(&user(r"abc\")));
    assert!(parse(r#"name:"abc\"#).is_err(), "an unterminated phrase");
    assert!(parse(r#"name:"abc\\""#).unwrap().matches(&user(r"abc\")));
}

fn one(user: Value) -> Map<String, Value> {
    user.as_object().unwrap().clone()
}

fn hits(query: &str, user: &Map<String, Value>) -> bool {
    parse(query).unwrap().matches(user)
}

/// Wildcards that need backtracking, trailing and leading stars.
#[test]
fn globs_backtrack_over_earlier_matches() {
    let user = one(json!({"name": "abcabcd"}));
    for (query, expected) in [
        ("name:a*cd", true),
        ("name:a*b*d", true),
        ("name:*bcd", true),
        ("name:abcabcd**", true),
        ("name:*", true),
        ("name:a*x*", false),
        ("name:abc*abcd", true),
        ("name:abcd*abcd", false),
        ("name:a*c", false),
        ("name:ab", false),
        ("name:abcabcde*", false),
    ] {
        assert_eq!(hits(query, &user), expected, "{query}");
    }
}

/// What Auth0 indexes: not `null`, `[]`, `{}` nor containers of only those; a term
/// never matches a container itself; an exclusive bound excludes its value.
#[test]
fn exists_and_terms_see_indexed_values_only() {
    for (value, indexed) in [
        (json!([]), false),
        (json!({}), false),
        (json!([null]), false),
        (json!({"k": null}), false),
        (json!([[], {}]), false),
        (json!([0]), true),
        (json!({"k": 1}), true),
        (json!(false), true),
        (json!(""), true),
    ] {
        let user = one(json!({"user_metadata": {"e": value.clone()}}));
        assert_eq!(hits("_exists_:user_metadata.e", &user), indexed, "{value}");
    }
    let user = one(json!({"user_metadata": {"o": {"a": 1}, "n": null, "l": [[1]]}, "logins_count": 5}));
    assert!(!hits("user_metadata.o:*", &user), "an object is no value");
    assert!(!hits("user_metadata.n:*", &user), "null is not indexed");
    assert!(hits("user_metadata.o.a:1", &user));
    assert!(!hits("logins_count:{5 TO *]", &user) && hits("logins_count:[5 TO *]", &user));
    assert!(!hits("logins_count:[* TO 5}", &user) && hits("logins_count:[* TO 5]", &user));
}

/// The fields a query reads, in order, once each; `email.domain` reads `email`, a bare
/// term the default fields.
#[test]
fn a_query_lists_the_fields_it_reads() {
    let fields = |q: &str| parse(q).unwrap().fields();
    assert_eq!(
        fields("email.domain:x AND name:y -_exists_:user_metadata.a name:z"),
        ["email", "name", "user_metadata.a"]
    );
    assert_eq!(fields("_exists_:email.domain"), ["email"]);
    assert_eq!(
        fields("john"),
        [
            "email",
            "name",
            "nickname",
            "given_name",
            "family_name",
            "username",
            "user_id"
        ]
    );
    assert_eq!(
        fields("(app_metadata.plan:pro OR NOT logins_count:1)"),
        ["app_metadata.plan", "logins_count"]
    );
}
