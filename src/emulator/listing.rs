//! `GET /users`: query parameters as Auth0 validates them, search, sort, the 1000-result
//! window, field selection and the two response shapes.

use serde_json::{json, Value};

use super::reply::Auth0Error;
use super::store::{Store, UserObject};
use crate::lucene::{self, Query};

/// Search reaches only the first 1000 matches.
pub const WINDOW: usize = 1000;
const KNOWN: [&str; 10] = [
    "page",
    "per_page",
    "include_totals",
    "sort",
    "fields",
    "include_fields",
    "q",
    "search_engine",
    "connection",
    "primary_order",
];

#[derive(Debug)]
pub struct ListParams {
    page: usize,
    per_page: usize,
    include_totals: bool,
    sort: Option<(String, bool)>,
    pub fields: Fields,
    query: Option<Query>,
}

/// `fields` / `include_fields`: which root attributes a response carries.
#[derive(Debug, Default)]
pub struct Fields {
    names: Vec<String>,
    include: bool,
}

impl Fields {
    pub fn parse(params: &[(String, String)]) -> Result<Self, Auth0Error> {
        let names = param(params, "fields")
            .map(|f| {
                f.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let include = match param(params, "include_fields") {
            None | Some("true") => true,
            Some("false") => false,
            Some(_) => return Err(type_error("include_fields", "boolean")),
        };
        Ok(Self { names, include })
    }

    /// Whether every attribute is kept, so a user can be sent as it is stored.
    pub fn keeps_all(&self) -> bool {
        self.names.is_empty()
    }

    pub fn project(&self, user: &UserObject) -> Value {
        if self.names.is_empty() {
            return Value::Object(user.clone());
        }
        let kept = user.iter().filter(|(k, _)| self.names.contains(k) == self.include);
        Value::Object(kept.map(|(k, v)| (k.clone(), v.clone())).collect())
    }
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

pub(super) fn type_error(name: &str, expected: &str) -> Auth0Error {
    Auth0Error::invalid_query(format!(
        "Query validation error: 'Expected type {expected} but found type string' on property {name}"
    ))
}

/// Refuses parameters the endpoint does not define, as Auth0 does.
pub fn reject_unknown(params: &[(String, String)], known: &[&str]) -> Result<(), Auth0Error> {
    match params.iter().find(|(k, _)| !known.contains(&k.as_str())) {
        Some((k, _)) => Err(Auth0Error::invalid_query(format!(
            "Query validation error: 'Additional properties not allowed: {k}'"
        ))),
        None => Ok(()),
    }
}

pub(super) fn integer(
    params: &[(String, String)],
    name: &str,
    default: i64,
    max: Option<i64>,
    what: &str,
) -> Result<usize, Auth0Error> {
    let Some(text) = param(params, name) else {
        return Ok(default as usize);
    };
    let value: i64 = text.parse().map_err(|_| type_error(name, "integer"))?;
    if value < 0 {
        return Err(Auth0Error::invalid_query(format!(
            "Query validation error: 'Value {value} is less than minimum 0' on property {name} ({what})"
        )));
    }
    if let Some(max) = max.filter(|m| value > *m) {
        return Err(Auth0Error::invalid_query(format!(
            "Query validation error: 'Value {value} is greater than maximum {max}' on property {name} ({what})"
        )));
    }
    Ok(value as usize)
}

impl ListParams {
    pub fn parse(params: &[(String, String)]) -> Result<Self, Auth0Error> {
        reject_unknown(params, &KNOWN)?;
        let per_page = integer(
            params,
            "per_page",
            50,
            Some(100),
            "Number of results per page. Defaults to 50",
        )?;
        let page = integer(
            params,
            "page",
            0,
            None,
            "Page index of the results to return. First page is 0",
        )?;
        let include_totals = match param(params, "include_totals") {
            None | Some("false") => false,
            Some("true") => true,
            Some(_) => return Err(type_error("include_totals", "boolean")),
        };
        // v3 is the default: real Auth0 answers `q` without `search_engine`
        // (https://auth0.com/docs/manage-users/user-search/user-search-query-syntax).
        let query = match (
            param(params, "q").filter(|q| !q.trim().is_empty()),
            param(params, "search_engine"),
        ) {
            // v1 and v2 are retired; Auth0 refuses both, with these words.
            (_, Some(engine)) if engine != "v3" => {
                return Err(Auth0Error::bad_request(
                    "operation_not_supported",
                    format!("You are not allowed to use search_engine={engine}."),
                ))
            }
            (None, _) => None,
            (Some(q), _) => {
                let query = lucene::parse(q).map_err(|e| Auth0Error::invalid_query(e.to_string()))?;
                if !lucene::unknown_fields(&query).is_empty() {
                    return Err(Auth0Error::invalid_query(lucene::UNKNOWN_FIELD.to_string()));
                }
                lucene::check_supported(&query).map_err(Auth0Error::invalid_query)?;
                Some(query)
            }
        };
        Ok(Self {
            page,
            per_page,
            include_totals,
            sort: parse_sort(params)?,
            fields: Fields::parse(params)?,
            query,
        })
    }

    /// The page of matching users, in the shape the parameters ask for (see `search`:
    /// generated users are made only as far as the query and sort read them).
    pub fn respond(&self, store: &Store) -> Result<Value, Auth0Error> {
        // A page number so large that it overflows is past the window too.
        // A page that straddles the window is refused like one past it.
        let start = match self.page.checked_mul(self.per_page) {
            Some(start) if self.per_page == 0 || start + self.per_page <= WINDOW => start,
            _ => {
                return Err(Auth0Error::bad_request(
                    "invalid_paging",
                    "You can only page through the first 1000 records. See https://auth0.com/docs/users/search/v3/view-search-results-by-page#limitation",
                ))
            }
        };
        let end = (start + self.per_page).min(WINDOW);
        let (page, total) = match (&self.query, &self.sort) {
            (None, None) => (store.all().skip(start).take(end - start).collect(), store.len()),
            (query, sort) => super::search::find(store, query.as_ref(), sort.as_ref(), start, end),
        };
        let page: Vec<Value> = page.iter().map(|u| self.fields.project(u)).collect();
        if !self.include_totals {
            return Ok(Value::Array(page));
        }
        Ok(json!({"start": start, "limit": self.per_page, "length": page.len(), "users": page, "total": total}))
    }
}

fn parse_sort(params: &[(String, String)]) -> Result<Option<(String, bool)>, Auth0Error> {
    let Some(sort) = param(params, "sort") else {
        return Ok(None);
    };
    let invalid = || {
        Auth0Error::invalid_query(format!(
            "Query validation error: 'String does not match pattern ^(([a-zA-Z0-9_\\.]+))\\:(1|-1)$: {sort}' on property sort"
        ))
    };
    let (field, order) = sort.rsplit_once(':').ok_or_else(invalid)?;
    let ascending = match order {
        "1" => true,
        "-1" => false,
        _ => return Err(invalid()),
    };
    if field.is_empty() {
        return Err(invalid());
    }
    if field.starts_with("user_metadata") || field.starts_with("app_metadata") {
        return Err(Auth0Error::invalid_query(
            "Sorting by metadata fields is not supported.",
        ));
    }
    // A field Auth0 does not index sorts as its default order: newest first.
    if !lucene::searchable(field) {
        return Ok(Some(("created_at".to_string(), false)));
    }
    Ok(Some((field.to_string(), ascending)))
}

/// For `GET /users/{id}` and `users-by-email`, which take only field selection.
pub fn fields_only(params: &[(String, String)], extra: &[&str]) -> Result<Fields, Auth0Error> {
    let mut known = vec!["fields", "include_fields"];
    known.extend_from_slice(extra);
    reject_unknown(params, &known)?;
    Fields::parse(params)
}

pub fn find_param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    param(params, name)
}
