//! Edits over a user's two documents: making a list of them, and planning the edits that
//! put one value at a path. Shared by the TUI (drafts, rebase, revert) and the commands.

use serde_json::Value;

use super::edit::{resolve, Edit, EditError};
use super::field::{MetadataField, MetadataPair};
use super::history::History;
use super::path::{JsonPath, Segment};

/// An edit that could not be made, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub field: MetadataField,
    pub edit: Edit,
    pub error: EditError,
}

/// Makes `edits` on `pair` in order, recording each in `history`. An edit that no longer
/// applies is skipped and returned, so the caller decides whether that is fatal.
pub fn apply_edits(
    pair: &mut MetadataPair,
    history: &mut History<MetadataField>,
    edits: impl IntoIterator<Item = (MetadataField, Edit)>,
) -> Vec<Refused> {
    let mut refused = Vec::new();
    for (field, edit) in edits {
        let result = pair
            .get_mut(field)
            .edit(&edit, |doc| history.apply_to(field, doc, edit.clone()));
        if let Err(error) = result {
            refused.push(Refused { field, edit, error });
        }
    }
    refused
}

/// The edits that put `value` at `path` in `doc`, creating objects missing along the way.
/// Array items are not created implicitly: an index must exist.
pub fn plan_set(doc: &Value, path: &JsonPath, value: Value) -> Result<Vec<Edit>, EditError> {
    if path.is_root() {
        return Ok(vec![Edit::Set {
            path: JsonPath::root(),
            value,
        }]);
    }
    let mut edits = Vec::new();
    let mut at = JsonPath::root();
    let mut node = Some(doc);
    for (depth, segment) in path.segments().iter().enumerate() {
        let last = depth + 1 == path.len();
        let child = node.and_then(|n| JsonPath::root().child(segment.clone()).get(n));
        match (child, segment) {
            (Some(_), _) if last => edits.push(Edit::Set {
                path: path.clone(),
                value: value.clone(),
            }),
            (Some(_), _) => {}
            (None, Segment::Key(key)) => {
                let position = node.and_then(Value::as_object).map_or(0, |m| m.len());
                let new_value = if last {
                    value.clone()
                } else {
                    Value::Object(Default::default())
                };
                edits.push(Edit::InsertKey {
                    object: at.clone(),
                    position,
                    key: key.clone(),
                    value: new_value,
                });
            }
            (None, Segment::Index(_)) => {
                return Err(resolve(doc, path).err().unwrap_or(EditError::NotFound(path.clone())));
            }
        }
        at = at.child(segment.clone());
        node = child;
    }
    Ok(edits)
}
