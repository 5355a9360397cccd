//! Reading JSON text that a parser has already checked, without building `Value`s: where
//! a value ends, what a string says, the value at a path. A 16 MB profile is drawn and
//! searched from its text, and only the piece a person opens is ever parsed.

use std::borrow::Cow;

use serde_json::Value;

use super::kind::ValueKind;
use super::path::Segment;

/// The kind of the value starting at `at`.
pub fn kind(text: &str, at: usize) -> ValueKind {
    match text.as_bytes().get(at) {
        Some(b'{') => ValueKind::Object,
        Some(b'[') => ValueKind::Array,
        Some(b'"') => ValueKind::String,
        Some(b't' | b'f') => ValueKind::Bool,
        Some(b'n') => ValueKind::Null,
        _ => ValueKind::Number,
    }
}

pub(super) fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        at += 1;
    }
    at
}

/// Where the string whose opening quote is at `at` ends (after its closing quote).
pub(super) fn string_end(bytes: &[u8], at: usize) -> usize {
    let mut i = at + 1;
    while let Some(found) = bytes.get(i..).and_then(|rest| memchr::memchr2(b'"', b'\\', rest)) {
        i += found;
        if bytes[i] == b'"' {
            return i + 1;
        }
        i += 2; // an escape and the character it escapes
    }
    bytes.len()
}

/// Where the value starting at `at` ends.
pub fn value_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    match bytes.get(at) {
        Some(b'"') => string_end(bytes, at),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut i = at;
            while i < bytes.len() {
                match bytes[i] {
                    b'"' => {
                        i = string_end(bytes, i);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            bytes.len()
        }
        _ => {
            let mut i = at;
            while i < bytes.len() && !matches!(bytes[i], b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                i += 1;
            }
            i
        }
    }
}

/// Where the key of the object member whose value starts at `value` starts (its opening
/// quote); `None` when the value is not an object member (an array item, a root).
pub fn key_before(text: &str, value: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = value;
    let back = |i: &mut usize| {
        while *i > 0 && matches!(bytes[*i - 1], b' ' | b'\n' | b'\r' | b'\t') {
            *i -= 1;
        }
    };
    back(&mut i);
    if i == 0 || bytes[i - 1] != b':' {
        return None;
    }
    i -= 1;
    back(&mut i);
    // `i - 1` is the key's closing quote: the opening one is the first quote before it
    // that no odd run of backslashes escapes.
    let mut j = i.checked_sub(1)?;
    loop {
        j = bytes[..j].iter().rposition(|&b| b == b'"')?;
        let escapes = bytes[..j].iter().rev().take_while(|&&b| b == b'\\').count();
        if escapes % 2 == 0 {
            return Some(j);
        }
    }
}

/// What the string whose opening quote is at `at` says, unescaped.
pub fn string(text: &str, at: usize) -> Cow<'_, str> {
    let end = string_end(text.as_bytes(), at);
    let inner = &text[at + 1..end.saturating_sub(1).max(at + 1)];
    if inner.contains('\\') {
        Cow::Owned(serde_json::from_str(&text[at..end]).unwrap_or_default())
    } else {
        Cow::Borrowed(inner)
    }
}

/// The scalar starting at `at` as a search or a row shows it: a string unquoted, the rest
/// as written.
pub fn scalar(text: &str, at: usize) -> Cow<'_, str> {
    match kind(text, at) {
        ValueKind::String => string(text, at),
        _ => Cow::Borrowed(&text[at..value_end(text, at)]),
    }
}

/// The value starting at `at`, parsed.
pub fn parse(text: &str, at: usize) -> Value {
    serde_json::from_str(&text[at..value_end(text, at)]).unwrap_or_default()
}

/// The children of the container starting at `at`: each one's key (the offset of its
/// opening quote, for object members) and where its value starts.
pub fn children(text: &str, at: usize) -> impl Iterator<Item = (Option<usize>, usize)> + '_ {
    let bytes = text.as_bytes();
    let object = bytes.get(at) == Some(&b'{');
    let container = object || bytes.get(at) == Some(&b'[');
    let mut i = at + 1;
    let mut done = !container;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        i = skip_space(bytes, i);
        if matches!(bytes.get(i), Some(b'}' | b']') | None) {
            done = true;
            return None;
        }
        let key = object.then_some(i);
        if object {
            i = skip_space(bytes, string_end(bytes, i));
            i = skip_space(bytes, i + 1); // the colon
        }
        let start = i;
        i = skip_space(bytes, value_end(text, start));
        if bytes.get(i) == Some(&b',') {
            i += 1;
        }
        Some((key, start))
    })
}

/// Where the value at `path` below the value starting at `at` starts.
pub fn find(text: &str, at: usize, path: &[Segment]) -> Option<usize> {
    path.iter().try_fold(at, |node, segment| match segment {
        Segment::Key(wanted) => children(text, node)
            .find(|(key, _)| key.is_some_and(|k| string(text, k) == wanted.as_str()))
            .map(|(_, start)| start),
        Segment::Index(i) if kind(text, node) == ValueKind::Array => children(text, node).nth(*i).map(|(_, s)| s),
        Segment::Index(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const TEXT: &str = r#"{"a": [1, "x\"y", {"b": null}], "k\u00e9": true, "n": -1.5e3}"#;

    #[test]
    fn walks_checked_text_without_parsing_it() {
        let members: Vec<(Cow<str>, Value)> = children(TEXT, 0)
            .map(|(key, start)| (string(TEXT, key.unwrap()), parse(TEXT, start)))
            .collect();
        assert_eq!(members[0], ("a".into(), json!([1, "x\"y", {"b": null}])));
        assert_eq!(members[1], ("ké".into(), json!(true)));
        assert_eq!(members[2].1, json!(-1500.0));
        let a = find(TEXT, 0, &[Segment::Key("a".into())]).unwrap();
        let items: Vec<Cow<str>> = children(TEXT, a).map(|(_, s)| scalar(TEXT, s)).collect();
        assert_eq!(items[..2], ["1", "x\"y"]);
        let b = find(
            TEXT,
            0,
            &[Segment::Key("a".into()), Segment::Index(2), Segment::Key("b".into())],
        );
        assert_eq!(b.map(|at| kind(TEXT, at)), Some(ValueKind::Null));
        assert_eq!(find(TEXT, 0, &[Segment::Index(0)]), None);
        assert_eq!(
            scalar(TEXT, find(TEXT, 0, &[Segment::Key("n".into())]).unwrap()),
            "-1.5e3"
        );
        for (key, start) in children(TEXT, 0) {
            assert_eq!(key_before(TEXT, start), key);
        }
        let odd = r#"{"a\\": 1, "b\"c" : [2]}"#;
        let keys: Vec<Cow<str>> = children(odd, 0)
            .map(|(_, s)| string(odd, key_before(odd, s).unwrap()))
            .collect();
        assert_eq!(keys, ["a\\", "b\"c"]);
        let item = find(odd, 0, &[Segment::Key("b\"c".into()), Segment::Index(0)]).unwrap();
        assert_eq!(key_before(odd, item), None);
    }
}
