//! Files replaced whole: a reader, or a process started after a crash, sees the old
//! content or the new, never half of it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Numbers each write of this process, so two writes never share a temporary file.
static WRITES: AtomicU64 = AtomicU64::new(0);

fn dir_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn name_of(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("state")
}

/// Writes `bytes` to `path` so that a reader sees the old file or the new one, never half.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with_mode(path, bytes, None)
}

/// The same, the new file created with `mode` (on Unix), whatever the umask.
pub fn write_atomically_with_mode(path: &Path, bytes: &[u8], mode: Option<u32>) -> std::io::Result<()> {
    let dir = dir_of(path);
    let write = WRITES.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{}.{}.{write}.tmp", name_of(path), std::process::id()));
    let written = write_temp(&temp, bytes, mode).and_then(|()| fs::rename(&temp, path));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written?;
    // Make the rename itself durable; some filesystems cannot sync a directory, and the
    // file is complete either way.
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

fn write_temp(temp: &Path, bytes: &[u8], mode: Option<u32>) -> std::io::Result<()> {
    let mut file = fs::File::create(temp)?;
    #[cfg(unix)]
    if let Some(mode) = mode {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Temporary files of `path` left by processes that are gone (killed mid-write), for
/// removal at start. Where liveness cannot be told (no `/proc`), only this process's own.
pub fn stale_temps(path: &Path) -> Vec<PathBuf> {
    let prefix = format!(".{}.", name_of(path));
    let Ok(entries) = fs::read_dir(dir_of(path)) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = name_of(p);
            let Some(pid) = name.strip_prefix(&prefix).and_then(|rest| rest.split('.').next()) else {
                return false;
            };
            name.ends_with(".tmp") && !crate::process::alive(pid)
        })
        .collect()
}

/// A file written in full beside `path` under a temporary name, put in place by
/// `finish` only: a failure midway leaves `path` as it was, and the temporary file is
/// removed whatever happens (dropped unfinished).
pub struct Staged {
    temp: PathBuf,
    path: PathBuf,
    file: Option<fs::File>,
}

impl Staged {
    pub fn create(path: &Path) -> std::io::Result<Self> {
        let write = WRITES.fetch_add(1, Ordering::Relaxed);
        let temp = dir_of(path).join(format!(".{}.{}.{write}.tmp", name_of(path), std::process::id()));
        let file = fs::OpenOptions::new().write(true).create_new(true).open(&temp)?;
        Ok(Self {
            temp,
            path: path.to_path_buf(),
            file: Some(file),
        })
    }

    /// A handle to write through (the same file).
    pub fn writer(&self) -> std::io::Result<fs::File> {
        match &self.file {
            Some(file) => file.try_clone(),
            None => Err(std::io::Error::other("already finished")),
        }
    }

    /// Syncs the file and renames it over `path`.
    pub fn finish(mut self) -> std::io::Result<()> {
        if let Some(file) = self.file.take() {
            file.sync_all()?;
        }
        fs::rename(&self.temp, &self.path)?;
        if let Ok(dir) = fs::File::open(dir_of(&self.path)) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}
