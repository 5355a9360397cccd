//! Finding text anywhere in a tree, collapsed parts included: smart case (a query
//! without capitals ignores case), over keys, values or both, and opening the way to a
//! match.

use super::Tree;
use crate::domain::kind::ValueKind;
use crate::domain::raw;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchScope {
    Both,
    Keys,
    Values,
}

/// What to look for, parsed from what was typed: `key:…` or `value:…` narrows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle {
    text: String,
    ignore_case: bool,
    pub scope: SearchScope,
}

impl Needle {
    pub fn parse(query: &str) -> Option<Self> {
        let (scope, text) = match (query.strip_prefix("key:"), query.strip_prefix("value:")) {
            (Some(rest), _) => (SearchScope::Keys, rest),
            (_, Some(rest)) => (SearchScope::Values, rest),
            _ => (SearchScope::Both, query),
        };
        if text.is_empty() {
            return None;
        }
        let ignore_case = !text.chars().any(char::is_uppercase);
        Some(Self {
            text: if ignore_case {
                text.to_lowercase()
            } else {
                text.to_string()
            },
            ignore_case,
            scope,
        })
    }

    pub fn matches(&self, haystack: &str) -> bool {
        match (self.ignore_case, haystack.is_ascii() && self.text.is_ascii()) {
            (false, _) => haystack.contains(&self.text),
            (true, true) => contains_ignoring_ascii_case(haystack.as_bytes(), self.text.as_bytes()),
            (true, false) => haystack.to_lowercase().contains(&self.text),
        }
    }
}

/// `needle` is lower case already.
fn contains_ignoring_ascii_case(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let upper = first.to_ascii_uppercase();
    let last_start = haystack.len().saturating_sub(needle.len());
    if haystack.len() < needle.len() {
        return false;
    }
    (0..=last_start).any(|i| {
        let b = haystack[i];
        (b == first || b == upper) && haystack[i + 1..i + needle.len()].eq_ignore_ascii_case(rest)
    })
}

impl Tree {
    /// The ids of the nodes whose key or scalar value holds the needle, in document order.
    /// One pass over the nodes, reading keys and scalars from the text.
    pub fn find(&self, needle: &Needle) -> Vec<u32> {
        let mut found = Vec::new();
        for (index, (name, root)) in self.doc.entries().enumerate() {
            let text = root.text();
            let first = self.root_ids[index] as usize;
            for id in first..first + self.size[first] as usize {
                let key_hit = needle.scope != SearchScope::Values
                    && if id == first {
                        needle.matches(name)
                    } else {
                        raw::key_before(text, self.start[id] as usize)
                            .is_some_and(|k| needle.matches(&raw::string(text, k)))
                    };
                let value_hit = needle.scope != SearchScope::Keys && {
                    let at = self.start[id] as usize;
                    !matches!(raw::kind(text, at), ValueKind::Object | ValueKind::Array)
                        && needle.matches(&raw::scalar(text, at))
                };
                if key_hit || value_hit {
                    found.push(id as u32);
                }
            }
        }
        found
    }

    /// Opens every ancestor of node `target`; returns the row it is shown at.
    pub fn reveal(&mut self, target: u32) -> usize {
        let target = (target as usize).min(self.size.len().saturating_sub(1));
        let mut chain = Vec::new();
        let mut id = 0;
        while id != target {
            chain.push(id);
            match self
                .child_ids(id)
                .find(|&c| c <= target && target < c + self.size[c] as usize)
            {
                Some(child) => id = child,
                None => break,
            }
        }
        for &ancestor in &chain {
            self.expanded[ancestor] = true;
        }
        for &ancestor in chain.iter().rev() {
            self.visible[ancestor] = self.shown_rows(ancestor);
        }
        chain.push(id);
        chain
            .windows(2)
            .map(|step| {
                let before: usize = self
                    .child_ids(step[0])
                    .take_while(|&c| c != step[1])
                    .map(|c| self.visible[c] as usize)
                    .sum();
                1 + before
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tree() -> Tree {
        Tree::new(
            json!({"Hobby": "surfing", "addresses": {"home": {"city": "Lisbon"}}, "n": 1000, "tags": ["a", "Lisbon"]})
                .try_into()
                .unwrap(),
        )
    }

    #[test]
    fn smart_case_over_keys_and_values_including_collapsed_parts() {
        let tree = tree();
        let find = |q: &str| tree.find(&Needle::parse(q).unwrap());
        assert_eq!(find("lisbon"), vec![4, 8], "inside collapsed objects and arrays");
        assert_eq!(find("Lisbon"), vec![4, 8]);
        assert_eq!(find("LISBON"), Vec::<u32>::new(), "a capital makes it case-sensitive");
        assert_eq!(find("hobby"), vec![1]);
        assert_eq!(find("key:home"), vec![3]);
        assert_eq!(find("value:home"), Vec::<u32>::new());
        assert_eq!(find("100"), vec![5], "numbers as written");
        assert_eq!(Needle::parse("key:"), None);
    }

    #[test]
    fn revealing_opens_the_way_and_gives_the_row() {
        let mut tree = tree();
        assert_eq!(tree.row_count(), 5);
        let row = tree.reveal(4);
        assert_eq!(row, 4, "root, Hobby, addresses, home, city");
        assert_eq!(tree.locate(row).unwrap().id, 4);
        let row = tree.reveal(8);
        assert_eq!((row, tree.locate(row).unwrap().id), (8, 8));
        assert_eq!(tree.reveal(0), 0);
    }
}
