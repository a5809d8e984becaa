//! `archdb datasette`: the metadata carries every report as a canned query,
//! the reports behave under Datasette's parameter rules, and Datasette itself
//! (installed from PyPI into a virtual environment) returns the same rows as
//! `archdb report NAME --format json`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::TestEnv;
use rusqlite::types::Value;

const FETCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/datasette/fetch.py");

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
    let env = TestEnv::new(); // no database needed
    let meta = metadata(&env);
    // The database is named after the --db file: archdb.sqlite -> archdb.
    let db = &meta["databases"]["archdb"];
    assert_eq!(db["tables"]["documents"]["fts_table"], "documents_fts");
    assert_eq!(db["tables"]["documents"]["fts_pk"], "id");
    let queries = db["queries"].as_object().unwrap();
    let reports = archdb::report::load_reports(&[]).unwrap();
    assert_eq!(queries.len(), reports.len());
    for report in &reports {
        let q = &queries[&report.name];
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

/// A virtual environment with Datasette, made once under target/ and reused.
fn datasette_python() -> PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("datasette-venv");
    let python = venv.join("bin").join("python");
    let ready = Command::new(&python)
        .args(["-c", "import datasette"])
        .output()
        .is_ok_and(|o| o.status.success());
    if ready {
        return python;
    }
    let made = Command::new("python3")
        .arg("-m")
        .arg("venv")
        .arg(&venv)
        .output();
    match made {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!(
            "python3 -m venv {} failed; install python3-venv (.ci/run does):\n{}",
            venv.display(),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => panic!("python3 is not installed ({e}); .ci/run installs it"),
    }
    let pip = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "datasette",
        ])
        .output()
        .unwrap();
    assert!(
        pip.status.success(),
        "could not install datasette from PyPI into {} (is the network or a PyPI mirror reachable? \
         pip honours PIP_INDEX_URL). pip said:\n{}",
        venv.display(),
        String::from_utf8_lossy(&pip.stderr)
    );
    python
}

#[test]
fn datasette_returns_the_same_rows_as_archdb_report() {
    if std::env::var_os("ARCHDB_SKIP_DATASETTE").is_some_and(|v| v == "1") {
        eprintln!("skipped: ARCHDB_SKIP_DATASETTE=1");
        return;
    }
    let python = datasette_python();
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
                format!("/archdb/{}.json?_shape=array", r.name),
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
        vec!["query=Sikor* OR Mosul", "limit=1"],
        "/archdb/search.json?_shape=array&query=Sikor%2A+OR+Mosul&limit=1".into(),
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
