//! State files hold personal data (the journal keeps the values a change replaced,
//! drafts hold pending values): each is its owner's alone, 0600 in 0700 folders, whatever
//! the umask says.

use std::fs;
use std::io;
use std::path::Path;

use crate::atomic_write::write_atomically_with_mode;

/// The mode of every file the tool keeps.
pub const FILE_MODE: u32 = 0o600;

/// Creates `dir` and its missing parents as 0700.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Replaces `path` whole with `bytes`, as 0600.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_with_mode(path, bytes, Some(FILE_MODE))
}

/// Open options that create a file as 0600.
pub fn options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    options
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn files_and_folders_are_the_owners_alone() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        create_dir(&nested).unwrap();
        write(&nested.join("f.json"), b"{}").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&nested), 0o700);
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&nested.join("f.json")), 0o600);
    }
}
