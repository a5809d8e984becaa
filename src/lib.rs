//! archdb: Soviet diplomatic documents (1919-1941) into SQLite, with stored SQL reports.
//!
//! The binary (`src/main.rs`) is a thin shell over this library so that
//! tests, benchmarks and fuzz targets reach the same code.

pub mod chart;
pub mod cmd;
pub mod corpus;
pub mod datasette;
pub mod db;
pub mod entities;
pub mod error;
pub mod network;
pub mod param_values;
pub mod reference;
pub mod render;
pub mod report;
pub mod seed;
pub mod show;
pub mod table;
