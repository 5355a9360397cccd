//! A root value as documents share it. It arrives as the server's JSON text (a slice of
//! the response, never copied) and becomes a `serde_json::Value` only when something
//! needs one: an edit of that key, a diff of it, a copy of it. A 16 MB profile whose
//! small keys are edited is drawn, searched, compared and sent from its text alone.

use std::io;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::Serialize;
use serde_json::Value;

use super::Metadata;

/// JSON text: a range of a shared buffer (the response a user came in).
#[derive(Clone)]
pub struct Text {
    source: Arc<String>,
    range: Range<usize>,
}

impl Text {
    /// `range` must hold one JSON value of `source`, already checked by a parser.
    pub fn new(source: Arc<String>, range: Range<usize>) -> Self {
        Self { source, range }
    }

    pub fn as_str(&self) -> &str {
        &self.source[self.range.clone()]
    }
}

/// One root key's value, shared by every document that holds it unchanged.
pub struct Root {
    text: OnceLock<Text>,
    value: OnceLock<Value>,
    json_len: OnceLock<usize>,
}

impl Root {
    pub fn new(value: Value) -> Self {
        Self {
            text: OnceLock::new(),
            value: OnceLock::from(value),
            json_len: OnceLock::new(),
        }
    }

    /// A value known by its text (checked JSON), parsed when first needed.
    pub fn raw(text: Text) -> Self {
        Self {
            text: OnceLock::from(text),
            value: OnceLock::new(),
            json_len: OnceLock::new(),
        }
    }

    /// The value, parsed from the text the first time it is asked for.
    pub fn value(&self) -> &Value {
        self.value.get_or_init(|| {
            self.text
                .get()
                .and_then(|t| serde_json::from_str(t.as_str()).ok())
                .unwrap_or_default()
        })
    }

    /// The JSON text: the server's own, or the value serialized the first time.
    pub fn text(&self) -> &str {
        self.text
            .get_or_init(|| {
                let json = serde_json::to_string(self.value()).unwrap_or_default();
                let len = json.len();
                Text::new(Arc::new(json), 0..len)
            })
            .as_str()
    }

    /// Where its text starts in the answer it came in, while it is that text.
    pub fn raw_start(&self) -> Option<usize> {
        self.text
            .get()
            .filter(|_| self.value.get().is_none())
            .map(|t| t.range.start)
    }

    /// Whether it is still only text (nothing has needed the parsed value).
    pub fn is_raw(&self) -> bool {
        self.value.get().is_none()
    }

    /// A copy of the value; one still only text is parsed for it and stays text.
    pub fn to_value(&self) -> Value {
        match self.value.get() {
            Some(value) => value.clone(),
            None => serde_json::from_str(self.text()).unwrap_or_default(),
        }
    }

    /// The value, copied only if another document still shares it.
    pub fn into_value(shared: Arc<Root>) -> Value {
        match Arc::try_unwrap(shared) {
            Ok(root) => {
                root.value();
                root.value.into_inner().unwrap_or_default()
            }
            // Still only text: parsed for the taker, the shared copy stays text.
            Err(shared) => shared.to_value(),
        }
    }

    /// Its length as compact JSON, counted the first time it is asked for.
    pub fn json_len(&self) -> usize {
        *self.json_len.get_or_init(|| match self.text.get() {
            Some(text) => text.as_str().len(),
            None => json_len(self.value()),
        })
    }

    /// Surely equal, known without parsing: one value, or the same text.
    pub fn surely_same(&self, other: &Root) -> bool {
        std::ptr::eq(self, other)
            || matches!((self.text.get(), other.text.get()), (Some(a), Some(b)) if a.as_str() == b.as_str())
    }

    /// Equal, key order included, deciding on the texts alone where both are there and
    /// agree (the same server writes the same value the same way).
    pub fn same(&self, other: &Root) -> bool {
        self.surely_same(other) || super::same(self.value(), other.value())
    }
}

impl std::fmt::Debug for Root {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.value.get() {
            Some(value) => value.fmt(f),
            None => f.write_str(self.text()),
        }
    }
}

impl serde::Serialize for Root {
    /// A value still only text is written as that text, not parsed first.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.value.get(), self.text.get()) {
            (None, Some(text)) => serde_json::from_str::<&serde_json::value::RawValue>(text.as_str())
                .map_err(serde::ser::Error::custom)?
                .serialize(serializer),
            _ => self.value().serialize(serializer),
        }
    }
}

impl PartialEq for Root {
    /// Equal as JSON, key order aside (as `Value` compares).
    fn eq(&self, other: &Self) -> bool {
        self.same(other) || self.value() == other.value()
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
    fn a_raw_value_is_parsed_only_when_asked_for() {
        let source = Arc::new(r#"{"a":{"b":[1,2]}}"#.to_string());
        let root = Root::raw(Text::new(source, 5..16));
        assert!(root.is_raw());
        assert_eq!((root.text(), root.json_len()), (r#"{"b":[1,2]}"#, 11));
        assert!(root.same(&Root::raw(Text::new(Arc::new(r#"{"b":[1,2]}"#.into()), 0..11))));
        assert!(root.is_raw(), "equal texts settle it");
        assert_eq!(root.value(), &json!({"b": [1, 2]}));
        assert!(!root.is_raw());
    }

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
