//! Large users as served: a legacy profile of megabytes is serialized once and its text
//! kept until the user changes, as a real tenant's storage hands back stored JSON rather
//! than rebuilding it on every read. Small users are serialized per read, as before.

use std::collections::HashMap;

use bytes::Bytes;

/// Texts of at least this size are kept.
const KEPT_FROM: usize = 1 << 20;

#[derive(Debug, Default)]
pub struct Served {
    texts: HashMap<String, Bytes>,
}

impl Served {
    /// The user's JSON text, from `serialize` unless kept from an earlier read.
    pub fn text(&mut self, id: &str, serialize: impl FnOnce() -> Vec<u8>) -> Bytes {
        if let Some(text) = self.texts.get(id) {
            return text.clone();
        }
        let text = Bytes::from(serialize());
        if text.len() >= KEPT_FROM {
            self.texts.insert(id.to_string(), text.clone());
        }
        text
    }

    /// The user changed or is gone: its kept text is stale.
    pub fn forget(&mut self, id: &str) {
        self.texts.remove(id);
    }
}
