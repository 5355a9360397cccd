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
