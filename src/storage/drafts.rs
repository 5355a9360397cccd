//! Drafts: the pending edits of one user, saved after every edit by replacing the file
//! whole, so a process killed at any moment leaves the last committed edit on disk.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::{Edit, MetadataField};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub tenant: String,
    pub user_id: String,
    /// Milliseconds since the Unix epoch.
    pub saved_at: u64,
    pub edits: Vec<DraftEdit>,
    /// Documents the user asked to clear with `{}`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cleared: Vec<MetadataField>,
    /// Per field, each root key the edits touch as the server held it when it was first
    /// edited (`null` where absent): on restore, a key that changed on the server since
    /// is a conflict, not something to overwrite in silence.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub base: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftEdit {
    pub field: MetadataField,
    #[serde(flatten)]
    pub edit: Edit,
}

/// The users with a draft in `dir` (the tenant's drafts), for the list's `✎`.
pub fn drafted_users(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| load(&p).ok().flatten())
        .filter(|d| !d.edits.is_empty() || !d.cleared.is_empty())
        .map(|d| d.user_id)
        .collect()
}

pub fn save(path: &Path, draft: &Draft) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        super::private::create_dir(dir)?;
    }
    let bytes = serde_json::to_vec_pretty(draft).map_err(io::Error::other)?;
    super::private::write(path, &bytes)
}

/// The draft at `path`, or `None` when there is none. A draft that cannot be read is
/// moved aside (`….corrupt`), never left to be overwritten by the next edit, and the
/// error names where it went.
pub fn load(path: &Path) -> io::Result<Option<Draft>> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err),
    };
    match serde_json::from_slice(&bytes) {
        Ok(draft) => Ok(Some(draft)),
        Err(parse) => {
            let aside = set_aside(path)?;
            Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("it is not a valid draft ({parse}); kept aside as {}", aside.display()),
            ))
        }
    }
}

/// Renames a damaged draft to `NAME.corrupt` (or `NAME.corrupt.N` if that is taken).
fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let mut aside = path.with_extension("json.corrupt");
    let mut n = 1;
    while aside.exists() {
        aside = path.with_extension(format!("json.corrupt.{n}"));
        n += 1;
    }
    fs::rename(path, &aside)?;
    Ok(aside)
}

pub fn delete(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}
