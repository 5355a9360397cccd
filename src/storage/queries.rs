//! The users list's earlier searches, per tenant, kept across runs: the last 100.

use std::fs;
use std::path::Path;

pub const KEPT: usize = 100;

/// Earlier queries, oldest first; a missing or damaged file is no history.
pub fn load(file: &Path) -> Vec<String> {
    fs::read(file)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Vec<String>>(&bytes).ok())
        .unwrap_or_default()
}

pub fn save(file: &Path, queries: &[String]) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        super::private::create_dir(dir)?;
    }
    let kept = &queries[queries.len().saturating_sub(KEPT)..];
    super::private::write(file, &serde_json::to_vec(kept).map_err(std::io::Error::other)?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_last_hundred_are_kept_oldest_first() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("q/t.json");
        assert!(super::load(&file).is_empty());
        let queries: Vec<String> = (0..120).map(|i| format!("name:{i}")).collect();
        super::save(&file, &queries).unwrap();
        let loaded = super::load(&file);
        assert_eq!(loaded.len(), 100);
        assert_eq!(loaded[0], "name:20");
        std::fs::write(&file, "garbage").unwrap();
        assert!(super::load(&file).is_empty());
    }
}
