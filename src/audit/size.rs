//! The length of a value as compact JSON (as the Management API returns a profile,
//! `serde_json::to_vec`), counted without writing it: Auth0 does not publish its exact
//! serialisation, so this is the count its limits are measured against here.

use serde_json::Value;

pub fn json_size(value: &Value) -> usize {
    match value {
        Value::Null => 4,
        Value::Bool(true) => 4,
        Value::Bool(false) => 5,
        Value::Number(n) => n.to_string().len(),
        Value::String(s) => string_size(s),
        Value::Array(items) => 2 + items.iter().map(json_size).sum::<usize>() + items.len().saturating_sub(1),
        Value::Object(map) => {
            2 + map
                .iter()
                .map(|(k, v)| string_size(k) + 1 + json_size(v))
                .sum::<usize>()
                + map.len().saturating_sub(1)
        }
    }
}

/// A string with its quotes and escapes, as serde_json writes it.
pub fn string_size(text: &str) -> usize {
    let escapes: usize = text
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 1,
            0..=0x1f => 5,
            _ => 0,
        })
        .sum();
    2 + text.len() + escapes
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn counts_as_serde_json_writes() {
        let values = [
            json!(null),
            json!({"a": [1, 2.5, -3e40, true, false, null], "b\"\\": "x\ny\u{1}é€😀", "": {}}),
            json!([[], {}, "", 0]),
        ];
        for value in values {
            assert_eq!(json_size(&value), serde_json::to_vec(&value).unwrap().len(), "{value}");
        }
    }
}
