//! Numbering the nodes of checked JSON text in one pass: for each node in pre-order,
//! where its value starts and how many nodes its subtree has. A member's key is found
//! from its value when it is shown (`raw::key_before`), so it costs nothing to keep.

use crate::domain::raw::{skip_space, string_end, value_end};

#[derive(Clone, Default)]
pub struct Nodes {
    pub start: Vec<u32>,
    pub size: Vec<u32>,
}

impl Nodes {
    pub fn push(&mut self, start: u32) -> usize {
        self.start.push(start);
        self.size.push(1);
        self.size.len() - 1
    }

    /// Adds the value starting at `at` in `text` and everything below it.
    pub fn index(&mut self, text: &str, at: usize) {
        // About one node per 24 bytes of text, reserved at once: untouched capacity costs
        // no memory, and growing a vector of millions of ids would copy it.
        let guess = text.len() / 24;
        self.start.reserve(guess);
        self.size.reserve(guess);
        self.node(text.as_bytes(), text, at, 0);
    }

    /// Returns where the value ends. Text not yet checked by a parser (read beside it)
    /// cannot make this loop or recurse without bound: every step moves on, and below
    /// `MAX_DEPTH` a container is one node (the parser refuses such text anyway).
    fn node(&mut self, bytes: &[u8], text: &str, at: usize, depth: usize) -> usize {
        const MAX_DEPTH: usize = 256;
        let id = self.push(at as u32);
        let end = match bytes.get(at) {
            Some(&open @ (b'{' | b'[')) if depth < MAX_DEPTH => {
                let close = if open == b'{' { b'}' } else { b']' };
                let mut i = skip_space(bytes, at + 1);
                while i < bytes.len() && bytes[i] != close {
                    if open == b'{' {
                        i = skip_space(bytes, string_end(bytes, i));
                        i = skip_space(bytes, i + 1); // the colon
                    }
                    i = skip_space(bytes, self.node(bytes, text, i, depth + 1));
                    if bytes.get(i) == Some(&b',') {
                        i = skip_space(bytes, i + 1);
                    }
                }
                i + 1
            }
            _ => value_end(text, at).max(at + 1),
        };
        self.size[id] = (self.size.len() - id) as u32;
        end
    }
}
