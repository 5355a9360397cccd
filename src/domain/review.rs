//! The review view of pending edits: the edited document with deleted nodes kept in
//! place, and a mark per node (pre-order, as `Tree` numbers them) saying what changed.

use serde_json::{Map, Value};

use super::diff::{diff_arrays, Diff, ItemDiff, Object};
use super::metadata::{same, Metadata};
use super::tree::Tree;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Same,
    Added,
    Changed,
    Deleted,
    /// Unchanged itself, with changes below.
    Inside,
}

/// The document to show for `original` edited into `draft`, and its marks.
pub struct Review {
    /// Root keys no edit touched are shared with the draft, not copied.
    pub shown: Metadata,
    root: Mark,
    /// Per root key shown, in order: one mark for all its nodes, or one per node.
    keys: Vec<KeyMarks>,
}

enum KeyMarks {
    /// Unchanged, added or deleted whole: its nodes are counted, never walked (nor parsed).
    All(Mark),
    Each(Vec<Mark>),
}

impl Review {
    /// One mark per node of `tree` (which shows `shown`), in its pre-order. An unchanged
    /// key's nodes are marked by their count alone, never walked.
    pub fn marks(&self, tree: &Tree) -> Vec<Mark> {
        let mut marks = Vec::with_capacity(tree.node_count());
        marks.push(self.root);
        for (key_marks, child) in self.keys.iter().zip(tree.child_ids(0)) {
            match key_marks {
                KeyMarks::Each(key_marks) => marks.extend_from_slice(key_marks),
                KeyMarks::All(mark) => marks.resize(marks.len() + tree.subtree_size(child), *mark),
            }
        }
        marks
    }
}

/// Compares root key by root key: a key both share is settled without being read.
pub fn review(original: &Metadata, draft: &Metadata) -> Review {
    let root = if original.identical(draft) {
        Mark::Same
    } else {
        Mark::Inside
    };
    let mut shown = Metadata::new();
    let mut keys = Vec::new();
    for key in merged_keys(original, draft) {
        let (value, mark) = match (original.shared(&key), draft.shared(&key)) {
            (Some(o), Some(d)) if o.same(d) => (d.clone(), Mark::Same),
            (None, Some(d)) => (d.clone(), Mark::Added),
            (Some(o), None) => (o.clone(), Mark::Deleted),
            (o, d) => {
                let mut marks = Vec::new();
                let value = build(o.map(|v| v.value()), d.map(|v| v.value()), &mut marks);
                shown.insert(key, value);
                keys.push(KeyMarks::Each(marks));
                continue;
            }
        };
        shown.insert_shared(key, value);
        keys.push(KeyMarks::All(mark));
    }
    Review { shown, root, keys }
}

fn fill(value: &Value, mark: Mark, marks: &mut Vec<Mark>) {
    marks.push(mark);
    match value {
        Value::Object(map) => map.values().for_each(|v| fill(v, mark, marks)),
        Value::Array(items) => items.iter().for_each(|v| fill(v, mark, marks)),
        _ => {}
    }
}

fn build(original: Option<&Value>, draft: Option<&Value>, marks: &mut Vec<Mark>) -> Value {
    match (original, draft) {
        (Some(o), Some(d)) if same(o, d) => {
            fill(d, Mark::Same, marks);
            d.clone()
        }
        (None, Some(d)) => {
            fill(d, Mark::Added, marks);
            d.clone()
        }
        (Some(o), None) => {
            fill(o, Mark::Deleted, marks);
            o.clone()
        }
        (Some(Value::Object(o)), Some(Value::Object(d))) => {
            marks.push(Mark::Inside);
            let mut out = Map::new();
            for key in merged_keys(o, d) {
                out.insert(key.clone(), build(o.get(&key), d.get(&key), marks));
            }
            Value::Object(out)
        }
        (Some(Value::Array(o)), Some(Value::Array(d))) => {
            marks.push(Mark::Inside);
            build_array(o, d, marks)
        }
        (Some(_), Some(d)) => {
            marks.push(Mark::Changed);
            match d {
                Value::Object(map) => map.values().for_each(|v| fill(v, Mark::Added, marks)),
                Value::Array(items) => items.iter().for_each(|v| fill(v, Mark::Added, marks)),
                _ => {}
            }
            d.clone()
        }
        (None, None) => Value::Null,
    }
}

