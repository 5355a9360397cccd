//! The collapsible tree: visible rows, expansion, locating rows, depth levels.

use auth0_meta::domain::{JsonPath, RowKey, Tree};
use serde_json::{json, Value};

fn doc() -> Value {
    json!({
        "hobby": "surfing",
        "addresses": {"home": {"city": "Lisbon"}, "work": "x"},
        "devices": [{"name": "a"}, {"name": "b"}],
        "empty": {}
    })
}

fn labels(tree: &Tree) -> Vec<String> {
    tree.rows(0, usize::MAX)
        .iter()
        .map(|row| {
            let key = match &row.key {
                RowKey::Root => "$".to_string(),
                RowKey::Key(k) => k.to_string(),
                RowKey::Index(i) => format!("[{i}]"),
            };
            format!("{}{key}", "  ".repeat(row.depth))
        })
        .collect()
}

fn p(text: &str) -> JsonPath {
    text.parse().unwrap()
}

#[test]
fn opens_with_the_root_expanded_only() {
    let tree = Tree::new(doc().try_into().unwrap());
    assert_eq!(labels(&tree), ["$", "  hobby", "  addresses", "  devices", "  empty"]);
    assert_eq!(tree.row_count(), 5);
    assert_eq!(tree.node_count(), 12);
}

#[test]
fn expanding_and_collapsing_show_and_hide_children() {
    let mut tree = Tree::new(doc().try_into().unwrap());
    assert!(tree.set_expanded(2, true));
    assert_eq!(
        labels(&tree),
        [
            "$",
            "  hobby",
            "  addresses",
            "    home",
            "    work",
            "  devices",
            "  empty"
        ]
    );
    assert!(tree.set_expanded(3, true));
    assert_eq!(tree.row_count(), 8);
    assert!(!tree.set_expanded(1, true), "a string cannot be expanded");
    assert!(tree.set_expanded(2, false));
    assert_eq!(tree.row_count(), 5);
    assert!(tree.set_expanded(2, true), "reopening keeps the inner node open");
    assert_eq!(labels(&tree)[4], "      city");
}

#[test]
fn expand_all_collapse_all_and_depth_levels() {
    let mut tree = Tree::new(doc().try_into().unwrap());
    tree.expand_all();
    assert_eq!(tree.row_count(), 12);
    tree.collapse_all();
    assert_eq!(tree.row_count(), 5);
    tree.expand_to_depth(2);
    assert_eq!(
        labels(&tree),
        [
            "$",
            "  hobby",
            "  addresses",
            "    home",
            "    work",
            "  devices",
            "    [0]",
            "    [1]",
            "  empty"
        ]
    );
    tree.expand_to_depth(1);
    assert_eq!(tree.row_count(), 5);
}

#[test]
fn viewports_start_anywhere() {
    let mut tree = Tree::new(doc().try_into().unwrap());
    tree.expand_all();
    let all = labels(&tree);
    for start in 0..all.len() {
        let rows = tree.rows(start, 3);
        assert_eq!(rows.len(), 3.min(all.len() - start));
        assert_eq!(rows[0].id as usize, start, "all open: row n is node n");
    }
}

#[test]
fn rows_locate_to_paths_and_back() {
    let mut tree = Tree::new(doc().try_into().unwrap());
    tree.expand_all();
    for row in 0..tree.row_count() {
        let located = tree.locate(row).unwrap();
        assert_eq!(tree.row_of(&located.path), row, "{}", located.path);
    }
    assert_eq!(tree.locate(8).unwrap().path, p("devices[0].name"));
    assert_eq!(tree.locate(8).unwrap().ancestors, [0, 6, 7]);
    assert!(tree.locate(12).is_none());
    tree.collapse_all();
    assert_eq!(
        tree.row_of(&p("devices[0].name")),
        3,
        "a hidden node maps to its shown ancestor"
    );
}

#[test]
fn replacing_the_document_keeps_open_nodes_open() {
    let mut tree = Tree::new(doc().try_into().unwrap());
    tree.set_expanded(2, true);
    let mut changed = doc();
    changed["addresses"]["office"] = json!("y");
    changed.as_object_mut().unwrap().shift_remove("hobby");
    tree.replace_doc(changed.try_into().unwrap());
    assert_eq!(
        labels(&tree),
        [
            "$",
            "  addresses",
            "    home",
            "    work",
            "    office",
            "  devices",
            "  empty"
        ]
    );
}
