//! Entries whose outcome is not recorded yet. The writer holds an advisory lock on a
//! marker file named after its entry from before the entry is written until its outcome
//! is: another process settles only entries whose lock it can take, so a live writer's
//! entry is never settled by someone else, and a dead writer's lock is free again (the
//! OS releases it however the process ended). The markers are also the index of open
//! entries, so starting a write never reads the whole journal.

use std::fs;
use std::io;
use std::path::PathBuf;

use super::{append, record_outcome, Entry, Outcome};
use crate::storage::lock::{self, DraftLock};
use crate::storage::Storage;

/// An entry written ahead whose outcome this process owns. Dropped without `settle`
/// (a crash, as far as others can tell), its marker stays for the next start.
#[derive(Debug)]
pub struct OpenEntry {
    pub id: String,
    journal: PathBuf,
    _lock: DraftLock,
    marker: PathBuf,
}

impl OpenEntry {
    /// Records the outcome, then lets go of the entry: it is no longer open.
    pub fn settle(self, outcome: &Outcome) -> io::Result<()> {
        record_outcome(&self.journal, &self.id, outcome)?;
        let _ = fs::remove_file(&self.marker);
        Ok(())
    }

    /// Lets go of an entry found settled already (by its writer, just before).
    fn forget(self) {
        let _ = fs::remove_file(&self.marker);
    }
}

/// Takes the entry's lock, then writes it ahead: nobody can see the entry unlocked.
pub fn write_ahead(storage: &Storage, entry: &Entry) -> io::Result<OpenEntry> {
    let marker = marker(storage, &entry.id);
    let held = lock::acquire(&marker)?
        .map_err(|holder| io::Error::other(format!("journal entry {} is held by {holder}", entry.id)))?;
    append(&storage.journal_file(), entry)?;
    Ok(OpenEntry {
        id: entry.id.clone(),
        journal: storage.journal_file(),
        _lock: held,
        marker,
    })
}

/// The open entries of the storage's tenant whose writer is gone, each now held by
/// this process. An entry whose writer is alive is left alone.
pub fn take_abandoned(storage: &Storage) -> io::Result<Vec<OpenEntry>> {
    let dir = markers_dir(storage);
    let names = match fs::read_dir(&dir) {
        Ok(names) => names,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err),
    };
    let mut taken = Vec::new();
    for name in names {
        let name = name?.file_name();
        let Some(id) = name.to_str().and_then(|n| n.strip_suffix(".lock")) else {
            continue;
        };
        let marker = dir.join(&name);
        if let Ok(held) = lock::acquire(&marker)? {
            taken.push(OpenEntry {
                id: id.to_string(),
                journal: storage.journal_file(),
                _lock: held,
                marker,
            });
        }
    }
    Ok(taken)
}

/// Lets go of entries that turned out to be settled already or not in the journal (a
/// writer that died between taking the lock and writing the entry).
pub fn release(entries: Vec<OpenEntry>) {
    entries.into_iter().for_each(OpenEntry::forget);
}

fn markers_dir(storage: &Storage) -> PathBuf {
    storage.open_entries_dir()
}

fn marker(storage: &Storage, id: &str) -> PathBuf {
    markers_dir(storage).join(format!("{id}.lock"))
}
