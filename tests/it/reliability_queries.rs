//! Reports and ad-hoc queries cannot change the database or reach outside
//! it, and parameter values are data, never SQL. Extends tests/it/query.rs
//! (DELETE/UPDATE/DROP/CREATE/ATTACH/PRAGMA/load_extension) with the less
//! obvious routes, through both `query` and a user's report file.

use crate::common;

use common::TestEnv;

/// A seeded database that holds some warnings (an unparseable page).
fn seeded_with_warnings() -> TestEnv {
    let env = TestEnv::new();
    let corpus = env.path("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(
        format!(
            "{}/seed/corpus/000_8e37452bcfcc29b4.txt",
            env!("CARGO_MANIFEST_DIR")
        ),
        corpus.join("a.txt"),
    )
    .unwrap();
    std::fs::write(
        corpus.join("b.txt"),
        "A note with no kind word and no date\n",
    )
    .unwrap();
    env.ok(&["seed", "--corpus", corpus.to_str().unwrap()]);
    env
}

#[test]
fn indirect_writes_and_escapes_are_refused_and_change_nothing() {
    let env = seeded_with_warnings();
    let before = env.dump();
    let copy = env.path("copy.sqlite");
    let vacuum_into = format!("VACUUM INTO '{}'", copy.display());
    for sql in [
        vacuum_into.as_str(),
        "VACUUM",
        "REINDEX",
        "ANALYZE",
        "WITH doomed AS (SELECT id FROM documents) DELETE FROM documents WHERE id IN doomed",
        "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')",
        "CREATE TEMP TABLE scratch AS SELECT 1",
        "PRAGMA query_only = 0",
        "PRAGMA writable_schema = 1",
        "PRAGMA journal_mode = DELETE",
        "DETACH main",
        "SELECT load_extension('libc.so.6')",
        "REPLACE INTO annotations (id, source_path, seq, note) VALUES (1, 'x', 1, 'y')",
    ] {
        let err = env.fails(&["query", sql], 1);
        assert!(err.starts_with("archdb: refused"), "{sql}: {err}");
    }
    assert!(!copy.exists(), "VACUUM INTO must not write a copy");
    common::assert_same_text(&before, &env.dump(), "database after refused statements");
}

#[test]
fn a_user_report_that_loads_an_extension_or_writes_is_refused() {
    let env = seeded_with_warnings();
    let before = env.dump();
    let reports = env.reports(
        "reports",
        &[
            (
                "sneaky.sql",
                "-- title: Sneaky\n-- description: loads code\nSELECT load_extension('libc.so.6')\n",
            ),
            (
                "cleanup.sql",
                "-- title: Cleanup\n-- description: deletes notes\nWITH x AS (SELECT 1) DELETE FROM annotations\n",
            ),
        ],
    );
    for name in ["sneaky", "cleanup"] {
        let err = env.fails(&["report", name, "--reports", &reports], 1);
        assert!(err.contains("refused"), "{name}: {err}");
    }
    common::assert_same_text(&before, &env.dump(), "database after refused reports");
}

#[test]
fn a_parameter_holding_sql_is_bound_as_data() {
    let env = seeded_with_warnings();
    let before = env.dump();
    let all = env.ok(&["report", "warnings", "--format", "csv"]);
    assert!(
        all.lines().count() > 1,
        "the database has warnings to leak:\n{all}"
    );
    // Spliced into `WHERE :code IS NULL OR w.code = :code`, these would match every row.
    for value in [
        "x' OR '1'='1",
        "' OR 1=1 --",
        "x'; DELETE FROM warnings; --",
        "NULL",
    ] {
        let out = env.ok(&[
            "report",
            "warnings",
            "--param",
            &format!("code={value}"),
            "--format",
            "csv",
        ]);
        assert_eq!(out.lines().count(), 1, "{value:?} matched rows:\n{out}");
    }
    // And the value arrives exactly as typed.
    let reports = env.reports(
        "reports",
        &[(
            "echo.sql",
            "-- title: Echo\n-- description: e\n-- param: v | text | x | v\nSELECT :v AS v\n",
        )],
    );
    let value = "x'); DROP TABLE documents; --";
    let out = env.ok(&[
        "report",
        "echo",
        "--reports",
        &reports,
        "--param",
        &format!("v={value}"),
        "--format",
        "json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows[0]["v"], value);
    common::assert_same_text(&before, &env.dump(), "database after SQL-like parameters");
}
