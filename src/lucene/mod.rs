//! Auth0's user search syntax (Lucene, search engine v3): parsing, what Auth0 does and
//! does not support, and matching a user. The emulator answers `q` with it, the TUI
//! checks a query with it before sending (so a query that works in the demo works on a
//! real tenant), and a user export is filtered with it locally.

mod clauses;
mod matching;
mod parse;
mod query;
mod supported;

pub use parse::parse;
pub use query::{Bound, Matcher, Query, QueryError, MAX_DEPTH};
pub use supported::{check_supported, searchable, unknown_fields, UNKNOWN_FIELD};

/// `text` as a Lucene phrase: quoted, with `"` and `\` escaped.
pub fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}
