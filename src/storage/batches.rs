//! Bulk changes on disk, one folder per batch under the tenant: `plan.json` (what the
//! operation is, frozen when the batch starts), `users` (the user ids, one a line, frozen
//! too, so a resume neither re-reads standard input nor sees a search that shifted),
//! `progress.jsonl` (one synced line per user settled, appended) and a lock held by the
//! one process running the batch.

use std::collections::HashMap;
use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::journal::append_line;
use super::lock::{self, DraftLock, Holder};
use super::{private, Storage};

/// What a batch does, in the words of its command line (parsed again on resume).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub id: String,
    pub tenant: String,
    pub created_at: String,
    /// `set`, `unset`, `move`, `retype`.
    pub operation: String,
    /// Its arguments: `[PATH, VALUE]`, `[PATH]`, `[PATH, NEW_PATH]`, `[PATH, TYPE]`.
    pub args: Vec<String>,
    pub force: bool,
    /// Where the users came from, for `bulk status`.
    pub source: String,
    pub total: u64,
    /// Users changed at once.
    #[serde(default = "default_parallel")]
    pub parallel: usize,
    /// Requests a second at most (`--max-rate`), leaving the rest of the budget to the
    /// tenant's other clients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_rate: Option<f64>,
}

/// Batches written before the plan kept it ran four at a time.
fn default_parallel() -> usize {
    4
}

/// How one user ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settled {
    /// The user's place in `users`.
    pub n: u64,
    pub user_id: String,
    /// `changed`, `already`, `skipped`, `failed`, `unknown`.
    pub result: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Batch {
    pub dir: PathBuf,
}

impl Storage {
    pub fn batches_dir(&self) -> PathBuf {
        self.root.join("batches").join(super::file_name::encode(&self.tenant))
    }

    pub fn batch(&self, id: &str) -> Batch {
        Batch {
            dir: self.batches_dir().join(super::file_name::encode(id)),
        }
    }

    /// Every batch of the tenant, oldest first.
    pub fn batch_ids(&self) -> io::Result<Vec<String>> {
        let mut plans: Vec<Plan> = Vec::new();
        let dir = match fs::read_dir(self.batches_dir()) {
            Ok(dir) => dir,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        for entry in dir.flatten() {
            if let Ok(plan) = (Batch { dir: entry.path() }).plan() {
                plans.push(plan);
            }
        }
        plans.sort_by(|a, b| a.created_at.cmp(&b.created_at).then_with(|| a.id.cmp(&b.id)));
        Ok(plans.into_iter().map(|p| p.id).collect())
    }
}

impl Batch {
    /// Writes the plan and the frozen list of users: a new batch.
    pub fn create(&self, plan: &Plan, users: &[String]) -> io::Result<()> {
        private::create_dir(&self.dir)?;
        let mut list = Vec::with_capacity(users.len() * 32);
        for id in users {
            list.extend_from_slice(id.as_bytes());
            list.push(b'\n');
        }
        write_synced(&self.dir.join("users"), &list)?;
        write_synced(
            &self.dir.join("plan.json"),
            &serde_json::to_vec_pretty(plan).map_err(io::Error::other)?,
        )
    }

    pub fn plan(&self) -> io::Result<Plan> {
        serde_json::from_slice(&fs::read(self.dir.join("plan.json"))?).map_err(io::Error::other)
    }

    /// The frozen users, in order.
    pub fn users(&self) -> io::Result<Vec<String>> {
        let file = fs::File::open(self.dir.join("users"))?;
        BufReader::new(file).lines().collect()
    }

    /// How each user settled so far, by place; a line cut by a crash is skipped (that
    /// user is simply done again, which the operation makes safe).
    pub fn progress(&self) -> io::Result<HashMap<u64, Settled>> {
        let file = match fs::File::open(self.dir.join("progress.jsonl")) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(HashMap::new()),
            Err(e) => return Err(e),
        };
        let mut done = HashMap::new();
        for line in BufReader::new(file).lines() {
            if let Ok(settled) = serde_json::from_str::<Settled>(&line?) {
                done.insert(settled.n, settled);
            }
        }
        Ok(done)
    }

    pub fn record(&self, settled: &Settled) -> io::Result<()> {
        append_line(
            &self.dir.join("progress.jsonl"),
            serde_json::to_vec(settled).map_err(io::Error::other)?,
        )
    }

    /// The one process running the batch holds this.
    pub fn lock(&self) -> io::Result<Result<DraftLock, Holder>> {
        lock::acquire(&self.dir.join("batch.lock"))
    }

    /// Why the batch last stopped short (a 401, Ctrl-C), if it did.
    pub fn set_paused(&self, reason: Option<&str>) -> io::Result<()> {
        let path = self.dir.join("paused");
        match reason {
            Some(reason) => write_synced(&path, reason.as_bytes()),
            None => match fs::remove_file(&path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
        }
    }

    pub fn paused(&self) -> Option<String> {
        fs::read_to_string(self.dir.join("paused")).ok()
    }
}

fn write_synced(path: &std::path::Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = private::options().create(true).write(true).truncate(true).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
