//! The users an audit read from the tenant (or standard input), kept for a second pass
//! (`--users`, or Enter on a finding in the TUI) in a private temporary file, gzip,
//! removed when the last holder drops it; and reading such files, or `--from` files,
//! one line at a time.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;

/// Being written: each user one line.
pub struct Spool {
    /// Removed if the spool is dropped before it is finished.
    file: SpoolFile,
    writer: Arc<Mutex<GzEncoder<File>>>,
}

impl Spool {
    pub fn create() -> io::Result<Self> {
        let name = format!("auth0-meta-audit-{}.ndjson.gz", crate::random::random_hex(8));
        let path = std::env::temp_dir().join(name);
        let file = crate::storage::private::options()
            .create_new(true)
            .write(true)
            .open(&path)?;
        let writer = Arc::new(Mutex::new(GzEncoder::new(file, flate2::Compression::fast())));
        Ok(Self {
            file: SpoolFile(path),
            writer,
        })
    }

    /// A handle that appends users, for the reader's callback.
    pub fn writer(&self) -> SpoolWriter {
        SpoolWriter(self.writer.clone())
    }

    /// Closes the file for reading; fails while a writer handle is alive.
    pub fn finish(self) -> io::Result<SpoolFile> {
        let file = self.file;
        let writer = Arc::try_unwrap(self.writer).map_err(|_| io::Error::other("the spool is still in use"))?;
        writer.into_inner().unwrap_or_else(|p| p.into_inner()).finish()?;
        Ok(file)
    }
}

#[derive(Clone)]
pub struct SpoolWriter(Arc<Mutex<GzEncoder<File>>>);

impl SpoolWriter {
    pub fn add(&self, line: &[u8]) -> io::Result<()> {
        let mut out = self.0.lock().unwrap_or_else(|p| p.into_inner());
        out.write_all(line)?;
        out.write_all(b"\n")
    }
}

/// The finished file, removed on drop.
#[derive(Debug, PartialEq)]
pub struct SpoolFile(PathBuf);

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

/// `path` (`-`: standard input), gunzipped when it is gzip; `read` counts the bytes
/// taken from the file itself (compressed), for a progress bar.
pub fn open(path: &Path, read: Arc<std::sync::atomic::AtomicU64>) -> io::Result<Box<dyn BufRead>> {
    let raw: Box<dyn Read> = match path.as_os_str() == "-" {
        true => Box::new(io::stdin().lock()),
        false => Box::new(File::open(path)?),
    };
    let raw = Counted { inner: raw, read };
    let mut buffered = BufReader::with_capacity(1 << 16, raw);
    let gzip = buffered.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(match gzip {
        true => Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(buffered))),
        false => Box::new(buffered),
    })
}

/// Every line of `path`, one at a time.
pub fn each_line(path: &Path, mut each: impl FnMut(&[u8])) -> io::Result<()> {
    let mut reader = open(path, Arc::default())?;
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        each(&line);
    }
}

struct Counted<R> {
    inner: R,
    read: Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}
