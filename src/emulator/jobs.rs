//! User export jobs (https://auth0.com/docs/manage-users/user-migration/bulk-user-exports): `POST /api/v2/jobs/users-exports` starts one, `GET
//! /api/v2/jobs/{id}` says how far it is and, once completed, gives a download link that
//! needs no Authorization header, is valid for 60 seconds and is renewed by asking for
//! the job again. The file is gzip-compressed NDJSON or CSV, written by streaming the
//! users through the compressor: memory stays the same whatever the tenant's size.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::{json, Map, Value};

use super::connections::DEFAULT_DATABASE;
use super::synthetic::{self, Synthetic};
use crate::export_file::field_at;
use crate::random::{random_alphanumeric, random_hex};
use crate::timestamp::{format_millis, now_millis, now_secs};

/// How long a download link lives.
pub const LINK_SECONDS: u64 = 60;

/// What to export, as the request said.
#[derive(Debug, Clone)]
pub struct ExportSpec {
    /// `fields` exactly as sent, echoed in the job object (absent when not sent).
    pub sent_fields: Option<Value>,
    pub format: String,
    pub connection_id: Option<String>,
    /// The connection's name, for matching users' identities.
    pub connection: Option<String>,
    pub limit: Option<u64>,
    /// `(name, export_as)`.
    pub fields: Vec<(String, String)>,
}

pub struct Job {
    pub id: String,
    created_at: String,
    spec: ExportSpec,
    /// Users written so far, and how many there are to write.
    pub done: Arc<AtomicU64>,
    total: u64,
    /// 0 pending, 1 processing, 2 completed, 3 failed.
    pub stage: Arc<AtomicU64>,
    pub file: PathBuf,
    /// The download link's signature and expiry (seconds since the epoch).
    link: Option<(String, u64)>,
    /// Whether a `GET` has shown the job `processing`: every job passes through it, even
    /// one that finished before it was first asked about.
    seen_processing: bool,
}

#[derive(Default)]
pub struct Jobs {
    jobs: HashMap<String, Job>,
}

impl Jobs {
    pub fn start(&mut self, spec: ExportSpec, total: u64, dir: &std::path::Path) -> &Job {
        let id = format!("job_{}", random_alphanumeric(16));
        let job = Job {
            file: dir.join(format!("{id}.gz")),
            id: id.clone(),
            created_at: format_millis(now_millis()),
            spec,
            done: Arc::new(AtomicU64::new(0)),
            total,
            stage: Arc::new(AtomicU64::new(0)),
            link: None,
            seen_processing: false,
        };
        self.jobs.entry(id).or_insert(job)
    }

    /// The job as `GET /api/v2/jobs/{id}` shows it; a completed job gets a fresh link,
    /// signed and with its expiry in its query, as a storage bucket's links are.
    pub fn show(&mut self, id: &str, base_url: &str, tenant: &str, link_seconds: u64) -> Option<Value> {
        let job = self.jobs.get_mut(id)?;
        let mut stage = job.stage.load(Ordering::Relaxed);
        if stage == 2 && !job.seen_processing {
            stage = 1;
        }
        job.seen_processing |= stage == 1;
        let mut shown = job.describe(stage);
        if stage == 2 {
            let signature = random_hex(40);
            let expires = now_secs() + link_seconds;
            let extension = if job.spec.format == "csv" { "csv" } else { "json" };
            shown["location"] = json!(format!(
                "{base_url}/__exports/{tenant}.{extension}.gz?Expires={expires}&Signature={signature}"
            ));
            job.link = Some((signature, expires));
        }
        Some(shown)
    }

    /// The file behind a link, if its signature is a job's and it has not expired.
    pub fn download(&self, signature: &str, expires: &str) -> Result<PathBuf, &'static str> {
        let job = self
            .jobs
            .values()
            .find(|j| {
                j.link
                    .as_ref()
                    .is_some_and(|(s, e)| s == signature && e.to_string() == expires)
            })
            .ok_or("SignatureDoesNotMatch")?;
        match job.link.as_ref().is_some_and(|(_, e)| *e > now_secs()) {
            true => Ok(job.file.clone()),
            false => Err("AccessDenied: Request has expired"),
        }
    }
}

impl Job {
    pub fn describe(&self, stage: u64) -> Value {
        let status = ["pending", "processing", "completed", "failed"][stage.min(3) as usize];
        // As recorded: what was not sent is not shown, `fields` as sent.
        let mut shown = json!({"type": "users_export", "status": status});
        if let (Some(id), Some(name)) = (&self.spec.connection_id, &self.spec.connection) {
            shown["connection_id"] = json!(id);
            shown["connection"] = json!(name);
        }
        shown["format"] = json!(self.spec.format);
        if let Some(limit) = self.spec.limit {
            shown["limit"] = json!(limit);
        }
        if let Some(fields) = &self.spec.sent_fields {
            shown["fields"] = fields.clone();
        }
        shown["id"] = json!(self.id);
        shown["created_at"] = json!(self.created_at);
        if stage < 2 {
            let done = self.done.load(Ordering::Relaxed);
            let percentage = (done * 100).checked_div(self.total).unwrap_or(0).min(99);
            shown["percentage_done"] = json!(percentage);
            shown["time_left_seconds"] = json!(if percentage == 0 { 1 } else { 0 });
        }
        shown
    }
}

