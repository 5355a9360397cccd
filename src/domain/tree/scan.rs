//! Numbering the nodes of checked JSON text in one pass: for each node in pre-order,
//! where its key and its value start, and how many nodes its subtree has.

use crate::domain::raw::{skip_space, string_end, value_end};

/// A node without a key of its own: the root, a root key's value (its key is the
/// document's), an array item.
pub const NO_KEY: u32 = u32::MAX;

#[derive(Default)]
pub struct Nodes {
    pub key: Vec<u32>,
    pub start: Vec<u32>,
    pub size: Vec<u32>,
}

impl Nodes {
    pub fn push(&mut self, key: u32, start: u32) -> usize {
        self.key.push(key);
        self.start.push(start);
        self.size.push(1);
        self.size.len() - 1
    }

    /// Adds the value starting at `at` in `text` and everything below it.
    pub fn index(&mut self, text: &str, at: usize) {
        self.node(text.as_bytes(), text, at, NO_KEY);
    }

    /// Returns where the value ends.
    fn node(&mut self, bytes: &[u8], text: &str, at: usize, key: u32) -> usize {
        let id = self.push(key, at as u32);
        let end = match bytes.get(at) {
            Some(&open @ (b'{' | b'[')) => {
                let close = if open == b'{' { b'}' } else { b']' };
                let mut i = skip_space(bytes, at + 1);
                while i < bytes.len() && bytes[i] != close {
                    let mut key = NO_KEY;
                    if open == b'{' {
                        key = i as u32;
                        i = skip_space(bytes, string_end(bytes, i));
                        i = skip_space(bytes, i + 1); // the colon
                    }
                    i = skip_space(bytes, self.node(bytes, text, i, key));
                    if bytes.get(i) == Some(&b',') {
                        i = skip_space(bytes, i + 1);
                    }
                }
                i + 1
            }
            _ => value_end(text, at),
        };
        self.size[id] = (self.size.len() - id) as u32;
        end
    }
}
