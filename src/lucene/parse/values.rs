//! The values a term takes: a bare word (a `*` makes it a pattern), a quoted phrase, a
//! range `[a TO b]` / `{a TO b}` with `*` for an open end.

use super::super::query::{Bound, Matcher, QueryError};
use super::Parser;

impl Parser {
    pub(super) fn value(&mut self) -> Result<Matcher, QueryError> {
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
    pub(super) fn word(&mut self, stop_at_colon: bool) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if c.is_whitespace()
                || matches!(c, '(' | ')' | '"')
                || (stop_at_colon && c == ':')
                || self.starts_with("&&")
                || self.starts_with("||")
            {
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

    pub(super) fn phrase(&mut self) -> Result<String, QueryError> {
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

pub(super) fn word_matcher(word: String) -> Matcher {
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
