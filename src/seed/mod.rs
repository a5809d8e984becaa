//! `archdb seed`: read the corpus, parse and resolve it in parallel, and
//! write everything in one transaction, so that a failed or killed seed
//! leaves the previous database exactly as it was.

pub mod duplicates;
pub mod inputs;
pub mod limits;
pub mod nuls;
pub mod prepare;
pub mod write;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use rayon::prelude::*;
use rusqlite::TransactionBehavior;

use crate::entities::Gazetteer;
use crate::reference::{self, ReferenceData};

use inputs::{Input, Skipped};
use prepare::PreparedSource;

/// How many files are parsed in parallel before their rows are written:
/// bounds memory (a batch is in memory at a time), keeps both cores busy.
const BATCH: usize = 64;

#[derive(Debug, Clone, Default)]
pub struct SeedOptions {
    /// Folders of pages; empty means the bundled corpus.
    pub corpus_dirs: Vec<PathBuf>,
    /// Folder of reference CSVs; `None` means the bundled ones.
    pub reference_dir: Option<PathBuf>,
}

/// What a seed did, for the summary line and for tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedSummary {
    pub files: u64,
    pub files_skipped: u64,
    pub documents: u64,
    pub persons_resolved: u64,
    pub countries_resolved: u64,
    pub mentions: u64,
    pub warnings: u64,
}

fn load_reference(options: &SeedOptions) -> Result<ReferenceData> {
    match &options.reference_dir {
        Some(dir) => reference::load_dir(dir),
        None => reference::load_embedded(),
    }
}

fn corpus_inputs(options: &SeedOptions) -> Result<(Vec<Input>, Vec<Skipped>)> {
    if options.corpus_dirs.is_empty() {
        Ok((inputs::bundled(), Vec::new()))
    } else {
        inputs::walk(&options.corpus_dirs)
    }
}

/// Reads and prepares a batch in parallel. A file that cannot be read is
/// an error: seeding without it would silently lose its documents.
fn prepare_batch(batch: &[Input], gazetteer: &Gazetteer) -> Result<Vec<PreparedSource>> {
    batch
        .par_iter()
        .map(|input| Ok(prepare::prepare(input, input.read()?, gazetteer)))
        .collect()
}

/// Seeds `db_path`. Creates the file if needed; if the seed fails and the
/// file did not exist before, it is removed again.
pub fn seed(db_path: &Path, options: &SeedOptions) -> Result<SeedSummary> {
    let existed = db_path.exists();
    let result = seed_inner(db_path, options);
    if result.is_err() && !existed {
        for suffix in ["", "-wal", "-shm"] {
            let mut path = db_path.as_os_str().to_owned();
            path.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(path));
        }
    }
    result
}

fn seed_inner(db_path: &Path, options: &SeedOptions) -> Result<SeedSummary> {
    let started = now_utc();
    let reference = load_reference(options)?;
    let gazetteer =
        Gazetteer::new(&reference).context("building the name matcher from the reference data")?;
    let (inputs, skipped) = corpus_inputs(options)?;

    let mut conn = crate::db::open_for_write(db_path)?;
    // IMMEDIATE: take the write lock now, so a second seed waits (busy
    // timeout) or fails before doing any work.
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .with_context(|| {
            format!(
                "locking {} for writing (is another seed running?)",
                db_path.display()
            )
        })?;
    write::clear(&tx)?;
    let ids = write::reference(&tx, &reference)?;

    let mut summary = SeedSummary {
        files_skipped: skipped.len() as u64,
        ..SeedSummary::default()
    };
    for skip in &skipped {
        write::skipped(&tx, &skip.path, &skip.reason)?;
        summary.warnings += 1;
    }
    let progress = Progress::new(inputs.len() as u64);
    let mut duplicates = duplicates::Duplicates::default();
    for batch in inputs.chunks(BATCH) {
        for mut source in prepare_batch(batch, &gazetteer)? {
            duplicates.check(&mut source);
            let written = write::source(&tx, &ids, &source)?;
            summary.files += 1;
            summary.documents += written.documents;
            summary.mentions += written.mentions;
            summary.warnings += written.warnings;
        }
        progress.advance(batch.len() as u64, summary.documents);
    }
    progress.finish();

    let (persons, countries): (i64, i64) = tx.query_row(
        "SELECT (SELECT count(*) FROM (SELECT person_id FROM mentions WHERE person_id IS NOT NULL
                                       UNION SELECT person_id FROM document_persons)),
                (SELECT count(DISTINCT country_id) FROM mentions WHERE country_id IS NOT NULL)",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    summary.persons_resolved = persons as u64;
    summary.countries_resolved = countries as u64;
    tx.execute(
        "INSERT INTO seed_runs (started_at, finished_at, archdb_version, reference_fingerprint, files,
             files_skipped, documents, mentions, warnings)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![
            started,
            now_utc(),
            env!("CARGO_PKG_VERSION"),
            reference.fingerprint,
            summary.files as i64,
            summary.files_skipped as i64,
            summary.documents as i64,
            summary.mentions as i64,
            summary.warnings as i64
        ],
    )?;
    tx.commit()
        .with_context(|| format!("committing the seed to {}", db_path.display()))?;
    Ok(summary)
}

