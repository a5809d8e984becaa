//! `archdb datasette`: the metadata carries every report as a canned query,
//! the reports behave under Datasette's parameter rules, and Datasette itself
//! (installed from PyPI into a virtual environment, at the versions pinned in
//! tests/datasette/requirements.txt) returns the same rows as
//! `archdb report NAME --format json`.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::TestEnv;
use rusqlite::types::Value;

const FETCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/datasette/fetch.py");

const REQUIREMENTS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/datasette/requirements.txt"
);

/// The canned query's key of each report: its name, or NAME_report where a
/// table or view has that name.
fn query_key(env: &TestEnv, report: &str) -> String {
    let objects: std::collections::BTreeSet<String> = common::first_column(
        &env.conn(),
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')",
    );
    archdb::datasette::query_key(report, &objects)
}

fn metadata(env: &TestEnv) -> serde_json::Value {
    let file = env.path("metadata.json");
    env.ok(&["datasette", "--output", file.to_str().unwrap()]);
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

fn report_json(env: &TestEnv, name: &str, params: &[&str]) -> serde_json::Value {
    let mut args = vec!["report", name, "--format", "json"];
    for p in params {
        args.extend(["-p", p]);
    }
    serde_json::from_str(&env.ok(&args)).unwrap()
}

#[test]
fn metadata_has_every_report_as_a_canned_query_and_the_fts_settings() {
    let env = TestEnv::seeded_with_report_fixtures();
    let meta = metadata(&env);
    // The database is named after the --db file: archdb.sqlite -> archdb.
    let db = &meta["databases"]["archdb"];
    assert_eq!(db["tables"]["documents"]["fts_table"], "documents_fts");
    assert_eq!(db["tables"]["documents"]["fts_pk"], "id");
    let queries = db["queries"].as_object().unwrap();
    let reports = archdb::report::load_reports(&[]).unwrap();
    assert_eq!(queries.len(), reports.len());
    for report in &reports {
        let q = &queries[&query_key(&env, &report.name)];
        assert_eq!(q["title"], report.title.as_str(), "{}", report.name);
        assert!(
            q["description"]
                .as_str()
                .unwrap()
                .starts_with(&report.description),
            "{}",
            report.name
        );
        assert_eq!(q["sql"], report.sql.trim_end(), "{}", report.name);
        let params: Vec<&str> = q["params"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        let expected: Vec<&str> = report.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(params, expected, "{}", report.name);
    }
    let named = env.ok(&["datasette", "--database-name", "soviet"]);
    assert!(named.contains("\"soviet\": {"), "{named}");
}

fn json_value(value: Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => i.into(),
        Value::Real(f) => {
            serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, Into::into)
        }
        Value::Text(s) => s.into(),
        Value::Blob(b) => format!("<{} bytes>", b.len()).into(),
    }
}

