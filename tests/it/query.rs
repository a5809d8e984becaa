//! `archdb query`: ad-hoc SQL on a read-only connection.

use crate::common;

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

/// Writes a user report into `<env>/<dir>/<name>.sql` and returns the folder.
fn user_report(env: &TestEnv, dir: &str, name: &str, sql: &str) -> String {
    env.reports(
        dir,
        &[(
            &format!("{name}.sql"),
            &format!("-- title: {name}\n-- description: A test report.\n-- param: value | text | x | Anything\n{sql}\n"),
        )],
    )
}

#[test]
fn every_refusal_case_in_a_report_leaves_the_database_unchanged() {
    let env = TestEnv::seeded();
    let before = env.dump();
    let other = env.path("attached.sqlite");
    let cases = [
        ("write", "UPDATE documents SET heading = :value".to_string(), "refused: this statement would change the database"),
        ("insert", "INSERT INTO annotations (source_path, seq, note) VALUES ('p', 1, :value)".to_string(), "refused"),
        ("attach", format!("ATTACH '{}' AS other", other.display()), "may not ATTACH databases or change pragmas"),
        ("pragma", "PRAGMA journal_mode = DELETE".to_string(), "may not ATTACH databases or change pragmas"),
        ("pragma_fk", "PRAGMA foreign_keys = OFF".to_string(), "may not ATTACH databases or change pragmas"),
        ("two", "SELECT :value; DELETE FROM documents".to_string(), "more than one SQL statement"),
        (
            "slow",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n WHERE :value IS NOT NULL"
                .to_string(),
            "ran longer than 0.3 s",
        ),
    ];
    for (name, sql, expected) in &cases {
        let dir = user_report(&env, "evil", name, sql);
        let err = env.fails(&["report", "--reports", &dir, name, "--timeout", "0.3"], 1);
        assert!(
            err.contains(expected),
            "{name}: expected {expected:?} in:\n{err}"
        );
    }
    assert!(!other.exists(), "ATTACH must not create a file");
    common::assert_same_text(&before, &env.dump(), "database after refused reports");
}

#[test]
fn a_timed_out_query_leaves_the_database_unchanged() {
    let env = TestEnv::seeded();
    let before = env.dump();
    let sql =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n";
    let started = std::time::Instant::now();
    let err = env.fails(&["query", sql, "--timeout", "0.5"], 1);
    assert!(err.contains("ran longer than 0.5 s"), "{err}");
    assert!(
        started.elapsed().as_secs_f64() < 5.0,
        "the timeout did not stop it promptly"
    );
    common::assert_same_text(&before, &env.dump(), "database after a timed-out query");
}

#[test]
fn reading_pragmas_are_allowed_but_setting_them_is_not() {
    let env = TestEnv::seeded();
    let out = env.ok(&["query", "PRAGMA user_version", "--format", "csv"]);
    assert_eq!(out, "user_version\n0\n");
    let err = env.fails(&["query", "PRAGMA user_version = 7"], 1);
    assert!(err.contains("refused"), "{err}");
    let out = env.ok(&["query", "PRAGMA user_version", "--format", "csv"]);
    assert_eq!(out, "user_version\n0\n");
}

#[test]
fn sql_in_a_parameter_value_is_only_data() {
    let env = TestEnv::seeded();
    let before = env.dump();
    let hostile = "x'); DROP TABLE documents; --";
    // timeline compares the value with names: it matches nothing and changes
    // nothing. Since issue 12 a person that matches nothing is a usage error
    // quoting the value as typed, where it used to give an empty table.
    let err = env.fails(
        &[
            "report",
            "timeline",
            "-p",
            &format!("person={hostile}"),
            "-f",
            "csv",
        ],
        2,
    );
    assert!(
        err.contains(&format!("person {hostile:?} matches no person")),
        "{err}"
    );
    // A free-text filter still runs and matches nothing.
    let out = env.ok(&[
        "report",
        "correspondence",
        "-p",
        &format!("party={hostile}"),
        "-f",
        "csv",
    ]);
    assert_eq!(
        out,
        "author,author_kind,recipient,recipient_kind,as_role,documents,first_date,last_date\n"
    );
    // A user report that echoes its parameter gets the text back verbatim.
    let dir = user_report(
        &env,
        "echo",
        "echo",
        "SELECT :value AS value, (SELECT count(*) FROM documents) AS documents",
    );
    let out = env.ok(&[
        "report",
        "--reports",
        &dir,
        "echo",
        "-p",
        &format!("value={hostile}"),
        "-f",
        "json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows[0]["value"], hostile);
    common::assert_same_text(
        &before,
        &env.dump(),
        "database after hostile parameter values",
    );
}

/// Runs archdb with stdout on a real pipe, reads a little and closes the
/// pipe, as `| head -c 100` would.
fn closed_pipe(env: &TestEnv, args: &[&str]) -> std::process::Output {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = common::archdb(&env.db)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 100];
    stdout.read_exact(&mut buf).unwrap();
    drop(stdout); // the reader goes away while archdb is still writing
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_quietly_with_exit_0_in_every_format() {
    let env = TestEnv::seeded();
    // Far more than a pipe buffer (64 KiB), so archdb is still writing when the pipe closes.
    let sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 50000) SELECT i, 'row ' || i AS label FROM n";
    for format in ["table", "csv", "tsv", "json", "jsonl", "markdown"] {
        let out = closed_pipe(&env, &["query", sql, "--format", format, "--timeout", "60"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
