//! `auth0-meta audit`: reads users from a search, an export job or a file, one at a time,
//! into `audit::Audit`, then prints the report (a table or JSON) or, with `--users`, the
//! users of one finding (a second pass over the same users, spooled to a private
//! temporary file when they came from the tenant or standard input).

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use serde_json::{Map, Value};

use crate::api::Client;
use crate::audit::{user_line, Audit, Blocks, Options, Parallel, Report};
use crate::audit_source::{self, Lines};
use crate::cli::{AuditArgs, AuditFormat};

use super::{audit_table, Failure, Outcome};

/// `audit --from FILE`: no tenant needed.
pub fn run_file(args: AuditArgs) -> Outcome {
    let from = args.from.clone().unwrap_or_default();
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    let mut parallel = Parallel::start(options(&args), threads);
    let mut progress = Progress::new();
    let mut blocks = Blocks::default();
    let mut reader = open(&from)?;
    loop {
        let chunk = reader.fill_buf().map_err(|e| read_failed(&from, e))?;
        if chunk.is_empty() {
            break;
        }
        let len = chunk.len();
        if let Some(block) = blocks.push(chunk) {
            parallel.feed(block);
        }
        reader.consume(len);
        progress.tick(parallel.users());
    }
    if let Some(block) = blocks.finish() {
        parallel.feed(block);
    }
    let audit = parallel.finish().map_err(Failure::error)?;
    progress.done(audit.users());
    let report = audit.finish(None);
    match (&args.users, from.as_os_str() == "-") {
        (Some(kind), false) => print_users(&report, kind, args.path.as_deref(), |each| read_file(&from, each)),
        (Some(_), true) => Err(Failure::usage(
            "--users needs to read the users twice: give --from a file rather than standard input",
        )),
        (None, _) => print_report(report, &args),
    }
}

/// `audit` against the tenant: a search, or the export job.
pub async fn run(client: &Client, args: AuditArgs) -> Outcome {
    if args.from.is_some() {
        return run_file(args);
    }
    let spool = match args.users {
        Some(_) => Some(Spool::create()?),
        None => None,
    };
    let audit = Arc::new(Mutex::new(Audit::new(options(&args))));
    let progress = Arc::new(Mutex::new(Progress::new()));
    let lines: Lines = {
        let (audit, progress) = (audit.clone(), progress.clone());
        let spool = spool.as_ref().map(|s| s.writer.clone());
        Box::new(move |line: &[u8]| {
            let users = {
                let mut audit = lock(&audit);
                audit.add_line(line);
                audit.users()
            };
            if let Some(spool) = &spool {
                let mut spool = lock(spool);
                spool.write_all(line)?;
                spool.write_all(b"\n")?;
            }
            lock(&progress).tick(users);
            Ok(())
        })
    };
    let partial = match &args.query {
        Some(q) => audit_source::search(client, q, lines).await,
        None => audit_source::export_all(client, lines).await.map(|()| None),
    }
    .map_err(Failure::error)?;
    let audit = Arc::try_unwrap(audit)
        .map_err(|_| Failure::error("the audit is still in use"))?
        .into_inner()
        .unwrap_or_else(|p| p.into_inner());
    lock(&progress).done(audit.users());
    let report = audit.finish(partial);
    match (&args.users, spool) {
        (Some(kind), Some(spool)) => {
            let path = spool.finish()?;
            print_users(&report, kind, args.path.as_deref(), |each| read_file(&path, each))
        }
        _ => print_report(report, &args),
    }
}

fn options(args: &AuditArgs) -> Options {
    Options {
        cap: args.cap,
        allowance: args.allowance,
        top: args.top,
    }
}

/// The users read from the tenant, kept for `--users`' second pass in a private
/// temporary file, removed when done.
struct Spool {
    path: PathBuf,
    writer: Arc<Mutex<GzEncoder<File>>>,
}