/// Writes the job's file: the seeded users, then generated ones, filtered by connection
/// and limited, each as a line of JSON or CSV, through gzip.
pub fn write(
    file: &std::path::Path,
    seed: Vec<Value>,
    synthetic: Synthetic,
    spec: &ExportSpec,
    done: &AtomicU64,
) -> io::Result<()> {
    let out = BufWriter::with_capacity(1 << 16, File::create(file)?);
    let mut gz = GzEncoder::new(out, Compression::fast());
    let names: Vec<String> = spec.fields.iter().map(|(n, _)| n.clone()).collect();
    if spec.format == "csv" {
        let header: Vec<&str> = spec.fields.iter().map(|(_, as_)| as_.as_str()).collect();
        writeln!(gz, "{}", header.join(","))?;
    }
    // Generated users of the default connection whose every root key is asked for, under
    // its own name, are written whole from text, after the rest.
    let fast = spec.format == "json"
        && spec.connection.as_deref().is_none_or(|c| c == DEFAULT_DATABASE)
        && covers_generated(spec);
    let users = seed.into_iter().chain(
        synthetic
            .numbers()
            .take(if fast { 0 } else { usize::MAX })
            .map(synthetic::user),
    );
    let limit = spec.limit.unwrap_or(u64::MAX);
    let mut line = Vec::with_capacity(1024);
    let mut count = 0u64;
    for (n, user) in users.filter(|u| in_connection(spec, u)).enumerate() {
        if n as u64 >= limit {
            break;
        }
        let Value::Object(user) = user else { continue };
        line.clear();
        encode(&user, spec, &names, &mut line)?;
        gz.write_all(&line)?;
        count += 1;
        if n % 1024 == 0 {
            done.store(n as u64, Ordering::Relaxed);
        }
    }
    if fast {
        write_generated(&mut gz, &synthetic, limit.saturating_sub(count), count, done)?;
    }
    gz.finish()?.flush()
}

/// True when `spec` asks for every root key a generated user has, each under its name.
fn covers_generated(spec: &ExportSpec) -> bool {
    let plain = |name: &str| spec.fields.iter().any(|(n, as_)| n == name && as_ == name);
    synthetic::user(0)
        .as_object()
        .is_some_and(|user| user.keys().all(|k| plain(k)))
}

fn in_connection(spec: &ExportSpec, user: &Value) -> bool {
    spec.connection.as_ref().is_none_or(|name| {
        user["identities"]
            .as_array()
            .is_some_and(|ids| ids.iter().any(|i| i["connection"].as_str() == Some(name)))
    })
}

/// One user as a line of the file: CSV cells, the whole user, or the fields asked for
/// under their `export_as` names.
fn encode(user: &Map<String, Value>, spec: &ExportSpec, names: &[String], line: &mut Vec<u8>) -> io::Result<()> {
    if spec.format == "csv" {
        let cells: Vec<String> = names.iter().map(|name| csv_cell(field_at(user, name))).collect();
        line.extend_from_slice(cells.join(",").as_bytes());
    } else {
        let picked: Map<String, Value> = spec
            .fields
            .iter()
            .filter_map(|(name, as_)| Some((as_.clone(), field_at(user, name)?.clone())))
            .collect();
        serde_json::to_writer(&mut *line, &picked).map_err(io::Error::other)?;
    }
    line.push(b'\n');
    Ok(())
}

/// A cell as Auth0 writes its CSV exports: a string with a leading `'` (so no
/// spreadsheet reads it as a formula), in double quotes, its quotes doubled; numbers
/// and booleans bare; nothing for a missing value; anything else as quoted JSON.
fn csv_cell(value: Option<&Value>) -> String {
    let quoted = |text: &str| format!("\"'{}\"", text.replace('"', "\"\""));
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => quoted(text),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(other) => quoted(&other.to_string()),
    }
}

/// Whole generated users, written as text directly (the same bytes as serializing them).
fn write_generated(
    out: &mut impl Write,
    synthetic: &Synthetic,
    room: u64,
    before: u64,
    done: &AtomicU64,
) -> io::Result<()> {
    let mut line = Vec::with_capacity(1024);
    for (i, n) in synthetic
        .numbers()
        .take(usize::try_from(room).unwrap_or(usize::MAX))
        .enumerate()
    {
        line.clear();
        synthetic::write_line(n, &mut line);
        line.push(b'\n');
        out.write_all(&line)?;
        if i % 1024 == 0 {
            done.store(before + i as u64, Ordering::Relaxed);
        }
    }
    Ok(())
}
