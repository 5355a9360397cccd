//! A parsed subset of Auth0's Lucene query syntax (user search v3): `field:value`,
//! `field:"phrase"`, `field:pre*`, `field:(a OR b)`, parentheses, `_exists_:field`,
//! ranges `[a TO b]` / `{a TO b}` with `*`, and root metadata keys.
//!
//! Operators follow Lucene's classic query parser with OR as the default operator
//! (https://lucene.apache.org/core/9_0_0/queryparser/org/apache/lucene/queryparser/classic/package-summary.html,
//! which Auth0's query syntax page points to): each clause of a group is required (`+x`,
//! or joined by `AND` / `&&`), prohibited (`-x`, `!x`, `NOT x`) or optional (side by side,
//! or joined by `OR` / `||`). `AND` makes the clause before it required too, so
//! `a OR b AND c` means `a` optional, `b` and `c` required. A user matches a group when
//! it matches every required clause (or, with none, at least one optional clause) and no
//! prohibited one. A group of prohibited clauses alone matches every user but those, as
//! Auth0 answers `NOT _exists_:x` (the classic parser alone would match nobody).
//!
//! Every recursion here is bounded: the clauses of a group are a flat list (so 15,000
//! terms make one list, not a tree 15,000 deep), and parentheses nest at most
//! `MAX_DEPTH` levels. A hostile query gets a 400, never a stack overflow.

mod values;

use super::clauses::{add_clause, combine, Conjunction, Occur};
use super::query::{Matcher, Query, QueryError, MAX_DEPTH};
use values::word_matcher;

pub fn parse(text: &str) -> Result<Query, QueryError> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        pos: 0,
        depth: 0,
        field: None,
    };
    let query = parser.group()?;
    parser.skip_ws();
    if parser.pos < parser.chars.len() {
        return Err(parser.error(&format!("unexpected '{}'", parser.chars[parser.pos])));
    }
    Ok(query)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    /// Parentheses open around the current position.
    depth: usize,
    /// The field a `field:( … )` group gives its bare terms.
    field: Option<String>,
}

impl Parser {
    fn error(&self, reason: &str) -> QueryError {
        QueryError {
            position: self.pos + 1,
            reason: reason.to_string(),
        }
    }

    fn skip_ws(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn starts_with(&self, text: &str) -> bool {
        let end = self.pos + text.chars().count();
        self.chars.len() >= end && self.chars[self.pos..end].iter().copied().eq(text.chars())
    }

    /// Consumes `word` if it stands next as a whole word.
    fn keyword(&mut self, word: &str) -> bool {
        self.skip_ws();
        let end = self.pos + word.len();
        let matches = self.starts_with(word)
            && self
                .chars
                .get(end)
                .is_none_or(|c| c.is_whitespace() || matches!(*c, '(' | '"'));
        if matches {
            self.pos = end;
        }
        matches
    }

    /// Consumes `&&` or `||` if next.
    fn symbol(&mut self, symbol: &str) -> bool {
        self.skip_ws();
        let found = self.starts_with(symbol);
        if found {
            self.pos += symbol.len();
        }
        found
    }

    fn at_end_of_group(&mut self) -> bool {
        self.skip_ws();
        matches!(self.peek(), None | Some(')'))
    }

    /// A group's clauses, up to its `)` or the end.
    fn group(&mut self) -> Result<Query, QueryError> {
        let mut clauses: Vec<(Occur, Query)> = Vec::new();
        while !self.at_end_of_group() {
            let conjunction = match clauses.is_empty() {
                true => Conjunction::None,
                false => self.conjunction(),
            };
            let modifier = self.modifier();
            if self.at_end_of_group() {
                return Err(self.error("expected a search term, found the end"));
            }
            let clause = self.clause()?;
            add_clause(&mut clauses, conjunction, modifier, clause);
        }
        if clauses.is_empty() {
            return Err(self.error(match self.peek() {
                None => "expected a search term, found the end",
                Some(_) => "expected a search term",
            }));
        }
        Ok(combine(clauses))
    }

    fn conjunction(&mut self) -> Conjunction {
        if self.keyword("AND") || self.symbol("&&") {
            Conjunction::And
        } else if self.keyword("OR") || self.symbol("||") {
            Conjunction::Or
        } else {
            Conjunction::None
        }
    }

    /// `+` (required), `-`, `!` or `NOT` (prohibited), or none.
    fn modifier(&mut self) -> Option<Occur> {
        self.skip_ws();
        match self.peek() {
            Some('+') => {
                self.pos += 1;
                Some(Occur::Must)
            }
            Some('-' | '!') => {
                self.pos += 1;
                Some(Occur::MustNot)
            }
            _ if self.keyword("NOT") => Some(Occur::MustNot),
            _ => None,
        }
    }

    /// One level deeper, refused past `MAX_DEPTH`.
    fn nested(&mut self, inner: impl FnOnce(&mut Self) -> Result<Query, QueryError>) -> Result<Query, QueryError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(&format!(
                "parentheses nest more than {MAX_DEPTH} levels deep; simplify the query"
            )));
        }
        self.depth += 1;
        let result = inner(self);
        self.depth -= 1;
        result
    }

    /// A parenthesised group or a term.
    fn clause(&mut self) -> Result<Query, QueryError> {
        self.skip_ws();
        if self.peek() == Some('(') {
            return self.parenthesised();
        }
        self.term()
    }

    fn parenthesised(&mut self) -> Result<Query, QueryError> {
        self.pos += 1;
        self.nested(|p| {
            let inner = p.group()?;
            if p.peek() != Some(')') {
                return Err(p.error("expected ')'"));
            }
            p.pos += 1;
            Ok(inner)
        })
    }

    fn term(&mut self) -> Result<Query, QueryError> {
        if self.peek() == Some('"') {
            return Ok(Query::Term {
                field: self.field.clone(),
                matcher: Matcher::Exact(self.phrase()?),
            });
        }
        if let Some(c @ ('+' | '-' | '!')) = self.peek() {
            return Err(self.error(&format!("expected a search term, found a second modifier '{c}'")));
        }
        let start = self.pos;
        let word = self.word(true);
        if word.is_empty() {
            return Err(self.error(match self.peek() {
                None => "expected a search term, found the end",
                Some(_) => "expected a search term",
            }));
        }
        if matches!(word.as_str(), "AND" | "OR" | "NOT") && self.peek() != Some(':') {
            self.pos = start;
            return Err(self.error(&format!("expected a search term, found the operator {word}")));
        }
        if self.peek() != Some(':') {
            return Ok(Query::Term {
                field: self.field.clone(),
                matcher: word_matcher(word),
            });
        }
        self.pos += 1;
        if self.peek() == Some('(') && word != "_exists_" {
            // `field:(a OR b)`: the group's bare terms are on `field`.
            let outer = self.field.replace(word);
            let group = self.parenthesised();
            self.field = outer;
            return group;
        }
        if word == "_exists_" {
            let field = self.word(false);
            if field.is_empty() {
                return Err(self.error("expected a field name after _exists_:"));
            }
            return Ok(Query::Exists(field));
        }
        let matcher = self.value()?;
        Ok(Query::Term {
            field: Some(word),
            matcher,
        })
    }
}
