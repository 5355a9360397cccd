//! `tenants add/use/remove` change `config.toml` in place: only the keys that change are
//! written, so comments, order and layout stay the user's (`toml_edit`). A symlinked file
//! is written where the link points, and its mode is kept, never loosened beyond 0600.

use std::path::{Path, PathBuf};

use toml_edit::{value, DocumentMut, Item, Table};

use super::file::{AuthMethod, ConfigFile, TenantProfile};
use crate::atomic_write::write_atomically_with_mode;

impl ConfigFile {
    /// Writes this configuration over the file at `path`, editing what is there.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let real = real_path(path);
        let old = match std::fs::read_to_string(&real) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let mut doc: DocumentMut = old
            .parse()
            .map_err(|_| format!("{}: not valid TOML, so it is not changed", path.display()))?;
        self.write_into(&mut doc);
        if let Some(dir) = real.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        write_atomically_with_mode(&real, doc.to_string().as_bytes(), mode_for(&real))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    fn write_into(&self, doc: &mut DocumentMut) {
        let root = doc.as_table_mut();
        set(root, "default_tenant", self.default_tenant.as_deref());
        set(root, "theme", self.theme.as_deref());
        if !root.get("tenants").is_some_and(Item::is_table) {
            let mut tenants = Table::new();
            tenants.set_implicit(true);
            root.insert("tenants", Item::Table(tenants));
        }
        let Some(tenants) = root.get_mut("tenants").and_then(Item::as_table_mut) else {
            return;
        };
        let gone: Vec<String> = tenants
            .iter()
            .map(|(name, _)| name.to_string())
            .filter(|name| !self.tenants.contains_key(name))
            .collect();
        for name in gone {
            tenants.remove(&name);
        }
        for (name, profile) in &self.tenants {
            if !tenants.get(name).is_some_and(Item::is_table) {
                tenants.insert(name, Item::Table(Table::new()));
            }
            if let Some(table) = tenants.get_mut(name).and_then(Item::as_table_mut) {
                profile.write_into(table);
            }
        }
    }
}

impl TenantProfile {
    fn write_into(&self, table: &mut Table) {
        set(table, "domain", self.domain.as_deref());
        set(table, "client_id", self.client_id.as_deref());
        set(table, "auth", self.auth.map(AuthMethod::name));
        set(table, "client_secret_command", self.client_secret_command.as_deref());
        set(table, "token_command", self.token_command.as_deref());
        set_flag(table, "read_only", self.read_only);
        set_flag(table, "production", self.production);
        set(table, "base_url", self.base_url.as_deref());
        match self.command_timeout {
            Some(secs) if table.get("command_timeout").and_then(Item::as_integer) == i64::try_from(secs).ok() => {}
            Some(secs) => replace(table, "command_timeout", value(i64::try_from(secs).unwrap_or(i64::MAX))),
            None => {
                table.remove("command_timeout");
            }
        }
    }
}

/// Sets `key` to `text`, leaving it untouched when it already is; a changed value keeps
/// the comments around it.
fn set(table: &mut Table, key: &str, text: Option<&str>) {
    match text {
        Some(text) if table.get(key).and_then(Item::as_str) == Some(text) => {}
        Some(text) => replace(table, key, value(text)),
        None => {
            table.remove(key);
        }
    }
}

/// A flag is written only when on, as the file's own format has it.
fn set_flag(table: &mut Table, key: &str, on: bool) {
    match on {
        true if table.get(key).and_then(Item::as_bool) == Some(true) => {}
        true => replace(table, key, value(true)),
        false => {
            table.remove(key);
        }
    }
}

/// Puts `item` at `key`; an existing key keeps its place, its leading comments (the
/// key's) and its trailing comment (the value's).
fn replace(table: &mut Table, key: &str, item: Item) {
    match table.get_mut(key) {
        Some(old) => {
            let decor = old.as_value().map(|v| v.decor().clone());
            *old = item;
            if let (Some(decor), Some(new)) = (decor, old.as_value_mut()) {
                *new.decor_mut() = decor;
            }
        }
        None => {
            table.insert(key, item);
        }
    }
}

/// Where a symlink points (the link stays a link); the path itself otherwise.
fn real_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The file's mode, kept, but never more open than its owner's read and write.
fn mode_for(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let old = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0o600);
        Some(old & 0o600)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}
