//! Incremental re-seeding: a seed that finds a database from an earlier
//! seed parses only the files whose bytes changed, and must end with
//! exactly what a full seed of the same corpus gives.
//!
//! Row ids are not compared across the two: a full seed numbers rows in
//! path order, an incremental one appends the replaced file's rows at the
//! end. Everything else is: every column of every table, with source and
//! document ids replaced by what they stand for (the file's path, and the
//! path plus the document's position on its page).

use crate::common;

use std::path::Path;

use common::{assert_same_text, content_tables, first_column, one, rows_as_text, seed, TestEnv};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/incremental");

/// Tables whose rows come from corpus files; their own `id` is a row
/// number, not part of the content.
fn from_corpus(columns: &[String], table: &str) -> bool {
    table == "sources"
        || table == "source_files"
        || columns
            .iter()
            .any(|c| c == "source_id" || c == "document_id")
}

/// Every row of every table (but seed_runs and the migration history), with
/// corpus row ids replaced by their meaning, sorted: equal for two databases
/// with the same content however their rows were numbered.
fn logical_dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables = content_tables(&conn);
    let document_key =
        "(SELECT s.path || '#' || d.seq FROM documents d JOIN sources s ON s.id = d.source_id
                         WHERE d.id = t.document_id)";
    let mut out = String::new();
    for table in tables {
        let columns: Vec<String> = first_column(
            &conn,
            &format!("SELECT name FROM pragma_table_info('{table}')"),
        );
        let corpus = from_corpus(&columns, &table);
        let select: Vec<String> = columns
            .iter()
            .filter(|c| !(corpus && c.as_str() == "id"))
            .map(|c| match c.as_str() {
                "source_id" => "(SELECT path FROM sources WHERE id = t.source_id)".to_string(),
                "document_id" => document_key.to_string(),
                // The least id of the documents with a word: which document
                // that is, not its row number.
                "first_document_id" => document_key.replace("t.document_id", "t.first_document_id"),
                other => format!("t.\"{other}\""),
            })
            .collect();
        let mut rows = rows_as_text(
            &conn,
            &format!("SELECT {} FROM \"{table}\" t", select.join(", ")),
        );
        rows.sort();
        out.push_str(&format!("## {table} ({})\n", rows.len()));
        for row in rows {
            out.push_str(&row);
            out.push('\n');
        }
    }
    // The full-text index: what it returns, keyed by document.
    let mut rows = rows_as_text(
        &conn,
        &format!(
            "SELECT {}, f.heading, f.body FROM documents_fts f
             JOIN (SELECT id AS document_id FROM documents) t ON t.document_id = f.rowid",
            document_key
        ),
    );
    rows.sort();
    out.push_str(&format!(
        "## documents_fts ({})\n{}\n",
        rows.len(),
        rows.join("\n")
    ));
    let mut hits = rows_as_text(
        &conn,
        &format!(
            "SELECT {} FROM documents_fts f JOIN (SELECT id AS document_id FROM documents) t
             ON t.document_id = f.rowid WHERE documents_fts MATCH 'germany OR pact'",
            document_key
        ),
    );
    hits.sort();
    out.push_str(&format!("## fts hits\n{}\n", hits.join("\n")));
    out
}

fn fts_is_sound(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute(
        "INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')",
        [],
    )
    .expect("the full-text index matches the documents");
    let (fk, ok): (i64, String) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM pragma_foreign_key_check), (SELECT * FROM pragma_integrity_check)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((fk, ok.as_str()), (0, "ok"));
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join(name)).unwrap()
}

/// Corpus A: the three fixture pages.
fn write_corpus_a(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for name in ["ankara_1939.txt", "london_1940.txt", "moscow_1921.txt"] {
        std::fs::write(dir.join(name), fixture(name)).unwrap();
    }
}

