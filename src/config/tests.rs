//! Flags over environment, and the refusals that name what to set.
use super::*;
use std::collections::HashMap;

fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    move |name| map.get(name).cloned()
}

#[test]
fn a_token_wins_over_client_credentials() {
    let target = resolve(
        &ConnectionFlags::default(),
        env(&[
            ("AUTH0_DOMAIN", "t.eu.auth0.com"),
            ("AUTH0_ACCESS_TOKEN", "tok"),
            ("AUTH0_CLIENT_ID", "id"),
        ]),
    )
    .unwrap();
    assert_eq!(target.base_url, "https://t.eu.auth0.com");
    assert_eq!(target.credentials, Credentials::Token(Secret::new("tok")));
}

#[test]
fn api_token_comes_before_access_token_and_flags_before_both() {
    let e = env(&[
        ("AUTH0_DOMAIN", "d"),
        ("AUTH0_API_TOKEN", "api"),
        ("AUTH0_ACCESS_TOKEN", "access"),
    ]);
    assert_eq!(
        resolve(&ConnectionFlags::default(), &e).unwrap().credentials,
        Credentials::Token(Secret::new("api"))
    );
    let flags = ConnectionFlags {
        token: Some(Secret::new("flag")),
        domain: Some("other".into()),
        ..Default::default()
    };
    let target = resolve(&flags, &e).unwrap();
    assert_eq!(
        (target.credentials, target.label.as_str()),
        (Credentials::Token(Secret::new("flag")), "other")
    );
}

#[test]
fn client_credentials_use_the_tenant_audience() {
    let target = resolve(
        &ConnectionFlags::default(),
        env(&[
            ("AUTH0_DOMAIN", "t.auth0.com"),
            ("AUTH0_CLIENT_ID", "id"),
            ("AUTH0_CLIENT_SECRET", "s"),
        ]),
    )
    .unwrap();
    let Credentials::ClientCredentials { audience, .. } = target.credentials else {
        panic!()
    };
    assert_eq!(audience, "https://t.auth0.com/api/v2/");
}

#[test]
fn a_base_url_points_anywhere_over_http() {
    let target = resolve(
        &ConnectionFlags {
            base_url: Some("http://127.0.0.1:4000/".into()),
            ..Default::default()
        },
        env(&[("AUTH0_API_TOKEN", "t")]),
    )
    .unwrap();
    assert_eq!(target.base_url, "http://127.0.0.1:4000");
}

#[test]
fn missing_configuration_says_what_to_set() {
    let err = resolve(&ConnectionFlags::default(), env(&[])).unwrap_err();
    assert!(err.to_string().contains("auth0-meta --demo"));
    let err = resolve(&ConnectionFlags::default(), env(&[("AUTH0_DOMAIN", "d")])).unwrap_err();
    assert!(matches!(err, ConfigError::NoCredentials(_)));
    let err = resolve(
        &ConnectionFlags::default(),
        env(&[("AUTH0_DOMAIN", "d"), ("AUTH0_CLIENT_ID", "i")]),
    )
    .unwrap_err();
    assert!(matches!(err, ConfigError::HalfClientCredentials(..)));
}

#[test]
fn only_http_and_https_and_no_line_breaks_in_secrets() {
    let base = |url: &str| ConnectionFlags {
        base_url: Some(url.into()),
        ..Default::default()
    };
    let err = resolve(&base("ftp://x"), env(&[("AUTH0_API_TOKEN", "t")])).unwrap_err();
    assert!(err.to_string().contains("scheme ftp"), "{err}");
    let err = resolve(&base("https://x"), env(&[("AUTH0_API_TOKEN", "s3cr3t\nx")])).unwrap_err();
    assert!(err.to_string().contains("line break"), "{err}");
    assert!(!err.to_string().contains("s3cr3t"), "the secret is not in the message");
    let err = resolve(
        &base("https://x"),
        env(&[("AUTH0_CLIENT_ID", "i"), ("AUTH0_CLIENT_SECRET", "s\r\nx")]),
    )
    .unwrap_err();
    assert!(matches!(err, ConfigError::ControlCharacters(_)));
    let target = resolve(
        &base("http://user:hunter2@127.0.0.1:9"),
        env(&[("AUTH0_API_TOKEN", "t")]),
    )
    .unwrap();
    assert!(!target.label.contains("hunter2"), "{}", target.label);
}

#[test]
fn a_base_url_with_a_query_or_a_fragment_is_refused() {
    for base in [
        "http://127.0.0.1:4000/?x=1",
        "https://tenant.eu.auth0.com#frag",
        "tenant.eu.auth0.com?a",
    ] {
        let flags = ConnectionFlags {
            base_url: Some(base.into()),
            token: Some(Secret::new("t")),
            ..Default::default()
        };
        let err = resolve(&flags, env(&[])).unwrap_err();
        assert!(matches!(err, ConfigError::QueryOrFragment(_)), "{base}: {err}");
    }
}

#[test]
fn a_loopback_tenant_is_named_with_its_port_and_a_real_one_without() {
    let target = |base: &str| Target {
        base_url: base.into(),
        label: base.into(),
        credentials: Credentials::Token(Secret::new("t")),
    };
    assert_eq!(target("http://127.0.0.1:4000").tenant(), "127.0.0.1:4000");
    assert_eq!(target("http://[::1]:8443/").tenant(), "::1:8443");
    assert_eq!(target("http://localhost:9").tenant(), "localhost:9");
    assert_eq!(target("https://t.eu.auth0.com:443").tenant(), "t.eu.auth0.com");
    assert_eq!(target("https://t.eu.auth0.com").tenant(), "t.eu.auth0.com");
}
