//! `archdb query`: ad-hoc SQL on a read-only connection.

mod common;

use common::TestEnv;

#[test]
fn runs_a_select() {
    let env = TestEnv::seeded();
    let out = env.ok(&[
        "query",
        "SELECT kind, date_from FROM documents",
        "--format",
        "csv",
    ]);
    assert_eq!(out, "kind,date_from\nconversation,1940-12-27\n");
}

#[test]
fn writes_attach_and_pragmas_are_refused_and_change_nothing() {
    let env = TestEnv::seeded();
    let before = env.dump();
    let other = env.path("other.sqlite");
    let attach = format!("ATTACH '{}' AS other", other.display());
    for sql in [
        "DELETE FROM documents",
        "UPDATE documents SET kind = 'note'",
        "DROP TABLE documents",
        "CREATE TABLE x (y)",
        attach.as_str(),
        "PRAGMA foreign_keys = OFF",
        "SELECT load_extension('/tmp/nothing')",
    ] {
        let err = env.fails(&["query", sql], 1);
        assert!(
            err.contains("refused") || err.contains("not authorized") || err.contains("SQL error"),
            "{sql}: {err}"
        );
    }
    assert!(!other.exists(), "ATTACH must not create a file");
    common::assert_same_text(&before, &env.dump(), "database after refused queries");
}

#[test]
fn two_statements_are_refused() {
    let env = TestEnv::seeded();
    let err = env.fails(&["query", "SELECT 1; DELETE FROM documents"], 1);
    assert!(err.contains("more than one SQL statement"), "{err}");
}

#[test]
fn a_slow_query_is_stopped_by_the_timeout() {
    let env = TestEnv::seeded();
    let sql =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n";
    let err = env.fails(&["query", sql, "--timeout", "0.2"], 1);
    assert!(err.contains("ran longer than 0.2 s"), "{err}");
}

#[test]
fn a_missing_database_is_not_created() {
    let env = TestEnv::new();
    let err = env.fails(&["query", "SELECT 1"], 1);
    assert!(err.contains("run `archdb seed` first"), "{err}");
    assert!(!env.db.exists());
}

#[test]
fn a_file_that_is_not_a_database_is_a_clear_error() {
    let env = TestEnv::new();
    std::fs::write(
        &env.db,
        "this is not sqlite, just text long enough to have a header of sorts....",
    )
    .unwrap();
    let err = env.fails(&["query", "SELECT 1"], 1);
    assert!(
        err.contains("not a SQLite database") || err.contains("not an archdb database"),
        "{err}"
    );
}
