//! `archdb report`: list the stored reports, describe one, or run it and
//! print its rows or draw its chart.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{anyhow, Context, Result};

use super::output::OutputArgs;
use crate::chart::{self, Chart};
use crate::error::usage;
use crate::render::{self, Format, Rows};
use crate::report::{self, Param, Report};

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// The report to run; without it, the reports are listed.
    #[arg(value_name = "NAME")]
    name: Option<String>,

    /// A parameter value, KEY=VALUE; repeatable.
    #[arg(long = "param", short = 'p', value_name = "KEY=VALUE")]
    params: Vec<String>,

    /// Show the report's title, description, parameters and SQL instead of running it.
    #[arg(long)]
    describe: bool,

    /// Print help; after a report name, describe that report (like --describe).
    #[arg(long, short = 'h')]
    help: bool,

    #[command(flatten)]
    reports: super::ReportDirs,

    #[command(flatten)]
    output: OutputArgs,
}

pub(super) fn run(db_path: &Path, args: Args) -> Result<()> {
    if args.help && args.name.is_none() {
        // clap's own --help is disabled for `report` so that `report NAME --help`
        // can describe NAME; without a name it is the usual help.
        use clap::CommandFactory;
        let mut command = super::Cli::command();
        command.build(); // gives the subcommand its full name, `archdb report`
        if let Some(sub) = command.find_subcommand_mut("report") {
            sub.print_long_help()?;
        }
        return Ok(());
    }
    let reports = args.reports.load()?;
    let Some(name) = &args.name else {
        if let Some(param) = args.params.first() {
            return Err(usage(anyhow!(
                "--param {param} needs a report name: `archdb report NAME -p {param}` (`archdb report` lists the reports)"
            )));
        }
        if args.describe {
            return Err(usage(anyhow!(
                "--describe needs a report name: `archdb report NAME --describe`"
            )));
        }
        return list(&reports, &args.output);
    };
    let report = report::find(&reports, name).map_err(usage)?;
    if args.describe || args.help {
        return describe(report, &args.output);
    }
    let bound = report::bind(report, &args.params)?;
    let format = args.output.format;
    if format.is_chart() && report.chart.is_none() {
        return Err(usage(no_chart(report, &reports)));
    }
    if format == Format::Png && args.output.output.is_none() && std::io::stdout().is_terminal() {
        return Err(usage(anyhow!(
            "--format png writes binary data; add --output FILE (or redirect to a file)"
        )));
    }
    let mut rows = bound.run(db_path, args.output.timeout)?;
    if !format.is_chart() && args.output.to_terminal() {
        render::bold_marked(&mut rows, "snippet");
    }
    match &report.chart {
        Some(spec) if format.is_chart() => draw(report, spec, bound.given(), &rows, &args.output),
        _ => args.output.print_rows(&rows),
    }
}

/// The error for a chart format asked of a report that declares no chart.
fn no_chart(report: &Report, reports: &[Report]) -> anyhow::Error {
    let charted: Vec<&str> = reports
        .iter()
        .filter(|r| r.chart.is_some())
        .map(|r| r.name.as_str())
        .collect();
    anyhow!(
        "report {} declares no chart (a `-- chart:` header line), so it supports --format {}; \
         svg, png and bars draw the reports with one: {}",
        report.name,
        render::ROW_FORMATS,
        charted.join(", ")
    )
}

/// Draws a report's rows as its header declares, in the chosen chart format.
fn draw(
    report: &Report,
    spec: &chart::Spec,
    given: &[(String, String)],
    rows: &Rows,
    output: &OutputArgs,
) -> Result<()> {
    let chart = Chart {
        spec,
        title: &report.title,
        parameters: chart::given(report, given),
    };
    let width = output
        .max_width
        .or_else(|| comfy_table::Table::new().width())
        .unwrap_or(80);
    let mut out = output.open()?;
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

fn list(reports: &[Report], output: &OutputArgs) -> Result<()> {
    let rows = Rows {
        columns: vec!["name".into(), "title".into(), "parameters".into()],
        rows: reports
            .iter()
            .map(|r| {
                let params: Vec<String> = r.params.iter().map(Param::summary).collect();
                vec![
                    r.name.clone().into(),
                    r.title.clone().into(),
                    params.join(", ").into(),
                ]
            })
            .collect(),
    };
    output.print_rows(&rows)
}

fn describe(report: &Report, output: &OutputArgs) -> Result<()> {
    let mut out = output.open()?;
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
