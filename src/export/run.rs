//! The export from the command line: start the job, follow it, and stream its file
//! from the download link (no credentials) through gunzip to NDJSON or CSV, filtering
//! with Auth0's search syntax on the way. Memory stays flat whatever the count.

use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::Duration;

use flate2::read::GzDecoder;
use futures_util::StreamExt;
use serde_json::{json, Map, Value};

use super::fields::job_fields;
use crate::api::Client;
use crate::export_file::{csv_line, field_at};
use crate::lucene::{self, Query};

/// What to export and how to write it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Only the users of this connection, by name.
    pub connection: Option<String>,
    /// Dotted field names to write; every field when empty.
    pub fields: Vec<String>,
    pub format: Format,
    /// An Auth0 search query applied here to every user.
    pub filter: Option<String>,
}

/// The file written: one JSON user per line, or a CSV table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Ndjson,
    Csv,
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exported {
    pub read: u64,
    pub written: u64,
    /// The output's reader went away (`| head`): the export stopped there.
    pub cut: bool,
}

/// How often a download is tried again before giving up (an expired link is renewed).
const DOWNLOAD_TRIES: u32 = 4;

pub async fn export(client: &Client, args: &Options, out: Box<dyn Write + Send>) -> Result<Exported, String> {
    let filter = match &args.filter {
        Some(q) => Some(lucene::parse(q).map_err(|e| format!("--filter: {e}"))?),
        None => None,
    };
    // Always an explicit list: without one, Auth0 exports a predefined set without metadata.
    let fields: Vec<Value> = job_fields(&args.fields, filter.as_ref())?
        .into_iter()
        .map(|name| json!({ "name": name }))
        .collect();
    let mut body = json!({"format": "json", "fields": fields});
    if let Some(name) = &args.connection {
        let found = client.connection_named(name).await.map_err(|e| e.to_string())?;
        let id = found.and_then(|c| c["id"].as_str().map(String::from));
        body["connection_id"] = json!(id.ok_or_else(|| format!("the tenant has no connection named {name}"))?);
    }
    let job = client.start_export(&body).await.map_err(|e| e.to_string())?;
    let id = job["id"].as_str().ok_or("the export job has no id")?.to_string();
    let mut location = wait(client, &id).await?;
    let plan = Plan {
        filter,
        fields: args.fields.clone(),
        format: args.format,
    };
    let (tx, rx) = sync_channel::<io::Result<Vec<u8>>>(32);
    let writer = tokio::task::spawn_blocking(move || plan.write(ChannelReader::new(rx), out));
    let http = crate::api::http_builder().build().map_err(|e| e.to_string())?;
    let mut tries = 0;
    loop {
        tries += 1;
        match download(&http, &location, &tx).await {
            Ok(()) => break,
            Err(Retry::Again(reason)) if tries < DOWNLOAD_TRIES => {
                note!("note: download: {reason}; trying again");
                location = wait(client, &id).await?; // a fresh link
            }
            Err(Retry::Again(reason) | Retry::Stop(reason)) => {
                let _ = tx.send(Err(io::Error::other(reason.clone())));
                drop(tx);
                let _ = writer.await;
                return Err(format!("the download failed: {reason}"));
            }
        }
    }
    drop(tx);
    writer.await.map_err(|e| e.to_string())?.map_err(|e| e.to_string())
}

/// Follows the job until it completes; a progress line on a terminal, quiet otherwise.
async fn wait(client: &Client, id: &str) -> Result<String, String> {
    let show = io::stderr().is_terminal();
    // Quick for a small tenant, then every 2 s: a job of hours is not polled 5 times a second.
    let mut pause = Duration::from_millis(200);
    loop {
        let job = client.job(id).await.map_err(|e| e.to_string())?;
        match job["status"].as_str() {
            Some("completed") => {
                if show {
                    note_inline!("\rexport ready                    \r");
                }
                return job["location"]
                    .as_str()
                    .map(String::from)
                    .ok_or_else(|| "no download link".into());
            }
            Some("failed") => return Err(format!("the export job failed: {job}")),
            _ => {
                if show {
                    note_inline!("\rexporting: {}% done", job["percentage_done"].as_u64().unwrap_or(0));
                }
                tokio::time::sleep(pause).await;
                pause = (pause * 3 / 2).min(Duration::from_secs(2));
            }
        }
    }
}

