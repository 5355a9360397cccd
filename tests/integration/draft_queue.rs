//! Draft saves in order: a slow writer and hundreds of saves, deletes and loads queued at
//! once never put an older state over a newer one, and finishing the queue waits for
//! the last write.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use auth0_meta::domain::{Edit, JsonPath, MetadataField};
use auth0_meta::storage::drafts::{self, Draft, DraftEdit};
use auth0_meta::tui::effect::DraftEffect;
use auth0_meta::tui::file_queue::{DraftFiles, FileQueue};
use auth0_meta::tui::msg::Msg;
use serde_json::json;

/// Writes to disk, slowly, and records how many edits each save held.
struct Slow {
    saved: Mutex<Vec<usize>>,
}

impl DraftFiles for Slow {
    fn save(&self, path: &Path, draft: &Draft) -> io::Result<()> {
        // Yield the core a few times mid-write, so other work interleaves if it can.
        for _ in 0..50 {
            std::thread::yield_now();
        }
        self.saved.lock().unwrap().push(draft.edits.len());
        drafts::save(path, draft)
    }
    fn delete(&self, path: &Path) -> io::Result<()> {
        self.saved.lock().unwrap().push(0);
        drafts::delete(path)
    }
    fn load(&self, path: &Path) -> io::Result<Option<Draft>> {
        drafts::load(path)
    }
}

