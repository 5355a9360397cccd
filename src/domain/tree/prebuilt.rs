//! The trees of a user's two metadata documents, numbered from the answer's whole text
//! on a second thread while the parser checks the same text: opening a 16 MB profile
//! costs the longer of the two passes, not their sum. Used only once the parser has
//! accepted the text, and only if it numbers the document exactly as `Tree` would.

use super::scan::Nodes;
use super::Tree;
use crate::domain::field::MetadataField;
use crate::domain::metadata::{Metadata, Root};
use crate::domain::raw::{self, skip_space};

/// One document's nodes as `Tree` numbers them: the document at 0, then each root value
/// with offsets into its own text.
#[derive(Clone, Default)]
pub struct Prebuilt {
    nodes: Nodes,
    /// Where each root value starts in the answer, to check it against the document.
    bases: Vec<u32>,
}

impl std::fmt::Debug for Prebuilt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Prebuilt({} nodes)", self.nodes.size.len())
    }
}

/// Numbers the user object in `text` and keeps the subtrees of its two metadata
/// documents, in `MetadataField::BOTH` order.
pub fn prebuild(text: &str) -> [Option<Prebuilt>; 2] {
    let mut all = Nodes::default();
    all.index(text, skip_space(text.as_bytes(), 0));
    let mut found: [Option<(usize, usize)>; 2] = [None, None];
    let mut child = 1;
    while child < all.size.len() {
        let start = all.start[child] as usize;
        let field = raw::key_before(text, start)
            .filter(|_| text.as_bytes().get(start) == Some(&b'{'))
            .and_then(|key| MetadataField::from_name(&raw::string(text, key)));
        if let Some(field) = field {
            let slot = MetadataField::BOTH.iter().position(|f| *f == field).unwrap_or(0);
            found[slot] = Some((child, all.size[child] as usize));
        }
        child += all.size[child].max(1) as usize;
    }
    // The larger document keeps the arrays (cut in place); the other is copied out.
    let larger = match found {
        [Some((_, a)), Some((_, b))] if b > a => 1,
        [None, Some(_)] => 1,
        _ => 0,
    };
    let mut out: [Option<Prebuilt>; 2] = [None, None];
    for slot in [1 - larger, larger] {
        let Some((first, count)) = found[slot] else { continue };
        let nodes = if slot == larger {
            let mut nodes = std::mem::take(&mut all);
            for array in [&mut nodes.start, &mut nodes.size] {
                array.truncate(first + count);
                array.drain(..first);
            }
            nodes
        } else {
            Nodes {
                start: all.start[first..first + count].to_vec(),
                size: all.size[first..first + count].to_vec(),
            }
        };
        out[slot] = Some(rebase(nodes));
    }
    out
}

/// Offsets made relative to each root value's start, as `Tree` keeps them.
fn rebase(mut nodes: Nodes) -> Prebuilt {
    let mut bases = Vec::new();
    let mut child = 1;
    while child < nodes.size.len() {
        let (base, end) = (nodes.start[child], child + nodes.size[child].max(1) as usize);
        bases.push(base);
        let end = end.min(nodes.start.len());
        for start in &mut nodes.start[child..end] {
            *start -= base;
        }
        child = end;
    }
    nodes.start[0] = 0;
    Prebuilt { nodes, bases }
}

impl Tree {
    /// The tree of `doc` from nodes numbered beside the parser, if they number exactly
    /// its root values (each still the text they were numbered from).
    pub fn from_prebuilt(doc: Metadata, prebuilt: Prebuilt) -> Result<Tree, Metadata> {
        let fits = prebuilt.bases.len() == doc.len()
            && doc
                .entries()
                .zip(&prebuilt.bases)
                .all(|((_, root), base)| Root::raw_start(root) == Some(*base as usize));
        if !fits {
            return Err(doc);
        }
        let Nodes { start, size } = prebuilt.nodes;
        let mut root_ids = Vec::with_capacity(doc.len());
        let mut child = 1;
        while child < size.len() {
            root_ids.push(child as u32);
            child += size[child] as usize;
        }
        let n = size.len();
        let mut tree = Tree {
            doc,
            root_ids,
            start,
            size,
            expanded: vec![false; n],
            visible: vec![1; n],
            version: 0,
        };
        tree.collapse_all();
        Ok(tree)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::LoadedUser;

    const USER: &str = r#" { "user_id": "a|1", "app_metadata" : {"plan": "x", "k\"q": [1, {"z": null}]},
        "email": "a@b", "user_metadata": { "big" : [ {"a": 1, "b": "s,}"} , [ ], 3e5 ], "e": {} } } "#;

    #[test]
    fn numbers_each_document_as_tree_does() {
        let loaded = LoadedUser::from_json(USER.to_string()).unwrap();
        let [user, app] = prebuild(USER);
        for (doc, prebuilt) in [(&loaded.docs.user_metadata, user), (&loaded.docs.app_metadata, app)] {
            let built = Tree::from_prebuilt(doc.clone(), prebuilt.unwrap()).ok().unwrap();
            let plain = Tree::new(doc.clone());
            assert_eq!((built.start.clone(), built.size.clone()), (plain.start, plain.size));
            assert_eq!(built.root_ids, plain.root_ids);
        }
    }

    #[test]
    fn a_document_it_does_not_fit_is_given_back() {
        let text = r#"{"user_metadata": {"a": 1, "a": 2}}"#;
        let loaded = LoadedUser::from_json(text.to_string()).unwrap();
        let [user, _] = prebuild(text);
        assert!(Tree::from_prebuilt(loaded.docs.user_metadata, user.unwrap()).is_err());
        assert!(prebuild("[}")[0].is_none() && prebuild("{\"user_metadata\": [[[").iter().all(Option::is_none));
    }
}
