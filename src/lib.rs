//! archdb: Soviet diplomatic documents (1919-1941) into SQLite, with stored SQL reports.
//!
//! The binary (`src/main.rs`) is a thin shell over [`cmd`]. What is `pub`
//! here is what the binary, the integration tests and the benchmarks use;
//! the rest is private to the crate, so that the compiler reports what
//! nothing uses.

pub mod calendar;
pub mod chart;
pub mod cmd;
pub mod corpus;
pub mod datasette;
pub mod db;
pub mod entities;
pub mod error;
mod network;
mod param_values;
pub mod reference;
pub mod render;
pub mod report;
pub mod seed;
mod show;
mod table;
