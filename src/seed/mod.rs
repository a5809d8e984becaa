//! `archdb seed`: read the corpus, parse and resolve it in parallel, and
//! write everything in one transaction, so that a failed or killed seed
//! leaves the previous database exactly as it was.

mod bulk;
mod duplicates;
mod facts;
pub mod inputs;
mod limits;
pub mod nuls;
mod phases;
mod pipeline;
pub mod prepare;
mod summary;
mod texts;
mod write;

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rusqlite::{Connection, TransactionBehavior};

use crate::calendar::now_utc;
use crate::entities::Gazetteer;
use crate::reference::{self, ReferenceData};
use crate::show;

use inputs::{Input, Skipped};
use pipeline::{Item, BATCH};
use prepare::PreparedSource;

/// SQLite's page cache while seeding, in KiB (negative `cache_size` means
/// KiB). The default 2 MiB makes every mention insert re-read index pages
/// of the person and country indexes; 64 MiB holds them, and keeps the
/// whole seed well under the 256 MiB memory budget.
const SEED_CACHE_KIB: i64 = 64 * 1024;

#[derive(Debug, Clone, Default)]
pub struct SeedOptions {
    /// Folders of pages; empty means the bundled corpus.
    pub corpus_dirs: Vec<PathBuf>,
    /// Folder of reference CSVs; `None` means the bundled ones.
    pub reference_dir: Option<PathBuf>,
    /// The code page to read pages that are not UTF-8 in (`--encoding`);
    /// `None` detects it page by page.
    pub encoding: Option<crate::corpus::Codepage>,
}

/// What the database holds after a seed, for the summary line and for
/// tests. A re-seed that skipped unchanged files reports the same totals
/// as a full one; `files_unchanged` says how many were skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedSummary {
    pub files: u64,
    pub files_skipped: u64,
    /// Files whose bytes matched the last seed's and were not parsed again.
    pub files_unchanged: u64,
    pub documents: u64,
    pub persons_resolved: u64,
    pub countries_resolved: u64,
    pub mentions: u64,
    pub warnings: u64,
    /// Files the database held before this seed (0 on a first seed).
    pub files_before: u64,
    /// Of this seed's files: read again because their bytes changed, and
    /// not in the database before; and files the database lost.
    pub files_changed: u64,
    pub files_new: u64,
    pub files_removed: u64,
}

fn load_reference(options: &SeedOptions) -> Result<ReferenceData> {
    match &options.reference_dir {
        Some(dir) => reference::load_dir(dir),
        None => reference::load_embedded(),
    }
}

/// The pages to read. A corpus with none that archdb can read is an error:
/// seeding it would empty the database without a word.
fn corpus_inputs(options: &SeedOptions) -> Result<(Vec<Input>, Vec<Skipped>)> {
    if options.corpus_dirs.is_empty() {
        return Ok((inputs::bundled(), Vec::new()));
    }
    let (inputs, skipped) = inputs::walk(&options.corpus_dirs)?;
    if inputs.is_empty() {
        let dirs: Vec<String> = options
            .corpus_dirs
            .iter()
            .map(|d| d.display().to_string())
            .collect();
        let others = match skipped.len() {
            0 => "it is empty".to_string(),
            1 => "its only file is not a page".to_string(),
            n => format!("none of its {n} files is one"),
        };
        anyhow::bail!(
            "no page archdb can read in {}: a page is a .txt, .htm or .html file, and {others}; nothing was written (pass --corpus with a folder of pages, or one page)",
            dirs.join(", ")
        );
    }
    Ok((inputs, skipped))
}

/// Seeds `db_path`. Creates the file if needed; if the seed fails and the
/// file did not exist before, it is removed again.
pub fn seed(db_path: &Path, options: &SeedOptions) -> Result<SeedSummary> {
    let existed = db_path.exists();
    let result = seed_inner(db_path, options, !existed);
    if result.is_err() && !existed {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut path = db_path.as_os_str().to_owned();
            path.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(path));
        }
    }
    result
}

