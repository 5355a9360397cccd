//! The tool's own files (drafts) are written by one task, in the order `update` asked.
//! Saves of a draft can then never race: a newer state is never overwritten by an older
//! one, a save queued behind a newer one for the same file is skipped, and quitting
//! waits until everything asked for is on disk.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::task::JoinHandle;

use super::effect::DraftEffect;
use super::msg::Msg;
use crate::storage::drafts::{self, Draft};
use crate::storage::lock::{self, DraftLock, Holder};
use crate::timestamp::now_millis;

/// Where drafts go: the disk, or in tests a writer that is slow or fails on purpose.
pub trait DraftFiles: Send + Sync + 'static {
    fn save(&self, path: &Path, draft: &Draft) -> io::Result<()>;
    fn delete(&self, path: &Path) -> io::Result<()>;
    fn load(&self, path: &Path) -> io::Result<Option<Draft>>;
}

pub struct Disk;

impl DraftFiles for Disk {
    fn save(&self, path: &Path, draft: &Draft) -> io::Result<()> {
        drafts::save(path, draft)
    }
    fn delete(&self, path: &Path) -> io::Result<()> {
        drafts::delete(path)
    }
    fn load(&self, path: &Path) -> io::Result<Option<Draft>> {
        drafts::load(path)
    }
}

pub struct FileQueue {
    tx: UnboundedSender<DraftEffect>,
    worker: JoinHandle<()>,
}

impl FileQueue {
    /// Starts the writer; its results come back on `msgs`.
    pub fn start(msgs: UnboundedSender<Msg>, files: Arc<dyn DraftFiles>) -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        let worker = tokio::spawn(work(rx, msgs, files));
        Self { tx, worker }
    }

    pub fn submit(&self, effect: DraftEffect) {
        // The worker only stops when the queue is finished, after the last submit.
        let _ = self.tx.send(effect);
    }

    /// Waits until everything submitted is written.
    pub async fn finish(self) {
        drop(self.tx);
        let _ = self.worker.await;
    }
}

async fn work(mut rx: UnboundedReceiver<DraftEffect>, msgs: UnboundedSender<Msg>, files: Arc<dyn DraftFiles>) {
    // Locks held for the users open here, released when their user is left or the
    // queue (the process) ends.
    let mut locks: HashMap<PathBuf, DraftLock> = HashMap::new();
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while let Ok(next) = rx.try_recv() {
            batch.push(next);
        }
        for (i, effect) in batch.iter().enumerate() {
            if superseded(effect, &batch[i + 1..]) {
                continue;
            }
            match effect {
                DraftEffect::Lock { file, user_id } => {
                    let held_by = take_lock(file, &mut locks);
                    let user_id = user_id.clone();
                    let _ = msgs.send(Msg::DraftLocked { user_id, held_by });
                    continue;
                }
                DraftEffect::Unlock { file } => {
                    if let Some(lock) = locks.remove(file) {
                        lock.release();
                    }
                    continue;
                }
                DraftEffect::Save { .. } | DraftEffect::Delete { .. } | DraftEffect::Load { .. } => {}
            }
            let (effect, files) = (effect.clone(), files.clone());
            let msg = tokio::task::spawn_blocking(move || run(effect, files.as_ref()))
                .await
                .unwrap_or_else(|err| Some(Msg::DraftSaved(Err(err.to_string()))));
            if let Some(msg) = msg {
                let _ = msgs.send(msg);
            }
        }
    }
    // The queue (the process) ends cleanly: no lock file is left behind.
    locks.into_values().for_each(DraftLock::release);
}

/// Takes the lock at `file` (or keeps the one held); `Some` names the other holder. A
/// lock that cannot even be tried (no state directory) does not stop editing: the
/// draft writes report that trouble themselves.
fn take_lock(file: &Path, locks: &mut HashMap<PathBuf, DraftLock>) -> Option<Holder> {
    if locks.contains_key(file) {
        return None;
    }
    match lock::acquire(file) {
        Ok(Ok(held)) => {
            locks.insert(file.to_path_buf(), held);
            None
        }
        Ok(Err(holder)) => Some(holder),
        Err(_) => None,
    }
}

fn file_written(effect: &DraftEffect) -> Option<&Path> {
    match effect {
        DraftEffect::Save { file, .. } | DraftEffect::Delete { file } => Some(file),
        DraftEffect::Load { .. } | DraftEffect::Lock { .. } | DraftEffect::Unlock { .. } => None,
    }
}

/// A write followed in the same batch by another write of the same file, with no read
/// of it in between, would be replaced at once: skip it.
fn superseded(effect: &DraftEffect, later: &[DraftEffect]) -> bool {
    let Some(file) = file_written(effect) else {
        return false;
    };
    for next in later {
        match next {
            DraftEffect::Load { file: read, .. } if read == file => return false,
            _ if file_written(next) == Some(file) => return true,
            _ => {}
        }
    }
    false
}

/// Runs one draft effect against `files`. Locks are the queue's own (`work`): they
/// live as long as the queue, so here they answer nothing.
pub fn run(effect: DraftEffect, files: &dyn DraftFiles) -> Option<Msg> {
    match effect {
        DraftEffect::Save {
            file,
            tenant,
            user_id,
            edits,
            cleared,
            base,
        } => {
            let draft = Draft {
                tenant,
                user_id,
                saved_at: now_millis(),
                edits,
                cleared,
                base,
            };
            Some(Msg::DraftSaved(files.save(&file, &draft).map_err(|e| e.to_string())))
        }
        DraftEffect::Delete { file } => Some(Msg::DraftSaved(files.delete(&file).map_err(|e| e.to_string()))),
        DraftEffect::Load { file, user_id } => Some(Msg::DraftLoaded {
            user_id,
            result: files.load(&file).map_err(|e| e.to_string()),
        }),
        DraftEffect::Lock { .. } | DraftEffect::Unlock { .. } => None,
    }
}
