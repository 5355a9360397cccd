//! Undo and redo over edits: each stack holds the edits that take the document back
//! (or forward) one step, so undo is just applying an edit. An edit can carry a tag
//! saying which document it belongs to (the TUI tags edits with their metadata field),
//! so one history orders the edits of several documents.

use serde_json::Value;

use super::edit::{apply, Edit, EditError};

#[derive(Debug, Clone)]
pub struct History<T = ()> {
    done: Vec<Done<T>>,
    undone: Vec<Done<T>>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        Self {
            done: Vec::new(),
            undone: Vec::new(),
        }
    }
}

/// An edit as made, with the edit that reverses it.
#[derive(Debug, Clone)]
struct Done<T> {
    tag: T,
    edit: Edit,
    inverse: Edit,
}

impl History<()> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes `edit` on `doc` and records it; a new edit forgets what was undone.
    pub fn apply(&mut self, doc: &mut Value, edit: Edit) -> Result<(), EditError> {
        self.apply_to((), doc, edit)
    }
}

impl<T: Clone> History<T> {
    /// Makes `edit` on `doc` (the document `tag` names) and records it.
    pub fn apply_to(&mut self, tag: T, doc: &mut Value, edit: Edit) -> Result<(), EditError> {
        let inverse = apply(doc, &edit)?;
        self.done.push(Done { tag, edit, inverse });
        self.undone.clear();
        Ok(())
    }

    /// Which document the next undo changes.
    pub fn next_undo(&self) -> Option<&T> {
        self.done.last().map(|d| &d.tag)
    }

    /// Which document the next redo changes.
    pub fn next_redo(&self) -> Option<&T> {
        self.undone.last().map(|d| &d.tag)
    }

    /// The edit the next undo (or redo) makes, with its tag: undoing makes the inverse.
    pub fn next_step(&self, undo: bool) -> Option<(&T, &Edit)> {
        if undo {
            self.done.last().map(|d| (&d.tag, &d.inverse))
        } else {
            self.undone.last().map(|d| (&d.tag, &d.edit))
        }
    }

    /// Reverses the latest edit on `doc` (the document `next_undo` names); returns the
    /// edit that was undone, or `None` if there is none.
    pub fn undo(&mut self, doc: &mut Value) -> Result<Option<Edit>, EditError> {
        let Some(done) = self.done.pop() else {
            return Ok(None);
        };
        if let Err(err) = apply(doc, &done.inverse) {
            self.done.push(done);
            return Err(err);
        }
        let edit = done.edit.clone();
        self.undone.push(done);
        Ok(Some(edit))
    }

    /// Makes the latest undone edit again; returns it, or `None` if there is none.
    pub fn redo(&mut self, doc: &mut Value) -> Result<Option<Edit>, EditError> {
        let Some(done) = self.undone.pop() else {
            return Ok(None);
        };
        if let Err(err) = apply(doc, &done.edit) {
            self.undone.push(done);
            return Err(err);
        }
        let edit = done.edit.clone();
        self.done.push(done);
        Ok(Some(edit))
    }

    /// The edits in force, oldest first, with their tags: what a draft saves and replays.
    pub fn tagged_edits(&self) -> impl Iterator<Item = (&T, &Edit)> {
        self.done.iter().map(|done| (&done.tag, &done.edit))
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    pub fn len(&self) -> usize {
        self.done.len()
    }

    pub fn is_empty(&self) -> bool {
        self.done.is_empty()
    }

    /// Forgets everything, as after the edits were applied on the server.
    pub fn clear(&mut self) {
        self.done.clear();
        self.undone.clear();
    }
}
