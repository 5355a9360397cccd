//! `auth0-meta audit`: reads users from a search, an export job or a file, one at a time,
//! into `audit::Audit`, then prints the report (a table or JSON) or, with `--users`, the
//! users of one finding (a second pass over the same users, spooled to a private
//! temporary file when they came from the tenant or standard input).

use std::io::{self, BufRead};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};

use crate::api::Client;
use crate::audit::{user_line, Audit, Blocks, Options, Parallel, Report};
use crate::audit_source::{self, Lines, Spool};
use crate::cli::{AuditArgs, AuditFormat};

use super::progress::Progress;
use super::{audit_table, Failure, Outcome};

/// `audit --from FILE`: no tenant needed.
pub fn run_file(args: AuditArgs) -> Outcome {
    let from = args.from.clone().unwrap_or_default();
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    let mut parallel = Parallel::start(options(&args), threads);
    let mut progress = Progress::new("audited");
    let mut blocks = Blocks::default();
    let read = Arc::new(AtomicU64::new(0));
    let size = std::fs::metadata(&from).ok().filter(|m| m.is_file()).map(|m| m.len());
    let mut reader = audit_source::open(&from, read.clone()).map_err(|e| read_failed(&from, e))?;
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
        let fraction = size.map(|size| read.load(Ordering::Relaxed) as f64 / size.max(1) as f64);
        progress.tick(parallel.users(), fraction);
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
        Some(_) => Some(Spool::create().map_err(|e| Failure::error(format!("a temporary file for --users: {e}")))?),
        None => None,
    };
    let audit = Arc::new(Mutex::new(Audit::new(options(&args))));
    let progress = Arc::new(Mutex::new(Progress::new("audited")));
    let expected = Arc::new(AtomicU64::new(0));
    let lines: Lines = {
        let (audit, progress, expected) = (audit.clone(), progress.clone(), expected.clone());
        let spool = spool.as_ref().map(Spool::writer);
        Box::new(move |line: &[u8]| {
            let users = {
                let mut audit = lock(&audit);
                audit.add_line(line);
                audit.users()
            };
            if let Some(spool) = &spool {
                spool.add(line)?;
            }
            let whole = expected.load(Ordering::Relaxed);
            lock(&progress).tick(users, (whole > 0).then(|| users as f64 / whole as f64));
            Ok(())
        })
    };
    let partial = match &args.query {
        Some(q) => audit_source::search(client, q, &expected, lines).await,
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
            let path = spool.finish().map_err(|e| Failure::error(e.to_string()))?;
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

fn read_failed(path: &Path, err: io::Error) -> Failure {
    Failure::usage(format!("--from {}: {err}", path.display()))
}

/// Every line of `path`, one at a time.
fn read_file(path: &Path, each: impl FnMut(&[u8])) -> Outcome {
    audit_source::each_line(path, each).map_err(|e| read_failed(path, e))
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

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}
