//! Widgets of our own: the metadata tree.

pub mod tree;
