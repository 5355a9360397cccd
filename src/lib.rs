//! auth0-meta: browse Auth0 users and edit their metadata safely.
//!
//! - [`domain`]: the pure core (paths, edits, undo, Auth0's merge, warnings, conflicts,
//!   validation). It knows nothing of the terminal or HTTP.
//! - [`api`]: the Management API client; [`config`] says which tenant and how to log in.
//! - [`preview`]: the merge preview shared by the TUI and `metadata set`.
//! - [`tui`]: the terminal UI (state, update, view, effects).
//! - [`cli`], [`commands`]: the command line and the scriptable commands.
//! - [`apply`]: the one way a change reaches the server (re-read, conflict check, PATCH, journal).
//! - [`storage`]: drafts and the journal in the state directory.
//! - [`emulator`]: a local Auth0 Management API (users endpoints) for `--demo` and tests.
//! - [`lucene`]: Auth0's user search syntax, shared by the emulator and the client.
//!
//! `ARCHITECTURE.md` at the repository's root has the full map, the path of one edit from
//! key press to PATCH, and recipes for adding keys, overlays, effects and routes.
/// `eprintln!` that never panics: with standard error closed or full, the note is lost
/// and nothing else (`auth0-meta … 2>&-` must still do its work).
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// `eprint!` that never panics, for progress lines and prompts.
macro_rules! note_inline {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut err = std::io::stderr();
        let _ = write!(err, $($arg)*).and_then(|()| err.flush());
    }};
}

pub mod api;
pub mod apply;
pub mod atomic_write;
pub mod audit;
pub mod audit_source;
pub mod batch;
pub mod bulk;
pub mod cli;
pub mod commands;
pub mod config;
pub mod domain;
pub mod emulator;
pub mod export;
pub mod export_file;
pub mod logging;
pub mod lucene;
pub mod palette;
pub mod preview;
pub mod process;
pub mod profile;
pub mod random;
pub mod secret;
pub mod storage;
pub mod text;
pub mod timestamp;
pub mod tui;
