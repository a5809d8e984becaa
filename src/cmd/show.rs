//! `archdb show ID`: one stored document in full, as text or JSON.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::{show, table};

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// The document's id (the `id` column of `documents` and of most reports).
    #[arg(value_name = "ID")]
    id: i64,

    /// Output format: readable text, or one JSON object.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text, value_name = "FORMAT")]
    format: Format,

    /// Write the output to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,

    /// Wrap the text at this many characters (default: COLUMNS, else the terminal's width, else 160).
    #[arg(long, value_name = "COLUMNS")]
    max_width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Fields, then the body with mentions marked `[surface](person:key)`.
    Text,
    /// One JSON object with every field, party, citation, footnote, warning and mention.
    Json,
}

pub(super) fn run(db_path: &Path, args: Args) -> Result<()> {
    let doc = show::read(db_path, args.id)?;
    let mut out = super::output::open(args.output.as_deref())?;
    match args.format {
        Format::Text => {
            let mut text = Vec::new();
            show::write_text(&doc, &mut text)?;
            let width = table::target_width(args.max_width);
            let text = table::wrap_labelled(&String::from_utf8_lossy(&text), width);
            out.write_all(text.as_bytes())?;
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &doc).map_err(std::io::Error::from)?; // keeps a closed pipe visible to main
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}
