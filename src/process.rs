//! Whether another process still runs, for cleaning up what a killed one left behind.

use std::path::Path;

/// True when process `pid` runs (or when that cannot be told, to leave its files alone).
/// This process is never "another": its own leftovers at start are stale too.
pub fn alive(pid: &str) -> bool {
    if pid == std::process::id().to_string() {
        return false;
    }
    let proc = Path::new("/proc");
    !proc.exists() || proc.join(pid).exists()
}
