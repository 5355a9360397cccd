//! The module map of `ARCHITECTURE.md`, enforced: every `crate::…` and `super::…` path
//! a file names is resolved to the file it reaches. An edge between top-level modules
//! that `ALLOWED` does not list fails, naming the file and line; and no two files
//! import each other, directly or around a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

mod allowed;
use allowed::ALLOWED;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/tui/update/mod.rs` -> `[tui, update]`; `src/lib.rs` -> `[]`; `src/main.rs` -> `[main]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The file holding the longest prefix of `path` that is a module.
fn file_for(modules: &BTreeMap<Vec<String>, PathBuf>, path: &[String]) -> Option<PathBuf> {
    (1..=path.len()).rev().find_map(|n| modules.get(&path[..n]).cloned())
}

/// Code without line comments, so paths in doc comments do not count. Lines are kept,
/// so positions still give line numbers.
fn code(text: &str) -> String {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    (&text[..end], &text[end..])
}

/// The paths of a use tree starting at `text` (`a::b`, `a::{b, c::{d, e}}`, `a as b`),
/// as segment lists, and the text after it.
fn use_tree(text: &str) -> (Vec<Vec<String>>, &str) {
    let text = text.trim_start();
    if let Some(mut rest) = text.strip_prefix('{') {
        let mut found = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with('}') {
                return (found, rest.get(1..).unwrap_or(""));
            }
            let (paths, after) = use_tree(rest);
            found.extend(paths.into_iter().filter(|p| !p.is_empty()));
            let after = after.trim_start();
            rest = match after.strip_prefix(',') {
                Some(next) => next,
                None if after.starts_with('}') => after,
                // Something this reader does not know (`*`): step over it.
                None => after
                    .get(after.chars().next().map_or(0, char::len_utf8)..)
                    .unwrap_or(""),
            };
        }
    }
    let (name, rest) = ident(text);
    if name.is_empty() {
        return (vec![Vec::new()], text);
    }
    if let Some(after) = rest.strip_prefix("::") {
        let (tails, rest) = use_tree(after);
        let paths = tails
            .into_iter()
            .map(|tail| std::iter::once(name.to_string()).chain(tail).collect())
            .collect();
        return (paths, rest);
    }
    let rest = match rest.trim_start().strip_prefix("as ") {
        Some(renamed) => ident(renamed.trim_start()).1,
        None => rest,
    };
    (vec![vec![name.to_string()]], rest)
}

/// Every path written after `crate::` / `super::` (or `auth0_meta::` in the binary),
/// with its line number.
fn paths(text: &str, roots: &[&'static str]) -> Vec<(&'static str, Vec<String>, usize)> {
    let mut found = Vec::new();
    for &root in roots {
        for (at, _) in text.match_indices(root) {
            let before = text[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let line = text[..at].matches('\n').count() + 1;
            let (tree, _) = use_tree(&text[at + root.len()..]);
            for segments in tree {
                found.push((root, segments, line));
            }
        }
    }
    found
}

struct Graph {
    /// File -> (file it uses, line).
    edges: BTreeMap<PathBuf, Vec<(PathBuf, usize)>>,
    top: BTreeMap<PathBuf, String>,
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files.iter().map(|f| (module_of(&src, f), f.clone())).collect();
    let mut graph = Graph {
        edges: BTreeMap::new(),
        top: BTreeMap::new(),
    };
    for file in &files {
        let module = module_of(&src, file);
        let top = module.first().cloned().unwrap_or_else(|| "lib".into());
        graph.top.insert(file.clone(), top.clone());
        let roots: &[&str] = if top == "main" {
            &["auth0_meta::"]
        } else {
            &["crate::", "super::"]
        };
        for (root, segments, line) in paths(&code(&fs::read_to_string(file).unwrap()), roots) {
            let mut target = if root == "super::" {
                module[..module.len().saturating_sub(1)].to_vec()
            } else {
                Vec::new()
            };
            target.extend(segments);
            if let Some(to) = file_for(&modules, &target).filter(|to| to != file) {
                graph.edges.entry(file.clone()).or_default().push((to, line));
            }
        }
    }
    graph
}

#[test]
fn every_edge_between_modules_is_in_the_map() {
    let graph = graph();
    let allowed: BTreeMap<&str, BTreeSet<&str>> = ALLOWED
        .iter()
        .map(|(from, to)| (*from, to.iter().copied().collect()))
        .collect();
    let mut wrong = Vec::new();
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for (file, uses) in &graph.edges {
        let from = &graph.top[file];
        for (to_file, line) in uses {
            let to = &graph.top[to_file];
            if from == to || from == "lib" {
                continue;
            }
            seen.insert((from.clone(), to.clone()));
            let Some(may) = allowed.get(from.as_str()) else {
                wrong.push(format!("{}:{line}: module `{from}` is not in the map", file.display()));
                continue;
            };
            let at = file.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(file).display();
            let message = format!("{at}:{line}: `{from}` may not use `{to}`");
            if !may.contains(to.as_str()) && !wrong.contains(&message) {
                wrong.push(message);
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "edges the module map does not allow:\n{}",
        wrong.join("\n")
    );
    // Every top-level module is in the map, so a new one is placed on purpose.
    for top in graph.top.values().filter(|t| *t != "lib") {
        assert!(allowed.contains_key(top.as_str()), "module `{top}` is not in the map");
    }
    // The map lists no edge the code does not have, so it stays the map of the code.
    for (from, to) in ALLOWED.iter().flat_map(|(f, to)| to.iter().map(move |t| (*f, *t))) {
        assert!(
            seen.contains(&(from.to_string(), to.to_string())),
            "the map allows `{from}` -> `{to}`, which no file uses: remove it here and in ARCHITECTURE.md"
        );
    }
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let graph = graph();
    fn visit(
        node: &PathBuf,
        edges: &BTreeMap<PathBuf, Vec<(PathBuf, usize)>>,
        state: &mut BTreeMap<PathBuf, u8>,
        stack: &mut Vec<PathBuf>,
    ) {
        state.insert(node.clone(), 1);
        stack.push(node.clone());
        for (next, _) in edges.get(node).into_iter().flatten() {
            match state.get(next) {
                Some(1) => {
                    let from = stack.iter().position(|n| n == next).unwrap();
                    let names: Vec<String> = stack[from..].iter().map(|p| p.display().to_string()).collect();
                    panic!("import circle: {} -> {}", names.join(" -> "), next.display());
                }
                Some(_) => {}
                None => visit(next, edges, state, stack),
            }
        }
        stack.pop();
        state.insert(node.clone(), 2);
    }
    let mut state = BTreeMap::new();
    for file in graph.top.keys() {
        if !state.contains_key(file) {
            visit(file, &graph.edges, &mut state, &mut Vec::new());
        }
    }
}

#[test]
fn the_parser_reads_nested_and_multi_line_use_trees() {
    let text = "use crate::{\n    api::Client as C,\n    tui::{theme::Theme, msg, *},\n};\nfn f() { super::x::y(); }";
    let found: Vec<(String, usize)> = paths(text, &["crate::", "super::"])
        .into_iter()
        .map(|(_, s, line)| (s.join("::"), line))
        .collect();
    assert_eq!(
        found,
        vec![
            ("api::Client".to_string(), 1),
            ("tui::theme::Theme".to_string(), 1),
            ("tui::msg".to_string(), 1),
            ("x::y".to_string(), 5),
        ]
    );
}
