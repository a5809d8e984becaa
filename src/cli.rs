//! Command-line types (clap derive) only; no logic.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::render::Format;

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
        default_value = "archdb.sqlite"
    )]
    pub db: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse a corpus and (re)build the database from it, in one transaction.
    #[command(
        after_long_help = "Examples:\n  archdb seed\n  archdb seed --corpus ~/pages --corpus ~/more-pages\n  archdb seed --corpus ~/pages/1939_ankara.htm\n  archdb seed --corpus ~/pages --encoding cp1251\n  archdb --db /tmp/test.sqlite seed --dry-run"
    )]
    Seed(SeedArgs),

    /// List the stored reports, or run one.
    // `archdb report NAME --help` describes the report NAME, so clap's own
    // help flag is replaced by one the command interprets (see ReportArgs::help).
    #[command(
        disable_help_flag = true,
        after_long_help = "Examples:\n  archdb report\n  archdb report overview\n  archdb report positions_at --param date=1939-01-01 --format json\n  archdb report who_held -p office=envoy -p country=ussr -p host=turkey -p date=1939-01-01\n  archdb report search -p query='Balkans NOT Germany' -f csv\n  archdb report positions_at --help          the report's parameters (same as --describe)\n  archdb report mentions_by_country --format bars      a chart in the terminal\n  archdb report classification_by_year -f svg -o classification.svg"
    )]
    Report(ReportArgs),

    /// Run one ad-hoc SQL statement on a read-only connection.
    #[command(
        after_long_help = "Examples:\n  archdb query \"select kind, count(*) from documents group by kind\"\n  archdb query \"select * from document_overview\" --format csv"
    )]
    Query(QueryArgs),

    /// Show one document in full: fields, parties, citations, footnotes, warnings and the body with mentions marked.
    #[command(
        after_long_help = "In the body each mention is marked like a Markdown link: [Iden](person:eden),\n[Turks](country:turkey); the target is the person's or country's key.\n\nExamples:\n  archdb show 1\n  archdb show 1 --format json"
    )]
    Show(ShowArgs),

    /// Write Datasette metadata that publishes every report as a canned query, with full-text search set up.
    #[command(
        after_long_help = "Examples:\n  archdb datasette --output metadata.json --plugins-dir plugins\n  datasette archdb.sqlite -m metadata.json --plugins-dir plugins"
    )]
    Datasette(DatasetteArgs),

    /// Write who wrote to whom, or who is named together, as a network for Gephi, networkx or Graphviz.
    #[command(
        after_long_help = "The edges are exactly the rows of the report of the same name for the same\nparameters (see `archdb report correspondence --describe`); the nodes are their ends,\nwith kind, key, country of office and the first and last date of their edges.\n\nExamples:\n  archdb network correspondence --format gexf --output correspondence.gexf\n  archdb network co_mentions -p from=1939-01-01 -p to=1941-06-22 -p min_documents=2 -f graphml -o pairs.graphml\n  archdb network correspondence -p party=molotov -f dot | dot -Tsvg > molotov.svg"
    )]
    Network(NetworkArgs),
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// A folder of corpus pages (.txt, .htm, .html), read recursively, or a single page; repeatable.
    /// Without it, the corpus bundled in the binary is used.
    #[arg(long, value_name = "DIR|FILE")]
    pub corpus: Vec<PathBuf>,

    /// A folder with the reference CSV files to use instead of the bundled ones.
    #[arg(long, value_name = "DIR")]
    pub reference: Option<PathBuf>,

    /// Parse and print what each document would become, without touching the database.
    #[arg(long)]
    pub dry_run: bool,

    /// Read pages that are not UTF-8 in this code page instead of detecting it: windows-1251 (cp1251),
    /// koi8-r, iso-8859-5, windows-1252 (cp1252), latin-1 or utf-8. UTF-8 pages are still read as UTF-8.
    #[arg(long, value_name = "NAME", value_parser = parse_codepage)]
    pub encoding: Option<crate::corpus::Codepage>,
}

fn parse_codepage(name: &str) -> Result<crate::corpus::Codepage, String> {
    crate::corpus::Codepage::from_label(name).ok_or_else(|| {
        format!(
            "unknown encoding {name:?}; archdb reads {}",
            crate::corpus::Codepage::LABELS
        )
    })
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The report to run; without it, the reports are listed.
    #[arg(value_name = "NAME")]
    pub name: Option<String>,

    /// A parameter value, KEY=VALUE; repeatable.
    #[arg(long = "param", short = 'p', value_name = "KEY=VALUE")]
    pub params: Vec<String>,

    /// Show the report's title, description, parameters and SQL instead of running it.
    #[arg(long)]
    pub describe: bool,

    /// Print help; after a report name, describe that report (like --describe).
    #[arg(long, short = 'h')]
    pub help: bool,

    /// A folder of your own report files (*.sql); repeatable.
    #[arg(
        long = "reports",
        value_name = "DIR",
        env = "ARCHDB_REPORTS",
        value_delimiter = ':'
    )]
    pub report_dirs: Vec<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The SQL statement (one statement; read-only).
    #[arg(value_name = "SQL")]
    pub sql: String,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The document's id (the `id` column of `documents` and of most reports).
    #[arg(value_name = "ID")]
    pub id: i64,

    /// Output format: readable text, or one JSON object.
    #[arg(long, short = 'f', value_enum, default_value_t = ShowFormat::Text, value_name = "FORMAT")]
    pub format: ShowFormat,

    /// Write the output to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Wrap the text at this many characters (default: COLUMNS, else the terminal's width, else 160).
    #[arg(long, value_name = "COLUMNS")]
    pub max_width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    /// Fields, then the body with mentions marked `[surface](person:key)`.
    Text,
    /// One JSON object with every field, party, citation, footnote, warning and mention.
    Json,
}

#[derive(Debug, Args)]
pub struct DatasetteArgs {
    /// Write the metadata to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Also write archdb's Datasette plugin (document links, highlighted search
    /// snippets, defaults filled in, documents shown as documents) into this folder;
    /// pass the same folder to `datasette --plugins-dir`.
    #[arg(long, value_name = "DIR")]
    pub plugins_dir: Option<PathBuf>,

    /// The database's name in Datasette (default: the --db file name without its extension).
    #[arg(long, value_name = "NAME")]
    pub database_name: Option<String>,

    /// A folder of your own report files (*.sql) to publish too; repeatable.
    #[arg(
        long = "reports",
        value_name = "DIR",
        env = "ARCHDB_REPORTS",
        value_delimiter = ':'
    )]
    pub report_dirs: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct NetworkArgs {
    /// The report whose rows are the edges.
    #[arg(value_enum, value_name = "REPORT")]
    pub kind: crate::network::Kind,

    /// A parameter of that report, KEY=VALUE; repeatable (e.g. from=, to=, party=, entity=, min_documents=, limit=).
    #[arg(long = "param", short = 'p', value_name = "KEY=VALUE")]
    pub params: Vec<String>,

    /// File format.
    #[arg(long, short = 'f', value_enum, default_value_t = crate::network::Format::Gexf, value_name = "FORMAT")]
    pub format: crate::network::Format,

    /// Write the network to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Stop the report's statement after this many seconds [default: the report's].
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,

    /// A folder of your own report files (*.sql); one named correspondence or co_mentions replaces the shipped one.
    #[arg(
        long = "reports",
        value_name = "DIR",
        env = "ARCHDB_REPORTS",
        value_delimiter = ':'
    )]
    pub report_dirs: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