/// Corpus B, from A: one page unchanged, one changed (a sentence naming
/// Germany added to its body, which adds a mention), one removed, one added
/// in a subfolder, and a file that is not a page.
fn write_corpus_b(dir: &Path) {
    std::fs::create_dir_all(dir.join("1941")).unwrap();
    std::fs::write(dir.join("ankara_1939.txt"), fixture("ankara_1939.txt")).unwrap();
    let london = fixture("london_1940.txt").replace(
        "He thinks that Germany",
        "He asked twice about the pact with Germany. He thinks that Germany",
    );
    assert_ne!(london, fixture("london_1940.txt"));
    std::fs::write(dir.join("london_1940.txt"), london).unwrap();
    let _ = std::fs::remove_file(dir.join("moscow_1921.txt"));
    let new_page =
        fixture("moscow_1921.txt").replace("April 6, 1921 no. 317", "April 9, 1921 no. 322");
    std::fs::write(dir.join("1941/moscow_1921_bis.txt"), new_page).unwrap();
    std::fs::write(dir.join("notes.pdf"), "not a page").unwrap();
}

/// A database seeded from corpus B; the seed's summary.
fn seeded_with_b() -> (TestEnv, String) {
    let env = TestEnv::new();
    let corpus = env.path("corpus");
    write_corpus_a(&corpus);
    write_corpus_b(&corpus);
    let summary = seed(&env, &corpus);
    (env, summary)
}

/// Asserts that the rows of a table the seed counts in memory (`summary`)
/// are the same counts taken from the mentions in SQL (`counted`); those.
fn same_counts(env: &TestEnv, summary: &str, counted: &str, what: &str) -> Vec<String> {
    let conn = env.conn();
    let summary = rows_as_text(&conn, summary);
    let counted = rows_as_text(&conn, counted);
    assert_same_text(&counted.join("\n"), &summary.join("\n"), what);
    counted
}

#[test]
fn incremental_seed_equals_a_full_seed() {
    // Full seed of B.
    let (full, full_summary) = seeded_with_b();

    // Seed of A, then B on top of it.
    let inc = TestEnv::new();
    let corpus = inc.path("corpus");
    write_corpus_a(&corpus);
    seed(&inc, &corpus);
    let before = logical_dump(&inc.db);
    let ankara_id = one::<i64>(
        &inc,
        "SELECT id FROM sources WHERE path = 'ankara_1939.txt'",
    );
    let london_id = one::<i64>(
        &inc,
        "SELECT id FROM sources WHERE path = 'london_1940.txt'",
    );
    write_corpus_b(&corpus);
    let inc_summary = seed(&inc, &corpus);

    let expected = logical_dump(&full.db);
    assert_ne!(
        before, expected,
        "corpora A and B must differ for this test to mean anything"
    );
    assert_same_text(
        &expected,
        &logical_dump(&inc.db),
        "database after seeding A then B, against a full seed of B",
    );
    // Same totals in the summary line (everything after the database path).
    let tail = |s: &str| {
        s.split_once(": ")
            .map(|(_, t)| t.split(" in ").next().unwrap_or("").to_string())
    };
    assert_eq!(tail(&full_summary), tail(&inc_summary));

    // The unchanged page kept its row; the changed one was replaced.
    assert_eq!(
        one::<i64>(
            &inc,
            "SELECT id FROM sources WHERE path = 'ankara_1939.txt'"
        ),
        ankara_id
    );
    assert_ne!(
        one::<i64>(
            &inc,
            "SELECT id FROM sources WHERE path = 'london_1940.txt'"
        ),
        london_id
    );
    assert_eq!(
        one::<i64>(
            &inc,
            "SELECT count(*) FROM sources WHERE path = 'moscow_1921.txt'"
        ),
        0
    );
    fts_is_sound(&inc.db);
    fts_is_sound(&full.db);
}

#[test]
fn unchanged_corpus_is_not_parsed_again() {
    let env = TestEnv::new();
    let corpus = env.path("corpus");
    write_corpus_a(&corpus);
    seed(&env, &corpus);
    let first = env.dump();

    // Mark a document by hand. A re-seed that parsed the page again would
    // write its heading back; one that trusts the unchanged sha256 keeps it.
    let conn = env.conn();
    let heading: String = conn
        .query_row("SELECT heading FROM documents WHERE source_id = (SELECT id FROM sources WHERE path = 'ankara_1939.txt')", [], |r| r.get(0))
        .unwrap();
    conn.execute(
        "UPDATE documents SET heading = 'marked' WHERE heading = ?1",
        [&heading],
    )
    .unwrap();
    drop(conn);
    seed(&env, &corpus);
    assert_eq!(
        one::<i64>(
            &env,
            "SELECT count(*) FROM documents WHERE heading = 'marked'"
        ),
        1
    );

    // Unmarked again, a second re-seed leaves every row as the first seed wrote it.
    env.conn()
        .execute(
            "UPDATE documents SET heading = ?1 WHERE heading = 'marked'",
            [&heading],
        )
        .unwrap();
    seed(&env, &corpus);
    assert_same_text(
        &first,
        &env.dump(),
        "database after re-seeding an unchanged corpus",
    );
    assert_eq!(one::<i64>(&env, "SELECT count(*) FROM seed_runs"), 3);
    fts_is_sound(&env.db);
}

