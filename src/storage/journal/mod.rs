//! The journal: JSON lines, each synced to disk before the tool goes on. An entry is
//! written ahead, before its PATCH leaves (status `sending`); a second line records the
//! outcome. Readers fold the two together and skip lines a crash left unreadable.

mod entry;

pub use entry::{Entry, Outcome};

use std::fs::{self, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::timestamp::{format_millis, now_millis};

/// The line that records what came of an entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct OutcomeLine {
    id: String,
    time: String,
    outcome: Outcome,
}

/// What reading the journal found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Journal {
    /// Oldest first, outcomes folded in.
    pub entries: Vec<Entry>,
    /// Lines that could not be read (a crash mid-append), skipped.
    pub damaged: usize,
}

/// Appends the write-ahead line of `entry`.
pub fn append(path: &Path, entry: &Entry) -> io::Result<()> {
    append_line(path, serde_json::to_vec(entry).map_err(io::Error::other)?)
}

/// Appends what came of the entry `id`.
pub fn record_outcome(path: &Path, id: &str, outcome: &Outcome) -> io::Result<()> {
    let line = OutcomeLine {
        id: id.to_string(),
        time: format_millis(now_millis()),
        outcome: outcome.clone(),
    };
    append_line(path, serde_json::to_vec(&line).map_err(io::Error::other)?)
}

/// Appends one line and syncs it. A file left without a final line break (a crash
/// mid-append) gets one first, so the new line is never glued to the damaged one.
fn append_line(path: &Path, mut line: Vec<u8>) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    line.push(b'\n');
    let mut file = OpenOptions::new().create(true).read(true).append(true).open(path)?;
    if file.metadata()?.len() > 0 {
        file.seek(SeekFrom::End(-1))?;
        let mut last = [0u8; 1];
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            line.insert(0, b'\n');
        }
    }
    file.write_all(&line)?;
    file.sync_all()
}

/// The entries of `tenant`, for one user or all, oldest first, outcomes folded in.
pub fn read(path: &Path, tenant: &str, user_id: Option<&str>) -> io::Result<Journal> {
    read_any(path, Some(tenant), user_id)
}

/// The same, for every tenant when `tenant` is `None`.
pub fn read_any(path: &Path, tenant: Option<&str>, user_id: Option<&str>) -> io::Result<Journal> {
    let file = match fs::File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Journal::default()),
        Err(err) => return Err(err),
    };
    let mut journal = Journal::default();
    let mut outcomes = Vec::new();
    for line in BufReader::new(file).split(b'\n') {
        let line = line?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if let Ok(entry) = serde_json::from_slice::<Entry>(&line) {
            if tenant.is_none_or(|t| entry.tenant == t) && user_id.is_none_or(|id| entry.user_id == id) {
                journal.entries.push(entry);
            }
        } else if let Ok(outcome) = serde_json::from_slice::<OutcomeLine>(&line) {
            outcomes.push(outcome);
        } else {
            journal.damaged += 1;
        }
    }
    for line in outcomes {
        if let Some(entry) = journal.entries.iter_mut().find(|e| e.id == line.id) {
            entry.outcome = Some(line.outcome);
        }
    }
    Ok(journal)
}
