//! Paths into a JSON document, written the way people read them: `addresses.home`,
//! `devices[2].name`, `["a b"]`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// One step down a document: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A path from a document's root to one of its nodes. The empty path is the root itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct JsonPath(Vec<Segment>);

impl JsonPath {
    pub fn root() -> Self {
        Self(Vec::new())
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.0.push(Segment::Key(key.into()));
        self
    }

    pub fn index(mut self, index: usize) -> Self {
        self.0.push(Segment::Index(index));
        self
    }

    pub fn child(&self, segment: Segment) -> Self {
        let mut next = self.clone();
        next.0.push(segment);
        next
    }

    /// The path without its last segment, and that segment; `None` at the root.
    pub fn split_last(&self) -> Option<(JsonPath, &Segment)> {
        let (last, rest) = self.0.split_last()?;
        Some((JsonPath(rest.to_vec()), last))
    }

    pub fn last(&self) -> Option<&Segment> {
        self.0.last()
    }

    /// The first key, which for a metadata document is the root key a PATCH must resend.
    pub fn root_key(&self) -> Option<&str> {
        match self.0.first() {
            Some(Segment::Key(key)) => Some(key),
            _ => None,
        }
    }

    /// The same path with its first segment dropped (`user_metadata.a.b` -> `a.b`).
    pub fn without_first(&self) -> JsonPath {
        JsonPath(self.0.iter().skip(1).cloned().collect())
    }

    pub fn get<'a>(&self, doc: &'a Value) -> Option<&'a Value> {
        self.0.iter().try_fold(doc, |node, segment| match (segment, node) {
            (Segment::Key(key), Value::Object(map)) => map.get(key),
            (Segment::Index(i), Value::Array(items)) => items.get(*i),
            _ => None,
        })
    }

    pub fn get_mut<'a>(&self, doc: &'a mut Value) -> Option<&'a mut Value> {
        self.0.iter().try_fold(doc, |node, segment| match (segment, node) {
            (Segment::Key(key), Value::Object(map)) => map.get_mut(key),
            (Segment::Index(i), Value::Array(items)) => items.get_mut(*i),
            _ => None,
        })
    }
}

impl From<Vec<Segment>> for JsonPath {
    fn from(segments: Vec<Segment>) -> Self {
        Self(segments)
    }
}

/// A key that can be written bare after a dot; anything else is quoted in brackets.
fn is_plain_key(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if is_plain_key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Segment::Key(key) => {
                    let quoted = serde_json::to_string(key).map_err(|_| fmt::Error)?;
                    write!(f, "[{quoted}]")?;
                }
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Why a path could not be read, with the character offset where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid path at character {offset}: {reason}")]
pub struct PathError {
    pub offset: usize,
    pub reason: String,
}

impl FromStr for JsonPath {
    type Err = PathError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        PathParser { text, pos: 0 }.parse()
    }
}

struct PathParser<'a> {
    text: &'a str,
    pos: usize,
}

impl PathParser<'_> {
    fn parse(mut self) -> Result<JsonPath, PathError> {
        let mut segments = Vec::new();
        while self.pos < self.text.len() {
            let rest = &self.text[self.pos..];
            if rest.starts_with('[') {
                segments.push(self.bracket()?);
            } else if rest.starts_with('.') && !segments.is_empty() {
                self.pos += 1;
                segments.push(self.bare_key()?);
            } else if segments.is_empty() {
                segments.push(self.bare_key()?);
            } else {
                return Err(self.error("expected '.' or '['"));
            }
        }
        Ok(JsonPath(segments))
    }

    fn error(&self, reason: &str) -> PathError {
        PathError {
            offset: self.text[..self.pos].chars().count(),
            reason: reason.to_string(),
        }
    }

    fn bare_key(&mut self) -> Result<Segment, PathError> {
        let rest = &self.text[self.pos..];
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        let key = &rest[..end];
        if !is_plain_key(key) {
            return Err(self.error("a bare key is letters, digits and '_'; quote others as [\"key\"]"));
        }
        self.pos += end;
        Ok(Segment::Key(key.to_string()))
    }

    fn bracket(&mut self) -> Result<Segment, PathError> {
        let start = self.pos;
        self.pos += 1;
        let rest = &self.text[self.pos..];
        if rest.starts_with('"') {
            let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<String>();
            let key = match stream.next() {
                Some(Ok(key)) => key,
                _ => return Err(self.error("unterminated or invalid quoted key")),
            };
            self.pos += stream.byte_offset();
            self.expect_close(start)?;
            return Ok(Segment::Key(key));
        }
        let end = rest.find(']').ok_or_else(|| self.error("missing ']'"))?;
        let index = rest[..end]
            .parse::<usize>()
            .map_err(|_| self.error("an index is a whole number, a key is quoted: [\"key\"]"))?;
        self.pos += end;
        self.expect_close(start)?;
        Ok(Segment::Index(index))
    }

    fn expect_close(&mut self, open: usize) -> Result<(), PathError> {
        if self.text[self.pos..].starts_with(']') {
            self.pos += 1;
            Ok(())
        } else {
            let err = self.error("missing ']'");
            self.pos = open;
            Err(err)
        }
    }
}

impl Serialize for JsonPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for JsonPath {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn p(text: &str) -> JsonPath {
        text.parse().expect(text)
    }

    #[test]
    fn displays_paths_as_people_write_them() {
        let path = JsonPath::root().key("devices").index(2).key("name");
        assert_eq!(path.to_string(), "devices[2].name");
        assert_eq!(
            JsonPath::root().key("addresses").key("home").to_string(),
            "addresses.home"
        );
        assert_eq!(JsonPath::root().key("a b").to_string(), "[\"a b\"]");
        assert_eq!(JsonPath::root().key("x").key("0").to_string(), "x[\"0\"]");
        assert_eq!(JsonPath::root().key("q\"t").to_string(), "[\"q\\\"t\"]");
        assert_eq!(JsonPath::root().to_string(), "");
    }

    #[test]
    fn parses_what_it_displays() {
        for text in [
            "addresses.home",
            "devices[2].name",
            "[\"a b\"].c",
            "x[\"0\"][3][4]",
            "[\"q\\\"t\"]",
            "",
        ] {
            assert_eq!(p(text).to_string(), text);
        }
        assert_eq!(p("[\"a.b\"]").segments(), &[Segment::Key("a.b".into())]);
    }

    #[test]
    fn rejects_malformed_paths_with_a_position() {
        let err = "a..b".parse::<JsonPath>().unwrap_err();
        assert_eq!(err.offset, 2);
        assert!("a[x]".parse::<JsonPath>().is_err());
        assert!("a[1".parse::<JsonPath>().is_err());
        assert!("a b".parse::<JsonPath>().is_err());
        assert!("[\"open".parse::<JsonPath>().is_err());
        assert!(".a".parse::<JsonPath>().is_err());
    }

    #[test]
    fn reads_nodes_from_a_document() {
        let doc = json!({"devices": [{"name": "a"}, {"name": "b"}]});
        assert_eq!(p("devices[1].name").get(&doc), Some(&json!("b")));
        assert_eq!(p("devices[2].name").get(&doc), None);
        assert_eq!(p("devices.name").get(&doc), None);
        assert_eq!(p("devices[0]").root_key(), Some("devices"));
    }
}
