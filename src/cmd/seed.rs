//! `archdb seed`: the arguments, the call to [`crate::seed`], and the summary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;

use crate::corpus::Codepage;
use crate::seed::{self, SeedOptions};
use crate::show;

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// A folder of corpus pages (.txt, .htm, .html), read recursively, or a single page; repeatable.
    /// Without it, the corpus bundled in the binary is used.
    #[arg(long, value_name = "DIR|FILE")]
    corpus: Vec<PathBuf>,

    /// A folder with the reference CSV files to use instead of the bundled ones.
    #[arg(long, value_name = "DIR")]
    reference: Option<PathBuf>,

    /// Parse and print what each document would become, without touching the database.
    #[arg(long)]
    dry_run: bool,

    /// Read pages that are not UTF-8 in this code page instead of detecting it: windows-1251 (cp1251),
    /// koi8-r, iso-8859-5, windows-1252 (cp1252), latin-1 or utf-8. UTF-8 pages are still read as UTF-8.
    #[arg(long, value_name = "NAME", value_parser = parse_codepage)]
    encoding: Option<Codepage>,
}

fn parse_codepage(name: &str) -> Result<Codepage, String> {
    Codepage::from_label(name).ok_or_else(|| {
        format!(
            "unknown encoding {name:?}; archdb reads {}",
            Codepage::LABELS
        )
    })
}

/// How many warnings `seed` prints before it only counts the rest.
const WARNINGS_SHOWN: i64 = 20;

pub(super) fn run(db_path: &Path, args: Args) -> Result<()> {
    let options = SeedOptions {
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
    let db_flag = if db_path == Path::new(super::DEFAULT_DB) {
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
        start.elapsed().as_secs_f64()
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

/// The seed's warnings on stderr the way a compiler prints them,
/// `FILE:LINE: code: message`, up to [`WARNINGS_SHOWN`], then a count.
fn print_warnings(db_path: &Path, total: u64) -> Result<()> {
    let warnings = show::first_warnings(db_path, WARNINGS_SHOWN)?;
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for w in &warnings {
        let place = match (&w.path, w.line) {
            (Some(path), Some(line)) if line > 0 => format!("{path}:{line}: "),
            (Some(path), _) => format!("{path}: "),
            // A skipped file's warning names the file in its message.
            (None, _) => String::new(),
        };
        writeln!(err, "{place}{}: {}", w.code, w.message)?;
    }
    let shown = warnings.len() as u64;
    if total > shown {
        let more = total - shown;
        writeln!(
            err,
            "... and {more} more warning{}",
            if more == 1 { "" } else { "s" }
        )?;
    }
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
