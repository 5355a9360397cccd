//! The domain core must not depend on the terminal, HTTP or async runtime.

use std::fs;
use std::path::Path;

const FORBIDDEN: [&str; 5] = ["ratatui", "crossterm", "ratatui_textarea", "tokio", "reqwest"];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src/domain") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn domain_imports_nothing_from_the_ui_or_the_network() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain"), &mut files);
    assert!(!files.is_empty());
    for file in files {
        let text = fs::read_to_string(&file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for crate_name in FORBIDDEN {
                let used =
                    code.contains(&format!("{crate_name}::")) || code.contains(&format!("extern crate {crate_name}"));
                assert!(!used, "{}:{} uses {crate_name}: {line}", file.display(), n + 1);
            }
        }
    }
}

/// The crates the domain may name in a `use`, besides the standard library and its own
/// modules: a new one is a decision, made here and in ARCHITECTURE.md.
const ALLOWED: [&str; 5] = ["serde", "serde_json", "thiserror", "indexmap", "memchr"];

#[test]
fn domain_uses_only_the_crates_it_lists() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain"), &mut files);
    for file in files {
        let text = fs::read_to_string(&file).expect("read");
        let code: Vec<&str> = text.lines().map(|l| l.split("//").next().unwrap_or("")).collect();
        // Child modules declared here may be named bare (`use scan::Nodes`).
        let children: Vec<&str> = code
            .iter()
            .filter_map(|l| l.trim().trim_start_matches("pub ").strip_prefix("mod "))
            .map(|rest| rest.trim_end_matches([';', ' ', '{']))
            .collect();
        for (n, line) in code.iter().enumerate() {
            let Some(path) = line.trim().trim_start_matches("pub ").strip_prefix("use ") else {
                continue;
            };
            let root = path.split("::").next().unwrap_or("").trim_matches(['{', ' ', ';']);
            // A type in scope (`use Mark::*`) is not a crate.
            let own = ["std", "core", "alloc", "crate", "super", "self"].contains(&root)
                || children.contains(&root)
                || root.starts_with(char::is_uppercase);
            assert!(
                own || ALLOWED.contains(&root),
                "{}:{} uses `{root}`, which the domain does not list",
                file.display(),
                n + 1
            );
        }
    }
}
