//! Scores archdb on the collection fixtures (tests/fixtures/collection): pages
//! written for the catalogue pages of `index.tsv`, a cataloguer's index of half
//! of the real collection. Seeds the pages with the real binary, checks that
//! each page yields the catalogued documents (date, kind, extract flag,
//! classification), and scores per document the persons and countries the
//! cataloguer lists against `expected.tsv`:
//!
//! - a person is **found** when a `mentions` row (any field) or a
//!   `document_persons` row of its document resolves to the expected key;
//! - a country is found when a `mentions` row resolves to the expected
//!   country or to a state of its lineage (predecessors and successors
//!   through `countries.successor_id`: a Turkey of 1921 found as `turkey_gna`);
//! - a **wrong person** is a person mention whose surface is one of the
//!   printed forms of a catalogued person of that document (or a capitalised
//!   word of such a form, `Kemal` of `Yusuf Kemal`) but which resolves to a
//!   person the document's entries do not expect.
//!
//! The target is every entry found and no wrong person; the test prints the
//! shares, the misses with their printed forms and the wrong persons, and
//! fails until the resolver and the reference data reach it.
//! Run: `cargo test --locked --test it collection_eval:: -- --nocapture`

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::TestEnv;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/collection")
}

/// One `;`-separated entry of a persons or countries cell.
#[derive(Debug, Clone)]
struct Entry {
    /// The cell text of the entry, as catalogued (`Cripps (Cripps/Crippsʹ)`).
    text: String,
    /// The forms printed in the document: the last parenthesised group split
    /// on `/`, or the catalogued name when there is no group.
    forms: Vec<String>,
}

/// One row of `index.tsv`: a document as the cataloguer read it.
#[derive(Debug)]
struct Row {
    page: String,
    /// 1-based position of the row among the rows of its page.
    doc: usize,
    date: String,
    kind: String,
    classification: String,
    persons: Vec<Entry>,
    countries: Vec<Entry>,
}

impl Row {
    /// A quoted annex is kept inside the document that quotes it.
    fn is_annex(&self) -> bool {
        self.kind.contains("(annex")
    }
}

/// Splits `Name (note) (form/form)` into the name and its parenthesised
/// groups; brackets inside a group (`A [lkend]`) are part of it.
fn parse_entry(text: &str) -> Entry {
    let mut groups = Vec::new();
    let mut name_end = text.len();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    name_end = name_end.min(i);
                    start = i + 1;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    groups.push(text[start..i].to_string());
                }
            }
            _ => {}
        }
    }
    let name = text[..name_end].trim();
    let forms = match groups.last() {
        Some(g) => g.split('/').map(|f| f.trim().to_string()).collect(),
        None => vec![name.to_string()],
    };
    Entry {
        text: text.to_string(),
        forms,
    }
}

fn parse_cell(cell: &str) -> Vec<Entry> {
    cell.split(';')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(parse_entry)
        .collect()
}

fn read_index() -> Vec<Row> {
    let text = std::fs::read_to_string(fixtures().join("index.tsv")).expect("index.tsv");
    let mut rows: Vec<Row> = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "index.tsv line {}: 6 columns expected", n + 1);
        let doc = rows.iter().filter(|r| r.page == f[0]).count() + 1;
        rows.push(Row {
            page: f[0].to_string(),
            doc,
            date: f[1].to_string(),
            kind: f[2].to_string(),
            classification: f[3].to_string(),
            persons: parse_cell(f[4]),
            countries: parse_cell(f[5]),
        });
    }
    rows
}

/// `expected.tsv`: (page, doc, type, entry text) -> reference key.
fn read_expected() -> BTreeMap<(String, usize, String, String), String> {
    let text = std::fs::read_to_string(fixtures().join("expected.tsv")).expect("expected.tsv");
    let mut map = BTreeMap::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            f.len(),
            5,
            "expected.tsv line {}: 5 columns expected",
            n + 1
        );
        let doc: usize = f[1]
            .parse()
            .unwrap_or_else(|_| panic!("expected.tsv line {}: doc must be a number", n + 1));
        let old = map.insert(
            (f[0].to_string(), doc, f[2].to_string(), f[3].to_string()),
            f[4].to_string(),
        );
        assert!(
            old.is_none(),
            "expected.tsv line {}: duplicate entry",
            n + 1
        );
    }
    map
}

