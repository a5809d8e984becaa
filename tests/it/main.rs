//! The integration tests, as one program (one link of the crate instead of
//! one per file): a module per subject, helpers in `common`.
//!
//! `cargo test --locked --test it` runs them all; a module alone with its
//! name as a filter, e.g. `cargo test --locked --test it report::`.
//!
//! The tests run as threads of one process: a test never sets environment
//! variables or the current folder of the process, and gets its own temp
//! folder (`common::TestEnv`) and free port. A test that needs a program from
//! outside the repository asks `common::require`, which skips it with a
//! note when the program is missing, or fails it when `CI` is set.

mod common;

mod charts;
mod clients;
mod collection_eval;
mod datasette;
mod docs;
mod encodings;
mod entities_eval;
mod filters;
mod incremental;
mod network;
mod parser_accuracy;
mod places;
mod query;
mod readme;
mod recipe;
mod reference_data;
mod reliability_atomic;
mod reliability_input;
mod reliability_migrations;
mod reliability_props;
mod reliability_queries;
mod report;
mod seed;
mod seed_console;
mod show;
mod tables;
