//! Shared helpers for the integration tests: a temp folder with a database
//! path, running the real binary, comparing output with a diff, the policy
//! for tests that need a program from outside the repository, and a
//! generated corpus in the collection's style with a seed running in the
//! background (the reliability tests).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_archdb");

/// The repository: fixtures, README and docs are read from here.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The reports' own fixture corpus.
pub const REPORT_FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reports");

/// The bundled corpus's one page (seed/corpus/).
pub const PAGE: &str = "000_8e37452bcfcc29b4.txt";

/// The countries and regions the bundled page's body names.
pub const PAGE_COUNTRIES: [&str; 8] = [
    "germany",
    "japan",
    "china",
    "turkey",
    "great_britain",
    "ussr",
    "balkans",
    "middle_east",
];

/// The bytes of the bundled page.
pub fn bundled_page() -> Vec<u8> {
    std::fs::read(format!("{ROOT}/seed/corpus/{PAGE}")).unwrap()
}

/// `archdb --db DB` with no ARCHDB_* variables or COLUMNS from the caller's
/// environment, for `TestEnv::run` and the tests that need their own pipes,
/// environment or database path.
pub fn archdb(db: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .arg("--db")
        .arg(db)
        .env_remove("ARCHDB_DB")
        .env_remove("ARCHDB_REPORTS")
        .env_remove("ARCHDB_BUSY_TIMEOUT_MS")
        .env_remove("COLUMNS"); // tables are as wide as --max-width says, or 160
    command
}

// ------------------------------------------------------- external programs

/// The skip policy of a test that needs a program from outside the
/// repository (`sqlite3`, `python3`, `wget`, `dot`, `chromium`, ...; .ci/run
/// installs every one): its path when `tool` is on PATH. Otherwise the test
/// fails when the variable `CI` is set, and else gets `None` after printing
/// why it skips (the whole test, or the part that needs the tool), so
/// `cargo test` passes offline and on a machine without the tool. `install`
/// names what to install: the Debian package, or the step that provides it.
pub fn require(tool: &str, install: &str) -> Option<PathBuf> {
    let found = on_path(tool).ok_or_else(|| "not found".to_string());
    require_found(tool, found, install)
}

/// [`require`] for a tool found some other way (a virtual environment's
/// Python with a module, a program with several names): `Err` says why it
/// is not there.
pub fn require_found(tool: &str, found: Result<PathBuf, String>, install: &str) -> Option<PathBuf> {
    let why = match found {
        Ok(path) => return Some(path),
        Err(why) => why,
    };
    // libtest runs each test on a thread named after it.
    let thread = std::thread::current();
    let test = thread.name().filter(|n| *n != "main").unwrap_or("a test");
    if std::env::var_os("CI").is_some() {
        panic!("{test}: {tool} {why}, and CI is set: install {install} (.ci/run does)");
    }
    eprintln!("skipped: {test}: {tool} {why} (install {install} or set CI to make this a failure)");
    None
}

