//! `archdb network`: the rows of the `correspondence` or `co_mentions`
//! report as a network file.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::error::usage;
use crate::network::{self, Format, Kind};
use crate::{chart, db, report};

#[derive(Debug, clap::Args)]
#[command(mut_arg("report_dirs", |a| a.help("A folder of your own report files (*.sql); one named correspondence or co_mentions replaces the shipped one")))]
pub(super) struct Args {
    /// The report whose rows are the edges.
    #[arg(value_enum, value_name = "REPORT")]
    kind: Kind,

    /// A parameter of that report, KEY=VALUE; repeatable (e.g. from=, to=, party=, entity=, min_documents=, limit=).
    #[arg(long = "param", short = 'p', value_name = "KEY=VALUE")]
    params: Vec<String>,

    /// File format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Gexf, value_name = "FORMAT")]
    format: Format,

    /// Write the network to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,

    /// Stop the report's statement after this many seconds [default: the report's].
    #[arg(long, value_name = "SECONDS")]
    timeout: Option<f64>,

    #[command(flatten)]
    reports: super::ReportDirs,
}

pub(super) fn run(db_path: &Path, args: Args) -> Result<()> {
    let reports = args.reports.load()?;
    let report = report::find(&reports, args.kind.report()).map_err(usage)?;
    let bound = report::bind(report, &args.params)?;
    let rows = bound.run(db_path, args.timeout)?;
    let mut description = report.title.clone();
    let given = chart::given(report, bound.given());
    if !given.is_empty() {
        description = format!("{description} ({})", given.join(", "));
    }
    let conn = db::open_read_only(db_path)?;
    let graph = network::build(&conn, args.kind, &rows, description)?;
    let mut out = super::output::open(args.output.as_deref())?;
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
