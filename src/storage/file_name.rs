//! A tenant's or user's name as one file name: every byte but ASCII letters, digits and
//! `-._~` written `%XX`, so `auth0|123`, `../x` and `..` stay one harmless path segment. Files
//! written by earlier versions use the same spelling and are found again.

use std::fmt::Write;

use sha2::{Digest, Sha256};

/// Longer encoded names are replaced by a hash: a file name holds at most 255 bytes, and
/// suffixes (`.json.lock`, a temporary file's) need room too.
const MAX_ENCODED: usize = 160;

pub fn encode(name: &str) -> String {
    // `.` and `..` alone would name a directory: their dots are written out too.
    let dots_safe = !matches!(name, "." | "..");
    let mut out = String::with_capacity(name.len() * 3);
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'~') || (byte == b'.' && dots_safe) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// `encode`, or for a name whose spelling would be too long (a long or non-ASCII id),
/// `h-` and its SHA-256: bounded whatever the name. Files named so hold the name inside.
pub fn encode_bounded(name: &str) -> String {
    let spelled = encode(name);
    if spelled.len() <= MAX_ENCODED {
        return spelled;
    }
    let mut out = String::from("h-");
    for byte in Sha256::digest(name.as_bytes()) {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn separators_and_dots_cannot_leave_the_directory() {
        assert_eq!(encode("auth0|64b1"), "auth0%7C64b1");
        assert_eq!(encode("../x/y"), "..%2Fx%2Fy");
        assert_eq!(encode("é"), "%C3%A9");
        assert_eq!(encode("a-b.c_d~e"), "a-b.c_d~e");
        assert_eq!(encode(".."), "%2E%2E");
    }

    #[test]
    fn long_names_are_hashed_to_a_bounded_length() {
        use super::encode_bounded;
        assert_eq!(
            encode_bounded("auth0|64b1"),
            "auth0%7C64b1",
            "short names keep their spelling"
        );
        let long = "é".repeat(200);
        let hashed = encode_bounded(&long);
        assert!(hashed.starts_with("h-") && hashed.len() == 66, "{hashed}");
        assert_ne!(encode_bounded(&"é".repeat(201)), hashed);
    }
}