/// The executable `name` in a folder of PATH, as a shell finds it.
pub fn on_path(name: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|file| {
            std::fs::metadata(file)
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

// --------------------------------------------------------- test databases

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

    /// Writes report files, (file name, text), into the folder `dir` of this
    /// env (made if missing); the folder, as `--reports` takes it.
    pub fn reports(&self, dir: &str, files: &[(&str, &str)]) -> String {
        let folder = self.path(dir);
        std::fs::create_dir_all(&folder).unwrap();
        for (name, text) in files {
            std::fs::write(folder.join(name), text).unwrap();
        }
        folder.to_str().unwrap().to_string()
    }

    /// Runs archdb with `--db` pointing at this env's database and no
    /// ARCHDB_* variables from the caller's environment.
    pub fn run(&self, args: &[&str]) -> Output {
        archdb(&self.db)
            .args(args)
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

/// The names of the reports `archdb report` lists.
pub fn report_names(env: &TestEnv) -> Vec<String> {
    let out = env.ok(&["report", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

/// `archdb seed --corpus CORPUS`, which must succeed; its stdout.
pub fn seed(env: &TestEnv, corpus: &Path) -> String {
    env.ok(&["seed", "--corpus", corpus.to_str().unwrap()])
}

/// The one value `sql` selects from the env's database.
pub fn one<T: rusqlite::types::FromSql>(env: &TestEnv, sql: &str) -> T {
    env.conn()
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The first column of every row `sql` selects.
pub fn first_column<T, C>(conn: &rusqlite::Connection, sql: &str) -> C
where
    T: rusqlite::types::FromSql,
    C: FromIterator<T>,
{
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Each row `sql` selects, as its values' `{:?}` joined by `|`.
pub fn rows_as_text(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    let n = stmt.column_count();
    let mut rows = stmt.query([]).unwrap();
    let mut out = Vec::new();
    while let Some(row) = rows.next().unwrap() {
        let cells: Vec<String> = (0..n)
            .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap()))
            .collect();
        out.push(cells.join("|"));
    }
    out
}

/// The tables of the database's content, by name: all but SQLite's own,
/// the full-text index, seed_runs and the migration history.
pub fn content_tables(conn: &rusqlite::Connection) -> Vec<String> {
    first_column(
        conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE 'documents_fts%' AND name NOT IN ('seed_runs', 'refinery_schema_history')
         ORDER BY name",
    )
}

pub fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let mut tables = content_tables(&conn);
    tables.push("documents_fts".into());
    let mut out = String::new();
    for table in tables {
        let sql = if table == "documents_fts" {
            "SELECT rowid, heading, body FROM documents_fts ORDER BY rowid".to_string()
        } else {
            format!("SELECT * FROM \"{table}\" ORDER BY 1")
        };
        out.push_str(&format!("## {table}\n"));
        for row in rows_as_text(&conn, &sql) {
            out.push_str(&row);
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
            "no golden file {}; create it with ARCHDB_UPDATE_GOLDEN=1 cargo test --locked --test it -- report:: show::",
            path.display()
        )
    });
    Some(expected)
}

// ------------------------------------ generated corpora, background seeds

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One corpus page (site header, two documents), different for every `i`.
pub fn page(i: usize) -> String {
    let year = 1921 + i % 20;
    let month = MONTHS[i % 12];
    let day = 1 + i % 28;
    let (envoy, country, city) = [
        ("Ya. Z. Surits", "Turkey", "Angora"),
        ("A. V. Terentyev", "Turkey", "Ankara"),
        ("I. M. Maisky", "Great Britain", "London"),
        ("S. I. Aralov", "Turkey", "Angora"),
        ("M. M. Litvinov", "the USSR", "Moscow"),
    ][i % 5];
    let mut text = String::with_capacity(6000);
    text.push_str(
        "Selected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941\n\n\
         Marx-Engels |  Lenin  | Stalin |  Home Page\n\n\
         Concentrated on 1st and  2nd WW Correspondence and Meetings related to Turkey, Balkans and Iran.\n\n\
         Download PDF\n \n",
    );
    text.push_str(&format!(
        "\nTelegram of the plenipotentiary representative of the USSR in {country} {envoy} to the people's commissariat of foreign affairs\n\n\
         {month} {day}, {year} secret\n\n"
    ));
    for p in 0..4 {
        text.push_str(&format!(
            "{p}. In {city} the minister received me on the {day}th and spoke at length of the railway question, \
             of the grain deliveries and of the frontier commission number {i}. He repeated twice that Germany \
             and japan were watching the Balkans closely, and that the middle east would not stay quiet for long. \
             I answered that the USSR keeps to its policy of peace and asked him to put his proposals in writing.\n\n"
        ));
    }
    text.push_str(&format!(
        "Plenipotentiary\n\navp rf, f. 0{}, op. {}, p. {}, d. {}, l. {}‐{}.\n\n..............\n\n",
        59 + i % 7,
        i % 40,
        100 + i % 90,
        i,
        10 + i % 50,
        12 + i % 50
    ));
    text.push_str(&format!(
        "Recording of the conversation of the people's commissar for foreign affairs M. M. Litvinov with the ambassador of {country}\n\n\
         {day} {} {year}\n\n\
         The ambassador came at his own request. He said that his government wished to settle the matter of the \
         consulates before the end of the month. I replied that we had no objections in principle, but the \
         details must be worked out by the commission. (page {i})\n\n\
         M. Litvinov\n\nAVP RF, f. 05, op. {}, p. {}, d. {}, l. {}.\n",
        MONTHS[(i + 5) % 12].to_lowercase(),
        i % 13,
        i % 77,
        i % 500,
        1 + i % 300
    ));
    text
}

/// Writes `count` generated pages into a new folder `name` under `parent`.
pub fn write_corpus(parent: &Path, name: &str, count: usize) -> PathBuf {
    let dir = parent.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..count {
        std::fs::write(dir.join(format!("{i:05}.txt")), page(i)).unwrap();
    }
    dir
}

/// Starts `archdb --db DB seed [args]` in the background, output discarded
/// unless `capture`.
pub fn spawn_seed(db: &Path, args: &[&str], capture: bool) -> Child {
    let out = || {
        if capture {
            Stdio::piped()
        } else {
            Stdio::null()
        }
    };
    archdb(db)
        .arg("seed")
        .args(args)
        .stdout(out())
        .stderr(out())
        .spawn()
        .expect("starting archdb seed")
}

pub fn wal_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push("-wal");
    PathBuf::from(p)
}

/// Waits until the database's WAL holds at least `bytes` (the seed is
/// writing inside its transaction). Panics if `child` exits first: the
/// corpus was too small to catch the seed mid-way.
pub fn wait_for_wal(db: &Path, bytes: u64, child: &mut Child) {
    let start = Instant::now();
    loop {
        let size = std::fs::metadata(wal_path(db))
            .map(|m| m.len())
            .unwrap_or(0);
        if size >= bytes {
            return;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the seed finished ({status}) before its WAL reached {bytes} bytes; generate a bigger corpus");
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the seed never started writing"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Counts that change between the bundled corpus and a generated one, read
/// in one statement so they come from one snapshot.
pub const COUNTS: &str = "SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM documents),
    (SELECT count(*) FROM warnings), (SELECT count(*) FROM seed_runs), (SELECT count(*) FROM countries)";

pub type Counts = (i64, i64, i64, i64, i64);

pub fn counts(conn: &rusqlite::Connection) -> rusqlite::Result<Counts> {
    conn.query_row(COUNTS, [], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
}

pub fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

pub fn foreign_key_problems(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("PRAGMA foreign_key_check").unwrap();
    let mut rows = stmt.query([]).unwrap();
    let mut n = 0;
    while rows.next().unwrap().is_some() {
        n += 1;
    }
    n
}
