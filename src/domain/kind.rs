//! The six JSON types, and how a value is converted from one to another.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    String,
    Number,
    Bool,
    Null,
    Object,
    Array,
}

impl ValueKind {
    pub const ALL: [ValueKind; 6] = [
        ValueKind::String,
        ValueKind::Number,
        ValueKind::Bool,
        ValueKind::Null,
        ValueKind::Object,
        ValueKind::Array,
    ];

    pub fn of(value: &Value) -> Self {
        match value {
            Value::String(_) => Self::String,
            Value::Number(_) => Self::Number,
            Value::Bool(_) => Self::Bool,
            Value::Null => Self::Null,
            Value::Object(_) => Self::Object,
            Value::Array(_) => Self::Array,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Number => "number",
            Self::Bool => "bool",
            Self::Null => "null",
            Self::Object => "object",
            Self::Array => "array",
        }
    }

    /// What a value becomes as this kind: the obvious reading where there is one
    /// (`"23"` -> `23`, `1` -> `true`, `false` -> `"false"`), else this kind's empty value.
    pub fn convert(self, value: &Value) -> Value {
        match (self, value) {
            (_, v) if ValueKind::of(v) == self => v.clone(),
            (Self::String, Value::Number(n)) => Value::String(n.to_string()),
            (Self::String, Value::Bool(b)) => Value::String(b.to_string()),
            (Self::Number, Value::String(s)) => parse_number(s.trim()).unwrap_or_else(zero),
            (Self::Number, Value::Bool(b)) => Value::Number(Number::from(u8::from(*b))),
            (Self::Bool, Value::Number(n)) => Value::Bool(n.as_f64().is_some_and(|f| f != 0.0)),
            (Self::Bool, Value::String(s)) => Value::Bool(matches!(
                s.trim().to_ascii_lowercase().as_str(),
                "true" | "yes" | "1" | "on"
            )),
            _ => self.empty(),
        }
    }

    /// True when converting `value` to this kind loses something: converting the result
    /// back does not give `value` again (`"enterprise"` -> `0`), so the user is asked first.
    /// To `null` every value but `null` is lost, even one that would convert back
    /// (`0`, `false`): `null` holds nothing.
    pub fn loses_data(self, value: &Value) -> bool {
        if self == Self::Null {
            return !value.is_null();
        }
        ValueKind::of(value).convert(&self.convert(value)) != *value
    }

    pub fn empty(self) -> Value {
        match self {
            Self::String => Value::String(String::new()),
            Self::Number => zero(),
            Self::Bool => Value::Bool(false),
            Self::Null => Value::Null,
            Self::Object => Value::Object(serde_json::Map::new()),
            Self::Array => Value::Array(Vec::new()),
        }
    }
}

impl fmt::Display for ValueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

fn zero() -> Value {
    Value::Number(Number::from(0))
}

/// A JSON number from text, refusing what JSON would not accept (`NaN`, `inf`, `0x1f`).
/// A whole number written with a fraction or exponent (`1e3`) is kept as the integer.
/// Why writing `new` where `old` stands throws a container away, if it does: `replaces an
/// object of 2 keys with a string`. A container replaced by one of its own kind is an
/// edit of it, not a loss.
pub fn replaces_container(old: &Value, new: &Value) -> Option<String> {
    let to = ValueKind::of(new);
    let size = match old {
        Value::Object(map) if to != ValueKind::Object => format!("an object of {} key{}", map.len(), plural(map.len())),
        Value::Array(items) if to != ValueKind::Array => {
            format!("an array of {} item{}", items.len(), plural(items.len()))
        }
        _ => return None,
    };
    let article = if matches!(to, ValueKind::Object | ValueKind::Array) {
        "an"
    } else {
        "a"
    };
    Some(format!("replaces {size} with {article} {}", to.name()))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

pub fn parse_number(text: &str) -> Option<Value> {
    match serde_json::from_str::<Value>(text) {
        Ok(number @ Value::Number(_)) => Some(super::number::tidy(number)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_a_container_by_another_kind_is_named() {
        use serde_json::json;
        assert_eq!(
            replaces_container(&json!({"a": 1, "b": 2}), &json!("x")).as_deref(),
            Some("replaces an object of 2 keys with a string")
        );
        assert_eq!(
            replaces_container(&json!([1]), &json!({"a": 1})).as_deref(),
            Some("replaces an array of 1 item with an object")
        );
        assert_eq!(replaces_container(&json!({"a": 1}), &json!({"b": 2})), None);
        assert_eq!(replaces_container(&json!("x"), &json!({"b": 2})), None);
    }
    use serde_json::json;

    #[test]
    fn converts_the_obvious_readings() {
        assert_eq!(ValueKind::Number.convert(&json!("23")), json!(23));
        assert_eq!(ValueKind::Number.convert(&json!(" 2.5 ")), json!(2.5));
        assert_eq!(ValueKind::Number.convert(&json!(true)), json!(1));
        assert_eq!(ValueKind::Bool.convert(&json!(1)), json!(true));
        assert_eq!(ValueKind::Bool.convert(&json!(0)), json!(false));
        assert_eq!(ValueKind::Bool.convert(&json!("TRUE")), json!(true));
        assert_eq!(ValueKind::String.convert(&json!(23)), json!("23"));
        assert_eq!(ValueKind::String.convert(&json!(false)), json!("false"));
    }

    #[test]
    fn tells_lossy_conversions_from_lossless_ones() {
        assert!(!ValueKind::Number.loses_data(&json!("23")));
        assert!(!ValueKind::String.loses_data(&json!(23)));
        assert!(!ValueKind::Bool.loses_data(&json!(1)));
        assert!(!ValueKind::Array.loses_data(&json!({})));
        for value in [json!(0), json!(42), json!(false), json!(""), json!({})] {
            assert!(ValueKind::Null.loses_data(&value), "{value} to null asks first");
        }
        assert!(!ValueKind::Null.loses_data(&json!(null)));
        assert!(ValueKind::Number.loses_data(&json!("enterprise")));
        assert!(ValueKind::Array.loses_data(&json!({"a": 1})));
        assert!(ValueKind::Null.loses_data(&json!("x")));
        assert_eq!(parse_number("1e3"), Some(json!(1000)));
        assert_eq!(parse_number("2.0"), Some(json!(2)));
        assert_eq!(parse_number("2.5"), Some(json!(2.5)));
        assert_eq!(parse_number("1e20"), Some(json!(1e20)), "past 2^53 it stays as written");
    }

    #[test]
    fn falls_back_to_the_empty_value() {
        assert_eq!(ValueKind::Number.convert(&json!("abc")), json!(0));
        assert_eq!(ValueKind::Number.convert(&json!("NaN")), json!(0));
        assert_eq!(ValueKind::String.convert(&json!({"a": 1})), json!(""));
        assert_eq!(ValueKind::Object.convert(&json!([1])), json!({}));
        assert_eq!(ValueKind::Array.convert(&json!("x")), json!([]));
        assert_eq!(ValueKind::Null.convert(&json!("x")), json!(null));
    }

    #[test]
    fn keeps_a_value_of_the_same_kind() {
        assert_eq!(ValueKind::Object.convert(&json!({"a": 1})), json!({"a": 1}));
    }
}