#[test]
fn changed_reference_data_rebuilds_everything() {
    let env = TestEnv::new();
    let corpus = env.path("corpus");
    write_corpus_a(&corpus);
    let reference = env.path("reference");
    std::fs::create_dir(&reference).unwrap();
    let bundled = concat!(env!("CARGO_MANIFEST_DIR"), "/seed/reference");
    for entry in std::fs::read_dir(bundled).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), reference.join(entry.file_name())).unwrap();
    }
    let args = [
        "seed",
        "--corpus",
        corpus.to_str().unwrap(),
        "--reference",
        reference.to_str().unwrap(),
    ];
    env.ok(&args);
    env.conn()
        .execute("UPDATE documents SET heading = 'marked' WHERE seq = 1", [])
        .unwrap();

    // Same corpus, new reference data (a trailing blank line changes the
    // fingerprint, not the meaning): every page is parsed and resolved again.
    let persons = reference.join("persons.csv");
    let mut text = std::fs::read_to_string(&persons).unwrap();
    text.push('\n');
    std::fs::write(&persons, text).unwrap();
    env.ok(&args);
    assert_eq!(
        one::<i64>(
            &env,
            "SELECT count(*) FROM documents WHERE heading = 'marked'"
        ),
        0
    );
    let fingerprints = one::<i64>(
        &env,
        "SELECT count(DISTINCT reference_fingerprint) FROM seed_runs",
    );
    assert_eq!(
        fingerprints, 2,
        "the changed reference data has its own fingerprint"
    );
    fts_is_sound(&env.db);
}

/// The per-year summary a full seed counts in memory equals the same
/// counts taken from the mentions in SQL.
#[test]
fn mention_summary_matches_the_mentions() {
    let (env, _) = seeded_with_b();
    let counted = same_counts(
        &env,
        "SELECT year, person_id, country_id, mentions, documents, first_date, last_date FROM mention_years
         ORDER BY 1, 2, 3",
        "SELECT substr(d.date_from, 1, 4), m.person_id, m.country_id, count(*), count(DISTINCT m.document_id),
                min(d.date_from), max(d.date_from)
         FROM mentions m JOIN documents d ON d.id = m.document_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        "mention_years",
    );
    assert!(
        counted.len() > 5,
        "the fixtures name several persons and countries: {counted:?}"
    );
    same_counts(
        &env,
        "SELECT year, person_id, country_id, surface, mentions FROM mention_year_spellings ORDER BY 1, 2, 3, 4",
        "SELECT substr(d.date_from, 1, 4), m.person_id, m.country_id, m.surface, count(*)
         FROM mentions m JOIN documents d ON d.id = m.document_id GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
        "mention_year_spellings",
    );
}

/// The pair totals a full seed counts in memory (co_mention_totals) equal
/// the same pairs taken from the mentions in SQL; an incremental seed's
/// recomputed totals are compared with a full seed's by
/// `incremental_seed_equals_a_full_seed` (the logical dump has every table).
#[test]
fn pair_totals_match_the_mentions() {
    let (env, _) = seeded_with_b();
    let counted = same_counts(
        &env,
        "SELECT entity1, entity2, documents, first_date, last_date FROM co_mention_totals ORDER BY 1, 2",
        "WITH named AS (SELECT DISTINCT m.document_id, d.date_from,
                               coalesce(-m.person_id, m.country_id) AS eid
                        FROM mentions m JOIN documents d ON d.id = m.document_id)
         SELECT a.eid, b.eid, count(*), min(a.date_from), max(a.date_from)
         FROM named a JOIN named b ON b.document_id = a.document_id AND b.eid > a.eid
         GROUP BY 1, 2 ORDER BY 1, 2",
        "co_mention_totals",
    );
    assert!(
        counted.len() > 20,
        "the fixtures name many pairs: {counted:?}"
    );
}
