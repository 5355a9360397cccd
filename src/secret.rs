//! A token or client secret. It has no `Display`, and its `Debug` says only that it is
//! there, so it cannot reach the screen, a log line or an error message by accident.

use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// So the command line parses flags straight into a `Secret` and never holds a bare string.
impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(Self::new(value))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl Secret {
    /// A line break (or another control character) cannot go into an HTTP header: it is
    /// refused when the configuration is read, with a message that says so.
    pub fn has_control_chars(&self) -> bool {
        self.0.chars().any(char::is_control)
    }
}

/// `text` with the userinfo of every URL in it (`http://user:secret@host`) replaced by
/// `***`, so credentials written into an address never reach the screen or a message.
pub fn redact_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        let authority_end = tail
            .find(|c: char| c == '/' || c == '?' || c == '#' || c.is_whitespace() || c == ')' || c == '"')
            .unwrap_or(tail.len());
        match tail[..authority_end].rfind('@') {
            Some(user_end) => {
                out.push_str("***");
                rest = &tail[user_end..];
            }
            None => rest = tail,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn userinfo_is_redacted_wherever_a_url_stands() {
        let text = "cannot reach http://user:hunter2@127.0.0.1:9/api/v2/users (see https://a@b.example/x) and https://plain.example";
        let shown = super::redact_urls(text);
        assert!(!shown.contains("hunter2") && !shown.contains("a@b"), "{shown}");
        assert!(shown.contains("http://***@127.0.0.1:9/api/v2/users"), "{shown}");
        assert!(shown.contains("https://plain.example"));
        assert_eq!(
            super::redact_urls("mail me: jane@example.com"),
            "mail me: jane@example.com"
        );
    }

    #[test]
    fn debug_never_shows_the_value() {
        let secret = super::Secret::new("eyJhbGciOi.top-secret");
        assert!(!format!("{secret:?} {:#?}", Some(&secret)).contains("top-secret"));
    }
}
