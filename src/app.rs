//! What each command does, on top of the library modules.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::cli::{
    Cli, Command, DatasetteArgs, OutputArgs, QueryArgs, ReportArgs, SeedArgs, ShowArgs, ShowFormat,
};
use crate::{datasette, db, render, report, seed, show};

/// An error in how archdb was called (exit code 2), as opposed to a failure
/// while doing the work (exit code 1).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn usage(err: anyhow::Error) -> anyhow::Error {
    anyhow::Error::new(UsageError(format!("{err:#}")))
}

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Seed(args) => seed_command(&cli.db, args),
        Command::Report(args) => report_command(&cli.db, args),
        Command::Query(args) => query_command(&cli.db, args),
        Command::Show(args) => show_command(&cli.db, args),
        Command::Datasette(args) => datasette_command(&cli.db, args),
    }
}

fn seed_command(db_path: &Path, args: SeedArgs) -> Result<()> {
    let options = seed::SeedOptions {
        corpus_dirs: args.corpus,
        reference_dir: args.reference,
    };
    let start = Instant::now();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.dry_run {
        let summary = seed::dry_run(&options, &mut out)?;
        writeln!(
            out,
            "dry run: {} files, {} documents, {} mentions, {} warnings; nothing written",
            summary.files, summary.documents, summary.mentions, summary.warnings
        )?;
        return Ok(());
    }
    let summary = seed::seed(db_path, &options)?;
    writeln!(
        out,
        "seeded {}: {} file{} ({} skipped), {} documents, {} persons and {} countries resolved, {} mentions, {} warnings in {:.2} s",
        db_path.display(),
        summary.files,
        if summary.files == 1 { "" } else { "s" },
        summary.files_skipped,
        summary.documents,
        summary.persons_resolved,
        summary.countries_resolved,
        summary.mentions,
        summary.warnings,
        seed::elapsed(start)
    )?;
    if summary.warnings > 0 {
        writeln!(out, "see them with: archdb report warnings")?;
    }
    Ok(())
}

fn report_command(db_path: &Path, args: ReportArgs) -> Result<()> {
    if args.help && args.name.is_none() {
        // clap's own --help is disabled for `report` so that `report NAME --help`
        // can describe NAME; without a name it is the usual help.
        use clap::CommandFactory;
        let mut command = Cli::command();
        command.build(); // gives the subcommand its full name, `archdb report`
        if let Some(sub) = command.find_subcommand_mut("report") {
            sub.print_long_help()?;
        }
        return Ok(());
    }
    let reports = report::load_reports(&args.report_dirs)?;
    let Some(name) = &args.name else {
        return list_reports(&reports, &args.output);
    };
    let report = report::find(&reports, name).map_err(usage)?;
    if args.describe || args.help {
        return describe_report(report, &args.output);
    }
    let given = args
        .params
        .iter()
        .map(|p| report::split_assignment(p))
        .collect::<Result<Vec<_>>>()
        .map_err(usage)?;
    let values = report::bind_values(report, &given).map_err(usage)?;
    let timeout = args
        .output
        .timeout
        .or(report.timeout)
        .unwrap_or(report::DEFAULT_TIMEOUT);
    let mut rows = run_read_only(db_path, &report.sql, &values, timeout)
        .with_context(|| format!("running report {} ({})", report.name, report.origin))?;
    if to_terminal(&args.output) {
        render::bold_marked(&mut rows, "snippet");
    }
    print_rows(&rows, &args.output)
}

fn list_reports(reports: &[report::Report], output: &OutputArgs) -> Result<()> {
    let rows = render::Rows {
        columns: vec!["name".into(), "title".into(), "parameters".into()],
        rows: reports
            .iter()
            .map(|r| {
                let params: Vec<String> = r.params.iter().map(report::Param::summary).collect();
                vec![
                    r.name.clone().into(),
                    r.title.clone().into(),
                    params.join(", ").into(),
                ]
            })
            .collect(),
    };
    print_rows(&rows, output)
}