/// `archdb seed --dry-run`: parse and resolve, print what each document
/// would become, write nothing.
pub fn dry_run(options: &SeedOptions, out: &mut dyn Write) -> Result<SeedSummary> {
    let reference = load_reference(options)?;
    let gazetteer = Gazetteer::new(&reference)?;
    let (inputs, skipped) = corpus_inputs(options)?;
    let mut summary = SeedSummary {
        files_skipped: skipped.len() as u64,
        ..SeedSummary::default()
    };
    for skip in &skipped {
        writeln!(out, "{}: skipped: {}", skip.path, skip.reason)?;
        summary.warnings += 1;
    }
    let mut duplicates = duplicates::Duplicates::default();
    for batch in inputs.chunks(BATCH) {
        for mut source in prepare_batch(batch, &gazetteer)? {
            duplicates.check(&mut source);
            summary.files += 1;
            describe_source(&source, out, &mut summary)?;
        }
    }
    Ok(summary)
}

fn describe_source(
    source: &PreparedSource,
    out: &mut dyn Write,
    summary: &mut SeedSummary,
) -> Result<()> {
    writeln!(
        out,
        "== {} ({}, {}, {} bytes)",
        source.path,
        source.format.as_str(),
        source.encoding,
        source.content.len()
    )?;
    for w in source.warnings.iter().chain(&source.page.warnings) {
        writeln!(
            out,
            "   warning {}:{}: {}: {} (expected {})",
            source.path, w.line, w.code, w.message, w.expected
        )?;
        summary.warnings += 1;
    }
    for (doc, resolved) in source.page.documents.iter().zip(&source.resolved) {
        summary.documents += 1;
        summary.mentions += resolved.mentions.len() as u64;
        writeln!(
            out,
            "-- document {} (lines {}-{})",
            doc.seq, doc.start_line, doc.end_line
        )?;
        writeln!(out, "   heading:        {}", doc.heading)?;
        writeln!(
            out,
            "   kind:           {}{}",
            doc.kind.as_str(),
            if doc.is_extract { " (extract)" } else { "" }
        )?;
        match &doc.date {
            Some(d) => writeln!(
                out,
                "   date:           {} -> {} .. {} ({})",
                d.text,
                d.from,
                d.to,
                d.precision.as_str()
            )?,
            None => writeln!(out, "   date:           (none)")?,
        }
        let classification = doc.classification.map_or("(none)", |c| c.as_str());
        let priority = doc.priority.map_or("(none)", |p| p.as_str());
        writeln!(
            out,
            "   classification: {classification}; priority: {priority}"
        )?;
        for (party, res) in doc.parties.iter().zip(&resolved.parties) {
            let target = res
                .person
                .as_deref()
                .or(res.institution.as_deref())
                .unwrap_or("(unresolved)");
            writeln!(
                out,
                "   {:<15} {} -> {}",
                format!("{}:", party.role.as_str()),
                party.text,
                target
            )?;
        }
        for c in &doc.citations {
            writeln!(
                out,
                "   citation:       {} | fond {:?} opis {:?} papka {:?} delo {:?} sheets {:?}",
                c.as_printed, c.fond, c.opis, c.papka, c.delo, c.sheets
            )?;
        }
        let mut names: Vec<String> = resolved
            .mentions
            .iter()
            .map(|m| match &m.target {
                crate::entities::Target::Person(k) | crate::entities::Target::Country(k) => {
                    format!("{}={k}", m.surface)
                }
            })
            .collect();
        names.dedup();
        writeln!(out, "   mentions:       {}", names.join(", "))?;
        for w in doc.warnings.iter().chain(&resolved.warnings) {
            writeln!(
                out,
                "   warning {}:{}: {}: {} (expected {})",
                source.path, w.line, w.code, w.message, w.expected
            )?;
            summary.warnings += 1;
        }
    }
    Ok(())
}

/// A progress bar on a terminal; nothing when stderr is not one.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(files: u64) -> Self {
        use std::io::IsTerminal;
        if !std::io::stderr().is_terminal() || files < 2 * BATCH as u64 {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(files);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:30} {pos}/{len} files, {msg} ({per_sec}, eta {eta})",
        ) {
            bar.set_style(style);
        }
        Progress(Some(bar))
    }

    fn advance(&self, files: u64, documents: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(files);
            bar.set_message(format!("{documents} documents"));
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// UTC time as ISO 8601, from the system clock (no time-zone crate needed).
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Seconds since `start`, for the summary line.
pub fn elapsed(start: Instant) -> f64 {
    start.elapsed().as_secs_f64()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_is_iso_8601() {
        let now = now_utc();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.starts_with("20") && now.ends_with('Z'), "{now}");
        assert!(crate::report::is_iso_day(&now[..10]), "{now}");
    }
}