/// Datasette binds '' for every parameter left empty and knows no defaults:
/// each report must then give exactly what archdb gives with its defaults.
#[test]
fn empty_parameters_as_datasette_binds_them_give_the_default_rows() {
    let env = TestEnv::seeded_with_report_fixtures();
    let conn =
        rusqlite::Connection::open_with_flags(&env.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    for report in archdb::report::load_reports(&[]).unwrap() {
        let mut stmt = conn
            .prepare(&report.sql)
            .unwrap_or_else(|e| panic!("{}: {e}", report.name));
        let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
        for p in &report.params {
            if let Some(i) = stmt.parameter_index(&format!(":{}", p.name)).unwrap() {
                stmt.raw_bind_parameter(i, "").unwrap();
            }
        }
        let mut rows = stmt.raw_query();
        let mut empty = Vec::new();
        while let Some(row) = rows.next().unwrap() {
            let object: serde_json::Map<String, serde_json::Value> = columns
                .iter()
                .enumerate()
                .map(|(i, c)| (c.clone(), json_value(row.get::<_, Value>(i).unwrap())))
                .collect();
            empty.push(serde_json::Value::Object(object));
        }
        let defaults = report_json(&env, &report.name, &[]);
        assert_eq!(
            serde_json::Value::Array(empty),
            defaults,
            "{}: '' parameters differ from the defaults",
            report.name
        );
    }
}

/// The Python of a virtual environment with the pinned Datasette, made once
/// under target/ and reused while tests/datasette/requirements.txt is
/// unchanged; `None` when the test is skipped without it (no python3, no
/// venv module, no PyPI: `common::require_found`).
fn datasette_python() -> Option<PathBuf> {
    // Made once per run: a second test waits for the first to make it.
    static MADE: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let python3 = common::require("python3", "python3")?;
    common::require_found(
        "Datasette in target/datasette-venv",
        MADE.get_or_init(|| datasette_venv(&python3)).clone(),
        "python3-venv, with PyPI or a mirror (PIP_INDEX_URL) reachable",
    )
}

fn datasette_venv(python3: &Path) -> Result<PathBuf, String> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("datasette-venv");
    let python = venv.join("bin").join("python");
    let marker = venv.join("archdb-requirements.txt");
    let wanted = std::fs::read_to_string(REQUIREMENTS).unwrap();
    if std::fs::read_to_string(&marker).is_ok_and(|had| had == wanted) {
        return Ok(python);
    }
    let made = Command::new(python3)
        .arg("-m")
        .arg("venv")
        .arg(&venv)
        .output()
        .unwrap();
    if !made.status.success() {
        return Err(format!(
            "could not be made: python3 -m venv {} failed (is python3-venv installed?):\n{}",
            venv.display(),
            String::from_utf8_lossy(&made.stderr)
        ));
    }
    let pip = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
        ])
        .arg(REQUIREMENTS)
        .output()
        .unwrap();
    if !pip.status.success() {
        return Err(format!(
            "could not be installed from PyPI into {} (is the network or a PyPI mirror reachable? \
             pip honours PIP_INDEX_URL). pip said:\n{}",
            venv.display(),
            String::from_utf8_lossy(&pip.stderr)
        ));
    }
    std::fs::write(&marker, wanted).unwrap();
    Ok(python)
}

#[test]
fn datasette_returns_the_same_rows_as_archdb_report() {
    if std::env::var_os("ARCHDB_SKIP_DATASETTE").is_some_and(|v| v == "1") {
        eprintln!("skipped: ARCHDB_SKIP_DATASETTE=1");
        return;
    }
    let Some(python) = datasette_python() else {
        return;
    };
    let env = TestEnv::seeded_with_report_fixtures();
    let meta = env.path("metadata.json");
    env.ok(&["datasette", "--output", meta.to_str().unwrap()]);
    // Every report bare, and some with parameters (URL-encoded as a browser would).
    let mut cases: Vec<(String, Vec<&str>, String)> = archdb::report::load_reports(&[])
        .unwrap()
        .into_iter()
        .map(|r| {
            (
                r.name.clone(),
                vec![],
                format!("/archdb/{}.json?_shape=array", query_key(&env, &r.name)),
            )
        })
        .collect();
    cases.push((
        "who_held".into(),
        vec!["office=foreign_minister", "country=Great Britain", "host=none", "date=1940-12-27"],
        "/archdb/who_held.json?_shape=array&office=foreign_minister&country=Great+Britain&host=none&date=1940-12-27".into(),
    ));
    cases.push((
        "search".into(),
        vec!["query=Sikor* OR Mosul", "syntax=fts", "limit=1"],
        "/archdb/search.json?_shape=array&query=Sikor%2A+OR+Mosul&syntax=fts&limit=1".into(),
    ));
    cases.push((
        "search".into(),
        vec!["query=mutual-assistance pact"],
        "/archdb/search.json?_shape=array&query=mutual-assistance+pact".into(),
    ));
    cases.push((
        "timeline".into(),
        vec!["country=the Turks", "kind=telegram", "from=1930-01-01"],
        "/archdb/timeline.json?_shape=array&country=the+Turks&kind=telegram&from=1930-01-01".into(),
    ));
    cases.push((
        "co_mentions".into(),
        vec!["kind=person", "limit=3"],
        "/archdb/co_mentions.json?_shape=array&kind=person&limit=3".into(),
    ));
    let out = Command::new(&python)
        .arg(FETCH)
        .arg(&env.db)
        .arg(&meta)
        .args(cases.iter().map(|(_, _, path)| path))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "datasette failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let served: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut nonempty = 0;
    for (name, params, path) in &cases {
        let expected = report_json(&env, name, params);
        let got = &served[path.as_str()];
        assert!(got.is_array(), "{path}: Datasette answered {got}");
        assert_eq!(
            got, &expected,
            "{path}: Datasette and `archdb report {name}` differ"
        );
        nonempty += usize::from(!expected.as_array().unwrap().is_empty());
    }
    assert!(
        nonempty >= cases.len() - 1,
        "too many empty results to prove anything"
    );
}

