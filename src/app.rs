//! What each command does, on top of the library modules.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::cli::{
    Cli, Command, DatasetteArgs, NetworkArgs, OutputArgs, QueryArgs, ReportArgs, SeedArgs,
    ShowArgs, ShowFormat,
};
use crate::{datasette, db, network, param_values, render, report, seed, show};

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
        Command::Network(args) => network_command(&cli.db, args),
    }
}

fn seed_command(db_path: &Path, args: SeedArgs) -> Result<()> {
    let options = seed::SeedOptions {
        corpus_dirs: args.corpus,
        reference_dir: args.reference,
        encoding: args.encoding,
    };
    let start = Instant::now();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.dry_run {
        let summary = seed::dry_run(&options, &mut out)?;
        writeln!(
            out,
            "dry run: {}, {}, {}, {}; nothing written",
            plural(summary.files, "file"),
            plural(summary.documents, "document"),
            plural(summary.mentions, "mention"),
            plural(summary.warnings, "warning")
        )?;
        return Ok(());
    }
    let summary = seed::seed(db_path, &options)?;
    let db_flag = if db_path == Path::new(DEFAULT_DB) {
        String::new()
    } else {
        format!("--db {} ", shell_word(&db_path.display().to_string()))
    };
    if summary.warnings > 0 {
        print_warnings(db_path, summary.warnings)?;
    }
    writeln!(
        out,
        "seeded {}: {} ({} skipped), {}, {} and {} resolved, {}, {} in {:.2} s",
        db_path.display(),
        plural(summary.files, "file"),
        summary.files_skipped,
        plural(summary.documents, "document"),
        plural(summary.persons_resolved, "person"),
        plural(summary.countries_resolved, "country"),
        plural(summary.mentions, "mention"),
        plural(summary.warnings, "warning"),
        seed::elapsed(start)
    )?;
    if summary.files_before > 0 {
        writeln!(
            out,
            "re-seeded: {} unchanged, {} changed, {} new, {} removed",
            plural(summary.files_unchanged, "file"),
            summary.files_changed,
            summary.files_new,
            summary.files_removed
        )?;
    }
    if summary.warnings > 0 {
        out.flush()?;
        eprintln!("see them all with: archdb {db_flag}report warnings");
    }
    Ok(())
}

/// The `--db` default, for telling whether the user gave another.
const DEFAULT_DB: &str = "archdb.sqlite";

/// How many warnings `seed` prints before it only counts the rest.
const WARNINGS_SHOWN: i64 = 20;

/// The seed's warnings on stderr the way a compiler prints them,
/// `FILE:LINE: code: message`, up to [`WARNINGS_SHOWN`], then a count.
fn print_warnings(db_path: &Path, total: u64) -> Result<()> {
    let conn = db::open_read_only(db_path)?;
    let mut stmt = conn.prepare(
        "SELECT s.path, w.line, w.code, w.message FROM warnings w
         LEFT JOIN sources s ON s.id = w.source_id
         ORDER BY s.path IS NULL, s.path, w.line, w.id LIMIT ?1",
    )?;
    let rows = stmt.query_map([WARNINGS_SHOWN], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let mut shown = 0u64;
    for row in rows {
        let (path, line, code, message) = row?;
        let place = match (path, line) {
            (Some(path), Some(line)) if line > 0 => format!("{path}:{line}: "),
            (Some(path), _) => format!("{path}: "),
            // A skipped file's warning names the file in its message.
            (None, _) => String::new(),
        };
        writeln!(err, "{place}{code}: {message}")?;
        shown += 1;
    }
    if total > shown {
        let more = total - shown;
        writeln!(
            err,
            "... and {more} more warning{}",
            if more == 1 { "" } else { "s" }
        )?;
    }
    drop(stmt);
    drop(conn);
    db::tidy_after_reading(db_path);
    Ok(())
}

/// `1 document`, `2 documents`, `3 countries`.
fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if let Some(stem) = noun.strip_suffix('y') {
        format!("{n} {stem}ies")
    } else {
        format!("{n} {noun}s")
    }
}

