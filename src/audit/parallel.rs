//! The audit on several threads: blocks of whole lines go to workers in turn, each
//! keeps an `Audit` of its own, and the audits are merged at the end. Parsing a user is
//! most of the work, so two cores read about twice as many users a second.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;

use super::{Audit, Options};

/// Bytes of whole lines handed to a worker at a time.
pub const BLOCK: usize = 1 << 20;

pub struct Parallel {
    senders: Vec<SyncSender<Vec<u8>>>,
    workers: Vec<JoinHandle<Audit>>,
    next: usize,
    done: Arc<AtomicU64>,
}

impl Parallel {
    /// `threads` workers (at least one), each with a few blocks in flight at most.
    pub fn start(options: Options, threads: usize) -> Self {
        let done = Arc::new(AtomicU64::new(0));
        let (mut senders, mut workers) = (Vec::new(), Vec::new());
        for _ in 0..threads.max(1) {
            let (tx, rx) = sync_channel::<Vec<u8>>(4);
            let done = done.clone();
            senders.push(tx);
            workers.push(std::thread::spawn(move || {
                let mut audit = Audit::new(options);
                for block in rx {
                    let before = audit.users();
                    for line in block.split(|b| *b == b'\n') {
                        audit.add_line(line);
                    }
                    done.fetch_add(audit.users() - before, Ordering::Relaxed);
                }
                audit
            }));
        }
        Self {
            senders,
            workers,
            next: 0,
            done,
        }
    }

    /// Users audited so far.
    pub fn users(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    /// A block of whole lines (a line may not straddle two blocks).
    pub fn feed(&mut self, block: Vec<u8>) {
        let at = self.next % self.senders.len();
        self.next += 1;
        // A worker that panicked has dropped its receiver: `finish` reports it.
        let _ = self.senders[at].send(block);
    }

    /// The merged audit, the first worker's users first.
    pub fn finish(self) -> Result<Audit, String> {
        drop(self.senders);
        let mut merged: Option<Audit> = None;
        for worker in self.workers {
            let audit = worker.join().map_err(|_| "an audit worker failed".to_string())?;
            merged = Some(match merged {
                None => audit,
                Some(mut all) => {
                    all.merge(audit);
                    all
                }
            });
        }
        merged.ok_or_else(|| "no audit worker".to_string())
    }
}

/// Cuts what `read` gives into blocks of whole lines for `Parallel::feed`.
#[derive(Default)]
pub struct Blocks {
    buffer: Vec<u8>,
}

impl Blocks {
    /// Takes more bytes; gives back a block when one is full.
    pub fn push(&mut self, bytes: &[u8]) -> Option<Vec<u8>> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() < BLOCK {
            return None;
        }
        let end = memchr::memrchr(b'\n', &self.buffer)? + 1;
        let rest = self.buffer.split_off(end);
        Some(std::mem::replace(&mut self.buffer, rest))
    }

    /// The last block, whatever its size.
    pub fn finish(self) -> Option<Vec<u8>> {
        (!self.buffer.is_empty()).then_some(self.buffer)
    }
}