const DATASETTE_FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/datasette");

/// The reports' corpus plus a page whose text has a hyphenated phrase
/// ("non-aggression pact") and a hyphenated word ("Turk-Soviet").
fn seeded_for_search() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&[
        "seed",
        "--corpus",
        common::REPORT_FIXTURES,
        "--corpus",
        DATASETTE_FIXTURES,
    ]);
    env
}

#[test]
fn datasette_refuses_a_database_that_does_not_exist() {
    let env = TestEnv::new();
    let err = env.fails(&["datasette", "--output", "metadata.json"], 1);
    assert!(err.contains("does not exist yet"), "{err}");
    assert!(err.contains("archdb seed"), "{err}");
    assert!(!env.db.exists(), "the refused command created a database");
    assert!(!env.path("metadata.json").exists());
}

#[test]
fn no_canned_query_hides_a_table_or_view() {
    let env = TestEnv::seeded_with_report_fixtures();
    let meta = metadata(&env);
    let db = &meta["databases"]["archdb"];
    let queries = db["queries"].as_object().unwrap();
    let conn = env.conn();
    let mut renamed = Vec::new();
    for key in queries.keys() {
        let clashes: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?1",
                [key],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(clashes, 0, "canned query {key} hides a table or view");
        if let Some(report) = key.strip_suffix("_report") {
            renamed.push(report.to_string());
        }
    }
    renamed.sort();
    assert_eq!(
        renamed,
        ["document_persons", "documents", "sources", "warnings"]
    );
    // The reports keep their names on the command line.
    let out = env.ok(&["report", "documents", "--format", "csv"]);
    assert!(out.starts_with("id,date,kind"), "{out}");
    // The overview comes first on the database page.
    assert_eq!(queries.keys().next().unwrap(), "overview");
}

/// Every table and view has a description in data_dictionary, and every
/// column it describes exists.
#[test]
fn the_data_dictionary_describes_every_table_and_view() {
    let env = TestEnv::seeded_with_report_fixtures();
    let conn = env.conn();
    let objects: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')
             AND name NOT LIKE 'sqlite_%' AND name NOT GLOB 'documents_fts_*' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(objects.len() > 30, "{objects:?}");
    let mut missing = Vec::new();
    for (name, kind) in &objects {
        let described: Option<String> = conn
            .query_row(
                "SELECT kind FROM data_dictionary WHERE object = ?1 AND column_name = ''
                 AND length(description) > 10",
                [name],
                |r| r.get(0),
            )
            .ok();
        match described {
            Some(k) if &k == kind => {}
            Some(k) => missing.push(format!("{name} is a {kind}, described as a {k}")),
            None => missing.push(format!("{name} ({kind}) has no description")),
        }
    }
    let stale: Vec<String> = common::first_column(
        &conn,
        "SELECT object || '.' || column_name FROM data_dictionary dd WHERE kind = 'column'
         AND NOT EXISTS (SELECT 1 FROM pragma_table_xinfo(dd.object) WHERE name = dd.column_name)",
    );
    missing.extend(
        stale
            .into_iter()
            .map(|c| format!("{c} is described but does not exist")),
    );
    assert!(missing.is_empty(), "data_dictionary: {missing:#?}");
    // The metadata carries them: a table, a view and a column.
    let meta = metadata(&env);
    let tables = &meta["databases"]["archdb"]["tables"];
    for (object, column) in [
        ("documents", ""),
        ("document_overview", ""),
        ("documents", "date_from"),
    ] {
        let expected: String = conn
            .query_row(
                "SELECT description FROM data_dictionary WHERE object = ?1 AND column_name = ?2",
                [object, column],
                |r| r.get(0),
            )
            .unwrap();
        if column.is_empty() {
            assert_eq!(tables[object]["description"], expected.as_str(), "{object}");
        } else {
            // Column descriptions are a link away, in data_dictionary itself.
            let html = tables[object]["description_html"].as_str().unwrap();
            assert!(
                html.contains(&format!("/archdb/data_dictionary?object={object}")),
                "{html}"
            );
        }
    }
    assert_eq!(tables["source_files"]["label_column"], "path");
}

