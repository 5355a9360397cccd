//! Undo and redo over edits: each stack holds the edits that take the document back
//! (or forward) one step, so undo is just applying an edit.

use serde_json::Value;

use super::edit::{apply, Edit, EditError};

#[derive(Debug, Clone, Default)]
pub struct History {
    done: Vec<Done>,
    undone: Vec<Done>,
}

/// An edit as made, with the edit that reverses it.
#[derive(Debug, Clone)]
struct Done {
    edit: Edit,
    inverse: Edit,
}

impl History {
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes `edit` on `doc` and records it; a new edit forgets what was undone.
    pub fn apply(&mut self, doc: &mut Value, edit: Edit) -> Result<(), EditError> {
        let inverse = apply(doc, &edit)?;
        self.done.push(Done { edit, inverse });
        self.undone.clear();
        Ok(())
    }

    /// Reverses the latest edit; returns the edit that was undone, or `None` if there is none.
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

    /// The edits in force, oldest first: what a draft saves and replays.
    pub fn edits(&self) -> impl Iterator<Item = &Edit> {
        self.done.iter().map(|done| &done.edit)
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