/// Copies the fixture pages with extension `ext` into a fresh folder, so the
/// `.txt` pages and their `.htm` twins are seeded into separate databases.
fn corpus(env: &TestEnv, ext: &str) -> (PathBuf, BTreeSet<String>) {
    let dir = env.path(ext);
    std::fs::create_dir_all(&dir).unwrap();
    let mut pages = BTreeSet::new();
    for e in std::fs::read_dir(fixtures()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == ext) {
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
            pages.insert(stem);
        }
    }
    (dir, pages)
}

/// A parsed document as stored.
#[derive(Debug)]
struct Doc {
    id: i64,
    date_from: Option<String>,
    date_to: Option<String>,
    kind: String,
    is_extract: bool,
    classification: Option<String>,
}

/// The documents of every page (file stem), in page order.
fn documents(conn: &rusqlite::Connection) -> BTreeMap<String, Vec<Doc>> {
    let mut stmt = conn
        .prepare(
            "SELECT s.path, d.id, d.date_from, d.date_to, d.kind, d.is_extract, d.classification
             FROM documents d JOIN sources s ON s.id = d.source_id ORDER BY s.path, d.seq",
        )
        .unwrap();
    let mut out: BTreeMap<String, Vec<Doc>> = BTreeMap::new();
    let rows = stmt
        .query_map([], |r| {
            let path: String = r.get(0)?;
            Ok((
                path,
                Doc {
                    id: r.get(1)?,
                    date_from: r.get(2)?,
                    date_to: r.get(3)?,
                    kind: r.get(4)?,
                    is_extract: r.get::<_, i64>(5)? == 1,
                    classification: r.get(6)?,
                },
            ))
        })
        .unwrap();
    for row in rows {
        let (path, doc) = row.unwrap();
        let stem = Path::new(&path)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        out.entry(stem).or_default().push(doc);
    }
    out
}

/// The catalogued kind as archdb's `documents.kind`, and whether it is an extract.
fn catalogued_kind(kind: &str) -> (&'static str, bool) {
    let k = kind.to_lowercase();
    let base = if k.starts_with("record of conversation") {
        "conversation"
    } else if k.starts_with("telegram") {
        "telegram"
    } else if k.starts_with("letter") {
        "letter"
    } else if k.starts_with("note") {
        "note"
    } else if k.starts_with("diary") {
        "diary"
    } else if k.starts_with("treaty") {
        "treaty"
    } else if k.starts_with("press report") {
        "report"
    } else if k.starts_with("statement") {
        "statement"
    } else {
        panic!("index.tsv: unknown kind `{kind}`")
    };
    (base, k.contains("(extract"))
}

/// The catalogued classification as archdb's `documents.classification`.
fn catalogued_classification(c: &str) -> Option<&'static str> {
    match c.to_lowercase().as_str() {
        "-" => None,
        "secret" => Some("secret"),
        "top secret" | "soviet secret" => Some("top_secret"),
        "top secret special folder" => Some("top_secret_special_folder"),
        other => panic!("index.tsv: unknown classification `{other}`"),
    }
}

/// Differences between a catalogued row and the stored document.
fn structure_mismatches(row: &Row, doc: &Doc) -> Vec<String> {
    let mut out = Vec::new();
    let (from, to) = match row.date.as_str() {
        "?" => (None, None),
        d => match d.split_once('/') {
            Some((a, b)) => (Some(a.to_string()), Some(b.to_string())),
            None => (Some(d.to_string()), Some(d.to_string())),
        },
    };
    if doc.date_from != from || doc.date_to != to {
        out.push(format!(
            "date {:?}..{:?}, catalogued {}",
            doc.date_from, doc.date_to, row.date
        ));
    }
    let (kind, extract) = catalogued_kind(&row.kind);
    if doc.kind != kind || doc.is_extract != extract {
        out.push(format!(
            "kind {} (extract {}), catalogued {}",
            doc.kind, doc.is_extract, row.kind
        ));
    }
    let class = catalogued_classification(&row.classification);
    if doc.classification.as_deref() != class {
        out.push(format!(
            "classification {:?}, catalogued {}",
            doc.classification, row.classification
        ));
    }
    out
}