#[test]
fn search_takes_plain_words_phrases_and_hyphens() {
    let env = seeded_for_search();
    let ids = |params: &[&str]| -> Vec<i64> {
        report_json(&env, "search", params)
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect()
    };
    let pact = ids(&["query=non-aggression pact"]);
    assert_eq!(pact.len(), 1, "{pact:?}");
    assert_eq!(ids(&["query=\"non-aggression pact\""]), pact);
    assert_eq!(ids(&["query=Turk-"]), pact);
    // Every word must appear: one that appears nowhere empties the result.
    assert!(ids(&["query=non-aggression pact Zanzibar"]).is_empty());
    // OR is only a word in plain syntax, an operator in FTS5 syntax.
    assert!(ids(&["query=Zanzibar OR Saracoglu"]).is_empty());
    assert!(!ids(&["query=Zanzibar OR Saracoglu", "syntax=fts"]).is_empty());
    assert!(ids(&["query=Turk*"]).len() > pact.len());
    // FTS5 syntax only when asked for.
    let err = env.fails(
        &["report", "search", "-p", "query=Turk-", "-p", "syntax=fts"],
        1,
    );
    assert!(err.contains("fts5"), "{err}");
    // Piped, the highlights stay plain markers.
    let out = env.ok(&["report", "search", "-p", "query=non-aggression pact"]);
    assert!(out.contains("**non-aggression**"), "{out}");
    assert!(!out.contains('\u{1b}'), "{out}");
}

// ------------------------------------------------------------ in a browser

/// Headless Chromium from the system packages (.ci/run installs it); `None`
/// when the test is skipped without it (`common::require_found`).
fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser"].iter().find_map(|name| {
        Command::new(name)
            .arg("--version")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|_| PathBuf::from(name))
    });
    common::require_found(
        "chromium",
        found.ok_or_else(|| "not found".into()),
        "chromium",
    )
}

/// Datasette serving a database on 127.0.0.1, stopped when dropped.
struct Server {
    child: std::process::Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(python: &Path, env: &TestEnv) -> Server {
        let meta = env.path("metadata.json");
        let plugins = env.path("plugins");
        env.ok(&[
            "datasette",
            "--output",
            meta.to_str().unwrap(),
            "--plugins-dir",
            plugins.to_str().unwrap(),
        ]);
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = std::fs::File::create(env.path("datasette.log")).unwrap();
        let child = Command::new(python)
            .args(["-m", "datasette", "serve"])
            .arg(&env.db)
            .arg("-m")
            .arg(&meta)
            .arg("--plugins-dir")
            .arg(&plugins)
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "Datasette did not start in 60 s:\n{}",
                std::fs::read_to_string(env.path("datasette.log")).unwrap_or_default()
            );
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        server
    }
}

/// The page at `path` as Chromium rendered it (the DOM after scripts ran).
fn dump_dom(chromium: &Path, server: &Server, path: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,900",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("{}{path}", server.base))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Read while it runs: a page larger than the pipe's buffer would block it.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut dom).map(|_| dom)
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium took over 90 s on {path}");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let dom = reader.join().unwrap().unwrap();
    assert!(dom.contains("</html>"), "{path}: no page:\n{dom}");
    dom
}

/// The raw HTTP answer to a GET of `path`: status line, headers and body.
fn http_get(server: &Server, path: &str) -> String {
    use std::io::{Read, Write};
    let address = server.base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{text}"))
        + start.len();
    let len = text[from..].find(end).unwrap_or(text.len() - from);
    &text[from..from + len]
}