/// A path as the user would type it in a shell: quoted when it holds a
/// space or a shell character.
fn shell_word(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+=:,@".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
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
        if let Some(param) = args.params.first() {
            return Err(usage(anyhow::anyhow!(
                "--param {param} needs a report name: `archdb report NAME -p {param}` (`archdb report` lists the reports)"
            )));
        }
        if args.describe {
            return Err(usage(anyhow::anyhow!(
                "--describe needs a report name: `archdb report NAME --describe`"
            )));
        }
        return list_reports(&reports, &args.output);
    };
    let report = report::find(&reports, name).map_err(usage)?;
    if args.describe || args.help {
        return describe_report(report, &args.output);
    }
    let (given, values) = given_values(report, &args.params)?;
    let format = args.output.format;
    if format.is_chart() && report.chart.is_none() {
        return Err(usage(no_chart(report, &reports)));
    }
    if format == render::Format::Png
        && args.output.output.is_none()
        && std::io::stdout().is_terminal()
    {
        return Err(usage(anyhow::anyhow!(
            "--format png writes binary data; add --output FILE (or redirect to a file)"
        )));
    }
    let timeout = args
        .output
        .timeout
        .or(report.timeout)
        .unwrap_or(report::DEFAULT_TIMEOUT);
    let mut rows = run_report(db_path, report, &values, timeout)?;
    if !format.is_chart() && to_terminal(&args.output) {
        render::bold_marked(&mut rows, "snippet");
    }
    match &report.chart {
        Some(spec) if format.is_chart() => draw_chart(report, spec, &given, &rows, &args.output),
        _ => print_rows(&rows, &args.output),
    }
}

/// The error for a chart format asked of a report that declares no chart.
fn no_chart(report: &report::Report, reports: &[report::Report]) -> anyhow::Error {
    let charted: Vec<&str> = reports
        .iter()
        .filter(|r| r.chart.is_some())
        .map(|r| r.name.as_str())
        .collect();
    anyhow::anyhow!(
        "report {} declares no chart (a `-- chart:` header line), so it supports --format {}; \
         svg, png and bars draw the reports with one: {}",
        report.name,
        render::ROW_FORMATS,
        charted.join(", ")
    )
}

