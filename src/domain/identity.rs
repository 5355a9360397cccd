//! How an array item is recognised on another copy of its array: by a key every item
//! of the array has, with a different scalar value on each (`id` and its like first),
//! else by its whole value. Used to move an edit onto the item it was made on when the
//! server's array has changed (`rebase`), and to name an item for a person
//! (`devices[1] (id "dev-2", "iPad")`) rather than by its position alone.

use std::collections::HashSet;
use std::fmt;

use serde_json::Value;

/// Keys tried first as an item's identity, in order.
const ID_KEYS: &[&str] = &["id", "_id", "uuid", "guid", "key", "user_id", "device_id"];
/// Keys whose value makes a good human label beside the identity.
const LABEL_KEYS: &[&str] = &["name", "label", "title", "display_name", "email", "type"];

#[derive(Debug, Clone, PartialEq)]
pub enum Identity {
    /// The item is the one whose `key` holds `value`.
    Key { key: String, value: Value },
    /// The item is the one equal to this value.
    Whole(Value),
}

impl Identity {
    /// The identity of `array[index]` among its siblings.
    pub fn of(array: &[Value], index: usize) -> Option<Identity> {
        let item = array.get(index)?;
        Some(match identifying_key(array) {
            Some(key) => Identity::Key {
                value: item[key.as_str()].clone(),
                key,
            },
            None => Identity::Whole(item.clone()),
        })
    }

    /// The positions in `array` of items with this identity.
    pub fn find(&self, array: &[Value]) -> Vec<usize> {
        let matches = |item: &Value| match self {
            Identity::Key { key, value } => item.get(key.as_str()) == Some(value),
            Identity::Whole(whole) => item == whole,
        };
        array
            .iter()
            .enumerate()
            .filter(|(_, item)| matches(item))
            .map(|(i, _)| i)
            .collect()
    }
}

/// `id "dev-2"`, or the item's value shortened.
impl fmt::Display for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Identity::Key { key, value } => write!(f, "{key} {}", short(value)),
            Identity::Whole(value) => f.write_str(&short(value)),
        }
    }
}

/// `(id "dev-2", "iPad")`: how a person tells `array[index]` from its siblings.
pub fn describe_item(array: &[Value], index: usize) -> Option<String> {
    ItemNames::new(array).name(index)
}

/// Names for the items of one array, its identifying key found once, when first needed.
pub struct ItemNames<'a> {
    array: &'a [Value],
    key: std::cell::OnceCell<Option<String>>,
}

impl<'a> ItemNames<'a> {
    pub fn new(array: &'a [Value]) -> Self {
        Self {
            array,
            key: std::cell::OnceCell::new(),
        }
    }

    /// `(id "dev-2", "iPad")`; a scalar item's own value; `None` past the end or for an
    /// object with nothing to tell it by.
    pub fn name(&self, index: usize) -> Option<String> {
        let item = self.array.get(index)?;
        let Value::Object(map) = item else {
            return Some(format!("({})", short(item)));
        };
        let key = self.key.get_or_init(|| identifying_key(self.array)).as_deref();
        let label = LABEL_KEYS
            .iter()
            .filter(|k| key != Some(**k))
            .find_map(|k| map.get(*k).filter(|v| v.is_string()))
            .or_else(|| {
                map.iter()
                    .find(|(k, v)| v.is_string() && key != Some(k.as_str()))
                    .map(|(_, v)| v)
            });
        let parts: Vec<String> = key
            .map(|k| format!("{k} {}", short(&map[k])))
            .into_iter()
            .chain(label.map(short))
            .collect();
        (!parts.is_empty()).then(|| format!("({})", parts.join(", ")))
    }
}

/// The key every item (all objects) has with a distinct scalar value: one of `ID_KEYS`
/// first, else the first such key of the first item.
fn identifying_key(array: &[Value]) -> Option<String> {
    let first = array.first()?.as_object()?;
    let identifies = |key: &str| {
        let mut seen = HashSet::new();
        array.iter().all(|item| {
            item.get(key)
                .filter(|v| v.is_string() || v.is_number())
                .is_some_and(|v| seen.insert(v.to_string()))
        })
    };
    ID_KEYS
        .iter()
        .map(|k| k.to_string())
        .chain(first.keys().cloned())
        .find(|k| identifies(k))
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 40 {
        text
    } else {
        format!("{}…", text.chars().take(39).collect::<String>())
    }
}
