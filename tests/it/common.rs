//! Shared helpers for the integration tests: a temp folder with a database
//! path, running the real binary, and comparing output with a diff.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_archdb");

/// The reports' own fixture corpus.
pub const REPORT_FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reports");

/// A temp folder holding one database file for one test.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl TestEnv {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("archdb.sqlite");
        TestEnv { dir, db }
    }

    /// A database seeded from the reports' fixture corpus (9 documents of
    /// 1921-1941 on 4 pages), shared by the report, show and Datasette tests.
    pub fn seeded_with_report_fixtures() -> Self {
        let env = TestEnv::new();
        env.ok(&["seed", "--corpus", REPORT_FIXTURES]);
        env
    }

    /// A database seeded from the bundled corpus.
    pub fn seeded() -> Self {
        let env = TestEnv::new();
        env.ok(&["seed"]);
        env
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs archdb with `--db` pointing at this env's database and no
    /// ARCHDB_* variables from the caller's environment.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env_remove("ARCHDB_DB")
            .env_remove("ARCHDB_REPORTS")
            .env_remove("COLUMNS") // tables are as wide as --max-width says, or 160
            .current_dir(self.dir.path())
            .output()
            .expect("running archdb")
    }

    /// Runs archdb, asserts exit code 0 and returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "archdb {args:?} failed with {:?}\nstdout:\n{}\nstderr:\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// Runs archdb, asserts the exit code and returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "archdb {args:?}: expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).expect("stderr is UTF-8")
    }

    pub fn conn(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("open db")
    }

    /// Every row of every table but seed_runs, as text, in a stable order:
    /// two databases with the same content give the same dump.
    pub fn dump(&self) -> String {
        dump(&self.db)
    }
}

pub fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let mut tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT LIKE 'documents_fts%' AND name NOT IN ('seed_runs', 'refinery_schema_history')
             ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables.push("documents_fts".into());
    let mut out = String::new();
    for table in tables {
        let sql = if table == "documents_fts" {
            "SELECT rowid, heading, body FROM documents_fts ORDER BY rowid".to_string()
        } else {
            format!("SELECT * FROM \"{table}\" ORDER BY 1")
        };
        let mut stmt = conn.prepare(&sql).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        out.push_str(&format!("## {table}\n"));
        while let Some(row) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap()))
                .collect();
            out.push_str(&cells.join("|"));
            out.push('\n');
        }
    }
    out
}

/// Asserts equality and, when it fails, prints a line diff.
pub fn assert_same_text(expected: &str, actual: &str, what: &str) {
    if expected == actual {
        return;
    }
    let mut diff = String::new();
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    for i in 0..e.len().max(a.len()) {
        match (e.get(i), a.get(i)) {
            (Some(x), Some(y)) if x == y => {}
            (x, y) => diff.push_str(&format!(
                "line {}:\n  - {}\n  + {}\n",
                i + 1,
                x.unwrap_or(&"<none>"),
                y.unwrap_or(&"<none>")
            )),
        }
    }
    panic!("{what} differs:\n{diff}");
}

/// The expected output kept in golden file `path`; `None` when
/// ARCHDB_UPDATE_GOLDEN=1, in which case `actual` is written there instead
/// (review the diff before committing it).
pub fn golden(path: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("ARCHDB_UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(path, actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "no golden file {}; create it with ARCHDB_UPDATE_GOLDEN=1 cargo test --locked",
            path.display()
        )
    });
    Some(expected)
}
