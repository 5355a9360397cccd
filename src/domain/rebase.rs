//! Moving pending edits from the copy they were made on to a newer copy of the same
//! user. Object keys stay where they are; an array index follows its item: the item the
//! edit was made on is recognised on the new copy by its identity (`identity.rs`), so an
//! item prepended by someone else does not turn "trust the iPad" into "trust the
//! ThinkPad". When the item is not on the new copy exactly once, nothing is guessed.

use std::collections::HashMap;
use std::fmt;

use serde_json::Value;

use super::edit::apply;
use super::identity::{describe_item, Identity};
use super::{Edit, JsonPath, MetadataField, MetadataPair, Segment};

/// An edit whose array item cannot be found exactly once on the new copy.
#[derive(Debug, Clone, PartialEq)]
pub struct Unplaced {
    pub field: MetadataField,
    /// The item as the edit addressed it on the old copy.
    pub item: JsonPath,
    /// `(id "dev-2", "iPad")`.
    pub described: String,
    /// How many items of the new copy's array have its identity.
    pub found: usize,
}

impl fmt::Display for Unplaced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whereabouts = match self.found {
            0 => "is no longer on the server".to_string(),
            n => format!("matches {n} items on the server"),
        };
        write!(f, "{}.{} {} {whereabouts}", self.field, self.item, self.described)
    }
}

/// `edits`, made in order on `old`, as they must be made on `new` to change the same
/// items. Edits outside arrays are returned unchanged.
pub fn rebase_edits(
    old: &MetadataPair,
    new: &MetadataPair,
    edits: &[(MetadataField, Edit)],
) -> Result<Vec<(MetadataField, Edit)>, Unplaced> {
    // Documents are made into values only for the fields whose edits go through an array.
    let through_arrays = |field: MetadataField| edits.iter().any(|(f, e)| *f == field && touches_an_index(e));
    let mut docs: HashMap<MetadataField, (Value, Value)> = MetadataField::BOTH
        .into_iter()
        .filter(|f| through_arrays(*f))
        .map(|f| (f, (old.get(f).to_value(), new.get(f).to_value())))
        .collect();
    let mut moved = Vec::with_capacity(edits.len());
    for (field, edit) in edits {
        let Some((old_doc, new_doc)) = docs.get_mut(field) else {
            moved.push((*field, edit.clone()));
            continue;
        };
        let placed = place(edit, old_doc, new_doc).map_err(|(item, described, found)| Unplaced {
            field: *field,
            item,
            described,
            found,
        })?;
        // Both copies go on as the edits leave them; one that fails here fails at replay
        // too, where it is named.
        let _ = apply(old_doc, edit);
        let _ = apply(new_doc, &placed);
        moved.push((*field, placed));
    }
    Ok(moved)
}

fn touches_an_index(edit: &Edit) -> bool {
    let path = match edit {
        Edit::InsertItem { .. } => return true,
        Edit::Set { path, .. } | Edit::Rename { path, .. } | Edit::Remove { path } | Edit::Retype { path, .. } => path,
        Edit::InsertKey { object, .. } => object,
    };
    path.segments().iter().any(|s| matches!(s, Segment::Index(_)))
}

type Missing = (JsonPath, String, usize);

fn place(edit: &Edit, old: &Value, new: &Value) -> Result<Edit, Missing> {
    Ok(match edit {
        Edit::Set { path, value } => Edit::Set {
            path: follow(path, old, new)?,
            value: value.clone(),
        },
        Edit::Rename { path, to } => Edit::Rename {
            path: follow(path, old, new)?,
            to: to.clone(),
        },
        Edit::Remove { path } => Edit::Remove {
            path: follow(path, old, new)?,
        },
        Edit::Retype { path, to } => Edit::Retype {
            path: follow(path, old, new)?,
            to: *to,
        },
        Edit::InsertKey {
            object,
            position,
            key,
            value,
        } => Edit::InsertKey {
            object: follow(object, old, new)?,
            position: *position,
            key: key.clone(),
            value: value.clone(),
        },
        Edit::InsertItem { array, index, value } => {
            let moved = follow(array, old, new)?;
            let (before, after) = (array.get(old), moved.get(new));
            let index = match (before.and_then(Value::as_array), after.and_then(Value::as_array)) {
                // Appended stays appended; otherwise it goes before the same item.
                (Some(items), Some(now)) if *index >= items.len() => now.len(),
                (Some(items), Some(now)) => item_index(array, items, now, *index)?,
                _ => *index,
            };
            Edit::InsertItem {
                array: moved,
                index,
                value: value.clone(),
            }
        }
    })
}

/// `path` (on `old`) as it reads on `new`: each index replaced by the position of the
/// same item. Below a point where the copies no longer have the same shape, the rest is
/// kept as it is (making the edit then fails, and is named).
fn follow(path: &JsonPath, old: &Value, new: &Value) -> Result<JsonPath, Missing> {
    let mut moved = JsonPath::root();
    let (mut at_old, mut at_new) = (Some(old), Some(new));
    for (depth, segment) in path.segments().iter().enumerate() {
        let segment = match (
            segment,
            at_old.and_then(Value::as_array),
            at_new.and_then(Value::as_array),
        ) {
            (Segment::Index(i), Some(items), Some(now)) => {
                let here = JsonPath::from(path.segments()[..depth].to_vec());
                Segment::Index(item_index(&here, items, now, *i)?)
            }
            (other, _, _) => other.clone(),
        };
        at_old = at_old.and_then(|v| step(v, &path.segments()[depth]));
        at_new = at_new.and_then(|v| step(v, &segment));
        moved = moved.child(segment);
    }
    Ok(moved)
}

/// Where `items[index]` (of the array at `array`) is in `now`: the same place when the
/// array did not change, else the one item with its identity.
fn item_index(array: &JsonPath, items: &[Value], now: &[Value], index: usize) -> Result<usize, Missing> {
    if items == now || index >= items.len() {
        return Ok(index);
    }
    let Some(identity) = Identity::of(items, index) else {
        return Ok(index);
    };
    match identity.find(now)[..] {
        [found] => Ok(found),
        ref found => Err((
            array.clone().index(index),
            describe_item(items, index).unwrap_or_else(|| format!("({identity})")),
            found.len(),
        )),
    }
}

fn step<'a>(value: &'a Value, segment: &Segment) -> Option<&'a Value> {
    match segment {
        Segment::Key(key) => value.get(key.as_str()),
        Segment::Index(i) => value.get(*i),
    }
}
