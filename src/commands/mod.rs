//! The scriptable commands. Each returns its exit status: 0 success, 1 an API or
//! validation error (already reported on stderr), 2 a usage error.

/// `println!` for the commands' output, except that output into a closed pipe
/// (`auth0-meta users list --json | head -1`) ends the program quietly instead of
/// panicking.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::commands::print_line(&format!($($arg)*))
    };
}

/// `say!` for text meant for a person (tables, previews, outcomes): what came from the
/// server or the state directory has its control, bidi and zero-width characters shown
/// as `\u{…}`, so it cannot act on the terminal. Machine formats (JSON, NDJSON, CSV)
/// use `say!` and stay exact.
macro_rules! tell {
    ($($arg:tt)*) => {
        $crate::commands::print_line(&$crate::commands::for_a_person(&format!($($arg)*)))
    };
}

mod audit;
mod audit_table;
mod bulk;
mod bulk_report;
mod bulk_revert;
mod bulk_run;
mod bulk_status;
mod emulator;
mod history;
mod list;
mod metadata;
mod metadata_json;
mod progress;
mod prompt;
mod tenants;
mod users;
mod write_guard;

pub use audit::{run as run_audit, run_file as run_audit_file};
pub use bulk::{run as run_bulk, run_offline as run_bulk_offline};
pub use bulk_revert::{dry_run as run_revert_batch_dry_run, revert as run_revert_batch};
pub use emulator::run as run_emulator;
pub use history::{dry_run as run_revert_dry_run, list as run_history, revert as run_revert, Scope};
pub use metadata::run as run_metadata;
pub use tenants::run as run_tenants;
pub use users::run as run_users;
pub use write_guard::refused_write;

/// Writes one line to standard output.
pub fn print_line(text: &str) {
    print_bytes(format!("{text}\n").as_bytes());
}

/// Writes to standard output. A reader that has gone away (`| head -1`) ends the program
/// quietly with status 141, as a shell reports a pipe closed under a writer, so a script
/// with `pipefail` knows the output was cut; any other failure says so, with status 1.
pub fn print_bytes(bytes: &[u8]) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(err) = out.write_all(bytes).and_then(|()| out.flush()) {
        output_failed(&err);
    }
}

/// Ends the program for a failed write to standard output (see `print_bytes`).
fn output_failed(err: &std::io::Error) -> ! {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(CLOSED_PIPE);
    }
    note!("auth0-meta: writing the output failed: {err}");
    std::process::exit(1);
}

/// The status of a program whose output pipe was closed (128 + SIGPIPE).
pub const CLOSED_PIPE: i32 = 141;

/// Text for a person: each line as `visible_json` shows it (JSON keys as keys, the rest
/// as values), line breaks kept.
pub fn for_a_person(text: &str) -> String {
    text.split('\n')
        .map(|line| crate::text::visible_json(line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A command's failure, printed on stderr by `main`.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl Failure {
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            code: 1,
            message: message.into(),
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
        }
    }
}

impl From<crate::api::ApiError> for Failure {
    fn from(err: crate::api::ApiError) -> Self {
        Self::error(err.to_string())
    }
}

pub type Outcome = Result<(), Failure>;

/// Settles sends a previous run left open before a new one, and says what it found.
pub async fn settle_interrupted(client: &crate::api::Client, storage: Option<&crate::storage::Storage>) {
    let Some(storage) = storage else { return };
    match crate::apply::resolve_unresolved(client, storage).await {
        Ok(settled) => {
            for r in settled {
                note!(
                    "note: journal entry {} ({}) was interrupted while sending; settled: {}",
                    r.entry_id,
                    r.user_id,
                    r.outcome.word()
                );
            }
        }
        Err(err) => note!("note: interrupted sends could not be settled: {err}"),
    }
}
