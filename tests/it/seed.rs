//! `archdb seed` on the bundled corpus and on small corpora of our own.

use crate::common;

use common::{first_column, one, TestEnv, PAGE, PAGE_COUNTRIES};
use rusqlite::OptionalExtension;

#[test]
fn seed_prints_a_summary() {
    let env = TestEnv::new();
    let out = env.ok(&["seed"]);
    assert!(
        out.starts_with(&format!(
            "seeded {}: 1 file (0 skipped), 1 document,",
            env.db.display()
        )),
        "{out}"
    );
    assert!(out.contains("mentions"), "{out}");
}

#[test]
fn bundled_page_becomes_one_document_with_its_fields() {
    let env = TestEnv::seeded();
    assert_eq!(one::<i64>(&env, "SELECT count(*) FROM documents"), 1);
    let conn = env.conn();
    let (kind, extract, from, to, precision, classification): (String, i64, String, String, String, String) = conn
        .query_row(
            "SELECT kind, is_extract, date_from, date_to, date_precision, classification FROM documents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .unwrap();
    assert_eq!(
        (
            kind.as_str(),
            extract,
            from.as_str(),
            to.as_str(),
            precision.as_str(),
            classification.as_str()
        ),
        (
            "conversation",
            1,
            "1940-12-27",
            "1940-12-27",
            "day",
            "secret"
        )
    );
    let citation: (String, String, String, String, String, String) = conn
        .query_row(
            "SELECT archive, fond, opis, papka, delo, sheets FROM citations",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .unwrap();
    assert_eq!(
        citation,
        (
            "AVP RF".into(),
            "059".into(),
            "24".into(),
            "70".into(),
            "43".into(),
            "132-137".into()
        )
    );
}

#[test]
fn bundled_page_resolves_roles_with_positions() {
    let env = TestEnv::seeded();
    let roles: Vec<String> = first_column(
        &env.conn(),
        "SELECT dp.role || ':' || p.key || ':' || coalesce(o.key || '@' || coalesce(h.key, c.key), '-')
         FROM document_persons dp JOIN persons p ON p.id = dp.person_id
         LEFT JOIN positions pos ON pos.id = dp.position_id
         LEFT JOIN offices o ON o.id = pos.office_id
         LEFT JOIN countries c ON c.id = pos.country_id
         LEFT JOIN countries h ON h.id = pos.host_country_id
         ORDER BY dp.role, p.key",
    );
    assert!(
        roles.contains(&"author:maisky:envoy@great_britain".to_string()),
        "{roles:?}"
    );
    assert!(
        roles.contains(&"participant:eden:foreign_minister@great_britain".to_string()),
        "{roles:?}"
    );
    assert!(
        roles
            .iter()
            .any(|r| r.starts_with("copy_recipient:molotov:")),
        "{roles:?}"
    );
    assert!(
        roles
            .iter()
            .any(|r| r.starts_with("copy_recipient:vyshinsky:")),
        "{roles:?}"
    );
    let iden: String = one(&env, "SELECT as_printed FROM document_persons dp JOIN persons p ON p.id = dp.person_id WHERE p.key = 'eden'");
    assert!(iden.contains("Iden"), "{iden}");
}

#[test]
fn bundled_page_mentions_persons_countries_and_regions() {
    let env = TestEnv::seeded();
    let countries: Vec<String> = first_column(
        &env.conn(),
        "SELECT DISTINCT c.key FROM mentions m JOIN countries c ON c.id = m.country_id",
    );
    for key in PAGE_COUNTRIES {
        assert!(
            countries.contains(&key.to_string()),
            "no mention of {key}: {countries:?}"
        );
    }
    let eden: i64 = one(
        &env,
        "SELECT count(*) FROM mentions m JOIN persons p ON p.id = m.person_id WHERE p.key = 'eden'",
    );
    assert!(
        eden >= 5,
        "Eden is named at least 5 times in the body, found {eden}"
    );
    let lowercase_japan: i64 = one(
        &env,
        "SELECT count(*) FROM mentions WHERE surface = 'japan'",
    );
    assert_eq!(lowercase_japan, 2);
}

#[test]
fn mention_offsets_slice_the_body_in_sqlite() {
    let env = TestEnv::seeded();
    let total: i64 = one(&env, "SELECT count(*) FROM mentions");
    assert!(total > 10, "{total}");
    let bad: i64 = one(
        &env,
        "SELECT count(*) FROM mentions m JOIN mention_texts t ON t.mention_id = m.id
         WHERE substr(t.text, m.char_start + 1, m.char_end - m.char_start) IS NOT m.surface",
    );
    assert_eq!(bad, 0);
    // Every field holds mentions on the fixtures, and each field's offsets
    // count in that field's own text (a body offset applied to the heading
    // would fail the check above).
    let fields: i64 = one(&env, "SELECT count(DISTINCT field) FROM mentions");
    assert!(fields >= 3, "mentions in {fields} fields only");
    let unresolved_bad: i64 = one(
        &env,
        "SELECT count(*) FROM unresolved_mentions u JOIN documents d ON d.id = u.document_id
         LEFT JOIN footnotes f ON f.id = u.footnote_id
         WHERE substr(CASE u.field WHEN 'heading' THEN d.heading WHEN 'body' THEN d.body
                       WHEN 'signature' THEN d.signature WHEN 'distribution' THEN d.distribution_text
                       ELSE f.text END, u.char_start + 1, u.char_end - u.char_start) IS NOT u.surface",
    );
    assert_eq!(unresolved_bad, 0);
    let both_or_neither: i64 = one(
        &env,
        "SELECT count(*) FROM mentions WHERE (person_id IS NULL) = (country_id IS NULL)",
    );
    assert_eq!(both_or_neither, 0);
}

#[test]
fn nothing_of_the_file_is_lost() {
    let env = TestEnv::seeded();
    let file = common::bundled_page();
    let conn = env.conn();
    let (content, text, sha, bytes): (Vec<u8>, String, String, i64) = conn
        .query_row(
            "SELECT content, text, sha256, bytes FROM sources WHERE path = ?1",
            [PAGE],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(content, file);
    assert_eq!(bytes as usize, file.len());
    assert_eq!(sha, archdb::seed::prepare::sha256_hex(&file));
    // Documents' raw_text and the boilerplate tile the page text exactly.
    let pieces: Vec<(i64, i64, String)> = conn
        .prepare(
            "SELECT raw_start, raw_end, raw_text FROM documents
             UNION ALL SELECT raw_start, raw_end, text FROM boilerplate ORDER BY 1",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut rebuilt = String::new();
    for (start, end, piece) in &pieces {
        assert_eq!(
            *start as usize,
            rebuilt.len(),
            "gap or overlap before byte {start}"
        );
        assert_eq!((*end - *start) as usize, piece.len());
        rebuilt.push_str(piece);
    }
    assert_eq!(rebuilt, text);
    assert_eq!(
        text.as_bytes(),
        &file[..],
        "a UTF-8 text page is stored as read"
    );
}

#[test]
fn database_is_consistent_after_seed() {
    let env = TestEnv::seeded();
    let conn = env.conn();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let fk_problem: Option<String> = conn
        .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
        .optional()
        .unwrap();
    assert_eq!(fk_problem, None);
    let fts: i64 = conn
        .query_row(
            "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'Eden AND Balkans'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(fts, 1, "the full-text index is filled by the seed");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn reseeding_gives_the_same_rows() {
    let env = TestEnv::seeded();
    let first = env.dump();
    env.ok(&["seed"]);
    common::assert_same_text(&first, &env.dump(), "database after a second seed");
    let runs: i64 = one(&env, "SELECT count(*) FROM seed_runs");
    assert_eq!(runs, 2);
}

#[test]
fn a_failed_seed_leaves_the_database_as_it_was() {
    let env = TestEnv::seeded();
    env.conn()
        .execute(
            "INSERT INTO annotations (source_path, seq, note) VALUES (?1, 1, 'check the date')",
            [PAGE],
        )
        .unwrap();
    let before = env.dump();
    let missing = env.path("no-such-corpus");
    let err = env.fails(&["seed", "--corpus", missing.to_str().unwrap()], 1);
    assert!(err.contains("no-such-corpus does not exist"), "{err}");
    // Broken reference data: the error names file and line, nothing is written.
    let reference = env.path("reference");
    std::fs::create_dir(&reference).unwrap();
    for entry in
        std::fs::read_dir(format!("{}/seed/reference", env!("CARGO_MANIFEST_DIR"))).unwrap()
    {
        let path = entry.unwrap().path();
        std::fs::copy(&path, reference.join(path.file_name().unwrap())).unwrap();
    }
    let persons = reference.join("persons.csv");
    let mut text = std::fs::read_to_string(&persons).unwrap();
    text.push_str("broken,\"unterminated\n");
    std::fs::write(&persons, text).unwrap();
    let err = env.fails(&["seed", "--reference", reference.to_str().unwrap()], 1);
    assert!(err.contains("persons.csv"), "{err}");
    common::assert_same_text(&before, &env.dump(), "database after failed seeds");
}

#[test]
fn a_failed_first_seed_leaves_no_file_behind() {
    let env = TestEnv::new();
    env.fails(&["seed", "--corpus", "/no/such/folder"], 1);
    assert!(!env.db.exists());
}

#[test]
fn user_annotations_survive_a_reseed() {
    let env = TestEnv::seeded();
    env.conn()
        .execute(
            "INSERT INTO annotations (source_path, seq, note) VALUES (?1, 1, 'Iden is Eden')",
            [PAGE],
        )
        .unwrap();
    env.ok(&["seed"]);
    let heading: String = one(
        &env,
        "SELECT heading FROM annotations_documents WHERE note = 'Iden is Eden'",
    );
    assert!(heading.contains("Maisky"), "{heading}");
}

#[test]
fn seeds_a_folder_of_pages_and_reports_skipped_files() {
    let env = TestEnv::new();
    let corpus = env.path("pages");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(
        format!("{}/seed/corpus/{PAGE}", env!("CARGO_MANIFEST_DIR")),
        corpus.join("a.txt"),
    )
    .unwrap();
    std::fs::write(corpus.join("notes.pdf"), b"%PDF").unwrap();
    let out = env.ok(&["seed", "--corpus", corpus.to_str().unwrap()]);
    assert!(out.contains("1 file (1 skipped), 1 document,"), "{out}");
    let skipped: String = one(
        &env,
        "SELECT message FROM warnings WHERE code = 'skipped_file'",
    );
    assert!(skipped.starts_with("notes.pdf"), "{skipped}");
    assert_eq!(one::<String>(&env, "SELECT path FROM sources"), "a.txt");
}

#[test]
fn dry_run_prints_fields_and_writes_nothing() {
    let env = TestEnv::new();
    let out = env.ok(&["seed", "--dry-run"]);
    assert!(
        out.contains("kind:           conversation (extract)"),
        "{out}"
    );
    assert!(out.contains("1940-12-27"), "{out}");
    assert!(out.contains("nothing written"), "{out}");
    assert!(!env.db.exists());
}

#[test]
fn a_new_database_gets_large_pages_and_an_existing_one_keeps_its_own() {
    let env = TestEnv::seeded();
    assert_eq!(one::<i64>(&env, "PRAGMA page_size"), 16384);

    // A database made with 4 KiB pages (an older archdb, or the user's
    // choice) is seeded again in place, page size unchanged.
    let other = TestEnv::new();
    {
        let conn = rusqlite::Connection::open(&other.db).unwrap();
        conn.execute_batch("PRAGMA page_size = 4096; CREATE TABLE t (x); DROP TABLE t;")
            .unwrap();
    }
    other.ok(&["seed"]);
    other.ok(&["seed"]);
    assert_eq!(one::<i64>(&other, "PRAGMA page_size"), 4096);
    assert_eq!(one::<i64>(&other, "SELECT count(*) FROM documents"), 1);
}

/// Pages of telegrams in the corpus format, with enough varied text that
/// the full-text index spans many leaf pages (and so needs its `_idx` table).
fn write_many_pages(dir: &std::path::Path, pages: usize) {
    const WORDS: &[&str] = &[
        "envoy",
        "minister",
        "treaty",
        "straits",
        "border",
        "cabinet",
        "memorandum",
        "railway",
        "harbour",
        "grain",
        "cotton",
        "consulate",
        "frontier",
        "neutrality",
        "alliance",
        "tariff",
    ];
    std::fs::create_dir_all(dir).unwrap();
    for p in 0..pages {
        let mut text = String::new();
        for d in 0..2 {
            let n = p * 2 + d;
            text.push_str(&format!(
                "Telegram of the plenipotentiary representative of the USSR in Turkey to the NKID of the USSR\n\n\
                 March {}, 1938\n\n",
                1 + n % 28
            ));
            for s in 0..12 {
                let w = |k: usize| WORDS[(n * 7 + s * 3 + k) % WORDS.len()];
                // A word of its own per document, so terms are many and spread.
                text.push_str(&format!(
                    "The {} spoke of the {} and the {} near depot{n}x{s} in Ankara. ",
                    w(0),
                    w(1),
                    w(2)
                ));
            }
            text.push_str(&format!(
                "\n\navprf, f.059, op.1, p.{}, d.{}, l.1-2.\n\n",
                1 + p,
                1 + n
            ));
        }
        std::fs::write(dir.join(format!("page_{p:04}.txt")), text).unwrap();
    }
}

#[test]
fn full_text_index_of_a_full_seed_is_complete_and_consistent() {
    let env = TestEnv::new();
    let corpus = env.path("many");
    write_many_pages(&corpus, 150);
    env.ok(&["seed", "--corpus", corpus.to_str().unwrap()]);
    assert_eq!(one::<i64>(&env, "SELECT count(*) FROM documents"), 300);
    // Enough data that leaf pages are indexed: the copy of `_idx` matters.
    assert!(one::<i64>(&env, "SELECT count(*) FROM documents_fts_idx") > 1);
    env.conn()
        .execute(
            "INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')",
            [],
        )
        .expect("FTS5 integrity-check");
    for word in [
        "straits",
        "depot17x3",
        "depot299x11",
        "Ankara",
        "neutrality",
    ] {
        let fts: i64 = env
            .conn()
            .query_row(
                "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?1",
                [word],
                |r| r.get(0),
            )
            .unwrap();
        let like: i64 = env
            .conn()
            .query_row(
                "SELECT count(*) FROM documents WHERE body LIKE '%' || ?1 || '%' OR heading LIKE '%' || ?1 || '%'",
                [word],
                |r| r.get(0),
            )
            .unwrap();
        assert!(fts > 0, "{word}");
        assert_eq!(fts, like, "{word}");
    }
}
