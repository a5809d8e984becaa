//! The seeded file opened by other SQL clients: the sqlite3 command-line
//! shell and Python's sqlite3 module (both installed by .ci/run).

use crate::common;

use std::process::Command;

use common::TestEnv;

/// The client `name` (the Debian package of that name), or `None` when
/// the test is skipped without it (`common::require`).
fn tool(name: &str) -> Option<Command> {
    common::require(name, name).map(Command::new)
}

#[test]
fn sqlite3_shell_reads_the_documents_and_views() {
    let Some(mut sqlite3) = tool("sqlite3") else {
        return;
    };
    let env = TestEnv::seeded();
    let out = sqlite3
        .arg("-readonly")
        .arg(&env.db)
        .arg("SELECT kind, date_from, classification FROM documents; SELECT count(*) > 0 FROM document_overview WHERE citation LIKE 'AVP RF, f. 059%';")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "conversation|1940-12-27|secret\n1\n"
    );
}

#[test]
fn sqlite3_shell_finds_the_schema_clean() {
    let Some(mut sqlite3) = tool("sqlite3") else {
        return;
    };
    let env = TestEnv::seeded();
    let out = sqlite3
        .arg(&env.db)
        .arg("PRAGMA foreign_keys = ON; PRAGMA foreign_key_check; PRAGMA integrity_check;")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ok\n");
}

#[test]
fn python_sqlite3_reads_mentions_with_the_substr_invariant() {
    let Some(mut python3) = tool("python3") else {
        return;
    };
    let env = TestEnv::seeded();
    let script = r#"
import sqlite3, sys
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = con.execute("SELECT t.text, m.char_start, m.char_end, m.surface, m.field FROM mentions m JOIN mention_texts t ON t.mention_id = m.id").fetchall()
assert rows, "no mentions"
bad = [r[3] for r in rows if r[0][r[1]:r[2]] != r[3]]
assert not bad, bad
assert {r[4] for r in rows} >= {"heading", "body"}, "mentions outside the body"
print(len(rows), con.execute("SELECT count(*) FROM document_persons").fetchone()[0])
"#;
    let out = python3.arg("-c").arg(script).arg(&env.db).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let numbers: Vec<i64> = text
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(numbers[0] > 10 && numbers[1] >= 4, "{text}");
}