/// Seeds in one transaction. Unless the reference data or archdb itself
/// changed since the last seed (then everything is rebuilt), only files
/// whose bytes changed are parsed again: each replaces its own rows, files
/// gone from the corpus lose theirs, and the rest is left as it is.
fn seed_inner(db_path: &Path, options: &SeedOptions, fresh: bool) -> Result<SeedSummary> {
    let started = now_utc();
    let mut phases = phases::Phases::from_env();
    let reference = load_reference(options)?;
    let gazetteer =
        Gazetteer::new(&reference).context("building the name matcher from the reference data")?;
    let (inputs, skipped) = corpus_inputs(options)?;

    let mut conn = crate::db::open_for_write(db_path)?;
    conn.pragma_update(None, "cache_size", -SEED_CACHE_KIB)?;
    if fresh {
        // A new file has no old pages to preserve: a rollback journal
        // records nothing for it, where WAL would write the whole database
        // twice (once to the log, once at the checkpoint). Still one atomic
        // transaction; the file goes back to WAL once it is committed.
        set_journal_mode(&conn, "DELETE")?;
    }
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
    // Reference rows point at each other in both directions (a country's
    // successor comes later in the file); check the keys at commit.
    tx.pragma_update(None, "defer_foreign_keys", true)?;

    let ids = write::ReferenceIds::assign(&reference);
    let version = env!("CARGO_PKG_VERSION");
    // Rows read with a forced code page are not reused by a seed that
    // detects (or forces another), nor the other way round.
    let build = build_fingerprint().map(|b| match options.encoding {
        Some(codepage) => format!("{b} encoding {}", codepage.name()),
        None => b,
    });
    let previous = write::known_sources(&tx)?;
    let reusable = write::last_run(&tx)?.is_some_and(|(fingerprint, last_build)| {
        fingerprint == reference.fingerprint && build.is_some() && last_build == build
    });
    // A seed with other reference data or another build of archdb starts
    // from an empty database; otherwise it rereads only the changed files.
    // Either way it is the same seed from there on.
    let known = if reusable {
        previous.clone()
    } else {
        write::clear(&tx)?;
        write::reference(&tx, &reference)?;
        HashMap::new()
    };
    // Into empty tables, the indexes are built once at the end (bulk.rs):
    // at 20,000 documents, keeping them up to date row by row tripled the
    // writer thread's time.
    let deferred = if known.is_empty() {
        Some(bulk::defer(&tx)?)
    } else {
        None
    };
    phases.mark("reference data and clearing");

    write::clear_unread(&tx)?;
    for skip in &skipped {
        write::skipped(&tx, &skip.path, &skip.reason)?;
    }
    let mut summary = SeedSummary {
        files_skipped: skipped.len() as u64,
        files_before: previous.len() as u64,
        ..SeedSummary::default()
    };
    let changes = {
        let mut writer = write::Writer::new(&tx, &ids)?;
        let present: HashSet<&str> = inputs.iter().map(|i| i.path.as_str()).collect();
        for (path, (id, _)) in &known {
            if !present.contains(path.as_str()) {
                writer.delete_source(*id)?;
            }
        }
        summary.files_removed = previous
            .keys()
            .filter(|path| !present.contains(path.as_str()))
            .count() as u64;
        let progress = Progress::new(inputs.len() as u64);
        // Unchanged files are not read again: their hashes come from the database.
        let mut duplicates = duplicates::Duplicates::default();
        for input in &inputs {
            if let Some((_, sha256)) = known.get(&input.path) {
                duplicates.remember(sha256, &input.path);
            }
        }
        // Cells: both callbacks read the counts the writer callback updates.
        let (documents, unchanged) = (Cell::new(0u64), Cell::new(0u64));
        let (changed_files, new_files, readable) =
            (Cell::new(0u64), Cell::new(0u64), Cell::new(0u64));
        pipeline::run(
            &inputs,
            &gazetteer,
            &known,
            options.encoding,
            |item| {
                match item {
                    Item::Unchanged => {
                        unchanged.set(unchanged.get() + 1);
                        readable.set(readable.get() + 1);
                    }
                    Item::Changed(mut source) => {
                        // Against the database before this seed, also when it rebuilds everything.
                        match previous.get(&source.path) {
                            Some((_, sha)) if *sha == source.sha256 => {
                                unchanged.set(unchanged.get() + 1)
                            }
                            Some(_) => changed_files.set(changed_files.get() + 1),
                            None => new_files.set(new_files.get() + 1),
                        }
                        if !matches!(source.encoding.as_str(), "undecodable" | "not_read") {
                            readable.set(readable.get() + 1);
                        }
                        duplicates.check(&mut source);
                        if let Some((id, _)) = known.get(&source.path) {
                            writer.delete_source(*id)?;
                        }
                        documents.set(documents.get() + writer.source(&source)?.documents);
                    }
                }
                Ok(())
            },
            |files| progress.advance(files, documents.get(), unchanged.get()),
        )?;
        progress.finish();
        phases.mark("parse, resolve and insert");
        if readable.get() == 0 {
            anyhow::bail!(
                "no page archdb can read: none of the {} corpus files could be decoded as text (see why with --dry-run); nothing was written",
                inputs.len()
            );
        }
        summary.files_unchanged = unchanged.get();
        summary.files_changed = changed_files.get();
        summary.files_new = new_files.get();
        writer.into_changes()
    };
    if let Some(deferred) = deferred {
        deferred.restore(&tx, &mut phases)?;
    }
    summary::recompute(&tx, &changes)?;
    phases.mark("summary tables");

    totals(&tx, &mut summary)?;
    tx.execute(
        "INSERT INTO seed_runs (started_at, finished_at, archdb_version, reference_fingerprint, files,
             files_skipped, documents, mentions, warnings, build_fingerprint)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        rusqlite::params![
            started,
            now_utc(),
            version,
            reference.fingerprint,
            summary.files as i64,
            summary.files_skipped as i64,
            summary.documents as i64,
            summary.mentions as i64,
            summary.warnings as i64,
            build
        ],
    )?;
    tx.commit().map_err(|err| {
        write::user_foreign_key_advice(
            err,
            &format!("committing the seed to {}", db_path.display()),
        )
    })?;
    phases.mark("totals and commit");
    if fresh {
        set_journal_mode(&conn, "WAL")?;
    }
    Ok(summary)
}

