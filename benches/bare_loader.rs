//! The ceiling issue 6 measures archdb against: a bare loader that reads the
//! corpus, cuts pages at heading lines, finds the reference aliases with one
//! aho-corasick automaton, and inserts documents (one text column), mentions
//! and an FTS5 index with rusqlite in one transaction. No dates, roles,
//! citations, footnotes, warnings, raw text, summaries or file bytes.
//! Run on the same corpus as `archdb seed`, it shows how far archdb's
//! writing is from the floor this machine and SQLite set. Compare MB/s:
//! its crude cutting finds fewer documents than archdb's parser (it misses
//! date-first, bare and HTML headings), so its documents/s understates it.
//!
//!     cargo bench --locked --bench bare_loader -- DIR   (default benches/out/corpus-20000)

use std::path::{Path, PathBuf};
use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use anyhow::{Context, Result};
use rusqlite::{params, Connection};

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e == "txt" || e == "htm" || e == "html")
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Heading-like lines start a document (what a quick script would do): a
/// kind word first, no full stop at the end.
fn is_heading(line: &str) -> bool {
    const STARTS: [&str; 9] = [
        "Telegram",
        "Recording",
        "Record",
        "Letter",
        "Note",
        "Talk",
        "From",
        "Conversation",
        "Statement",
    ];
    STARTS.iter().any(|s| line.starts_with(s)) && !line.trim_end().ends_with('.')
}

fn main() -> Result<()> {
    let corpus = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "benches/out/corpus-20000".into());
    let reference = archdb::reference::load_embedded()?;
    let aliases: Vec<&str> = reference
        .person_aliases
        .iter()
        .map(|a| a.alias.as_str())
        .chain(reference.country_aliases.iter().map(|a| a.alias.as_str()))
        .collect();
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&aliases)?;

    let mut paths = Vec::new();
    files(Path::new(&corpus), &mut paths)?;
    let db = std::env::temp_dir().join(format!("archdb-bare-{}.sqlite", std::process::id()));
    let _ = std::fs::remove_file(&db);

    let start = Instant::now();
    let mut conn = Connection::open(&db)?;
    conn.execute_batch(
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT NOT NULL, body TEXT NOT NULL);
         CREATE TABLE mentions (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL, alias INTEGER NOT NULL,
                                start INTEGER NOT NULL, end INTEGER NOT NULL);
         CREATE VIRTUAL TABLE documents_fts USING fts5 (body, content = 'documents', content_rowid = 'id');",
    )?;
    let tx = conn.transaction()?;
    let (mut documents, mut mentions, mut bytes) = (0u64, 0u64, 0u64);
    {
        let mut doc = tx.prepare("INSERT INTO documents (path, body) VALUES (?1, ?2)")?;
        let mut mention = tx.prepare(
            "INSERT INTO mentions (document_id, alias, start, end) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for path in &paths {
            let text = std::fs::read_to_string(path)?;
            bytes += text.len() as u64;
            let name = path.to_string_lossy();
            // The site header before the first heading is no document.
            let mut cuts: Vec<usize> = Vec::new();
            let (mut at, mut after_blank) = (0, false);
            for line in text.split_inclusive('\n') {
                if (at == 0 || after_blank) && is_heading(line) {
                    cuts.push(at);
                }
                after_blank = line.trim().is_empty();
                at += line.len();
            }
            if cuts.is_empty() {
                continue;
            }
            cuts.push(text.len());
            for pair in cuts.windows(2) {
                let body = &text[pair[0]..pair[1]];
                let id = doc.insert(params![name, body])?;
                documents += 1;
                for m in matcher.find_iter(body) {
                    mention.execute(params![
                        id,
                        m.pattern().as_u32(),
                        m.start() as i64,
                        m.end() as i64
                    ])?;
                    mentions += 1;
                }
            }
        }
    }
    tx.execute_batch(
        "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
         CREATE INDEX mentions_document ON mentions (document_id);",
    )?;
    tx.commit()?;
    let secs = start.elapsed().as_secs_f64();
    drop(conn);
    let _ = std::fs::remove_file(&db);
    println!(
        "bare loader: {} files, {documents} documents, {mentions} mentions, {:.1} MB in {secs:.2} s: \
         {:.0} documents/s, {:.1} MB/s, {:.2} s of CPU",
        paths.len(),
        bytes as f64 / 1e6,
        documents as f64 / secs,
        bytes as f64 / 1e6 / secs,
        process_cpu_seconds()
    );
    Ok(())
}

/// User + system CPU time of this process so far (loading the reference
/// data included, as in archdb's figure), to compare CPU per document.
fn process_cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes into the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 {
            return f64::NAN;
        }
        usage
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}
