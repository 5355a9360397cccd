//! A tenant's or user's name as one file name: every byte but ASCII letters, digits and
//! `-._~` written `%XX`, so `auth0|123`, `../x` and `..` stay one harmless path segment. Files
//! written by earlier versions use the same spelling and are found again.

use std::fmt::Write;

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
}