/// What a person sees in a browser: the form above any SQL, the defaults in
/// it, names instead of ids, facets, links to documents, highlighted search
/// results, and a document page that reads as a document.
#[test]
fn in_a_browser_the_database_reads_as_a_research_database() {
    if std::env::var_os("ARCHDB_SKIP_DATASETTE").is_some_and(|v| v == "1") {
        eprintln!("skipped: ARCHDB_SKIP_DATASETTE=1");
        return;
    }
    let Some(chromium) = chromium() else {
        return;
    };
    let Some(python) = datasette_python() else {
        return;
    };
    let env = seeded_for_search();
    let server = Server::start(&python, &env);
    let page = |path: &str| dump_dom(&chromium, &server, path);

    // The database page: the collection's title, the overview first among the
    // reports, each with its description.
    let db = page("/archdb");
    assert!(
        db.contains("Soviet diplomatic documents, 1919-1941"),
        "{db}"
    );
    let guide = between(&db, "archdb-guide", "</ul>");
    assert!(
        guide.find("Overview of the collection").unwrap() < guide.find("Timeline").unwrap(),
        "{guide}"
    );
    assert!(
        guide.contains("How many documents there are by kind"),
        "{guide}"
    );

    // A canned query opened bare: its form comes first (no SQL shown), with
    // the defaults the answer was computed for.
    let who = page("/archdb/who_held");
    let form = who.find("<form class=\"sql\"").expect("a form");
    assert!(
        who.find("<pre").is_none_or(|pre| pre > form),
        "SQL before the form"
    );
    for (name, value) in [
        ("office", "envoy"),
        ("host", "turkey"),
        ("date", "1939-01-01"),
    ] {
        assert!(
            who.contains(&format!("name=\"{name}\" value=\"{value}\"")),
            "{name}={value} not in the form:\n{who}"
        );
    }
    assert!(who.contains("Alexei Terentyev"), "{who}");

    // Report results link document ids to the document.
    let timeline = page("/archdb/timeline?country=the+Turks&kind=telegram");
    let table = between(&timeline, "<table", "</table>");
    assert!(
        table.contains("href=\"/archdb/documents/5\">5</a>"),
        "{table}"
    );

    // A hyphenated phrase as a person types it finds the document, highlighted.
    let search = page("/archdb/search?query=non-aggression+pact");
    let results = between(&search, "<table", "</table>");
    assert!(results.contains("<mark>non-aggression</mark>"), "{results}");
    assert!(
        results.contains("href=\"/archdb/documents/10\""),
        "{results}"
    );
    let turk = page("/archdb/search?query=Turk-");
    assert!(
        between(&turk, "<table", "</table>").contains("documents/10"),
        "{turk}"
    );

    // The documents table: its own page (not hidden by a canned query), with
    // facets and the source file's name instead of its id.
    let documents = page("/archdb/documents");
    assert!(
        documents.contains("name=\"_search\""),
        "no search box: the table is hidden?"
    );
    for facet in ["kind", "classification"] {
        assert!(
            documents.contains(&format!("data-column=\"{facet}\"")),
            "facet {facet}"
        );
    }
    assert!(
        documents.contains(">103_ankara_1939.txt</a>"),
        "no source names"
    );

    // The overview view: facets by year, archive and author.
    let overview = page("/archdb/document_overview");
    for facet in ["year", "kind", "classification", "archives", "author_names"] {
        assert!(
            overview.contains(&format!("data-column=\"{facet}\"")),
            "facet {facet}"
        );
    }
    assert!(
        overview.contains(">Alexei Terentyev</a>"),
        "no author facet values"
    );

    // A malformed value is an error a person sees, not an empty table.
    let bad = page("/archdb/who_held?office=envoy&country=ussr&host=turkey&date=Jan+1939");
    let error = between(&bad, "<p class=\"message-error\">", "</p>");
    assert!(
        error.contains("date must be a day written YYYY-MM-DD"),
        "{error}"
    );
    assert!(!bad.contains("0 results"), "{bad}");
    let json = http_get(&server, "/archdb/who_held.json?date=Jan+1939");
    assert!(json.starts_with("HTTP/1.1 400"), "{json}");
    assert!(
        json.contains("date must be a day written YYYY-MM-DD"),
        "{json}"
    );

    // A document reads as a document: heading, parties, citation, then the body.
    let doc = page("/archdb/documents/5");
    let body = doc.find("Saracoglu told me today").expect("the body");
    assert!(doc.find("Telegram of the plenipotentiary").unwrap() < body);
    assert!(
        doc.contains("AVP RF, f. 059, op. 1, p. 300, d. 2080, l. 121-123"),
        "{doc}"
    );
    assert!(between(&doc, "<dt>From</dt>", "</dd>").contains("Alexei Terentyev"));
    let raw_fields = doc.find("<table").expect("the stored fields, folded");
    assert!(body < raw_fields, "the body comes after the raw columns");
}
