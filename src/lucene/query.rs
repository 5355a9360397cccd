//! A parsed Lucene query, as `search::parse` returns it and `matching` evaluates it.

/// How deep parentheses and `NOT` may nest.
pub const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    /// Every one matches (`AND`).
    All(Vec<Query>),
    /// Any one matches (`OR`, or terms side by side).
    Any(Vec<Query>),
    Not(Box<Query>),
    Exists(String),
    Term {
        field: Option<String>,
        matcher: Matcher,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Matcher {
    Exact(String),
    Glob(String),
    Range { low: Bound, high: Bound },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Bound {
    Open,
    Inclusive(String),
    Exclusive(String),
}

/// Where and why a query could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Query validation error: {reason} at position {position} of the query")]
pub struct QueryError {
    pub position: usize,
    pub reason: String,
}
