//! Unpredictable numbers for ids, tokens and retry jitter, from the standard library's
//! randomly seeded hasher: good enough for these, and no extra dependency.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

pub fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.finish()
}

/// `len` letters (either case) and digits, as Auth0's job ids have.
pub fn random_alphanumeric(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut out = String::with_capacity(len);
    while out.len() < len {
        let mut bits = random_u64();
        for _ in 0..10 {
            if out.len() < len {
                out.push(char::from(ALPHABET[(bits % 62) as usize]));
                bits /= 62;
            }
        }
    }
    out
}

/// `len` lowercase hex digits.
pub fn random_hex(len: usize) -> String {
    let mut out = String::with_capacity(len + 16);
    while out.len() < len {
        out.push_str(&format!("{:016x}", random_u64()));
    }
    out.truncate(len);
    out
}
