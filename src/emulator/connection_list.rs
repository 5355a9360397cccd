//! `GET /api/v2/connections` as recorded traffic shows it: filtered by `name` and
//! `strategy`, paged by `page`/`per_page` (with `include_totals`, the envelope
//! `{total, start, limit, connections}`) or by checkpoint (`take`, then `from` the
//! `next` it answered), fields chosen by `fields`/`include_fields`.

use serde_json::{json, Value};

use super::connections::Connection;
use super::listing::{integer, reject_unknown, type_error, Fields};
use super::reply::Auth0Error;

const KNOWN: [&str; 9] = [
    "per_page",
    "page",
    "include_totals",
    "from",
    "take",
    "strategy",
    "name",
    "fields",
    "include_fields",
];

pub fn answer(connections: &[Connection], params: &[(String, String)]) -> Result<Value, Auth0Error> {
    reject_unknown(params, &KNOWN)?;
    let fields = Fields::parse(params)?;
    let name = params.iter().rev().find(|(k, _)| k == "name").map(|(_, v)| v.as_str());
    let strategies: Vec<&str> = params
        .iter()
        .filter(|(k, _)| k == "strategy")
        .flat_map(|(_, v)| v.split(','))
        .collect();
    let found: Vec<&Connection> = connections
        .iter()
        .filter(|c| name.is_none_or(|n| c.name == n))
        .filter(|c| strategies.is_empty() || strategies.contains(&c.strategy.as_str()))
        .collect();
    let shown = |page: &[&Connection]| -> Vec<Value> {
        page.iter()
            .map(|c| match c.to_json() {
                Value::Object(map) => fields.project(&map),
                other => other,
            })
            .collect()
    };
    let checkpoint = params.iter().any(|(k, _)| k == "from" || k == "take");
    if checkpoint {
        let take = integer(
            params,
            "take",
            50,
            Some(100),
            "Number of results per page. Defaults to 50.",
        )?;
        let from = params.iter().rev().find(|(k, _)| k == "from").map(|(_, v)| v.as_str());
        let start = match from {
            None => 0,
            Some(id) => found
                .iter()
                .position(|c| c.id == id)
                .ok_or_else(|| Auth0Error::invalid_query("Query validation error: 'invalid from' on property from"))?,
        };
        let end = (start + take).min(found.len());
        let mut out = json!({"connections": shown(&found[start..end])});
        if let Some(next) = found.get(end) {
            out["next"] = json!(next.id);
        }
        return Ok(out);
    }
    let per_page = integer(
        params,
        "per_page",
        50,
        Some(100),
        "The amount of entries per page. Defaults to 50.",
    )?;
    let page = integer(params, "page", 0, None, "The page number. Zero based.")?;
    let include_totals = match params
        .iter()
        .rev()
        .find(|(k, _)| k == "include_totals")
        .map(|(_, v)| v.as_str())
    {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(type_error("include_totals", "boolean")),
    };
    let asked = page.saturating_mul(per_page);
    let start = asked.min(found.len());
    let end = start.saturating_add(per_page).min(found.len());
    let connections = shown(&found[start..end]);
    Ok(match include_totals {
        true => json!({"total": found.len(), "start": asked, "limit": per_page, "connections": connections}),
        false => Value::Array(connections),
    })
}
