//! The module map of `ARCHITECTURE.md` as a table: change both together.

/// Which top-level module may use which: the map in `ARCHITECTURE.md`, one row a module.
/// `main` is the binary (it reaches the library as `auth0_meta::`). Leaf helpers
/// (`atomic_write`, `process`, `random`, `timestamp`, `text`, `secret`, `palette`) use
/// nothing of the crate, or only each other, as listed.
pub const ALLOWED: &[(&str, &[&str])] = &[
    (
        "main",
        &[
            "api", "cli", "commands", "config", "emulator", "logging", "palette", "profile", "random", "secret",
            "storage", "tui",
        ],
    ),
    ("cli", &["audit", "config", "palette", "secret"]),
    (
        "commands",
        &[
            "api",
            "apply",
            "atomic_write",
            "audit",
            "cli",
            "domain",
            "emulator",
            "export",
            "export_file",
            "preview",
            "profile",
            "random",
            "secret",
            "storage",
            "text",
        ],
    ),
    (
        "tui",
        &[
            "api",
            "apply",
            "domain",
            "lucene",
            "palette",
            "preview",
            "profile",
            "storage",
            "text",
            "timestamp",
        ],
    ),
    ("export", &["api", "export_file", "lucene"]),
    ("audit", &["domain"]),
    ("apply", &["api", "domain", "storage", "timestamp"]),
    ("preview", &["api", "domain"]),
    ("storage", &["atomic_write", "domain", "random", "timestamp"]),
    (
        "emulator",
        &[
            "atomic_write",
            "domain",
            "export_file",
            "lucene",
            "process",
            "random",
            "timestamp",
        ],
    ),
    ("api", &["config", "domain", "random", "secret", "timestamp"]),
    ("profile", &["atomic_write", "config", "secret"]),
    ("config", &["secret"]),
    ("logging", &[]),
    ("lucene", &[]),
    ("export_file", &[]),
    ("domain", &[]),
    ("atomic_write", &["process"]),
    ("process", &[]),
    ("random", &[]),
    ("timestamp", &[]),
    ("text", &[]),
    ("secret", &[]),
    ("palette", &[]),
];
