//! Text from the server or the state directory, made safe to show: end users control
//! names, emails, ids and metadata, and a control character reaching the terminal can
//! write the admin's clipboard (`ESC ] 52`), rename the window or clear the screen; a bidi
//! override makes text read backwards; a zero-width character makes `role` and
//! `role\u{200b}` look the same. Every such character is shown as `\uXXXX` (its code
//! point, as JSON writes it), which the admin can see and which never acts on the terminal. The data itself
//! is never changed: only what is shown.

use std::borrow::Cow;

/// Controls (C0, DEL, C1), bidi overrides, embeddings, isolates and marks, and line or
/// paragraph separators: never shown raw.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
        )
}

/// Characters that take no room and change nothing a reader sees: in a key or an id
/// they make two different names look alike. (In a value, they join emoji and scripts.)
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
}

/// A value, a name, an email or a message, on one line: every hidden character (line
/// breaks and tabs too) as `\uXXXX`.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, is_hidden)
}

/// A key or an id: hidden and zero-width characters as `\uXXXX`.
pub fn visible_key(text: &str) -> Cow<'_, str> {
    escape(text, |c| is_hidden(c) || is_invisible(c))
}

/// A line of JSON text (a diff, a preview): object keys as `visible_key`, the rest as
/// `visible`, so `"role\u{200b}": …` cannot pass for `"role": …`.
pub fn visible_json(line: &str) -> Cow<'_, str> {
    if !has_hidden(line) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 16);
    let mut rest = line;
    while let Some(open) = rest.find('"') {
        out.push_str(&visible(&rest[..open]));
        let after = &rest[open + 1..];
        let close = string_end(after).unwrap_or(after.len());
        let (inner, tail) = after.split_at(close);
        let is_key = tail.get(1..).is_some_and(|t| t.trim_start().starts_with(':'));
        out.push('"');
        out.push_str(&if is_key { visible_key(inner) } else { visible(inner) });
        rest = tail;
        if let Some(stripped) = rest.strip_prefix('"') {
            out.push('"');
            rest = stripped;
        }
    }
    out.push_str(&visible(rest));
    Cow::Owned(out)
}

/// Where the JSON string whose text starts `text` (after its opening quote) ends.
fn string_end(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(at),
            _ => {}
        }
    }
    None
}

/// A string as a JSON literal whose every hidden or zero-width character is a `\uXXXX`
/// escape (serde_json escapes only C0 and `"` `\`): typed back, it is the same string.
pub fn json_visible(text: &str) -> String {
    escape_json(&serde_json::to_string(text).unwrap_or_default())
}

/// Serialized JSON with every hidden or zero-width character inside its strings written
/// as a `\uXXXX` escape: it reads back as the same value. A raw line break can only be
/// the layout of pretty JSON (serde escapes those in strings), and stays one.
pub fn escape_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c != '\n' && (is_hidden(c) || is_invisible(c)) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// True when a text editor could not show `text` as it is: a hidden character other
/// than a line break or a tab (which the editor shows as they are).
pub fn hides_in_an_editor(text: &str) -> bool {
    text.chars().any(|c| c != '\n' && c != '\t' && is_hidden(c))
}

/// True when `text` holds something `visible_key` would change.
fn has_hidden(text: &str) -> bool {
    text.chars().any(|c| is_hidden(c) || is_invisible(c))
}

fn escape(text: &str, hide: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&hide) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hide(c) {
            // Every such character is in the Basic Multilingual Plane: `\uXXXX` is the
            // form JSON strings use too, so a key, a value and a path all show it alike.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_shown_by_code_point() {
        assert_eq!(visible("a\u{1b}]52;c;x\u{7}b"), "a\\u001b]52;c;x\\u0007b");
        assert_eq!(visible("\u{7f}\u{9b}\u{202e}\u{2066}"), "\\u007f\\u009b\\u202e\\u2066");
        assert_eq!(visible("line\nbreak\ttab"), "line\\u000abreak\\u0009tab");
        assert!(
            matches!(visible("plain é 東京 👨‍👩‍👧"), Cow::Borrowed(_)),
            "zero-width joiners stay in values"
        );
    }

    #[test]
    fn keys_show_zero_width_characters_too() {
        assert_eq!(visible_key("role\u{200b}"), "role\\u200b");
        assert_ne!(visible_key("role\u{200b}"), visible_key("role"));
        assert_eq!(visible_key("\u{feff}id"), "\\ufeffid");
    }

    #[test]
    fn json_keys_show_zero_width_characters_and_values_keep_joiners() {
        assert_eq!(
            visible_json("\"role\u{200b}\": \"a\u{200d}b\u{202e}\","),
            "\"role\\u200b\": \"a\u{200d}b\\u202e\","
        );
        assert_eq!(visible_json(r#"{"a": "x\"y"}"#), r#"{"a": "x\"y"}"#);
        assert_eq!(visible_json("\"k\u{7f}\":1"), "\"k\\u007f\":1");
    }

    #[test]
    fn a_json_literal_reads_back_as_the_same_string() {
        for text in [
            "a\u{1b}[2Jb",
            "\u{9b}31m",
            "x\u{202e}y\u{200b}",
            "emoji 😀 ok",
            "\"quoted\" \\ back",
        ] {
            let literal = json_visible(text);
            assert!(!literal.chars().any(|c| is_hidden(c) || is_invisible(c)), "{literal}");
            assert_eq!(serde_json::from_str::<String>(&literal).unwrap(), text);
        }
    }
}