/// Draws a report's rows as its header declares, in the chosen chart format.
fn draw_chart(
    report: &report::Report,
    spec: &crate::chart::Spec,
    given: &[(String, String)],
    rows: &render::Rows,
    output: &OutputArgs,
) -> Result<()> {
    let chart = crate::chart::Chart {
        spec,
        title: &report.title,
        parameters: crate::chart::given(report, given),
    };
    let width = output
        .max_width
        .or_else(|| comfy_table::Table::new().width())
        .unwrap_or(80);
    let mut out = open_output(output)?;
    chart
        .write(rows, output.format, width as usize, &mut out)
        .with_context(|| {
            format!(
                "drawing the chart of report {} ({})",
                report.name, report.origin
            )
        })?;
    out.flush()?;
    Ok(())
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
        let checked = p
            .domain
            .as_ref()
            .map(|d| format!("  [checked: {}]", d.header_name()))
            .unwrap_or_default();
        writeln!(
            out,
            "  --param {}=VALUE  ({}, default {})  {}{checked}",
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
    if args.output.format.is_chart() {
        return Err(usage(anyhow::anyhow!(
            "--format svg, png and bars draw a stored report that declares a chart (`archdb report NAME --format svg`); a query prints {}",
            render::ROW_FORMATS
        )));
    }
    let timeout = args.output.timeout.unwrap_or(report::DEFAULT_TIMEOUT);
    let rows = run_read_only(db_path, &args.sql, &[], timeout, |_| Ok(()))?;
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
        drop(conn);
        db::tidy_after_reading(db_path);
        anyhow::bail!(
            "no document with id {}; {range} (list them with `archdb report documents`)",
            args.id
        );
    };
    drop(conn);
    db::tidy_after_reading(db_path);
    let mut out = open_file_or_stdout(args.output.as_deref())?;
    match args.format {
        ShowFormat::Text => {
            let mut text = Vec::new();
            show::write_text(&doc, &mut text)?;
            let width = crate::table::target_width(args.max_width);
            let text = crate::table::wrap_labelled(&String::from_utf8_lossy(&text), width);
            out.write_all(text.as_bytes())?;
        }
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

fn network_command(db_path: &Path, args: NetworkArgs) -> Result<()> {
    let reports = report::load_reports(&args.report_dirs)?;
    let report = report::find(&reports, args.kind.report()).map_err(usage)?;
    let (given, values) = given_values(report, &args.params)?;
    let timeout = args
        .timeout
        .or(report.timeout)
        .unwrap_or(report::DEFAULT_TIMEOUT);
    let rows = run_report(db_path, report, &values, timeout)?;
    let mut description = report.title.clone();
    let given = crate::chart::given(report, &given);
    if !given.is_empty() {
        description = format!("{description} ({})", given.join(", "));
    }
    let conn = db::open_read_only(db_path)?;
    let graph = network::build(&conn, args.kind, &rows, description)?;
    let mut out = open_file_or_stdout(args.output.as_deref())?;
    network::write(&graph, args.format, &mut out)?;
    out.flush()?;
    if let Some(path) = &args.output {
        eprintln!(
            "wrote {} nodes and {} edges to {}",
            graph.nodes.len(),
            graph.edges.len(),
            path.display()
        );
    }
    Ok(())
}

/// The `-p KEY=VALUE` pairs as given, and bound to the report's parameters
/// (a malformed pair or value is a usage error).
#[allow(clippy::type_complexity)]
fn given_values(
    report: &report::Report,
    params: &[String],
) -> Result<(Vec<(String, String)>, Vec<(String, rusqlite::types::Value)>)> {
    let given = params
        .iter()
        .map(|p| report::split_assignment(p))
        .collect::<Result<Vec<_>>>()
        .map_err(usage)?;
    let values = report::bind_values(report, &given).map_err(usage)?;
    Ok((given, values))
}

/// Runs a report with bound values: a filter value that matches nothing in
/// the database is a usage error (exit 2), anything else a failure.
fn run_report(
    db_path: &Path,
    report: &report::Report,
    values: &[(String, rusqlite::types::Value)],
    timeout: f64,
) -> Result<render::Rows> {
    match run_read_only(db_path, &report.sql, values, timeout, |conn| {
        param_values::check(conn, report, values).map_err(|e| match e {
            param_values::ValueError::NoMatch { .. } => usage(e.into()),
            other => other.into(),
        })
    }) {
        Err(err) if err.downcast_ref::<UsageError>().is_some() => Err(err),
        result => {
            result.with_context(|| format!("running report {} ({})", report.name, report.origin))
        }
    }
}

/// Runs `sql` on a read-only connection, after `check` has looked at the
/// database (the filter values of a report).
fn run_read_only(
    db_path: &Path,
    sql: &str,
    values: &[(String, rusqlite::types::Value)],
    timeout: f64,
    check: impl FnOnce(&rusqlite::Connection) -> Result<()>,
) -> Result<render::Rows> {
    if !(timeout > 0.0 && timeout.is_finite()) {
        return Err(usage(anyhow::anyhow!(
            "--timeout must be a positive number of seconds, got {timeout}"
        )));
    }
    let timeout = Duration::from_secs_f64(timeout);
    let mut conn = db::open_read_only(db_path)?;
    let rows = check(&conn)
        .and_then(|()| report::guard(&mut conn, timeout))
        .and_then(|()| report::run_sql(&conn, sql, values, timeout));
    drop(conn);
    db::tidy_after_reading(db_path);
    rows
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