fn save(file: &Path, edits: usize) -> DraftEffect {
    DraftEffect::Save {
        file: file.to_path_buf(),
        tenant: "t".into(),
        user_id: "auth0|1".into(),
        edits: (0..edits)
            .map(|i| DraftEdit {
                field: MetadataField::User,
                edit: Edit::Set {
                    path: JsonPath::root().key(format!("k{i}")),
                    value: json!(i),
                },
            })
            .collect(),
        cleared: vec![],
        base: serde_json::Map::new(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundreds_of_saves_land_in_order_and_the_last_one_wins() {
    let dir = tempfile::tempdir().unwrap();
    let file: PathBuf = dir.path().join("drafts/t/user.json");
    let files = Arc::new(Slow {
        saved: Mutex::new(Vec::new()),
    });
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Msg>();
    let queue = FileQueue::start(tx, files.clone());
    // An edit burst: up to 300 edits, with undo (fewer edits) and a delete in the middle.
    let mut sizes: Vec<usize> = (1..=150).collect();
    sizes.extend((100..150).rev());
    sizes.push(0);
    sizes.extend(1..=300);
    for (i, &edits) in sizes.iter().enumerate() {
        let effect = if edits == 0 {
            DraftEffect::Delete { file: file.clone() }
        } else {
            save(&file, edits)
        };
        queue.submit(effect);
        if i % 37 == 0 {
            tokio::task::yield_now().await; // let the writer start on part of the burst
        }
    }
    queue.finish().await;
    let written = files.saved.lock().unwrap().clone();
    // The order written is the order asked, less saves superseded by a later one.
    let mut at = 0;
    for edits in &written {
        let found = sizes[at..]
            .iter()
            .position(|s| s == edits)
            .expect("written in the order asked");
        at += found + 1;
    }
    assert_eq!(written.last(), Some(&300), "the newest state is written last");
    let on_disk = drafts::load(&file).unwrap().expect("a draft on disk");
    assert_eq!(on_disk.edits.len(), 300);
    let leftovers: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left: {leftovers:?}");
    while let Ok(msg) = rx.try_recv() {
        assert!(matches!(msg, Msg::DraftSaved(Ok(()))), "{msg:?}");
    }
}

#[tokio::test]
async fn a_load_queued_after_a_save_reads_that_save() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("user.json");
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Msg>();
    let queue = FileQueue::start(tx, Arc::new(auth0_meta::tui::file_queue::Disk));
    queue.submit(save(&file, 2));
    queue.submit(save(&file, 3));
    queue.submit(DraftEffect::Load {
        file: file.clone(),
        user_id: "auth0|1".into(),
    });
    queue.finish().await;
    let mut loaded = None;
    while let Ok(msg) = rx.try_recv() {
        if let Msg::DraftLoaded { result, .. } = msg {
            loaded = Some(result.unwrap().unwrap().edits.len());
        }
    }
    assert_eq!(loaded, Some(3));
}

#[test]
fn concurrent_atomic_writes_of_one_file_never_fail_or_mix() {
    let dir = tempfile::tempdir().unwrap();
    let file = Arc::new(dir.path().join("state.json"));
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let file = file.clone();
            std::thread::spawn(move || {
                for i in 0..100 {
                    let text = format!("{{\"writer\":{t},\"n\":{i},\"pad\":\"{}\"}}", "x".repeat(4096));
                    auth0_meta::atomic_write::write_atomically(&file, text.as_bytes()).unwrap();
                    let read = std::fs::read(&*file).unwrap();
                    serde_json::from_slice::<serde_json::Value>(&read).expect("never a mix of two writes");
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
}

#[test]
fn a_corrupt_draft_is_kept_aside_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("user.json");
    std::fs::write(&file, b"{\"tenant\": \"t\", \"edits\": [").unwrap();
    let err = drafts::load(&file).unwrap_err();
    assert!(err.to_string().contains("kept aside as"), "{err}");
    assert!(!file.exists(), "the next edit cannot overwrite it");
    let aside = dir.path().join("user.json.corrupt");
    assert_eq!(std::fs::read(&aside).unwrap(), b"{\"tenant\": \"t\", \"edits\": [");
    std::fs::write(&file, b"garbage").unwrap();
    drafts::load(&file).unwrap_err();
    assert!(
        dir.path().join("user.json.corrupt.1").exists(),
        "an earlier one is not replaced"
    );
}

/// The next `DraftLocked` answer on `rx`.
async fn lock_answer(rx: &mut tokio::sync::mpsc::UnboundedReceiver<Msg>) -> Option<auth0_meta::storage::lock::Holder> {
    loop {
        match rx.recv().await.expect("an answer") {
            Msg::DraftLocked { held_by, .. } => return held_by,
            _ => continue,
        }
    }
}

#[tokio::test]
async fn a_second_instance_finds_the_user_locked_and_takes_over_once_it_is_gone() {
    use auth0_meta::tui::file_queue::Disk;
    let dir = tempfile::tempdir().unwrap();
    let lock = dir.path().join("drafts/t/user.json.lock");
    let lock_effect = || DraftEffect::Lock {
        file: lock.clone(),
        user_id: "auth0|1".into(),
    };
    let (first_tx, mut first_rx) = tokio::sync::mpsc::unbounded_channel();
    let first = FileQueue::start(first_tx, Arc::new(Disk));
    first.submit(lock_effect());
    assert_eq!(lock_answer(&mut first_rx).await, None, "the first instance takes it");

    let (second_tx, mut second_rx) = tokio::sync::mpsc::unbounded_channel();
    let second = FileQueue::start(second_tx, Arc::new(Disk));
    second.submit(lock_effect());
    let holder = lock_answer(&mut second_rx).await.expect("held by the first instance");
    assert_eq!(holder.pid, Some(std::process::id()));
    assert!(holder.since.is_some());

    first.finish().await; // the first instance ends: its lock goes with it
    second.submit(lock_effect());
    assert_eq!(lock_answer(&mut second_rx).await, None, "taken over");
    assert!(lock.exists());
    second.submit(DraftEffect::Unlock { file: lock.clone() });
    second.submit(lock_effect());
    assert_eq!(
        lock_answer(&mut second_rx).await,
        None,
        "taken again after leaving the user"
    );
    second.finish().await;
    assert!(!lock.exists(), "a clean exit leaves no lock file behind");
}

#[test]
fn a_lock_released_while_another_opened_its_file_is_not_held_twice() {
    use auth0_meta::storage::lock::acquire;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("user.json.lock");
    let first = acquire(&path).unwrap().unwrap();
    first.release(); // the file is gone
    let second = acquire(&path).unwrap().expect("free again");
    assert!(acquire(&path).unwrap().is_err(), "one holder at a time");
    second.release();
    assert!(!path.exists());
}

#[test]
fn a_draft_for_a_very_long_non_ascii_id_is_saved_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let storage = auth0_meta::storage::Storage {
        root: dir.path().to_path_buf(),
        tenant: "demo".into(),
    };
    let id = format!("oauth2|{}", "ü".repeat(150));
    let file = storage.draft_file(&id);
    let draft = Draft {
        tenant: "demo".into(),
        user_id: id.clone(),
        saved_at: 1,
        edits: vec![],
        cleared: vec![auth0_meta::domain::MetadataField::User],
        base: Default::default(),
    };
    drafts::save(&file, &draft).unwrap();
    assert_eq!(drafts::load(&file).unwrap().map(|d| d.user_id), Some(id.clone()));
    assert_eq!(drafts::drafted_users(&storage.drafts_dir()), std::slice::from_ref(&id));
    let lock = auth0_meta::storage::lock::acquire(&storage.lock_file(&id)).unwrap();
    assert!(lock.is_ok(), "the lock is taken");
}
