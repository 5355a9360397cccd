//! The request log: off unless `--log-file PATH` or `AUTH0_META_LOG=info|debug` asks for
//! it, written to a file (never the terminal, which the TUI owns), readable by its owner
//! only. Only this crate's events are written: a dependency's debug output could hold
//! a header.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing::level_filters::LevelFilter;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

/// The level `AUTH0_META_LOG` names.
fn level(name: &str) -> Result<LevelFilter, String> {
    match name.trim().to_ascii_lowercase().as_str() {
        "info" => Ok(LevelFilter::INFO),
        "debug" => Ok(LevelFilter::DEBUG),
        "warn" => Ok(LevelFilter::WARN),
        "error" => Ok(LevelFilter::ERROR),
        "off" => Ok(LevelFilter::OFF),
        other => Err(format!(
            "AUTH0_META_LOG={other}: use info or debug (or warn, error, off)"
        )),
    }
}

/// Starts the log when asked; returns where it goes. `state_dir` holds the default file.
pub fn init(
    log_file: Option<&Path>,
    env: impl Fn(&str) -> Option<String>,
    state_dir: Option<PathBuf>,
) -> Result<Option<PathBuf>, String> {
    let asked = env("AUTH0_META_LOG").filter(|v| !v.trim().is_empty());
    let level = match (&asked, log_file) {
        (None, None) => return Ok(None),
        (Some(name), _) => level(name)?,
        (None, Some(_)) => LevelFilter::INFO,
    };
    // An error names what chose the file: the flag, or the variable.
    let source = match log_file {
        Some(_) => "--log-file",
        None => "AUTH0_META_LOG",
    };
    let path = match log_file {
        Some(path) => path.to_path_buf(),
        None => state_dir
            .ok_or("AUTH0_META_LOG is set but there is no state directory: set AUTH0_META_STATE_DIR or use --log-file")?
            .join("auth0-meta.log"),
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{source}: cannot create {}: {e}", dir.display()))?;
    }
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options
        .open(&path)
        .map_err(|e| format!("{source}: cannot open the log {}: {e}", path.display()))?;
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_filter(Targets::new().with_target("auth0_meta", level));
    tracing_subscriber::registry()
        .with(layer)
        .try_init()
        .map_err(|e| e.to_string())?;
    Ok(Some(path))
}
