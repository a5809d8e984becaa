//! `archdb query SQL`: one ad-hoc statement, run as a report is.

use std::path::Path;

use anyhow::{anyhow, Result};

use super::output::OutputArgs;
use crate::error::usage;
use crate::{render, report};

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// The SQL statement (one statement; read-only).
    #[arg(value_name = "SQL")]
    sql: String,

    #[command(flatten)]
    output: OutputArgs,
}

pub(super) fn run(db_path: &Path, args: Args) -> Result<()> {
    if args.output.format.is_chart() {
        return Err(usage(anyhow!(
            "--format svg, png and bars draw a stored report that declares a chart (`archdb report NAME --format svg`); a query prints {}",
            render::ROW_FORMATS
        )));
    }
    let rows = report::query(db_path, &args.sql, args.output.timeout)?;
    args.output.print_rows(&rows)
}
