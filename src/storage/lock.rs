//! One instance edits a user at a time: an exclusive advisory lock on a file beside the
//! draft, held while the user is open. The operating system releases it when the holder
//! ends, however it ends, so a lock left by a dead process is simply free again.

use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::timestamp::{format_millis, now_millis};

/// A held lock; dropping it releases the lock.
#[derive(Debug)]
pub struct DraftLock {
    _file: File,
    pub path: PathBuf,
}

/// Who holds a lock we could not take, as it wrote itself into the lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub pid: Option<u32>,
    pub since: Option<String>,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.pid, &self.since) {
            (Some(pid), Some(since)) => write!(f, "pid {pid}, since {since}"),
            (Some(pid), None) => write!(f, "pid {pid}"),
            _ => f.write_str("another process"),
        }
    }
}

impl DraftLock {
    /// Lets go and removes the file (a clean exit leaves no lock file behind). Removed
    /// while still held: whoever opened it meanwhile finds, once they hold it, that it
    /// is no longer the file at `path`, and tries again (`acquire`).
    pub fn release(self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Takes the lock at `path`, or says who holds it.
pub fn acquire(path: &Path) -> io::Result<Result<DraftLock, Holder>> {
    // A holder may remove the file as it lets go: a lock taken on a file no longer at
    // `path` is not the lock, so the file is opened again.
    for _ in 0..8 {
        match acquire_once(path)? {
            Ok(held) if still_at(&held._file, path) => return Ok(Ok(held)),
            Ok(_) => continue,
            Err(holder) => return Ok(Err(holder)),
        }
    }
    Err(io::Error::other("the lock file kept being replaced"))
}

/// Whether `file` is still the file at `path`.
fn still_at(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

fn acquire_once(path: &Path) -> io::Result<Result<DraftLock, Holder>> {
    if let Some(dir) = path.parent() {
        super::private::create_dir(dir)?;
    }
    let mut file = super::private::options()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)?;
    match file.try_lock() {
        Ok(()) => {
            file.set_len(0)?;
            file.seek(SeekFrom::Start(0))?;
            writeln!(file, "{}\n{}", std::process::id(), format_millis(now_millis()))?;
            file.sync_all()?;
            Ok(Ok(DraftLock {
                _file: file,
                path: path.to_path_buf(),
            }))
        }
        Err(fs::TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            let mut lines = text.lines();
            Ok(Err(Holder {
                pid: lines.next().and_then(|l| l.trim().parse().ok()),
                since: lines.next().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()),
            }))
        }
        Err(fs::TryLockError::Error(err)) => Err(err),
    }
}
