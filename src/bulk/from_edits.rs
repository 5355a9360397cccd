//! The TUI's pending edits on one user as one bulk operation for the marked users: each
//! edit at an object path becomes a step (a value set or a key added → `set`, a delete →
//! `unset`, a rename → `move`, a type change → `retype`). An edit inside an array, or one
//! adding an item, has no meaning on another user: refused, naming it.

use super::operation::{bulk_path, Operation};
use crate::domain::{Edit, FieldPath, JsonPath, MetadataField};

/// The steps the edits make, in the order they were made.
pub fn from_edits<'a>(edits: impl IntoIterator<Item = (&'a MetadataField, &'a Edit)>) -> Result<Operation, String> {
    let mut steps = Vec::new();
    for (field, edit) in edits {
        let at = |path: &JsonPath| bulk_path(&FieldPath::new(*field, path.clone()).to_string());
        steps.push(match edit {
            Edit::Set { path, value } => Operation::Set {
                path: at(path)?,
                value: value.clone(),
                force: false,
            },
            Edit::InsertKey { object, key, value, .. } => Operation::Set {
                path: at(&object.clone().key(key.as_str()))?,
                value: value.clone(),
                force: false,
            },
            Edit::Rename { path, to } => Operation::Move {
                from: at(path)?,
                to: at(&path.split_last().map(|(parent, _)| parent).unwrap_or_default().key(to.as_str()))?,
                force: false,
            },
            Edit::Remove { path } => Operation::Unset { path: at(path)? },
            Edit::Retype { path, to } => Operation::Retype {
                path: at(path)?,
                kind: *to,
            },
            Edit::InsertItem { array, .. } => {
                return Err(format!(
                    "{}: adding an array item has no meaning on other users (an index names a different item on each); bulk changes set, delete, rename or retype keys",
                    FieldPath::new(*field, array.clone())
                ))
            }
        });
    }
    match steps.len() {
        0 => Err("no pending edits to apply".into()),
        1 => Ok(steps.remove(0)),
        _ => Ok(Operation::Edits(steps)),
    }
}
