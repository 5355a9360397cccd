//! One metadata document shown as a tree, with its cursor and its pending edits.

use crate::domain::tree::Prebuilt;
use crate::domain::{patch_for, review, Mark, Metadata, MetadataField, MetadataPatch, Tree};

/// One metadata document as a tree, with its cursor and its pending edits. The copy as
/// loaded, the draft and the tree share every root value no edit touched.
pub struct TreePane {
    pub field: MetadataField,
    /// The document as the server held it when loaded.
    pub original: Metadata,
    /// The document with the pending edits; `None` while there are none.
    pub draft: Option<Metadata>,
    /// Shows the original, or the draft with deleted nodes kept in place.
    pub tree: Tree,
    /// What changed, per tree node id; empty while nothing is pending.
    pub marks: Vec<Mark>,
    /// Root keys a PATCH would carry, counted when the draft changes (not per frame).
    pub sending: usize,
    /// The user asked to clear the document: while the draft stays empty, `{}` is sent
    /// instead of one `null` per key.
    pub clear_requested: bool,
    pub cursor: usize,
    pub scroll: usize,
}

impl TreePane {
    pub fn new(field: MetadataField, original: Metadata) -> Self {
        Self {
            field,
            tree: Tree::new(original.clone()),
            original,
            draft: None,
            marks: Vec::new(),
            sending: 0,
            clear_requested: false,
            cursor: 0,
            scroll: 0,
        }
    }

    /// Shows a newer copy from the server, keeping open nodes open; pending edits are
    /// the caller's to replay.
    pub fn reload(&mut self, original: Metadata) {
        self.original = original;
        self.set_draft(None);
    }

    /// `reload`, with the tree numbered beside the parser when there is one that fits.
    pub fn reload_with(&mut self, original: Metadata, tree: Option<Prebuilt>) {
        if let Some(prebuilt) = tree {
            if let Ok(tree) = Tree::from_prebuilt(original.clone(), prebuilt) {
                self.tree.adopt(tree);
                self.original = original;
                self.draft = None;
                self.marks.clear();
                self.sending = 0;
                return;
            }
        }
        self.reload(original);
    }

    /// The document as it will be if the pending edits are sent.
    pub fn current(&self) -> &Metadata {
        self.draft.as_ref().unwrap_or(&self.original)
    }

    /// Replaces the draft and rebuilds what the tree shows and marks.
    pub fn set_draft(&mut self, draft: Option<Metadata>) {
        match draft {
            Some(draft) if !draft.identical(&self.original) => {
                let review = review(&self.original, &draft);
                self.tree.replace_doc(review.shown.clone());
                self.marks = review.marks(&self.tree);
                self.draft = Some(draft);
                self.sending = self.keys_to_send();
            }
            _ => {
                self.tree.replace_doc(self.original.clone());
                self.marks.clear();
                self.draft = None;
                self.sending = 0;
            }
        }
    }

    pub fn mark(&self, id: u32) -> Mark {
        self.marks.get(id as usize).copied().unwrap_or(Mark::Same)
    }

    /// The root keys a PATCH would carry for this document.
    pub fn keys_to_send(&self) -> usize {
        match self.patch() {
            MetadataPatch::Keys(keys) => keys.len(),
            MetadataPatch::Clear => self.original.len(),
            MetadataPatch::Unchanged => 0,
        }
    }

    /// What the PATCH says about this document.
    pub fn patch(&self) -> MetadataPatch {
        let empty = self.draft.as_ref().is_some_and(Metadata::is_empty);
        if self.clear_requested && empty {
            return MetadataPatch::Clear;
        }
        patch_for(&self.original, self.current())
    }
}
