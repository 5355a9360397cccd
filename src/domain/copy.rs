//! What `y` copies of a node: its value as JSON or text, its key, its path as shown, as
//! jq writes it, as an Auth0 search query, or as an Actions expression.

use serde_json::Value;

use super::field_path::FieldPath;
use super::path::Segment;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyForm {
    /// The value as JSON: compact for a scalar, pretty for an object or array.
    Json,
    /// A string's text, unescaped.
    Text,
    Key,
    /// `user_metadata.addresses.home`
    Path,
    /// `.user_metadata.addresses.home`
    Jq,
    /// `user_metadata.addresses.home:"…"`, or `_exists_:…` for an object or array.
    Query,
    /// `event.user.user_metadata.addresses.home`, for Auth0 Actions.
    Action,
}

impl CopyForm {
    pub fn name(self) -> &'static str {
        match self {
            Self::Json => "value",
            Self::Text => "text",
            Self::Key => "key",
            Self::Path => "path",
            Self::Jq => "jq path",
            Self::Query => "search query",
            Self::Action => "Actions expression",
        }
    }
}

/// The text to copy, or why this form does not apply to the node.
pub fn copy_text(form: CopyForm, at: &FieldPath, value: &Value) -> Result<String, String> {
    Ok(match form {
        CopyForm::Json if value.is_object() || value.is_array() => {
            serde_json::to_string_pretty(value).map_err(|e| e.to_string())?
        }
        CopyForm::Json => value.to_string(),
        CopyForm::Text => match value {
            Value::String(text) => text.clone(),
            _ => return Err("not a string: copy it as JSON instead".into()),
        },
        CopyForm::Key => match at.path.last() {
            Some(Segment::Key(key)) => key.clone(),
            Some(Segment::Index(index)) => index.to_string(),
            None => at.field.name().to_string(),
        },
        CopyForm::Path => at.to_string(),
        CopyForm::Jq => format!(".{at}"),
        CopyForm::Action => format!("event.user.{at}"),
        CopyForm::Query => search_query(at, value)?,
    })
}

/// Auth0 searches arrays by the path without indices: `user_metadata.addresses.city`
/// matches when any element's city does.
fn search_query(at: &FieldPath, value: &Value) -> Result<String, String> {
    let mut field = escape_field(at.field.name());
    for segment in at.path.segments() {
        if let Segment::Key(key) = segment {
            field.push('.');
            field.push_str(&escape_field(key));
        }
    }
    Ok(match value {
        Value::Null => return Err("Auth0 does not index null values: no search finds them".into()),
        Value::Object(_) | Value::Array(_) => format!("_exists_:{field}"),
        Value::String(text) => format!("{field}:\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"")),
        other => format!("{field}:{other}"),
    })
}

/// A field name with Lucene's special characters escaped.
fn escape_field(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if " +-&|!(){}[]^\"~*?:\\/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(text: &str) -> FieldPath {
        text.parse().unwrap()
    }

    #[test]
    fn every_form_of_a_string() {
        let home = at("user_metadata.addresses.home");
        let value = json!("123 Main Street, \"Anytown\", ST 12345");
        let copy = |form| copy_text(form, &home, &value).unwrap();
        assert_eq!(copy(CopyForm::Json), r#""123 Main Street, \"Anytown\", ST 12345""#);
        assert_eq!(copy(CopyForm::Text), "123 Main Street, \"Anytown\", ST 12345");
        assert_eq!(copy(CopyForm::Key), "home");
        assert_eq!(copy(CopyForm::Path), "user_metadata.addresses.home");
        assert_eq!(copy(CopyForm::Jq), ".user_metadata.addresses.home");
        assert_eq!(copy(CopyForm::Action), "event.user.user_metadata.addresses.home");
        assert_eq!(
            copy(CopyForm::Query),
            r#"user_metadata.addresses.home:"123 Main Street, \"Anytown\", ST 12345""#
        );
    }

    #[test]
    fn keys_that_are_not_identifiers_and_array_items() {
        let odd = at(r#"app_metadata["a b"][0].plan"#);
        let value = json!("pro");
        let copy = |form| copy_text(form, &odd, &value).unwrap();
        assert_eq!(copy(CopyForm::Jq), r#".app_metadata["a b"][0].plan"#);
        assert_eq!(copy(CopyForm::Action), r#"event.user.app_metadata["a b"][0].plan"#);
        assert_eq!(
            copy(CopyForm::Query),
            r#"app_metadata.a\ b.plan:"pro""#,
            "indices dropped, space escaped"
        );
        let item = at("user_metadata.tags[2]");
        assert_eq!(copy_text(CopyForm::Key, &item, &json!("x")).unwrap(), "2");
    }

    #[test]
    fn containers_numbers_and_null() {
        let addresses = at("user_metadata.addresses");
        let object = json!({"home": {"city": "Porto"}});
        assert_eq!(
            copy_text(CopyForm::Query, &addresses, &object).unwrap(),
            "_exists_:user_metadata.addresses"
        );
        assert_eq!(
            copy_text(CopyForm::Json, &addresses, &object).unwrap(),
            "{\n  \"home\": {\n    \"city\": \"Porto\"\n  }\n}"
        );
        assert_eq!(
            copy_text(CopyForm::Query, &at("app_metadata.seats"), &json!(3)).unwrap(),
            "app_metadata.seats:3"
        );
        assert!(copy_text(CopyForm::Query, &at("user_metadata.nickname"), &Value::Null).is_err());
        assert!(copy_text(CopyForm::Text, &at("app_metadata.seats"), &json!(3)).is_err());
        let root = FieldPath::new(crate::domain::MetadataField::App, crate::domain::JsonPath::root());
        assert_eq!(copy_text(CopyForm::Key, &root, &json!({})).unwrap(), "app_metadata");
    }
}
