//! HTTPS through rustls with the `ring` provider (far quicker to build than aws-lc-rs).
//! reqwest is built without a provider of its own, so every HTTP client is made here,
//! after the provider is installed for the process.

use std::sync::Once;
use std::time::Duration;

/// A client builder that can speak TLS. A provider installed first by someone else is
/// kept: installing can only fail because one already is.
pub fn http_builder() -> reqwest::ClientBuilder {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    reqwest::Client::builder()
        .user_agent(concat!("auth0-meta/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(Duration::from_secs(10))
}
