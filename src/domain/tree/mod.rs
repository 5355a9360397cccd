//! A JSON document as a collapsible tree, fast on multi-megabyte metadata.
//!
//! Nodes are numbered in pre-order, so a node's subtree is the id range
//! `id .. id + size[id]` and its first child is `id + 1`. The tree reads each root
//! value's JSON text (the server's own, shared with the copy as loaded) and keeps flat
//! arrays beside it: where each node's key and value start, subtree sizes, expansion
//! flags, and how many rows each subtree shows. Nothing is parsed to be shown: a row
//! reads its key and scalar from the text. Expanding or collapsing updates a node and its
//! ancestors; drawing a viewport skips whole subtrees by their row counts, so no key
//! press or frame walks the whole document.

mod by_path;
mod fold;
mod node;
mod prebuilt;
mod rebuild;
mod scan;
mod search;

use std::borrow::Cow;

pub use node::{is_container, Node};
pub use prebuilt::{prebuild, Prebuilt};
pub use search::{Needle, SearchScope};

use super::metadata::Metadata;
use super::path::{JsonPath, Segment};
use super::raw;
use scan::Nodes;

pub struct Tree {
    /// Its root values are shared with the copy as loaded and the draft.
    doc: Metadata,
    /// The node id of each root key's value, in the document's order.
    root_ids: Vec<u32>,
    /// Where each node's value starts in its root value's text.
    start: Vec<u32>,
    size: Vec<u32>,
    expanded: Vec<bool>,
    /// Rows the node's subtree shows when the node itself is shown.
    visible: Vec<u32>,
    /// Bumped when the document is replaced: node ids found before are stale after.
    version: u64,
}

/// How a row is labelled: the tree's root, an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKey<'a> {
    Root,
    Key(Cow<'a, str>),
    Index(usize),
}

/// One row on screen.
#[derive(Clone)]
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

fn segment(key: &RowKey<'_>) -> Option<Segment> {
    match key {
        RowKey::Root => None,
        RowKey::Key(k) => Some(Segment::Key(k.to_string())),
        RowKey::Index(i) => Some(Segment::Index(*i)),
    }
}

impl Tree {
    /// The root open, everything below it closed.
    pub fn new(doc: Metadata) -> Self {
        let mut nodes = Nodes::default();
        nodes.push(0);
        let mut root_ids = Vec::with_capacity(doc.len());
        for (_, root) in doc.entries() {
            root_ids.push(nodes.size.len() as u32);
            nodes.index(root.text(), 0);
        }
        nodes.size[0] = nodes.size.len() as u32;
        let n = nodes.size.len();
        let mut tree = Self {
            doc,
            root_ids,
            start: nodes.start,
            size: nodes.size,
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

    pub fn node(&self, id: usize) -> Node<'_> {
        Node { tree: self, id }
    }

    /// The ids of a node's direct children.
    pub fn child_ids(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        let end = id + self.size[id] as usize;
        let first = Some(id + 1).filter(|&c| c < end);
        std::iter::successors(first, move |&c| {
            Some(c + self.size[c] as usize).filter(|&next| next < end)
        })
    }

    /// The text of the root value node `id` belongs to, and where the node starts in
    /// it; `None` for the document root.
    fn text_of(&self, id: usize) -> Option<(&str, usize)> {
        let index = self.root_ids.partition_point(|&r| r as usize <= id).checked_sub(1)?;
        let (_, root) = self.doc.entry_at(index)?;
        Some((root.text(), self.start[id] as usize))
    }

    /// How child `id`, the `index`th of `parent`, is labelled.
    fn key_of(&self, parent: usize, index: usize, id: usize) -> RowKey<'_> {
        if parent == 0 {
            return self
                .doc
                .entry_at(index)
                .map_or(RowKey::Index(index), |(k, _)| RowKey::Key(Cow::Borrowed(k)));
        }
        match self.text_of(id) {
            Some((text, at)) => match raw::key_before(text, at) {
                Some(key) => RowKey::Key(raw::string(text, key)),
                None => RowKey::Index(index),
            },
            None => RowKey::Index(index),
        }
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
            self.walk(0, RowKey::Root, 0, &mut skip, count, &mut out);
        }
        out
    }

    fn walk<'a>(
        &'a self,
        id: usize,
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
                value: self.node(id),
                expanded: self.expanded[id],
            });
            if out.len() == count {
                return true;
            }
        } else {
            *skip -= 1;
        }
        if self.expanded[id] {
            for (index, child) in self.child_ids(id).enumerate() {
                if *skip >= self.visible[child] as usize {
                    *skip -= self.visible[child] as usize; // skipped without reading its key
                    continue;
                }
                if self.walk(child, self.key_of(id, index, child), depth + 1, skip, count, out) {
                    return true;
                }
            }
        }
        false
    }

    /// The node shown at `row`.
    pub fn locate(&self, row: usize) -> Option<Located> {
        if row >= self.row_count() {
            return None;
        }
        let (mut id, mut remaining) = (0usize, row);
        let mut path = JsonPath::root();
        let mut ancestors = Vec::new();
        'down: while remaining > 0 {
            remaining -= 1;
            for (index, child) in self.child_ids(id).enumerate() {
                let shown = self.visible[child] as usize;
                if remaining < shown {
                    ancestors.push(id as u32);
                    path = path.child(segment(&self.key_of(id, index, child)).unwrap_or(Segment::Index(0)));
                    id = child;
                    continue 'down;
                }
                remaining -= shown;
            }
            return None;
        }
        Some(Located {
            id: id as u32,
            path,
            ancestors,
        })
    }
}