/// Maps every index row (of `only` pages, when given) to its stored document
/// (an annex to the document that quotes it) and lists the pages whose
/// documents differ from the catalogue.
fn match_rows(
    rows: &[Row],
    docs: &BTreeMap<String, Vec<Doc>>,
    only: Option<&BTreeSet<String>>,
) -> (Vec<Option<i64>>, Vec<String>) {
    let mut ids = Vec::new();
    let mut problems = Vec::new();
    let mut by_page: BTreeMap<&str, Vec<(usize, &Row)>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        if only.is_some_and(|p| !p.contains(&r.page)) {
            continue;
        }
        by_page.entry(&r.page).or_default().push((i, r));
    }
    ids.resize(rows.len(), None);
    for (page, page_rows) in by_page {
        let stored = docs.get(page).map(Vec::as_slice).unwrap_or(&[]);
        let own: Vec<&(usize, &Row)> = page_rows.iter().filter(|(_, r)| !r.is_annex()).collect();
        if own.len() != stored.len() {
            problems.push(format!(
                "{page}: {} documents, catalogued {}",
                stored.len(),
                own.len()
            ));
        }
        let mut current = None;
        let mut n = 0;
        for (i, r) in &page_rows {
            if !r.is_annex() {
                current = stored.get(n);
                n += 1;
                if let Some(d) = current {
                    for m in structure_mismatches(r, d) {
                        problems.push(format!("{page} document {}: {m}", r.doc));
                    }
                }
            }
            ids[*i] = current.map(|d| d.id);
        }
    }
    (ids, problems)
}

/// A person or country mention of a document: surface and key.
struct Found {
    surface: String,
    key: String,
}

fn person_mentions(conn: &rusqlite::Connection, doc: i64) -> Vec<Found> {
    mentions_of(
        conn,
        doc,
        "SELECT m.surface, p.key FROM mentions m JOIN persons p ON p.id = m.person_id
         WHERE m.document_id = ?1",
    )
}

fn country_mentions(conn: &rusqlite::Connection, doc: i64) -> Vec<Found> {
    mentions_of(
        conn,
        doc,
        "SELECT m.surface, c.key FROM mentions m JOIN countries c ON c.id = m.country_id
         WHERE m.document_id = ?1",
    )
}

