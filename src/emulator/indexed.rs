//! What Auth0's user search holds of a very large profile: above 1 MB, metadata values
//! longer than 256 characters are left out of the index, so a search neither finds them
//! nor returns them (Auth0's metadata documentation). Smaller profiles are whole.

use std::borrow::Cow;
use std::io::Write;

use serde_json::Value;

use super::store::UserObject;

use crate::domain::validate::{SEARCH_TRIM_PROFILE as TRIMMED_ABOVE, SEARCH_TRIM_VALUE as LONGEST_VALUE};

/// The user as search sees it: itself, or a copy without the long metadata values.
pub fn as_searched(user: &UserObject) -> Cow<'_, UserObject> {
    if size(user) <= TRIMMED_ABOVE {
        return Cow::Borrowed(user);
    }
    let mut copy = user.clone();
    for field in ["user_metadata", "app_metadata"] {
        if let Some(value) = copy.get_mut(field) {
            drop_long(value);
        }
    }
    Cow::Owned(copy)
}

/// Removes strings over `LONGEST_VALUE` characters: keys holding one, items that are one.
fn drop_long(value: &mut Value) {
    let long = |v: &Value| v.as_str().is_some_and(|s| s.chars().count() > LONGEST_VALUE);
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !long(v));
            map.values_mut().for_each(drop_long);
        }
        Value::Array(items) => {
            items.retain(|v| !long(v));
            items.iter_mut().for_each(drop_long);
        }
        _ => {}
    }
}

/// Compact JSON length, counted without building the text.
fn size(user: &UserObject) -> usize {
    struct Count(usize);
    impl Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = serde_json::to_writer(&mut count, user);
    count.0
}
