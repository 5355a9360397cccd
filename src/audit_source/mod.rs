//! Where an audit reads the tenant's users, for `auth0-meta audit` and the TUI's `A`: a
//! search, paged as far as its 1000-result window goes (the report says when it stops
//! short), or the user export job, streamed line by line. Each user is handed on as one
//! NDJSON line; nothing holds the tenant.

mod spool;

pub use spool::{each_line, open, Spool, SpoolFile, SpoolWriter};

use std::io::{self, Write};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::api::{Client, ListQuery};
use crate::export;

/// Users a search can reach: Auth0's window.
pub const WINDOW: u64 = 1000;

/// Takes each user as one JSON line.
pub type Lines = Box<dyn FnMut(&[u8]) -> io::Result<()> + Send>;

/// The users a search matches; `Some(why)` when the search holds more than its window.
/// `expected` learns how many users will come, once the first page says.
pub async fn search(client: &Client, q: &str, expected: &AtomicU64, mut each: Lines) -> Result<Option<String>, String> {
    let per_page = 100;
    let (mut page, mut total, mut read) = (0, 0, 0u64);
    loop {
        let query = ListQuery {
            q: Some(q.to_string()),
            page,
            per_page,
            sort: None,
            fields: Vec::new(),
        };
        let found = client.list_users(&query).await.map_err(|e| e.to_string())?;
        total = total.max(found.total);
        expected.store(total.min(WINDOW), Ordering::Relaxed);
        for user in &found.users {
            let line = serde_json::to_vec(&user.0).map_err(|e| e.to_string())?;
            each(&line).map_err(|e| e.to_string())?;
            read += 1;
        }
        let asked = u64::from(page + 1) * u64::from(per_page);
        if found.users.len() < per_page as usize || asked >= total.min(WINDOW) {
            break;
        }
        page += 1;
    }
    Ok((total > WINDOW).then(|| {
        format!(
            "the search matches {total} users, and Auth0's search reaches only the first {WINDOW}: {read} were audited (the export reads every user)"
        )
    }))
}

/// Every user, through the export job (the whole profile, metadata included).
pub async fn export_all(client: &Client, each: Lines) -> Result<(), String> {
    let out: Box<dyn Write + Send> = Box::new(LineWriter {
        pending: Vec::new(),
        each,
    });
    export::export(client, &export::Options::default(), out)
        .await
        .map(|_| ())
}

/// The export's NDJSON, cut into lines whatever chunks it comes in.
struct LineWriter {
    pending: Vec<u8>,
    each: Lines,
}

impl Write for LineWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        let mut start = 0;
        while let Some(end) = memchr::memchr(b'\n', &self.pending[start..]) {
            (self.each)(&self.pending[start..start + end])?;
            start += end + 1;
        }
        self.pending.drain(..start);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            (self.each)(&rest)?;
        }
        Ok(())
    }
}

impl Drop for LineWriter {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}
