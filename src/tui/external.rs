//! Running the user's editor on a file: `$VISUAL`, else `$EDITOR`, else `vi`, split into
//! words as a shell would (so `code --wait` works) but run without one. The file is
//! the user's alone (0600) and removed afterwards, whatever happens.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

static HANDED: AtomicU64 = AtomicU64::new(0);

/// The editor did not finish well: why, and the text it left if it changed the file (an
/// editor that exits non-zero after saving must not cost the admin their work).
#[derive(Debug, Clone, PartialEq)]
pub struct Unfinished {
    pub reason: String,
    pub text: Option<String>,
}

impl Unfinished {
    fn nothing(reason: String) -> Self {
        Self { reason, text: None }
    }
}

/// The editor command from the environment.
pub fn editor_command(env: impl Fn(&str) -> Option<String>) -> Vec<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| env(name))
        .find_map(|value| shlex::split(&value).filter(|words| !words.is_empty()))
        .unwrap_or_else(|| vec!["vi".to_string()])
}

/// Writes `text` to a new file in `dir`, lets the editor change it, and reads it back.
/// The file is removed on every path.
pub fn edit(dir: Option<&Path>, text: &str, command: &[String]) -> Result<String, Unfinished> {
    let dir = dir.map_or_else(std::env::temp_dir, |d| d.join("edit"));
    fs::create_dir_all(&dir).map_err(|e| Unfinished::nothing(format!("cannot create {}: {e}", dir.display())))?;
    let n = HANDED.fetch_add(1, Ordering::Relaxed);
    let file = dir.join(format!("node-{}-{n}.json", std::process::id()));
    let result = write_private(&file, text)
        .map_err(Unfinished::nothing)
        .and_then(|()| run(command, &file, text));
    let _ = fs::remove_file(&file);
    result
}

fn write_private(file: &PathBuf, text: &str) -> Result<(), String> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options
        .open(file)
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    out.write_all(text.as_bytes())
        .and_then(|()| out.sync_all())
        .map_err(|e| format!("cannot write {}: {e}", file.display()))
}

fn run(command: &[String], file: &Path, given: &str) -> Result<String, Unfinished> {
    let (program, args) = command
        .split_first()
        .ok_or_else(|| Unfinished::nothing("no editor named".into()))?;
    let status = Command::new(program)
        .args(args)
        .arg(file)
        .status()
        .map_err(|e| Unfinished::nothing(format!("cannot run `{program}`: {e} (set VISUAL or EDITOR)")))?;
    let read = fs::read_to_string(file).map_err(|e| format!("cannot read {} back: {e}", file.display()));
    if !status.success() {
        let text = read.ok().filter(|text| text != given);
        return Err(Unfinished {
            reason: format!("`{program}` exited with {status}"),
            text,
        });
    }
    read.map_err(Unfinished::nothing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_then_editor_then_vi_split_into_words() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        assert_eq!(
            editor_command(env(&[("EDITOR", "nano"), ("VISUAL", "code --wait")])),
            ["code", "--wait"]
        );
        assert_eq!(editor_command(env(&[("EDITOR", "nano")])), ["nano"]);
        assert_eq!(editor_command(env(&[])), ["vi"]);
    }

    #[test]
    fn the_file_is_changed_read_back_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let script = ["sh", "-c", "printf '{\"a\": 2}' > \"$0\""].map(String::from);
        let changed = edit(Some(dir.path()), "{\"a\": 1}", &script).unwrap();
        assert_eq!(changed, "{\"a\": 2}");
        assert_eq!(fs::read_dir(dir.path().join("edit")).unwrap().count(), 0, "removed");
        let failing = ["sh", "-c", "exit 3"].map(String::from);
        let err = edit(Some(dir.path()), "x", &failing).unwrap_err();
        assert!(err.reason.contains("exited") && err.text.is_none(), "{err:?}");
        let saved_then_failed = ["sh", "-c", "printf 'kept' > \"$0\"; exit 1"].map(String::from);
        let err = edit(Some(dir.path()), "x", &saved_then_failed).unwrap_err();
        assert_eq!(err.text.as_deref(), Some("kept"), "the written text is kept");
        assert_eq!(fs::read_dir(dir.path().join("edit")).unwrap().count(), 0, "removed");
    }
}
