//! Whether a user matches a parsed query: fields reached by dotted names, case rules,
//! wildcards and ranges, as Auth0's user search applies them.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::query::{Bound, Matcher, Query};

/// Fields Auth0 matches without regard to case; every other field is case-sensitive.
const CASE_INSENSITIVE: [&str; 5] = ["email", "name", "given_name", "family_name", "nickname"];
/// Fields a term without a field name searches; never metadata.
const DEFAULT_FIELDS: [&str; 7] = [
    "email",
    "name",
    "nickname",
    "given_name",
    "family_name",
    "username",
    "user_id",
];

impl Query {
    pub fn matches(&self, user: &Map<String, Value>) -> bool {
        match self {
            Query::All(all) => all.iter().all(|q| q.matches(user)),
            Query::Any(any) => any.iter().any(|q| q.matches(user)),
            Query::Not(inner) => !inner.matches(user),
            Query::Exists(field) => nodes_at(user, field).into_iter().any(indexed),
            Query::Term {
                field: Some(field),
                matcher,
            } if field == "email.domain" => {
                // The part of the email after the `@`, a searchable field of its own.
                let email = user.get("email").and_then(Value::as_str).unwrap_or_default();
                let domain = email.rsplit_once('@').map(|(_, d)| d).unwrap_or_default();
                !domain.is_empty() && matcher.accepts(&Value::String(domain.to_string()), true)
            }
            Query::Term {
                field: Some(field),
                matcher,
            } => {
                let fold = CASE_INSENSITIVE.contains(&field.as_str());
                values_at(user, field).iter().any(|v| matcher.accepts(v, fold))
            }
            Query::Term { field: None, matcher } => DEFAULT_FIELDS.iter().any(|field| {
                let fold = CASE_INSENSITIVE.contains(field);
                values_at(user, field).iter().any(|v| matcher.accepts(v, fold))
            }),
        }
    }
}

impl Query {
    /// Every field the query reads (a term without a field reads the default ones), so an
    /// export can ask for them.
    pub fn fields(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut stack = vec![self];
        while let Some(query) = stack.pop() {
            let named: Vec<&str> = match query {
                Query::All(list) | Query::Any(list) => {
                    stack.extend(list.iter().rev()); // read in the query's order
                    Vec::new()
                }
                Query::Not(inner) => {
                    stack.push(inner);
                    Vec::new()
                }
                Query::Exists(field) | Query::Term { field: Some(field), .. } if field == "email.domain" => {
                    vec!["email"]
                }
                Query::Exists(field) | Query::Term { field: Some(field), .. } => vec![field.as_str()],
                Query::Term { field: None, .. } => DEFAULT_FIELDS.to_vec(),
            };
            for name in named {
                if !out.iter().any(|f| f == name) {
                    out.push(name.to_string());
                }
            }
        }
        out
    }
}

/// The scalar values a field name reaches; an array's items count as values.
fn values_at<'a>(user: &'a Map<String, Value>, field: &str) -> Vec<&'a Value> {
    nodes_at(user, field)
        .into_iter()
        .flat_map(|node| match node {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        })
        .filter(|v| !v.is_null() && !v.is_object() && !v.is_array())
        .collect()
}

/// The nodes a dotted field name reaches, nested metadata included
/// (`user_metadata.addresses.home.city`). Arrays along the way match when any element
/// does. Keys whose value is `null` are not indexed, as on Auth0.
fn nodes_at<'a>(user: &'a Map<String, Value>, field: &str) -> Vec<&'a Value> {
    let segments: Vec<&str> = field.split('.').collect();
    let mut nodes: Vec<&Value> = match user.get(segments[0]) {
        Some(v) => vec![v],
        None => return Vec::new(),
    };
    for segment in &segments[1..] {
        nodes = nodes
            .into_iter()
            .flat_map(|node| match node {
                Value::Array(items) => items.iter().filter_map(|i| i.get(segment)).collect(),
                other => other.get(segment).into_iter().collect::<Vec<_>>(),
            })
            .collect();
    }
    nodes.retain(|v| !v.is_null());
    nodes
}

/// Whether Auth0's index holds anything for a value: not for `null`, `[]` or `{}`, nor
/// for containers holding only those.
fn indexed(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Array(items) => items.iter().any(indexed),
        Value::Object(map) => map.values().any(indexed),
        _ => true,
    }
}

fn text_of(value: &Value) -> Cow<'_, str> {
    match value {
        Value::String(s) => Cow::Borrowed(s),
        other => Cow::Owned(other.to_string()),
    }
}

/// `text` lower-cased when `fold`, copied only when that changes it (a search over a
/// million users compares mostly text that is lower case already).
fn folded(text: &str, fold: bool) -> Cow<'_, str> {
    match fold && text.chars().any(char::is_uppercase) {
        true => Cow::Owned(text.to_lowercase()),
        false => Cow::Borrowed(text),
    }
}

impl Matcher {
    fn accepts(&self, value: &Value, fold: bool) -> bool {
        let text = text_of(value);
        let text = folded(&text, fold);
        match self {
            Matcher::Exact(want) => *text == *folded(want, fold),
            Matcher::Glob(pattern) => glob(folded(pattern, fold).as_bytes(), text.as_bytes()),
            Matcher::Range { low, high } => in_range(&text, low, high, |b| folded(b, fold).into_owned()),
        }
    }
}

/// `norm` folds the bounds as the value was (normalised fields compare without case).
fn in_range(text: &str, low: &Bound, high: &Bound, norm: impl Fn(&str) -> String) -> bool {
    use std::cmp::Ordering;
    let compare = |bound: &str| match (text.parse::<f64>(), bound.parse::<f64>()) {
        (Ok(a), Ok(b)) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
        _ => text.cmp(&norm(bound)),
    };
    let above = match low {
        Bound::Open => true,
        Bound::Inclusive(b) => compare(b) != Ordering::Less,
        Bound::Exclusive(b) => compare(b) == Ordering::Greater,
    };
    let below = match high {
        Bound::Open => true,
        Bound::Inclusive(b) => compare(b) != Ordering::Greater,
        Bound::Exclusive(b) => compare(b) == Ordering::Less,
    };
    above && below
}

/// `*` matches any run of characters. Compared as UTF-8 bytes: a literal part of the
/// pattern can only match whole characters of the text, so no characters need decoding.
fn glob(p: &[u8], t: &[u8]) -> bool {
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && p[pi] != b'*' && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == b'*')
}
