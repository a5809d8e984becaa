//! The command line: one module per command, each owning its arguments
//! (clap derive) and its `run`; this module has the top-level parser and
//! sends each command to its module.

mod datasette;
mod network;
mod output;
mod query;
mod report;
mod seed;
mod show;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "archdb",
    version,
    about = "Soviet diplomatic documents (1919-1941) in a SQLite database, with stored SQL reports.",
    after_long_help = "Examples:\n  archdb seed                                  build ./archdb.sqlite from the bundled corpus\n  archdb seed --corpus ~/pages                 ... from your own folder of .txt/.htm pages\n  archdb report                                list the stored reports\n  archdb report mentions_by_country --format csv\n  archdb report positions_at --param date=1939-01-01\n  archdb query \"select heading, date_from from documents\"\n  archdb show 1                                one document in full, mentions marked\n  archdb datasette --output metadata.json      the reports as Datasette canned queries\n  archdb report overview --format png -o overview.png   a report's chart\n  archdb network correspondence -o letters.gexf          who wrote to whom, for Gephi"
)]
pub struct Cli {
    /// The SQLite database file.
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        env = "ARCHDB_DB",
        default_value = DEFAULT_DB
    )]
    db: PathBuf,

    #[command(subcommand)]
    command: Command,
}

/// The `--db` default.
const DEFAULT_DB: &str = "archdb.sqlite";

/// `--reports`, of the commands that read the stored reports; a command may
/// word the help for itself (`#[command(mut_arg("report_dirs", ...))]`).
#[derive(Debug, clap::Args)]
struct ReportDirs {
    /// A folder of your own report files (*.sql); repeatable.
    #[arg(
        long = "reports",
        value_name = "DIR",
        env = "ARCHDB_REPORTS",
        value_delimiter = ':'
    )]
    report_dirs: Vec<PathBuf>,
}

impl ReportDirs {
    /// The shipped reports and those in the folders, sorted by name.
    fn load(&self) -> Result<Vec<crate::report::Report>> {
        crate::report::load_reports(&self.report_dirs)
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse a corpus and (re)build the database from it, in one transaction.
    #[command(
        after_long_help = "Examples:\n  archdb seed\n  archdb seed --corpus ~/pages --corpus ~/more-pages\n  archdb seed --corpus ~/pages/1939_ankara.htm\n  archdb seed --corpus ~/pages --encoding cp1251\n  archdb --db /tmp/test.sqlite seed --dry-run"
    )]
    Seed(seed::Args),

    /// List the stored reports, or run one.
    // `archdb report NAME --help` describes the report NAME, so clap's own
    // help flag is replaced by one the command interprets (see report::Args::help).
    #[command(
        disable_help_flag = true,
        after_long_help = "Examples:\n  archdb report\n  archdb report overview\n  archdb report positions_at --param date=1939-01-01 --format json\n  archdb report who_held -p office=envoy -p country=ussr -p host=turkey -p date=1939-01-01\n  archdb report search -p query='Balkans NOT Germany' -f csv\n  archdb report positions_at --help          the report's parameters (same as --describe)\n  archdb report mentions_by_country --format bars      a chart in the terminal\n  archdb report classification_by_year -f svg -o classification.svg"
    )]
    Report(report::Args),

    /// Run one ad-hoc SQL statement on a read-only connection.
    #[command(
        after_long_help = "Examples:\n  archdb query \"select kind, count(*) from documents group by kind\"\n  archdb query \"select * from document_overview\" --format csv"
    )]
    Query(query::Args),

    /// Show one document in full: fields, parties, citations, footnotes, warnings and the body with mentions marked.
    #[command(
        after_long_help = "In the body each mention is marked like a Markdown link: [Iden](person:eden),\n[Turks](country:turkey); the target is the person's or country's key.\n\nExamples:\n  archdb show 1\n  archdb show 1 --format json"
    )]
    Show(show::Args),

    /// Write Datasette metadata that publishes every report as a canned query, with full-text search set up.
    #[command(
        after_long_help = "Examples:\n  archdb datasette --output metadata.json --plugins-dir plugins\n  datasette archdb.sqlite -m metadata.json --plugins-dir plugins"
    )]
    Datasette(datasette::Args),

    /// Write who wrote to whom, or who is named together, as a network for Gephi, networkx or Graphviz.
    #[command(
        after_long_help = "The edges are exactly the rows of the report of the same name for the same\nparameters (see `archdb report correspondence --describe`); the nodes are their ends,\nwith kind, key, country of office and the first and last date of their edges.\n\nExamples:\n  archdb network correspondence --format gexf --output correspondence.gexf\n  archdb network co_mentions -p from=1939-01-01 -p to=1941-06-22 -p min_documents=2 -f graphml -o pairs.graphml\n  archdb network correspondence -p party=molotov -f dot | dot -Tsvg > molotov.svg"
    )]
    Network(network::Args),
}

/// Runs the command `cli` names. A [`crate::error::UsageError`] in the
/// chain is a mistake in how archdb was called (exit code 2).
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Seed(args) => seed::run(&cli.db, args),
        Command::Report(args) => report::run(&cli.db, args),
        Command::Query(args) => query::run(&cli.db, args),
        Command::Show(args) => show::run(&cli.db, args),
        Command::Datasette(args) => datasette::run(&cli.db, args),
        Command::Network(args) => network::run(&cli.db, args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