fn describe_report(report: &report::Report, output: &OutputArgs) -> Result<()> {
    let mut out = open_output(output)?;
    writeln!(out, "{} — {}", report.name, report.title)?;
    writeln!(out, "{}", report.description)?;
    writeln!(out, "source: {}", report.origin)?;
    if let Some(seconds) = report.timeout {
        writeln!(
            out,
            "time limit: {seconds} s (this report's own; --timeout overrides it)"
        )?;
    }
    writeln!(out, "parameters:")?;
    if report.params.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for p in &report.params {
        writeln!(
            out,
            "  --param {}=VALUE  ({}, default {})  {}",
            p.name,
            p.kind.as_str(),
            p.default.as_deref().unwrap_or("null"),
            p.description
        )?;
    }
    writeln!(out, "\n{}", report.sql.trim_end())?;
    out.flush()?;
    Ok(())
}

fn query_command(db_path: &Path, args: QueryArgs) -> Result<()> {
    let timeout = args.output.timeout.unwrap_or(report::DEFAULT_TIMEOUT);
    let rows = run_read_only(db_path, &args.sql, &[], timeout)?;
    print_rows(&rows, &args.output)
}

fn show_command(db_path: &Path, args: ShowArgs) -> Result<()> {
    let conn = db::open_read_only(db_path)?;
    let Some(doc) = show::load(&conn, args.id)? else {
        let (count, low, high): (i64, Option<i64>, Option<i64>) = conn.query_row(
            "SELECT count(*), min(id), max(id) FROM documents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let range = match (low, high) {
            (Some(low), Some(high)) => format!("the {count} documents have ids {low} to {high}"),
            _ => "the database holds no documents".to_string(),
        };
        anyhow::bail!(
            "no document with id {}; {range} (list them with `archdb report documents`)",
            args.id
        );
    };
    let mut out = open_file_or_stdout(args.output.as_deref())?;
    match args.format {
        ShowFormat::Text => show::write_text(&doc, &mut out)?,
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &doc).map_err(std::io::Error::from)?; // keeps a closed pipe visible to main
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn datasette_command(db_path: &Path, args: DatasetteArgs) -> Result<()> {
    let reports = report::load_reports(&args.report_dirs)?;
    // The metadata is built from the database itself: its data dictionary,
    // its tables and views (a canned query must not hide one) and the
    // columns each report returns. A missing database is refused here.
    let conn = db::open_read_only(db_path)?;
    let schema = datasette::read_schema(&conn, &reports)?;
    let name = args
        .database_name
        .unwrap_or_else(|| datasette::database_name(db_path));
    let metadata = datasette::metadata(&reports, &name, &schema);
    let mut out = open_file_or_stdout(args.output.as_deref())?;
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

fn run_read_only(
    db_path: &Path,
    sql: &str,
    values: &[(String, rusqlite::types::Value)],
    timeout: f64,
) -> Result<render::Rows> {
    if !(timeout > 0.0 && timeout.is_finite()) {
        return Err(usage(anyhow::anyhow!(
            "--timeout must be a positive number of seconds, got {timeout}"
        )));
    }
    let timeout = Duration::from_secs_f64(timeout);
    let mut conn = db::open_read_only(db_path)?;
    report::guard(&mut conn, timeout)?;
    report::run_sql(&conn, sql, values, timeout)
}

fn open_output(output: &OutputArgs) -> Result<Box<dyn Write>> {
    open_file_or_stdout(output.output.as_deref())
}

fn open_file_or_stdout(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) => {
            Box::new(BufWriter::new(File::create(path).with_context(|| {
                format!("creating output file {}", path.display())
            })?))
        }
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    })
}

/// A table printed to a terminal, where escape codes show as bold text
/// (`NO_COLOR` turns them off).
fn to_terminal(output: &OutputArgs) -> bool {
    use std::io::IsTerminal;
    output.format == render::Format::Table
        && output.output.is_none()
        && std::env::var_os("NO_COLOR").is_none()
        && std::io::stdout().is_terminal()
}

fn print_rows(rows: &render::Rows, output: &OutputArgs) -> Result<()> {
    let mut out = open_output(output)?;
    render::render(rows, output.format, output.max_width, &mut out)?;
    out.flush()?;
    Ok(())
}
