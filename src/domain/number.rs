//! Numbers as Auth0 holds them: JavaScript doubles. A number past the double range
//! cannot be stored at all; an integer past 2^53 is stored, but not exactly.

use serde_json::Value;

/// 2^53: from here on, not every integer has a double of its own.
pub const SAFE_INTEGER: u64 = 1 << 53;

/// True when `text` is written as a JSON number (`-12`, `3.5`, `1e999`).
pub fn looks_like_number(text: &str) -> bool {
    let rest = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (mantissa, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    digits(int) && (int == "0" || !int.starts_with('0')) && frac.is_none_or(digits) && exponent_ok
}

/// A whole number read from `1e3` or `2.0` as the integer it is (`1000`, `2`), where it
/// fits exactly; anything else unchanged.
pub fn tidy(value: Value) -> Value {
    match value.as_f64() {
        Some(f) if value.is_f64() && f.fract() == 0.0 && f.abs() <= SAFE_INTEGER as f64 => Value::from(f as i64),
        _ => value,
    }
}

/// Why `text`, written as a number, cannot be stored: it is past the double range.
pub fn out_of_range(text: &str) -> Option<String> {
    let text = text.trim();
    let parsed = serde_json::from_str::<Value>(text);
    (looks_like_number(text) && parsed.is_err())
        .then(|| format!("{text} is outside the range of a JSON number (about ±1.8e308): it cannot be stored"))
}

/// Integers in `value` past 2^53, which JavaScript (and so Auth0) cannot keep exactly.
pub fn imprecise(value: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Number(n) => {
                let big = match (n.as_u64(), n.as_i64(), n.as_f64()) {
                    (Some(u), _, _) => u > SAFE_INTEGER,
                    (_, Some(i), _) => i.unsigned_abs() > SAFE_INTEGER,
                    (_, _, Some(f)) => f.fract() == 0.0 && f.abs() > SAFE_INTEGER as f64,
                    _ => false,
                };
                if big {
                    found.push(n.to_string());
                }
            }
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    found
}

/// One sentence for `imprecise`'s findings, or `None`.
pub fn precision_warning(value: &Value) -> Option<String> {
    let found = imprecise(value);
    let first = found.first()?;
    Some(format!(
        "{first}{} is beyond 2^53: Auth0 stores numbers as JavaScript doubles and may not keep it exactly (a string would)",
        if found.len() > 1 { format!(" (and {} more)", found.len() - 1) } else { String::new() }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tells_numbers_out_of_range_and_beyond_two_to_the_53() {
        assert!(out_of_range("1e999").is_some());
        assert!(out_of_range("-1e999").is_some());
        assert!(out_of_range("1e300").is_none());
        assert!(out_of_range("hello").is_none());
        assert!(out_of_range("01").is_none(), "not a JSON number at all");
        assert!(precision_warning(&json!(9_007_199_254_740_993u64)).is_some());
        assert!(precision_warning(&json!(9_007_199_254_740_992u64)).is_none());
        let big: Value = serde_json::from_str("12345678901234567890123").unwrap();
        assert!(precision_warning(&big).is_some());
        assert!(precision_warning(&json!({"a": [1, 2.5, -3]})).is_none());
    }
}