enum Retry {
    /// Nothing was passed on yet: the download may start again (with a fresh link).
    Again(String),
    Stop(String),
}

/// Streams the file at `location` (no Authorization header) into `tx`.
async fn download(http: &reqwest::Client, location: &str, tx: &SyncSender<io::Result<Vec<u8>>>) -> Result<(), Retry> {
    let response = http
        .get(location)
        .send()
        .await
        .map_err(|e| Retry::Again(e.to_string()))?;
    if !response.status().is_success() {
        return Err(Retry::Again(format!("the link answered {}", response.status())));
    }
    let mut stream = response.bytes_stream();
    let mut sent = false;
    while let Some(chunk) = stream.next().await {
        let chunk = match chunk {
            Ok(chunk) => chunk,
            Err(e) if !sent => return Err(Retry::Again(e.to_string())),
            Err(e) => return Err(Retry::Stop(e.to_string())),
        };
        sent = true;
        // The writer stopped (an output error): it reports that itself.
        let sender = tx.clone();
        if tokio::task::spawn_blocking(move || sender.send(Ok(chunk.to_vec())))
            .await
            .map_or(true, |r| r.is_err())
        {
            return Ok(());
        }
    }
    Ok(())
}

/// What to do with each exported user.
struct Plan {
    filter: Option<Query>,
    fields: Vec<String>,
    format: Format,
}

impl Plan {
    /// Writes every user; output closed by its reader (`| head`) ends the export, marked cut.
    fn write(self, input: ChannelReader, out: Box<dyn Write + Send>) -> io::Result<Exported> {
        let mut counts = Exported {
            read: 0,
            written: 0,
            cut: false,
        };
        match self.write_into(input, out, &mut counts) {
            Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(Exported { cut: true, ..counts }),
            other => other.map(|()| counts),
        }
    }

    fn write_into(&self, input: ChannelReader, out: Box<dyn Write + Send>, counts: &mut Exported) -> io::Result<()> {
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        let lines = BufReader::with_capacity(1 << 16, GzDecoder::new(input));
        let csv_fields = if self.fields.is_empty() {
            vec![
                "user_id".to_string(),
                "email".to_string(),
                "name".to_string(),
                "created_at".to_string(),
            ]
        } else {
            self.fields.clone()
        };
        if self.format == Format::Csv {
            writeln!(out, "{}", csv_fields.join(","))?;
        }
        let passthrough = self.filter.is_none() && self.fields.is_empty() && self.format == Format::Ndjson;
        for line in lines.split(b'\n') {
            let line = line?;
            if line.is_empty() {
                continue;
            }
            counts.read += 1;
            if passthrough {
                out.write_all(&line)?;
                out.write_all(b"\n")?;
                counts.written += 1;
                continue;
            }
            let Ok(Value::Object(user)) = serde_json::from_slice::<Value>(&line) else {
                continue;
            };
            if self.filter.as_ref().is_some_and(|q| !q.matches(&user)) {
                continue;
            }
            match self.format {
                Format::Csv => writeln!(out, "{}", csv_line(&user, &csv_fields))?,
                Format::Ndjson => {
                    serde_json::to_writer(&mut out, &self.project(&user))?;
                    out.write_all(b"\n")?;
                }
            }
            counts.written += 1;
        }
        out.flush()
    }

    fn project(&self, user: &Map<String, Value>) -> Value {
        if self.fields.is_empty() {
            return Value::Object(user.clone());
        }
        let picked: Map<String, Value> = self
            .fields
            .iter()
            .filter_map(|f| Some((f.clone(), field_at(user, f)?.clone())))
            .collect();
        Value::Object(picked)
    }
}

/// The downloaded chunks as one byte stream, for the (blocking) gunzip.
struct ChannelReader {
    rx: Receiver<io::Result<Vec<u8>>>,
    chunk: Vec<u8>,
    at: usize,
}

impl ChannelReader {
    fn new(rx: Receiver<io::Result<Vec<u8>>>) -> Self {
        Self {
            rx,
            chunk: Vec::new(),
            at: 0,
        }
    }
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.chunk.len() {
            match self.rx.recv() {
                Ok(Ok(chunk)) => (self.chunk, self.at) = (chunk, 0),
                Ok(Err(err)) => return Err(err),
                Err(_) => return Ok(0), // the download is over
            }
        }
        let n = buf.len().min(self.chunk.len() - self.at);
        buf[..n].copy_from_slice(&self.chunk[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}
