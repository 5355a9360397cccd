//! `GET /users` over every user, stored and generated: which match a query, how many,
//! and the page of them in the asked order. Generated users are made only as far as the
//! query and the sort read them (their root attributes), on every core, and only the
//! best `end` are kept while scanning: a million generated users answer in well under a
//! second in bounded memory. The page's users are then made whole.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::Value;

use super::store::{Store, UserObject};
use super::synthetic;
use crate::lucene::Query;

/// Fields whose sort (and ranges) ignore case: Auth0 normalises them.
const NORMALISED: [&str; 5] = ["email", "name", "given_name", "family_name", "nickname"];

/// A user found: stored (its place among them), or generated (its number).
/// Ordered as the users are scanned, which breaks ties: the sort is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Found {
    Stored(usize),
    Generated(u64),
}

/// What a user sorts by: missing values last either way; numbers numerically, anything
/// else as text.
#[derive(Debug, Clone, PartialEq)]
enum Key {
    Missing,
    Number(f64, String),
    Text(String),
}

/// `(field, ascending)`.
pub type Sort = (String, bool);

/// Matches `start..end` of the (sorted) result, and how many match in all.
pub fn find<'a>(
    store: &'a Store,
    query: Option<&Query>,
    sort: Option<&Sort>,
    start: usize,
    end: usize,
) -> (Vec<Cow<'a, UserObject>>, usize) {
    let mut roots: Vec<String> = query.map(Query::fields).unwrap_or_default();
    roots.extend(sort.map(|(field, _)| field.clone()));
    let mut roots: Vec<&str> = roots.iter().map(|f| f.split('.').next().unwrap_or(f)).collect();
    roots.dedup();
    let scan = Scan { query, sort, end };
    let stored: Vec<&UserObject> = store.stored().collect();
    let mut result = scan.run(
        stored
            .iter()
            .enumerate()
            .map(|(i, u)| (Found::Stored(i), super::indexed::as_searched(u))),
    );
    let synthetic = store.synthetic();
    let count = synthetic.count();
    let threads = std::thread::available_parallelism().map_or(2, usize::from) as u64;
    let chunk = count.div_ceil(threads).max(1);
    let parts: Vec<Part> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let (scan, roots) = (&scan, &roots);
                scope.spawn(move || {
                    let numbers = synthetic.numbers_in(t * chunk..(t + 1) * chunk);
                    scan.run(numbers.map(|n| (Found::Generated(n), Cow::Owned(synthetic::partial(n, roots)))))
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or_default()).collect()
    });
    for part in parts {
        result.absorb(part, &scan);
    }
    let page = result.finish(&scan, start);
    let users = page
        .into_iter()
        .filter_map(|found| match found {
            Found::Stored(i) => stored.get(i).map(|u| super::indexed::as_searched(u)),
            Found::Generated(n) => Some(Cow::Owned(synthetic::object(n))),
        })
        .collect();
    (users, result.total)
}

struct Scan<'q> {
    query: Option<&'q Query>,
    sort: Option<&'q Sort>,
    end: usize,
}

/// What one thread found: the count, and the best (or first) `end` in scan order.
#[derive(Default)]
struct Part {
    total: usize,
    kept: Vec<(Key, Found)>,
}

impl Scan<'_> {
    fn run<'u>(&self, users: impl Iterator<Item = (Found, Cow<'u, UserObject>)>) -> Part {
        let mut part = Part::default();
        for (found, user) in users {
            if !self.query.is_none_or(|q| q.matches(&user)) {
                continue;
            }
            part.total += 1;
            match self.sort {
                Some((field, _)) => {
                    part.kept.push((key(&user, field), found));
                    if part.kept.len() >= 2 * self.end + 64 {
                        self.trim(&mut part.kept);
                    }
                }
                None if part.kept.len() < self.end => part.kept.push((Key::Missing, found)),
                None => {}
            }
        }
        part
    }

    /// Keeps the best `end` (in any order; `finish` sorts them).
    fn trim(&self, kept: &mut Vec<(Key, Found)>) {
        if kept.len() <= self.end {
            return;
        }
        if let Some((_, ascending)) = self.sort {
            kept.select_nth_unstable_by(self.end, |a, b| order(a, b, *ascending));
        }
        kept.truncate(self.end);
    }
}

impl Part {
    /// Another thread's part, of users after this one's.
    fn absorb(&mut self, other: Part, scan: &Scan) {
        self.total += other.total;
        self.kept.extend(other.kept);
        scan.trim(&mut self.kept);
    }

    fn finish(&mut self, scan: &Scan, start: usize) -> Vec<Found> {
        scan.trim(&mut self.kept);
        if let Some((_, ascending)) = scan.sort {
            self.kept.sort_unstable_by(|a, b| order(a, b, *ascending));
        }
        self.kept.drain(..).skip(start).map(|(_, found)| found).collect()
    }
}

/// By key, then in scan order.
fn order(a: &(Key, Found), b: &(Key, Found), ascending: bool) -> Ordering {
    compare(&a.0, &b.0, ascending).then(a.1.cmp(&b.1))
}

fn key(user: &UserObject, field: &str) -> Key {
    let mut node = None;
    for (i, segment) in field.split('.').enumerate() {
        node = match i {
            0 => user.get(segment),
            _ => node.and_then(|n: &Value| n.get(segment)),
        };
    }
    match node {
        None | Some(Value::Null) => Key::Missing,
        Some(Value::Number(n)) => Key::Number(n.as_f64().unwrap_or(0.0), n.to_string()),
        Some(Value::String(s)) if NORMALISED.contains(&field) => Key::Text(s.to_lowercase()),
        Some(Value::String(s)) => Key::Text(s.clone()),
        Some(other) => Key::Text(other.to_string()),
    }
}

fn compare(a: &Key, b: &Key, ascending: bool) -> Ordering {
    let text = |k: &Key| match k {
        Key::Number(_, t) | Key::Text(t) => t.clone(),
        Key::Missing => String::new(),
    };
    let order = match (a, b) {
        (Key::Missing, Key::Missing) => return Ordering::Equal,
        (Key::Missing, _) => return Ordering::Greater,
        (_, Key::Missing) => return Ordering::Less,
        (Key::Number(x, _), Key::Number(y, _)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (Key::Text(x), Key::Text(y)) => x.cmp(y),
        _ => text(a).cmp(&text(b)),
    };
    match ascending {
        true => order,
        false => order.reverse(),
    }
}
