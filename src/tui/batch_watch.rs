//! A bulk task's progress and its stop, shared by the task and the bulk screen: the task
//! writes how far it got, the screen reads it when drawn (a tick redraws it); a stop is
//! asked through `Effect::StopBatch`, which ends the task's `stop` future, so `update`
//! itself changes nothing outside the state.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::batch::Tally;

#[derive(Clone, Default)]
pub struct Watch(Arc<Inner>);

#[derive(Default)]
struct Inner {
    /// Users read so far by a dry run.
    read: AtomicU64,
    /// The batch's tally after its latest user.
    tally: Mutex<Option<Tally>>,
    stop: Mutex<Option<String>>,
    stopped: tokio::sync::Notify,
}

impl Watch {
    pub fn set_read(&self, n: u64) {
        self.0.read.store(n, Ordering::Relaxed);
    }

    pub fn read(&self) -> u64 {
        self.0.read.load(Ordering::Relaxed)
    }

    pub fn set_tally(&self, tally: &Tally) {
        *self.0.tally.lock().unwrap_or_else(|p| p.into_inner()) = Some(tally.clone());
    }

    pub fn tally(&self) -> Option<Tally> {
        self.0.tally.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Asks the task to stop starting users (those in flight are settled), for `reason`.
    pub fn stop(&self, reason: String) {
        self.0
            .stop
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get_or_insert(reason);
        self.0.stopped.notify_one();
    }

    /// Resolves, with the reason, once a stop is asked (at once if it was already).
    pub async fn stopped(&self) -> String {
        loop {
            if let Some(reason) = self.0.stop.lock().unwrap_or_else(|p| p.into_inner()).clone() {
                return reason;
            }
            self.0.stopped.notified().await;
        }
    }
}

impl PartialEq for Watch {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Watch(read {})", self.read())
    }
}
