//! A root value as documents share it, with its size as JSON counted once: the preview
//! checks the profile's size after every edit, and a 16 MB value takes tens of
//! milliseconds to count, so only the keys an edit replaced are counted again.

use std::io;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use serde::Serialize;
use serde_json::Value;

use super::Metadata;

/// One root key's value, shared by every document that holds it unchanged.
#[derive(Debug)]
pub struct Root {
    value: Value,
    json_len: OnceLock<usize>,
}

impl Root {
    pub fn new(value: Value) -> Self {
        Self {
            value,
            json_len: OnceLock::new(),
        }
    }

    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The value, copied only if another document still shares it.
    pub fn into_value(shared: Arc<Root>) -> Value {
        match Arc::try_unwrap(shared) {
            Ok(root) => root.value,
            Err(shared) => shared.value.clone(),
        }
    }

    /// Its length as compact JSON, counted the first time it is asked for.
    pub fn json_len(&self) -> usize {
        *self.json_len.get_or_init(|| json_len(&self.value))
    }
}

impl Deref for Root {
    type Target = Value;

    fn deref(&self) -> &Value {
        &self.value
    }
}

impl PartialEq for Root {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Metadata {
    /// Its length as compact JSON (as `serde_json::to_vec` writes it), from the cached
    /// lengths of its values.
    pub fn json_len(&self) -> usize {
        let entries: usize = self
            .entries()
            .map(|(key, value)| json_len(key) + 1 + value.json_len())
            .sum();
        2 + entries + self.len().saturating_sub(1)
    }
}

/// The length of `value` as compact JSON, counted without writing it anywhere.
pub fn json_len(value: &(impl Serialize + ?Sized)) -> usize {
    struct Counter(usize);
    impl io::Write for Counter {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut counted = Counter(0);
    match serde_json::to_writer(&mut counted, value) {
        Ok(()) => counted.0,
        Err(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_length_is_what_serializing_writes() {
        for doc in [
            json!({}),
            json!({"a": 1}),
            json!({"é\"": {"x": [1, "two", null]}, "b": "\u{1}"}),
        ] {
            let metadata: Metadata = doc.clone().try_into().unwrap();
            assert_eq!(metadata.json_len(), serde_json::to_vec(&doc).unwrap().len(), "{doc}");
        }
    }
}