/// Identifies the running build of archdb: rows written by another build
/// (a fixed parser, a new matcher) are not reused. The executable's size
/// and modification time, not its hash: hashing a 100 MB debug binary on
/// every seed cost seconds, and a rebuilt binary has a new mtime. A copied
/// binary with a new mtime only costs one full seed. `None` when the
/// executable cannot be examined; then every seed is a full one.
fn build_fingerprint() -> Option<String> {
    let meta = std::env::current_exe().ok()?.metadata().ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{} {} bytes {}.{:09}",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        modified.as_secs(),
        modified.subsec_nanos()
    ))
}

fn set_journal_mode(conn: &Connection, mode: &str) -> Result<()> {
    let got: String = conn.query_row(&format!("PRAGMA journal_mode = {mode}"), [], |row| {
        row.get(0)
    })?;
    if !got.eq_ignore_ascii_case(mode) {
        anyhow::bail!("could not switch the database to journal mode {mode} (got {got})");
    }
    Ok(())
}

/// What the database holds now: the same figures whether this seed wrote
/// every file or only the changed ones.
fn totals(tx: &rusqlite::Transaction, summary: &mut SeedSummary) -> Result<()> {
    let (files, documents, mentions, warnings, persons, countries): (i64, i64, i64, i64, i64, i64) =
        tx.query_row(
            "SELECT (SELECT count(*) FROM sources),
                (SELECT count(*) FROM documents),
                (SELECT count(*) FROM mentions),
                (SELECT count(*) FROM warnings),
                (SELECT count(*) FROM (SELECT person_id FROM mentions WHERE person_id IS NOT NULL
                                       UNION SELECT person_id FROM document_persons)),
                (SELECT count(DISTINCT country_id) FROM mentions WHERE country_id IS NOT NULL)",
            [],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                ))
            },
        )?;
    summary.files = files as u64;
    summary.documents = documents as u64;
    summary.mentions = mentions as u64;
    summary.warnings = warnings as u64;
    summary.persons_resolved = persons as u64;
    summary.countries_resolved = countries as u64;
    Ok(())
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
    pipeline::run(
        &inputs,
        &gazetteer,
        &HashMap::new(),
        options.encoding,
        |item| {
            if let Item::Changed(mut source) = item {
                duplicates.check(&mut source);
                summary.files += 1;
                describe_source(&source, out, &mut summary)?;
            }
            Ok(())
        },
        |_| {},
    )?;
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
    // Each warning on its own line, counted.
    let mut warn = |w: &crate::corpus::Warning, out: &mut dyn Write| -> Result<()> {
        writeln!(
            out,
            "   warning {}:{}: {}: {} (expected {})",
            source.path, w.line, w.code, w.message, w.expected
        )?;
        summary.warnings += 1;
        Ok(())
    };
    for w in source.warnings.iter().chain(&source.page.warnings) {
        warn(w, out)?;
    }
    let mut documents = 0;
    let mut mentions = 0;
    for (doc, resolved) in source.page.documents.iter().zip(&source.resolved) {
        documents += 1;
        mentions += resolved.mentions.len() as u64;
        writeln!(
            out,
            "-- document {} (lines {}-{})",
            doc.seq, doc.start_line, doc.end_line
        )?;
        let fields = show::Fields {
            indent: "   ",
            width: 15,
        };
        fields.line(out, "heading", &doc.heading)?;
        fields.line(
            out,
            "kind",
            show::kind_label(doc.kind.as_str(), doc.is_extract),
        )?;
        match &doc.date {
            Some(d) => fields.line(
                out,
                "date",
                show::date_range(&d.from, &d.to, d.precision.as_str())
                    + &show::printed(Some(&d.text)),
            )?,
            None => fields.line(out, "date", "(none)")?,
        }
        let classification = doc.classification.map_or("(none)", |c| c.as_str());
        let priority = doc.priority.map_or("(none)", |p| p.as_str());
        fields.line(
            out,
            "classification",
            format!("{classification}; priority: {priority}"),
        )?;
        for (party, res) in doc.parties.iter().zip(&resolved.parties) {
            let target = res
                .person
                .as_deref()
                .or(res.institution.as_deref())
                .unwrap_or("(unresolved)");
            fields.line(
                out,
                party.role.as_str(),
                format!("{} — resolved to {target}", party.text),
            )?;
        }
        for c in &doc.citations {
            fields.line(
                out,
                "citation",
                c.written() + &show::printed(Some(&c.as_printed)),
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
        fields.line(out, "mentions", names.join(", "))?;
        for w in doc.warnings.iter().chain(&resolved.warnings) {
            warn(w, out)?;
        }
    }
    summary.documents += documents;
    summary.mentions += mentions;
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
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files, {msg}, eta {eta}")
        {
            bar.set_style(style);
        }
        Progress(Some(bar))
    }

    fn advance(&self, files: u64, documents: u64, unchanged: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(files);
            // Documents per second, the figure a seed is judged by
            // (indicatif's own rate counts files, with four decimals).
            let rate = documents as f64 / bar.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{documents} documents written ({rate:.0}/s), {unchanged} files unchanged"
            ));
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