/// An array's items matched as the structural diff matches them, so removing the first
/// of two items marks that item deleted, not the second. The draft's items keep their
/// indices; deleted ones follow them.
fn build_array(o: &[Value], d: &[Value], marks: &mut Vec<Mark>) -> Value {
    let mut from: Vec<Option<&Value>> = vec![None; d.len()];
    let mut gone = Vec::new();
    if let Diff::Array(items) = diff_arrays(o, d) {
        for item in items {
            match item {
                ItemDiff::Same { old, new } | ItemDiff::Changed { old, new, .. } => {
                    if let Some(slot) = from.get_mut(new) {
                        *slot = o.get(old);
                    }
                }
                ItemDiff::Removed { old, .. } => gone.extend(o.get(old)),
                ItemDiff::Added { .. } => {}
            }
        }
    }
    let mut out: Vec<Value> = d
        .iter()
        .zip(from)
        .map(|(item, was)| build(was, Some(item), marks))
        .collect();
    out.extend(gone.into_iter().map(|g| build(Some(g), None, marks)));
    Value::Array(out)
}

/// The draft's keys in order, each deleted key put back just before the next original
/// key that survives (at the end when none does), so deletions show where they were.
fn merged_keys<O: Object>(original: &O, draft: &O) -> Vec<String> {
    let mut keys: Vec<String> = draft.names().cloned().collect();
    let originals: Vec<&String> = original.names().collect();
    for (i, key) in originals.iter().enumerate() {
        if draft.has(key) {
            continue;
        }
        let anchor = originals[i + 1..].iter().find(|k| draft.has(k));
        let at = anchor
            .and_then(|a| keys.iter().position(|k| k == *a))
            .unwrap_or(keys.len());
        keys.insert(at, (*key).clone());
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn shown_and_marks(original: &Metadata, draft: &Metadata) -> (Metadata, Vec<Mark>) {
        let review = review(original, draft);
        let marks = review.marks(&Tree::new(review.shown.clone()));
        (review.shown, marks)
    }

    #[test]
    fn keeps_deleted_keys_in_place_and_marks_every_node() {
        let original = json!({"a": 1, "b": {"c": 2, "d": 3}, "e": [1, 2]}).try_into().unwrap();
        let draft = json!({"b": {"c": 2, "d": 4, "f": 5}, "e": [1], "g": true})
            .try_into()
            .unwrap();
        let (shown, marks) = shown_and_marks(&original, &draft);
        let keys: Vec<&String> = shown.keys().collect();
        assert_eq!(keys, ["a", "b", "e", "g"]);
        use Mark::*;
        // root, a, b, c, d, f, e, [0], [1], g
        assert_eq!(
            marks,
            [Inside, Deleted, Inside, Same, Changed, Added, Inside, Same, Deleted, Added]
        );
    }

    #[test]
    fn the_removed_array_item_is_the_one_marked_deleted() {
        let original = json!({"l": ["pt", "ja"]}).try_into().unwrap();
        let (shown, marks) = shown_and_marks(&original, &json!({"l": ["ja"]}).try_into().unwrap());
        assert_eq!(
            shown.get("l").unwrap(),
            &json!(["ja", "pt"]),
            "the draft's items first, the deleted one after"
        );
        use Mark::*;
        assert_eq!(
            marks,
            [Inside, Inside, Same, Deleted],
            "\"ja\" stays, \"pt\" is deleted"
        );
    }
}
