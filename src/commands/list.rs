//! `auth0-meta users list`: one page or every page up to the search window, as a table,
//! JSON, NDJSON or CSV, with the columns asked for.

use std::io::IsTerminal;

use serde_json::Value;

use super::{Failure, Outcome};
use crate::api::{Client, ListQuery};
use crate::cli::{ListArgs, ListFormat};
use crate::domain::User;
use crate::export_file::{csv_line, field_at};
use crate::text::{cut, pad, width};

/// Search reaches the first 1000 results; past them, the export job.
const WINDOW: u64 = 1000;
const DEFAULT_CSV: [&str; 4] = ["user_id", "email", "name", "created_at"];
/// A table cell longer than this ends with `…`.
const CELL: usize = 48;

pub async fn run(client: &Client, args: ListArgs) -> Outcome {
    let format = if args.json { ListFormat::Json } else { args.format };
    let mut query = ListQuery {
        q: args.query.clone(),
        page: args.page,
        per_page: if args.all { 100 } else { args.per_page },
        sort: args.sort.clone(),
        fields: Vec::new(),
    };
    let first = client.list_users(&query).await?;
    let (start, total) = (first.start, first.total);
    let mut users = first.users;
    while args.all && (users.len() as u64) < total.min(WINDOW) {
        query.page += 1;
        let page = client.list_users(&query).await?;
        if page.users.is_empty() {
            break;
        }
        users.extend(page.users);
    }
    match format {
        ListFormat::Json => {
            let text = serde_json::to_string_pretty(&users).map_err(|e| Failure::error(e.to_string()))?;
            say!("{text}");
        }
        ListFormat::Ndjson => {
            for user in &users {
                say!("{}", serde_json::to_string(user).unwrap_or_default());
            }
        }
        ListFormat::Csv => {
            let columns = columns_or(&args.columns, &DEFAULT_CSV);
            say!("{}", columns.join(","));
            for user in &users {
                say!("{}", csv_line(&user.0, &columns));
            }
        }
        ListFormat::Table => table(&users, &args.columns),
    }
    let summary = summary(start, users.len() as u64, total);
    // The summary is part of a table; other formats keep stdout for data alone.
    if format == ListFormat::Table {
        tell!("{summary}");
    } else if std::io::stderr().is_terminal() {
        note!("{summary}");
    }
    if args.all && total > WINDOW {
        note!(
            "note: Auth0 search stops at {WINDOW} results; `auth0-meta users export` reaches all {total} (add --filter with the same query)"
        );
    }
    Ok(())
}

fn columns_or(asked: &[String], default: &[&str]) -> Vec<String> {
    if asked.is_empty() {
        default.iter().map(|c| c.to_string()).collect()
    } else {
        asked.to_vec()
    }
}

/// "1-50 of 140 users", "3 of 3 users", "1 of 1 user", "no users".
pub fn summary(start: u64, shown: u64, total: u64) -> String {
    let noun = if total == 1 { "user" } else { "users" };
    match shown {
        0 if total == 0 => "no users".into(),
        0 => format!("none of {total} {noun} on this page"),
        _ if start == 0 && shown == total => format!("{shown} of {total} {noun}"),
        1 => format!("{} of {total} {noun}", start + 1),
        _ => format!("{}-{} of {total} {noun}", start + 1, start + shown),
    }
}

fn table(users: &[User], asked: &[String]) {
    let rows: Vec<Vec<String>> = if asked.is_empty() {
        users
            .iter()
            .map(|u| {
                vec![
                    u.id().to_string(),
                    u.identifier().to_string(),
                    u.connections().join(","),
                ]
            })
            .collect()
    } else {
        users
            .iter()
            .map(|u| asked.iter().map(|c| cell(field_at(&u.0, c))).collect())
            .collect()
    };
    let header: Vec<String> = if asked.is_empty() {
        vec!["user_id".into(), "email / name".into(), "connections".into()]
    } else {
        asked.to_vec()
    };
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| width(&r[i]))
                .chain([width(&header[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in [header].iter().chain(&rows) {
        let cells: Vec<String> = row.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
        tell!("{}", cells.join("  ").trim_end());
    }
}

/// A value as one table cell: strings bare, anything else as compact JSON, long ones cut.
fn cell(value: Option<&Value>) -> String {
    let text = match value {
        None | Some(Value::Null) => "-".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    cut(&text.replace(['\n', '\r', '\t'], " "), CELL)
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn the_summary_reads_right() {
        assert_eq!(summary(0, 50, 140), "1-50 of 140 users");
        assert_eq!(summary(100, 40, 140), "101-140 of 140 users");
        assert_eq!(summary(0, 1, 1), "1 of 1 user");
        assert_eq!(summary(0, 3, 3), "3 of 3 users");
        assert_eq!(summary(0, 0, 0), "no users");
        assert_eq!(summary(150, 0, 140), "none of 140 users on this page");
        assert_eq!(summary(49, 1, 50), "50 of 50 users");
    }
}
