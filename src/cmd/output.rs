//! Where a command's output goes, and the options of the commands that print rows.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::render::{self, Format, Rows};

/// The options of `report` and `query`.
#[derive(Debug, clap::Args)]
pub(super) struct OutputArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table, value_name = "FORMAT")]
    pub format: Format,

    /// Widest a table may be, in characters (default: COLUMNS, else the terminal's width, else 160).
    #[arg(long, value_name = "COLUMNS")]
    pub max_width: Option<u16>,

    /// Write the output to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Stop a statement that runs longer than this many seconds
    /// [default: 5, or the report's own `-- timeout:` line].
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

impl OutputArgs {
    pub fn open(&self) -> Result<Box<dyn Write>> {
        open(self.output.as_deref())
    }

    /// A table printed to a terminal, where escape codes show as bold text
    /// (`NO_COLOR` turns them off).
    pub fn to_terminal(&self) -> bool {
        self.format == Format::Table
            && self.output.is_none()
            && std::env::var_os("NO_COLOR").is_none()
            && std::io::stdout().is_terminal()
    }

    pub fn print_rows(&self, rows: &Rows) -> Result<()> {
        let mut out = self.open()?;
        render::render(rows, self.format, self.max_width, &mut out)?;
        out.flush()?;
        Ok(())
    }
}

/// The file at `path`, created, or standard output.
pub(super) fn open(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) => {
            Box::new(BufWriter::new(File::create(path).with_context(|| {
                format!("creating output file {}", path.display())
            })?))
        }
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    })
}