/// The (surface, key) rows `sql` selects for document `doc`.
fn mentions_of(conn: &rusqlite::Connection, doc: i64, sql: &str) -> Vec<Found> {
    let mut stmt = conn.prepare_cached(sql).unwrap();
    stmt.query_map([doc], |r| {
        Ok(Found {
            surface: r.get(0)?,
            key: r.get(1)?,
        })
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// Persons named by the document's heading parties (author, recipient,
/// participant, copy recipient).
fn party_persons(conn: &rusqlite::Connection, doc: i64) -> BTreeSet<String> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT p.key FROM document_persons dp JOIN persons p ON p.id = dp.person_id
             WHERE dp.document_id = ?1",
        )
        .unwrap();
    stmt.query_map([doc], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The country and every state before or after it through
/// `countries.successor_id` (predecessors and successors, transitively).
fn lineage(conn: &rusqlite::Connection, key: &str) -> BTreeSet<String> {
    let mut stmt = conn
        .prepare_cached(
            "WITH RECURSIVE
               later(id) AS (
                 SELECT id FROM countries WHERE key = ?1
                 UNION SELECT c.successor_id FROM countries c JOIN later l ON c.id = l.id
                       WHERE c.successor_id IS NOT NULL),
               earlier(id) AS (
                 SELECT id FROM countries WHERE key = ?1
                 UNION SELECT c.id FROM countries c JOIN earlier e ON c.successor_id = e.id)
             SELECT key FROM countries WHERE id IN (SELECT id FROM later UNION SELECT id FROM earlier)",
        )
        .unwrap();
    stmt.query_map([key], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn key_exists(conn: &rusqlite::Connection, table: &str, key: &str) -> bool {
    let sql = format!("SELECT count(*) FROM {table} WHERE key = ?1");
    conn.query_row(&sql, [key], |r| r.get::<_, i64>(0)).unwrap() > 0
}

/// A surface or printed form as compared: possessive `ʹs` / `ʹ` / `'s`, a
/// closing `ʺ` and surrounding punctuation dropped, lower case.
fn norm(s: &str) -> String {
    let mut t = s.trim().trim_end_matches(['ʺ', '"', '.', ',']).to_string();
    for suffix in ["ʹs", "'s", "ʹ", "'"] {
        if let Some(stripped) = t.strip_suffix(suffix) {
            t = stripped.to_string();
            break;
        }
    }
    t.to_lowercase()
}

/// The normalised forms of a person entry, with the capitalised words of
/// four letters or more of its multi-word forms (`kemal` of `Kemal Fevzi`).
fn person_forms(e: &Entry) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for f in &e.forms {
        out.insert(norm(f));
        let words: Vec<&str> = f.split_whitespace().collect();
        if words.len() > 1 {
            for w in words {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                if w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_uppercase) {
                    out.insert(norm(w));
                }
            }
        }
    }
    out
}

/// The outcome of scoring one database.
#[derive(Default)]
struct Outcome {
    persons: (usize, usize),
    countries: (usize, usize),
    /// (page, doc, type, entry) -> found
    found: BTreeMap<(String, usize, String, String), bool>,
    misses: Vec<String>,
    wrong: Vec<String>,
    /// Printed forms with no mention of that surface resolving right.
    forms_missed: Vec<String>,
    forms_total: usize,
}

fn score(
    conn: &rusqlite::Connection,
    rows: &[Row],
    ids: &[Option<i64>],
    expected: &BTreeMap<(String, usize, String, String), String>,
    only_pages: Option<&BTreeSet<String>>,
) -> Outcome {
    let mut o = Outcome::default();
    // The expected person keys of each document, by normalised form.
    let mut doc_forms: BTreeMap<i64, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (row, id) in rows.iter().zip(ids) {
        if only_pages.is_some_and(|p| !p.contains(&row.page)) {
            continue;
        }
        for (kind, entries) in [("person", &row.persons), ("country", &row.countries)] {
            for e in entries {
                let k = (row.page.clone(), row.doc, kind.to_string(), e.text.clone());
                let key = expected
                    .get(&k)
                    .unwrap_or_else(|| panic!("expected.tsv has no key for {k:?}"));
                let Some(id) = *id else {
                    o.found.insert(k, false);
                    o.misses.push(format!(
                        "{} document {}: {kind} {} (no such document)",
                        row.page, row.doc, e.text
                    ));
                    continue;
                };
                let (found, accepted) = if kind == "person" {
                    for f in person_forms(e) {
                        doc_forms
                            .entry(id)
                            .or_default()
                            .entry(f)
                            .or_default()
                            .insert(key.clone());
                    }
                    let accepted = BTreeSet::from([key.clone()]);
                    let found = party_persons(conn, id).contains(key)
                        || person_mentions(conn, id).iter().any(|m| &m.key == key);
                    (found, accepted)
                } else {
                    let accepted = lineage(conn, key);
                    let found = country_mentions(conn, id)
                        .iter()
                        .any(|m| accepted.contains(&m.key));
                    (found, accepted)
                };
                let tally = if kind == "person" {
                    &mut o.persons
                } else {
                    &mut o.countries
                };
                tally.1 += 1;
                if found {
                    tally.0 += 1;
                } else {
                    let table = if kind == "person" {
                        "persons"
                    } else {
                        "countries"
                    };
                    let note = if key_exists(conn, table, key) {
                        String::new()
                    } else {
                        format!("; `{key}` is not in the reference data")
                    };
                    o.misses.push(format!(
                        "{} document {}: {kind} {} -> {key}, printed {}{note}",
                        row.page,
                        row.doc,
                        e.text,
                        e.forms.join(" / ")
                    ));
                }
                o.found.insert(k, found);
                // Printed forms: is each one matched as itself?
                let mentions = if kind == "person" {
                    person_mentions(conn, id)
                } else {
                    country_mentions(conn, id)
                };
                for f in &e.forms {
                    o.forms_total += 1;
                    let hit = mentions
                        .iter()
                        .any(|m| norm(&m.surface) == norm(f) && accepted.contains(&m.key));
                    if !hit {
                        o.forms_missed
                            .push(format!("{} document {}: `{f}` ({key})", row.page, row.doc));
                    }
                }
            }
        }
    }
    for (id, forms) in &doc_forms {
        for m in person_mentions(conn, *id) {
            if let Some(keys) = forms.get(&norm(&m.surface)) {
                if !keys.contains(&m.key) {
                    let page = rows
                        .iter()
                        .zip(ids)
                        .find(|(_, i)| **i == Some(*id))
                        .map_or("?", |(r, _)| r.page.as_str());
                    o.wrong.push(format!(
                        "{page}: `{}` resolved to {}, catalogued as {}",
                        m.surface,
                        m.key,
                        keys.iter().cloned().collect::<Vec<_>>().join(" or ")
                    ));
                }
            }
        }
    }
    o
}

fn pct((found, total): (usize, usize)) -> f64 {
    100.0 * found as f64 / total.max(1) as f64
}

#[test]
fn index_and_expected_keys_agree() {
    let rows = read_index();
    let expected = read_expected();
    assert_eq!(rows.len(), 49, "index.tsv: 49 documents catalogued");
    let pages: BTreeSet<&str> = rows.iter().map(|r| r.page.as_str()).collect();
    assert_eq!(pages.len(), 47, "index.tsv: 47 pages");
    let mut entries = 0;
    for r in &rows {
        for (kind, list) in [("person", &r.persons), ("country", &r.countries)] {
            for e in list {
                entries += 1;
                assert!(
                    !e.forms.is_empty() && e.forms.iter().all(|f| !f.is_empty()),
                    "{}: entry `{}` has an empty printed form",
                    r.page,
                    e.text
                );
                let k = (r.page.clone(), r.doc, kind.to_string(), e.text.clone());
                assert!(expected.contains_key(&k), "expected.tsv misses {k:?}");
            }
        }
        let page = fixtures().join(format!("{}.txt", r.page));
        assert!(page.exists(), "no fixture page {}", page.display());
    }
    assert_eq!(
        entries,
        expected.len(),
        "expected.tsv has entries the index lacks"
    );
    // The notation as the README describes it.
    let e = parse_entry("Fevzi (Cakmak) (Kemal Fevzi)");
    assert_eq!(e.forms, ["Kemal Fevzi"]);
    let e = parse_entry("Alkend (A [lkend]/Alkendom)");
    assert_eq!(e.forms, ["A [lkend]", "Alkendom"]);
    let e = parse_entry("Chicherin");
    assert_eq!(e.forms, ["Chicherin"]);
    assert_eq!(norm("Crippsʹ"), "cripps");
    assert_eq!(norm("Turkeyʺ"), "turkey");
    assert_eq!(norm("Molotovʹs"), "molotov");
}

/// Every printed form of every catalogued entry is on its page: the fixtures
/// hold what the catalogue says they hold.
#[test]
fn pages_print_every_catalogued_form() {
    let rows = read_index();
    let mut missing = Vec::new();
    for r in &rows {
        let text = std::fs::read_to_string(fixtures().join(format!("{}.txt", r.page))).unwrap();
        for e in r.persons.iter().chain(&r.countries) {
            for f in &e.forms {
                if !contains_word(&text, f) {
                    missing.push(format!("{}: `{f}` of {}", r.page, e.text));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "forms not printed:\n{}",
        missing.join("\n")
    );
}

/// `needle` in `hay` with no letter or digit glued before or after it.
fn contains_word(hay: &str, needle: &str) -> bool {
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == 'ʹ');
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        // A form ending in an apostrophe may be followed by anything.
        let after_ok = needle.ends_with(['ʹ', 'ʺ']) || !glued(after) || needle.ends_with("ʹs");
        !glued(before) && after_ok
    })
}

#[test]
fn collection_pages_score() {
    let rows = read_index();
    let expected = read_expected();
    let env = TestEnv::new();
    let (txt, _) = corpus(&env, "txt");
    env.ok(&["seed", "--corpus", txt.to_str().unwrap()]);
    let conn = env.conn();
    let docs = documents(&conn);
    let (ids, problems) = match_rows(&rows, &docs, None);
    let o = score(&conn, &rows, &ids, &expected, None);

    // The .htm twins, seeded apart, must score entry by entry as their .txt.
    let html_env = TestEnv::new();
    let (htm, html_pages) = corpus(&html_env, "htm");
    html_env.ok(&["seed", "--corpus", htm.to_str().unwrap()]);
    let html_conn = html_env.conn();
    let (html_ids, html_problems) = match_rows(&rows, &documents(&html_conn), Some(&html_pages));
    let h = score(&html_conn, &rows, &html_ids, &expected, Some(&html_pages));
    let html_diff: Vec<String> = h
        .found
        .iter()
        .filter(|(k, f)| o.found.get(*k) != Some(f))
        .map(|(k, f)| {
            format!(
                "{} document {}: {} {} found {f} in .htm",
                k.0, k.1, k.2, k.3
            )
        })
        .collect();

    println!(
        "collection: {} pages, {} documents catalogued ({} .htm twins)",
        docs.len(),
        rows.len(),
        html_pages.len()
    );
    println!(
        "structure mismatches: {}",
        problems.len() + html_problems.len()
    );
    for p in problems.iter().chain(&html_problems) {
        println!("  {p}");
    }
    println!(
        "persons found:   {} of {} ({:.1}%)",
        o.persons.0,
        o.persons.1,
        pct(o.persons)
    );
    println!(
        "countries found: {} of {} ({:.1}%)",
        o.countries.0,
        o.countries.1,
        pct(o.countries)
    );
    println!("wrong persons:   {}", o.wrong.len());
    println!(
        "printed forms matched as themselves: {} of {} (not asserted)",
        o.forms_total - o.forms_missed.len(),
        o.forms_total
    );
    println!("misses:");
    for m in &o.misses {
        println!("  {m}");
    }
    println!("wrong:");
    for w in &o.wrong {
        println!("  {w}");
    }
    println!("printed forms not matched:");
    for f in &o.forms_missed {
        println!("  {f}");
    }
    if !html_diff.is_empty() {
        println!(".htm twins scoring differently:");
        for d in &html_diff {
            println!("  {d}");
        }
    }

    assert!(
        problems.is_empty() && html_problems.is_empty(),
        "documents differ from the catalogue (see above)"
    );
    assert!(
        html_diff.is_empty(),
        ".htm twins score differently (see above)"
    );
    assert!(
        o.persons.1 >= 150 && o.countries.1 >= 150,
        "too few entries scored"
    );
    assert!(
        o.wrong.is_empty(),
        "{} mentions resolved to the wrong person (see above)",
        o.wrong.len()
    );
    assert_eq!(
        o.persons.0,
        o.persons.1,
        "persons found {:.1}% < 100% (misses above)",
        pct(o.persons)
    );
    assert_eq!(
        o.countries.0,
        o.countries.1,
        "countries found {:.1}% < 100% (misses above)",
        pct(o.countries)
    );
}
