//! What the header shows and what the tool refuses, for the tenant a run reaches.

use super::file::{Chosen, ConfigFile, TenantProfile};
use crate::config::Target;

/// What the header shows and what the tool refuses, for the tenant of this run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Guards {
    /// The configured tenant's name, if one was chosen.
    pub name: Option<String>,
    pub read_only: bool,
    pub production: bool,
}

impl Guards {
    pub fn of(chosen: Option<&Chosen>, read_only_flag: bool) -> Self {
        Self {
            name: chosen.map(|c| c.name.clone()),
            read_only: read_only_flag || chosen.is_some_and(|c| c.profile.read_only),
            production: chosen.is_some_and(|c| c.profile.production),
        }
    }
}

impl Guards {
    /// The guards of the tenant this run reaches, however it was named: a profile whose
    /// domain or base URL is the target's guards it too, so `AUTH0_DOMAIN=prod.example`
    /// or `--base-url` cannot step around `read_only = true` on the profile for it.
    pub fn for_target(file: &ConfigFile, chosen: Option<&Chosen>, target: &Target, read_only_flag: bool) -> Self {
        let here = address(&target.base_url);
        let same = |p: &TenantProfile| {
            p.base_url.as_deref().is_some_and(|b| address(b) == here)
                || p.domain.as_deref().is_some_and(|d| address(d) == here)
        };
        let matching: Vec<(&String, &TenantProfile)> = file.tenants.iter().filter(|(_, p)| same(p)).collect();
        let mut guards = Self::of(chosen, read_only_flag);
        guards.read_only |= matching.iter().any(|(_, p)| p.read_only);
        guards.production |= matching.iter().any(|(_, p)| p.production);
        if guards.name.is_none() {
            guards.name = matching.first().map(|(name, _)| name.to_string());
        }
        guards
    }
}

/// A domain or base URL as one comparable address: no scheme, lower case, no trailing `/`.
fn address(text: &str) -> String {
    let text = text.trim();
    let rest = text.split_once("://").map_or(text, |(_, rest)| rest);
    rest.trim_end_matches('/').to_ascii_lowercase()
}
