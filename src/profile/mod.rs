//! Named tenants from the configuration file, their secrets (credential store or a
//! command, never the file), and their guards (read-only, production).

mod edit;
pub mod file;
mod guards;
pub mod secrets;
pub mod select;

pub use file::{config_path, AuthMethod, Chosen, ConfigFile, TenantProfile};
pub use guards::Guards;

use std::path::PathBuf;

/// The configuration file of this run and what it says; no file is an empty one.
pub fn load(env: &impl Fn(&str) -> Option<String>) -> Result<(Option<PathBuf>, ConfigFile), String> {
    let path = config_path(env);
    let file = match &path {
        Some(path) => ConfigFile::load(path)?,
        None => ConfigFile::default(),
    };
    Ok((path, file))
}
