//! How values travel: a user id as a path segment, a body as the exact bytes sent.

use serde_json::Value;

use crate::domain::LoadedUser;

/// Percent-encodes a user id as one path segment: everything outside RFC 3986's
/// unreserved set, so `|` and `/` in ids survive.
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len() * 3);
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The exact bytes a request body is sent as: compact (a 494 KB profile is not sent as
/// 891 KB). The preview shows the same JSON laid out for reading.
pub fn body_bytes(body: &Value) -> Vec<u8> {
    serde_json::to_vec(body).unwrap_or_default()
}

/// The body in one buffer sized from `Content-Length`: a 16 MB answer is held once, not
/// as its chunks and again as their copy. The length is a hint, capped, never trusted.
pub async fn read_body(mut response: reqwest::Response) -> Result<Vec<u8>, reqwest::Error> {
    const MAX_HINT: u64 = 64 << 20;
    let hint = response.content_length().unwrap_or(0).min(MAX_HINT);
    let mut body = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    while let Some(chunk) = response.chunk().await? {
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A user from an answer's bytes; `shown` numbers a large one's trees beside the parser.
/// Reading 16 MB takes tens of milliseconds: callers run this off the async workers.
pub fn read_user(bytes: Vec<u8>, shown: bool) -> Result<LoadedUser, String> {
    let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
    let read = if shown {
        LoadedUser::from_json_shown(text)
    } else {
        LoadedUser::from_json(text)
    };
    read.map_err(|e| e.to_string())
}
