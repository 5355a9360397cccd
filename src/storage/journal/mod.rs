//! The journal: JSON lines, each synced to disk before the tool goes on. An entry is
//! written ahead, before its PATCH leaves (status `sending`); a second line records the
//! outcome. Readers fold the two together and skip lines a crash left unreadable.

mod entry;
mod open;

pub use entry::{Entry, Outcome};
pub use open::{release, take_abandoned, write_ahead, OpenEntry};

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs;
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

/// Who a line is about: an entry has a tenant and a user, an outcome line an outcome.
#[derive(Deserialize)]
struct Head<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(default, borrow)]
    tenant: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    user_id: Option<Cow<'a, str>>,
    #[serde(default)]
    outcome: Option<serde::de::IgnoredAny>,
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
pub fn append_line(path: &Path, mut line: Vec<u8>) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        super::private::create_dir(dir)?;
    }
    line.push(b'\n');
    let mut file = super::private::options()
        .create(true)
        .read(true)
        .append(true)
        .open(path)?;
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
    let mut wanted: HashSet<String> = HashSet::new();
    // The journal is written by serde_json, so a user's entries hold their id exactly as
    // it writes it: lines without it (and without an outcome) are skipped unparsed.
    let user_needle = user_id.map(|id| format!("\"user_id\":{}", serde_json::Value::from(id)));
    for line in BufReader::new(file).split(b'\n') {
        let line = line?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if let Some(needle) = &user_needle {
            let about = memchr::memmem::find(&line, needle.as_bytes()).is_some();
            if !about && memchr::memmem::find(&line, b"\"outcome\":").is_none() {
                // Another user's entry. A line a crash cut short does not end its object.
                if line.trim_ascii_end().last() != Some(&b'}') {
                    journal.damaged += 1;
                }
                continue;
            }
        }
        // Who a line is about is read first; the values it carries are parsed only for
        // the entries asked for, so one user's history costs a scan, not a parse, of the rest.
        let Ok(head) = serde_json::from_slice::<Head>(&line) else {
            journal.damaged += 1;
            continue;
        };
        match (&head.tenant, &head.user_id, head.outcome.is_some()) {
            (Some(t), Some(u), _) => {
                if tenant.is_none_or(|want| want == t) && user_id.is_none_or(|want| want == u) {
                    match serde_json::from_slice::<Entry>(&line) {
                        Ok(entry) => {
                            wanted.insert(entry.id.clone());
                            journal.entries.push(entry);
                        }
                        Err(_) => journal.damaged += 1,
                    }
                }
            }
            (_, _, true) if wanted.contains(head.id.as_ref()) => match serde_json::from_slice::<OutcomeLine>(&line) {
                Ok(outcome) => outcomes.push(outcome),
                Err(_) => journal.damaged += 1,
            },
            (_, _, true) => {}
            _ => journal.damaged += 1,
        }
    }
    // One pass with an index: folding outcomes stays linear in the journal's length.
    let at: std::collections::HashMap<&str, usize> = journal
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let found: Vec<(usize, Outcome)> = outcomes
        .into_iter()
        .filter_map(|line| Some((*at.get(line.id.as_str())?, line.outcome)))
        .collect();
    for (i, outcome) in found {
        journal.entries[i].outcome = Some(outcome);
    }
    Ok(journal)
}
