//! `archdb datasette`: Datasette metadata that publishes every report as a
//! canned query, and archdb's plugin.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::{datasette, db};

#[derive(Debug, clap::Args)]
#[command(mut_arg("report_dirs", |a| a.help("A folder of your own report files (*.sql) to publish too; repeatable")))]
pub(super) struct Args {
    /// Write the metadata to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,

    /// Also write archdb's Datasette plugin (document links, highlighted search
    /// snippets, defaults filled in, documents shown as documents) into this folder;
    /// pass the same folder to `datasette --plugins-dir`.
    #[arg(long, value_name = "DIR")]
    plugins_dir: Option<PathBuf>,

    /// The database's name in Datasette (default: the --db file name without its extension).
    #[arg(long, value_name = "NAME")]
    database_name: Option<String>,

    #[command(flatten)]
    reports: super::ReportDirs,
}

pub(super) fn run(db_path: &Path, args: Args) -> Result<()> {
    let reports = args.reports.load()?;
    // The metadata is built from the database itself: its data dictionary,
    // its tables and views (a canned query must not hide one) and the
    // columns each report returns. A missing database is refused here.
    let conn = db::open_read_only(db_path)?;
    let schema = datasette::read_schema(&conn, &reports)?;
    let name = args
        .database_name
        .unwrap_or_else(|| datasette::database_name(db_path));
    let metadata = datasette::metadata(&reports, &name, &schema);
    let mut out = super::output::open(args.output.as_deref())?;
    serde_json::to_writer_pretty(&mut out, &metadata).map_err(std::io::Error::from)?; // keeps a closed pipe visible to main
    writeln!(out)?;
    out.flush()?;
    if let Some(dir) = &args.plugins_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating plugins folder {}", dir.display()))?;
        let file = dir.join(datasette::PLUGIN_FILE);
        std::fs::write(&file, datasette::PLUGIN)
            .with_context(|| format!("writing Datasette plugin {}", file.display()))?;
    }
    if let Some(path) = &args.output {
        let plugins = args
            .plugins_dir
            .as_ref()
            .map(|dir| format!(" --plugins-dir {}", dir.display()))
            .unwrap_or_default();
        eprintln!(
            "wrote {} canned queries to {}; publish with: datasette {} -m {}{plugins}",
            reports.len(),
            path.display(),
            db_path.display(),
            path.display()
        );
    }
    Ok(())
}
