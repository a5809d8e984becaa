//! Command-line types (clap derive) only; no logic.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::render::Format;

#[derive(Debug, Parser)]
#[command(
    name = "archdb",
    version,
    about = "Soviet diplomatic documents (1919-1941) in a SQLite database, with stored SQL reports.",
    after_long_help = "Examples:\n  archdb seed                                  build ./archdb.sqlite from the bundled corpus\n  archdb seed --corpus ~/pages                 ... from your own folder of .txt/.htm pages\n  archdb report                                list the stored reports\n  archdb report mentions_by_country --format csv\n  archdb report positions_at --param date=1939-01-01\n  archdb query \"select heading, date_from from documents\""
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
        after_long_help = "Examples:\n  archdb seed\n  archdb seed --corpus ~/pages --corpus ~/more-pages\n  archdb --db /tmp/test.sqlite seed --dry-run"
    )]
    Seed(SeedArgs),

    /// List the stored reports, or run one.
    #[command(
        after_long_help = "Examples:\n  archdb report\n  archdb report overview\n  archdb report positions_at --param date=1939-01-01 --format json\n  archdb report --describe positions_at"
    )]
    Report(ReportArgs),

    /// Run one ad-hoc SQL statement on a read-only connection.
    #[command(
        after_long_help = "Examples:\n  archdb query \"select kind, count(*) from documents group by kind\"\n  archdb query \"select * from document_overview\" --format csv"
    )]
    Query(QueryArgs),
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// A folder of corpus pages (.txt, .htm, .html), read recursively; repeatable.
    /// Without it, the corpus bundled in the binary is used.
    #[arg(long, value_name = "DIR")]
    pub corpus: Vec<PathBuf>,

    /// A folder with the reference CSV files to use instead of the bundled ones.
    #[arg(long, value_name = "DIR")]
    pub reference: Option<PathBuf>,

    /// Parse and print what each document would become, without touching the database.
    #[arg(long)]
    pub dry_run: bool,
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
pub struct OutputArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table, value_name = "FORMAT")]
    pub format: Format,

    /// Widest a table may be, in characters (default: the terminal's width).
    #[arg(long, value_name = "COLUMNS")]
    pub max_width: Option<u16>,

    /// Write the output to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Stop a statement that runs longer than this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 5.0)]
    pub timeout: f64,
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
