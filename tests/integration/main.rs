//! The integration tests: one binary, one module a file (as cargo's and helix's test
//! suites do), so an edit relinks the library once, not once a file. `common` holds the
//! fixtures they share: an emulator on 127.0.0.1:0, clients, a pseudo-terminal.
//!
//! Run one file's tests with `cargo test --test integration tui_keys::`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly, by design

mod common;

mod api_auth_retries;
mod api_client;
mod apply_outcomes;
mod apply_retries;
mod apply_settling;
mod audit_report;
mod bulk_after;
mod bulk_dry_run;
mod bulk_edits;
mod bulk_run;
mod bulk_scale;
mod cli_binary;
mod cli_manners;
mod cli_tenants;
mod cli_tenants_file;
mod cli_writes;
mod conflict_properties;
mod domain_checks;
mod domain_diff;
mod domain_edits;
mod domain_merge;
mod domain_properties;
mod domain_purity;
mod domain_tree;
mod draft_queue;
mod emulator_connections;
mod emulator_fidelity;
mod emulator_hostile;
mod emulator_large;
mod emulator_refusals;
mod emulator_rules;
mod emulator_search;
mod emulator_synthetic;
mod export_job;
mod export_out;
mod hostile_terminal;
mod journal_reading;
mod journal_writers;
mod lucene_operators;
mod module_graph;
mod rebase_items;
mod sdk_python;
mod soak;
mod tui_apply_http;
mod tui_audit;
mod tui_bulk;
mod tui_bulk_pty;
mod tui_bulk_screens;
mod tui_conflicts;
mod tui_copy;
mod tui_drafts_truth;
mod tui_edit;
mod tui_find;
mod tui_guards;
mod tui_hand_off;
mod tui_keys;
mod tui_large;
mod tui_large_apply;
mod tui_leaving;
mod tui_list;
mod tui_mouse;
mod tui_pty;
mod tui_reload_rebase;
mod tui_signals;
mod tui_snapshots;
mod tui_snapshots_nav;
mod tui_text_keys;
mod tui_update;
mod tui_values;
mod tui_write_guard;