impl Spool {
    fn create() -> Result<Self, Failure> {
        let path = std::env::temp_dir().join(format!("auth0-meta-audit-{}.ndjson.gz", crate::random::random_hex(8)));
        let file = crate::storage::private::options()
            .create_new(true)
            .write(true)
            .open(&path)
            .map_err(|e| Failure::error(format!("a temporary file for --users: {e}")))?;
        let writer = Arc::new(Mutex::new(GzEncoder::new(file, flate2::Compression::fast())));
        Ok(Self { path, writer })
    }

    fn finish(self) -> Result<SpoolFile, Failure> {
        let writer = Arc::try_unwrap(self.writer).map_err(|_| Failure::error("the spool is still in use"))?;
        let encoder = writer.into_inner().unwrap_or_else(|p| p.into_inner());
        encoder.finish().map_err(|e| Failure::error(e.to_string()))?;
        Ok(SpoolFile(self.path))
    }
}

struct SpoolFile(PathBuf);

impl std::ops::Deref for SpoolFile {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for SpoolFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn read_failed(path: &Path, err: io::Error) -> Failure {
    Failure::usage(format!("--from {}: {err}", path.display()))
}

/// `path` (`-`: standard input), gunzipped when it is gzip.
fn open(path: &Path) -> Result<Box<dyn BufRead>, Failure> {
    let named = |e: io::Error| read_failed(path, e);
    let raw: Box<dyn Read> = match path.as_os_str() == "-" {
        true => Box::new(io::stdin().lock()),
        false => Box::new(File::open(path).map_err(named)?),
    };
    let mut buffered = BufReader::with_capacity(1 << 16, raw);
    let gzip = buffered.fill_buf().map_err(named)?.starts_with(&[0x1f, 0x8b]);
    Ok(match gzip {
        true => Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(buffered))),
        false => Box::new(buffered),
    })
}

/// Every line of `path`, one at a time.
fn read_file(path: &Path, mut each: impl FnMut(&[u8])) -> Outcome {
    let named = |e: io::Error| read_failed(path, e);
    let mut reader = open(path)?;
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).map_err(named)? == 0 {
            return Ok(());
        }
        each(&line);
    }
}

/// The second pass: the users of findings of `kind`, one JSON object per line.
fn print_users(
    report: &Report,
    kind: &str,
    path: Option<&str>,
    read: impl FnOnce(&mut dyn FnMut(&[u8])) -> Outcome,
) -> Outcome {
    let mut printed = Ok(());
    read(&mut |line: &[u8]| {
        let Ok(user) = serde_json::from_slice::<Map<String, Value>>(line) else {
            return;
        };
        if let Some(found) = user_line(&user, report, kind, path) {
            if printed.is_ok() {
                printed = serde_json::to_string(&found).map(|text| say!("{text}"));
            }
        }
    })?;
    printed.map_err(|e| Failure::error(e.to_string()))
}

fn print_report(mut report: Report, args: &AuditArgs) -> Outcome {
    if args.redact {
        report.redact();
    }
    match args.format {
        AuditFormat::Json => {
            let text = serde_json::to_string_pretty(&report).map_err(|e| Failure::error(e.to_string()))?;
            say!("{text}");
        }
        AuditFormat::Table => tell!("{}", audit_table::render(&report)),
    }
    if let Some(partial) = &report.partial {
        note!("note: partial: {partial}");
    }
    for warning in &report.warnings {
        note!("warning: {warning}");
    }
    Ok(())
}

/// Users done and the rate, on standard error when it is a terminal; quiet otherwise.
struct Progress {
    show: bool,
    started: Instant,
    last: Instant,
}

impl Progress {
    fn new() -> Self {
        let now = Instant::now();
        Self {
            show: io::stderr().is_terminal(),
            started: now,
            last: now,
        }
    }

    fn tick(&mut self, users: u64) {
        if !self.show || self.last.elapsed().as_millis() < 200 {
            return;
        }
        self.last = Instant::now();
        let rate = users as f64 / self.started.elapsed().as_secs_f64().max(0.001);
        note_inline!("\raudited {users} users ({rate:.0}/s)   ");
    }

    fn done(&mut self, users: u64) {
        if self.show {
            note_inline!("\raudited {users} users in {:.1?}      \n", self.started.elapsed());
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}
