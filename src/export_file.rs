//! How an exported user is read and written, shared by `users export` and the emulator's
//! export jobs: a field reached by a dotted name, and CSV cells escaped as Auth0's own
//! exports do (quoted where needed, and a leading `=`, `+`, `-`, `@`, TAB or CR
//! neutralised so a spreadsheet never runs it as a formula).

use serde_json::{Map, Value};

/// The value at a dotted name (`user_metadata.plan`, `identities[0].connection`), if any.
pub fn field_at<'a>(user: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    let mut parts = name.split('.');
    let (first, indexes) = with_indexes(parts.next()?)?;
    let mut node = user.get(first)?;
    for index in indexes {
        node = node.get(index)?;
    }
    for part in parts {
        let (key, indexes) = with_indexes(part)?;
        node = node.get(key)?;
        for index in indexes {
            node = node.get(index)?;
        }
    }
    Some(node)
}

/// The root attribute a field name starts from: `user_metadata.plan` → `user_metadata`,
/// `identities[0].connection` → `identities`.
pub fn root_of(name: &str) -> &str {
    let first = name.split('.').next().unwrap_or(name);
    first.split('[').next().unwrap_or(first)
}

/// `identities[0][1]` → (`identities`, [0, 1]); `None` for a malformed index.
fn with_indexes(part: &str) -> Option<(&str, Vec<usize>)> {
    let Some((key, rest)) = part.split_once('[') else {
        return Some((part, Vec::new()));
    };
    let indexes = rest
        .strip_suffix(']')?
        .split("][")
        .map(|n| n.parse().ok())
        .collect::<Option<Vec<usize>>>()?;
    Some((key, indexes))
}

/// One CSV cell for a value: strings as text, anything else as JSON.
pub fn csv_cell(value: Option<&Value>) -> String {
    let text = match value {
        None | Some(Value::Null) => return String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    // A spreadsheet runs a cell starting with these as a formula (TAB and CR too, as
    // OWASP's CSV injection advice lists): a leading `'` makes it text.
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A CSV line of `fields` of `user`.
pub fn csv_line(user: &Map<String, Value>, fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| csv_cell(field_at(user, f)))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_are_reached_by_dotted_names_and_indexes() {
        let user =
            json!({"identities": [{"connection": "db"}, {"connection": "google"}], "user_metadata": {"a": {"b": 1}}});
        let user = user.as_object().unwrap();
        assert_eq!(field_at(user, "identities[0].connection"), Some(&json!("db")));
        assert_eq!(field_at(user, "identities[1].connection"), Some(&json!("google")));
        assert_eq!(field_at(user, "identities[2].connection"), None);
        assert_eq!(field_at(user, "user_metadata.a.b"), Some(&json!(1)));
        assert_eq!(field_at(user, "identities[x]"), None);
        assert_eq!(root_of("identities[0].connection"), "identities");
        assert_eq!(root_of("user_metadata.a.b"), "user_metadata");
    }

    #[test]
    fn cells_are_quoted_and_formulas_neutralised() {
        assert_eq!(csv_cell(Some(&json!("plain"))), "plain");
        assert_eq!(csv_cell(Some(&json!("a, b"))), "\"a, b\"");
        assert_eq!(csv_cell(Some(&json!("say \"hi\""))), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell(Some(&json!("=cmd()"))), "'=cmd()");
        assert_eq!(csv_cell(Some(&json!("-1+1"))), "'-1+1");
        assert_eq!(csv_cell(Some(&json!("\t=1+1"))), "'\t=1+1");
        assert_eq!(csv_cell(Some(&json!("\r=1+1"))), "\"'\r=1+1\"");
        assert_eq!(csv_cell(Some(&json!(3))), "3");
        assert_eq!(csv_cell(None), "");
    }
}
