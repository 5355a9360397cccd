//! A JSON document as a collapsible tree, fast on multi-megabyte metadata.
//!
//! Nodes are numbered in pre-order, so a node's subtree is the id range
//! `id .. id + size[id]` and its first child is `id + 1`. Beside the document the tree
//! keeps three flat arrays: subtree sizes, expansion flags, and how many rows each
//! subtree shows. Expanding or collapsing updates a node and its ancestors; drawing a
//! viewport skips whole subtrees by their row counts, so no key press or frame walks the
//! whole document.

mod fold;
mod node;
mod rebuild;
mod search;

pub use node::{is_container, Node};

pub use search::{Needle, SearchScope};

use serde_json::Value;

use super::metadata::Metadata;
use super::path::{JsonPath, Segment};

pub struct Tree {
    /// Its root values are shared with the copy as loaded and the draft, so showing a
    /// document copies nothing: a 16 MB document parses to about 120 MB.
    doc: Metadata,
    size: Vec<u32>,
    expanded: Vec<bool>,
    /// Rows the node's subtree shows when the node itself is shown.
    visible: Vec<u32>,
    /// Bumped when the document is replaced: node ids found before are stale after.
    version: u64,
}

/// How a row is labelled: the tree's root, an object key or an array index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKey<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// One row on screen.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub id: u32,
    pub depth: usize,
    pub key: RowKey<'a>,
    pub value: Node<'a>,
    pub expanded: bool,
}

/// Where a row's node sits in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub id: u32,
    pub path: JsonPath,
    /// Ids from the root down to the node's parent.
    pub ancestors: Vec<u32>,
}

fn segment(key: RowKey<'_>) -> Option<Segment> {
    match key {
        RowKey::Root => None,
        RowKey::Key(k) => Some(Segment::Key(k.to_string())),
        RowKey::Index(i) => Some(Segment::Index(i)),
    }
}

fn count_nodes(value: &Value, size: &mut Vec<u32>) {
    let id = size.len();
    size.push(1);
    match value {
        Value::Object(map) => map.values().for_each(|child| count_nodes(child, size)),
        Value::Array(items) => items.iter().for_each(|child| count_nodes(child, size)),
        _ => {}
    }
    size[id] = (size.len() - id) as u32;
}

impl Tree {
    /// The root open, everything below it closed.
    pub fn new(doc: Metadata) -> Self {
        let mut size = vec![1];
        doc.values().for_each(|value| count_nodes(value, &mut size));
        size[0] = size.len() as u32;
        let n = size.len();
        let mut tree = Self {
            doc,
            size,
            expanded: vec![false; n],
            visible: vec![1; n],
            version: 0,
        };
        tree.collapse_all();
        tree
    }

    pub fn doc(&self) -> &Metadata {
        &self.doc
    }

    /// The value at `path`; `None` at the root, which is the document.
    pub fn value_at(&self, path: &JsonPath) -> Option<&Value> {
        self.doc.at(path)
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn node_count(&self) -> usize {
        self.size.len()
    }

    /// How many nodes the subtree of node `id` has, itself included.
    pub fn subtree_size(&self, id: usize) -> usize {
        self.size[id] as usize
    }

    /// Rows the whole tree shows now.
    pub fn row_count(&self) -> usize {
        self.visible[0] as usize
    }

    /// The ids of a node's direct children.
    pub fn child_ids(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        let end = id + self.size[id] as usize;
        let first = Some(id + 1).filter(|&c| c < end);
        std::iter::successors(first, move |&c| {
            Some(c + self.size[c] as usize).filter(|&next| next < end)
        })
    }

    fn shown_rows(&self, id: usize) -> u32 {
        if self.expanded[id] {
            1 + self.child_ids(id).map(|c| self.visible[c]).sum::<u32>()
        } else {
            1
        }
    }

    /// `count` rows starting at row `start`.
    pub fn rows(&self, start: usize, count: usize) -> Vec<Row<'_>> {
        let mut out = Vec::with_capacity(count.min(self.row_count()));
        let mut skip = start;
        if count > 0 {
            self.walk(0, Node::Root(&self.doc), RowKey::Root, 0, &mut skip, count, &mut out);
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn walk<'a>(
        &'a self,
        id: usize,
        value: Node<'a>,
        key: RowKey<'a>,
        depth: usize,
        skip: &mut usize,
        count: usize,
        out: &mut Vec<Row<'a>>,
    ) -> bool {
        let shown = self.visible[id] as usize;
        if *skip >= shown {
            *skip -= shown;
            return false;
        }
        if *skip == 0 {
            out.push(Row {
                id: id as u32,
                depth,
                key,
                value,
                expanded: self.expanded[id],
            });
            if out.len() == count {
                return true;
            }
        } else {
            *skip -= 1;
        }
        if self.expanded[id] {
            let mut child = id + 1;
            for (child_key, child_value) in value.children() {
                if self.walk(child, Node::Value(child_value), child_key, depth + 1, skip, count, out) {
                    return true;
                }
                child += self.size[child] as usize;
            }
        }
        false
    }

    /// The node shown at `row`.
    pub fn locate(&self, row: usize) -> Option<Located> {
        if row >= self.row_count() {
            return None;
        }
        let (mut id, mut value, mut remaining) = (0usize, Node::Root(&self.doc), row);
        let mut path = JsonPath::root();
        let mut ancestors = Vec::new();
        'down: while remaining > 0 {
            remaining -= 1;
            let mut child = id + 1;
            for (key, child_value) in value.children() {
                let shown = self.visible[child] as usize;
                if remaining < shown {
                    ancestors.push(id as u32);
                    path = path.child(segment(key).unwrap_or(Segment::Index(0)));
                    (id, value) = (child, Node::Value(child_value));
                    continue 'down;
                }
                remaining -= shown;
                child += self.size[child] as usize;
            }
            return None;
        }
        Some(Located {
            id: id as u32,
            path,
            ancestors,
        })
    }

    /// The row showing `path`, or its nearest shown ancestor's row.
    pub fn row_of(&self, path: &JsonPath) -> usize {
        self.descend(path, true).1
    }

    /// Follows `path` down from the root: the id reached and its row (the rows counted
    /// only while `shown_only` keeps the walk to open nodes), and whether all of it exists.
    fn descend(&self, path: &JsonPath, shown_only: bool) -> (usize, usize, bool) {
        let (mut id, mut value, mut row) = (0usize, Node::Root(&self.doc), 0usize);
        for wanted in path.segments() {
            if shown_only && !self.expanded[id] {
                return (id, row, false);
            }
            let (mut child, mut next_row) = (id + 1, row + 1);
            let mut found = None;
            for (key, child_value) in value.children() {
                if segment(key).as_ref() == Some(wanted) {
                    found = Some(child_value);
                    break;
                }
                next_row += self.visible[child] as usize;
                child += self.size[child] as usize;
            }
            let Some(child_value) = found else {
                return (id, row, false);
            };
            (id, value, row) = (child, Node::Value(child_value), next_row);
        }
        (id, row, true)
    }
}
