//! A parsed subset of Auth0's Lucene query syntax (user search v3): `field:value`,
//! `field:"phrase"`, `field:pre*`, `AND`/`OR`/`NOT`, parentheses, `_exists_:field`,
//! ranges `[a TO b]` / `{a TO b}` with `*`, and root metadata keys.
//!
//! Terms side by side without an operator are OR-ed, as Lucene's default operator does.
//!
//! Every recursion here is bounded: chains of `AND`/`OR` are flat lists (so 15,000 terms
//! make one list, not a tree 15,000 deep), and parentheses and `NOT` may nest at most
//! `MAX_DEPTH` levels. A hostile query gets a 400, never a stack overflow.

use super::query::{Bound, Matcher, Query, QueryError, MAX_DEPTH};

pub fn parse(text: &str) -> Result<Query, QueryError> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        pos: 0,
        depth: 0,
    };
    let query = parser.or()?;
    parser.skip_ws();
    if parser.pos < parser.chars.len() {
        return Err(parser.error(&format!("unexpected '{}'", parser.chars[parser.pos])));
    }
    Ok(query)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    /// Parentheses and `NOT`s open around the current position.
    depth: usize,
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

    /// Consumes `word` if it stands next as a whole word.
    fn keyword(&mut self, word: &str) -> bool {
        self.skip_ws();
        let end = self.pos + word.len();
        let matches = self.chars.len() >= end
            && self.chars[self.pos..end].iter().copied().eq(word.chars())
            && self.chars.get(end).is_none_or(|c| c.is_whitespace() || *c == '(');
        if matches {
            self.pos = end;
        }
        matches
    }

    fn at_end_of_group(&mut self) -> bool {
        self.skip_ws();
        matches!(self.peek(), None | Some(')'))
    }

    fn or(&mut self) -> Result<Query, QueryError> {
        let mut any = vec![self.and()?];
        while !self.at_end_of_group() {
            self.keyword("OR");
            any.push(self.and()?);
        }
        Ok(one_or(any, Query::Any))
    }

    fn and(&mut self) -> Result<Query, QueryError> {
        let mut all = vec![self.unary()?];
        while self.keyword("AND") {
            all.push(self.unary()?);
        }
        Ok(one_or(all, Query::All))
    }

    /// One level deeper, refused past `MAX_DEPTH`.
    fn nested(&mut self, inner: impl FnOnce(&mut Self) -> Result<Query, QueryError>) -> Result<Query, QueryError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(&format!(
                "parentheses and NOT nest more than {MAX_DEPTH} levels deep; simplify the query"
            )));
        }
        self.depth += 1;
        let result = inner(self);
        self.depth -= 1;
        result
    }

    fn unary(&mut self) -> Result<Query, QueryError> {
        self.skip_ws();
        if self.keyword("NOT") {
            return self.nested(|p| Ok(Query::Not(Box::new(p.unary()?))));
        }
        if self.peek() == Some('-') {
            self.pos += 1;
            return self.nested(|p| Ok(Query::Not(Box::new(p.unary()?))));
        }
        if self.peek() == Some('(') {
            self.pos += 1;
            return self.nested(|p| {
                let inner = p.or()?;
                if p.peek() != Some(')') {
                    return Err(p.error("expected ')'"));
                }
                p.pos += 1;
                Ok(inner)
            });
        }
        self.term()
    }

    fn term(&mut self) -> Result<Query, QueryError> {
        if self.peek() == Some('"') {
            return Ok(Query::Term {
                field: None,
                matcher: Matcher::Exact(self.phrase()?),
            });
        }
        let word = self.word(true);
        if word.is_empty() {
            return Err(self.error(match self.peek() {
                None => "expected a search term, found the end",
                Some(_) => "expected a search term",
            }));
        }
        if self.peek() != Some(':') {
            return Ok(Query::Term {
                field: None,
                matcher: word_matcher(word),
            });
        }
        self.pos += 1;
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

    fn value(&mut self) -> Result<Matcher, QueryError> {
        match self.peek() {
            Some('"') => Ok(Matcher::Exact(self.phrase()?)),
            Some(open @ ('[' | '{')) => self.range(open == '['),
            _ => {
                let word = self.word(false);
                if word.is_empty() {
                    return Err(self.error("expected a value after ':'"));
                }
                Ok(word_matcher(word))
            }
        }
    }

    /// A bare word; `stop_at_colon` while it may still turn out to be a field name.
    fn word(&mut self, stop_at_colon: bool) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if c.is_whitespace() || matches!(c, '(' | ')' | '"') || (stop_at_colon && c == ':') {
                break;
            }
            if c == '\\' && self.pos + 1 < self.chars.len() {
                self.pos += 1;
                out.push(self.chars[self.pos]);
            } else {
                out.push(c);
            }
            self.pos += 1;
        }
        out
    }

    fn phrase(&mut self) -> Result<String, QueryError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                '"' => return Ok(out),
                '\\' if self.pos < self.chars.len() => {
                    out.push(self.chars[self.pos]);
                    self.pos += 1;
                }
                _ => out.push(c),
            }
        }
        self.pos = start;
        Err(self.error("unterminated phrase"))
    }

    fn range(&mut self, inclusive_low: bool) -> Result<Matcher, QueryError> {
        self.pos += 1;
        self.skip_ws();
        let low = self.range_word();
        if !self.keyword("TO") {
            return Err(self.error("expected 'TO' in range"));
        }
        self.skip_ws();
        let high = self.range_word();
        self.skip_ws();
        let inclusive_high = match self.peek() {
            Some(']') => true,
            Some('}') => false,
            _ => return Err(self.error("expected ']' or '}' to close the range")),
        };
        self.pos += 1;
        if low.is_empty() || high.is_empty() {
            return Err(self.error("a range needs two bounds (use * for an open end)"));
        }
        Ok(Matcher::Range {
            low: bound(low, inclusive_low),
            high: bound(high, inclusive_high),
        })
    }

    fn range_word(&mut self) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek().filter(|c| !c.is_whitespace() && !matches!(c, ']' | '}')) {
            out.push(c);
            self.pos += 1;
        }
        out.trim_matches('"').to_string()
    }
}

/// A list of one is just that one.
fn one_or(mut list: Vec<Query>, many: fn(Vec<Query>) -> Query) -> Query {
    match list.pop() {
        Some(only) if list.is_empty() => only,
        Some(last) => {
            list.push(last);
            many(list)
        }
        None => many(list),
    }
}

fn word_matcher(word: String) -> Matcher {
    if word.contains('*') {
        Matcher::Glob(word)
    } else {
        Matcher::Exact(word)
    }
}

fn bound(text: String, inclusive: bool) -> Bound {
    match (text.as_str(), inclusive) {
        ("*", _) => Bound::Open,
        (_, true) => Bound::Inclusive(text),
        (_, false) => Bound::Exclusive(text),
    }
}
