//! Issue 12: what `seed` says, and what every command shows a person. The
//! warnings the way a compiler prints them, the hint with the same --db, an
//! error for a corpus with no readable page, a single page as --corpus, a
//! re-seed that says what it did, right plurals, citations as historians
//! write them, no program notation, one warning for a binary file, and no
//! -wal/-shm files left by a command that only reads.

use crate::common;

use std::path::Path;

use common::{TestEnv, REPORT_FIXTURES};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const INCREMENTAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/incremental");

fn stderr_of(env: &TestEnv, args: &[&str]) -> (String, String) {
    let out = env.run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn copy_dir(from: &str, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

#[test]
fn warnings_are_printed_like_a_compiler_then_counted_with_a_hint_naming_the_same_db() {
    let env = TestEnv::new();
    let corpus = env.path("pages");
    std::fs::create_dir(&corpus).unwrap();
    for i in 0..30 {
        // A page with no recognisable document: a warning each.
        std::fs::write(
            corpus.join(format!("note_{i:02}.txt")),
            "Some words here.\nMore words.\n",
        )
        .unwrap();
    }
    let (stdout, stderr) = stderr_of(&env, &["seed", "--corpus", corpus.to_str().unwrap()]);
    let total: i64 = env
        .conn()
        .query_row("SELECT count(*) FROM warnings", [], |r| r.get(0))
        .unwrap();
    assert!(total > 20, "{total} warnings");
    let lines: Vec<&str> = stderr.lines().collect();
    let shown: Vec<&&str> = lines.iter().filter(|l| l.starts_with("note_")).collect();
    assert_eq!(shown.len(), 20, "{stderr}");
    for line in &shown {
        // FILE:LINE: code: message, or FILE: code: message for the whole file
        let (file, rest) = line.split_once(':').unwrap();
        assert!(file.ends_with(".txt"), "{line}");
        let rest = rest
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(':');
        let (code, _) = rest.trim_start().split_once(": ").unwrap();
        assert!(
            code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{line}"
        );
    }
    assert!(
        stderr.contains(&format!("... and {} more warnings", total - 20)),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "see them all with: archdb --db {} report warnings",
            env.db.display()
        )),
        "{stderr}"
    );
    // The summary follows, on stdout.
    assert!(stdout.contains(&format!("{total} warnings")), "{stdout}");
}

#[test]
fn a_corpus_with_no_readable_page_is_an_error_and_the_database_is_unchanged() {
    let env = TestEnv::seeded_with_report_fixtures();
    let before = env.dump();
    let empty = env.path("empty");
    std::fs::create_dir(&empty).unwrap();
    let err = env.fails(&["seed", "--corpus", empty.to_str().unwrap()], 1);
    assert!(
        err.contains("no page archdb can read") && err.contains("it is empty"),
        "{err}"
    );
    let binary = env.path("binary");
    std::fs::create_dir(&binary).unwrap();
    std::fs::write(
        binary.join("scan.txt"),
        [0u8, 1, 2, 3, 0, 0, 0, 0xff].repeat(100),
    )
    .unwrap();
    std::fs::write(binary.join("notes.pdf"), b"%PDF").unwrap();
    let err = env.fails(&["seed", "--corpus", binary.to_str().unwrap()], 1);
    assert!(err.contains("no page archdb can read"), "{err}");
    assert_eq!(env.dump(), before, "database unchanged");
    // A first seed of an empty folder leaves no file.
    let fresh = TestEnv::new();
    fresh.fails(&["seed", "--corpus", empty.to_str().unwrap()], 1);
    assert!(!fresh.db.exists());
}

#[test]
fn a_single_page_is_a_corpus() {
    let env = TestEnv::new();
    let page = format!("{REPORT_FIXTURES}/103_ankara_1939.txt");
    let (stdout, _) = stderr_of(&env, &["seed", "--corpus", &page]);
    assert!(
        stdout.contains(": 1 file (0 skipped), 2 documents"),
        "{stdout}"
    );
    let path: String = env
        .conn()
        .query_row("SELECT path FROM sources", [], |r| r.get(0))
        .unwrap();
    assert_eq!(path, "103_ankara_1939.txt");
}

#[test]
fn a_reseed_says_what_it_did() {
    let env = TestEnv::new();
    let corpus = env.path("pages");
    copy_dir(INCREMENTAL, &corpus);
    let (first, _) = stderr_of(&env, &["seed", "--corpus", corpus.to_str().unwrap()]);
    assert!(!first.contains("re-seeded"), "{first}");
    let mut names: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 3, "{names:?}");
    // One changed, one removed, one new, the rest unchanged.
    let changed = corpus.join(&names[0]);
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nA line added by the historian.\n");
    std::fs::write(&changed, text).unwrap();
    std::fs::rename(corpus.join(&names[1]), env.path("moved_away.txt")).unwrap();
    std::fs::copy(
        format!("{REPORT_FIXTURES}/103_ankara_1939.txt"),
        corpus.join("zz_new.txt"),
    )
    .unwrap();
    let (again, _) = stderr_of(&env, &["seed", "--corpus", corpus.to_str().unwrap()]);
    let unchanged = names.len() - 2;
    let files = if unchanged == 1 { "file" } else { "files" };
    assert!(
        again.contains(&format!(
            "re-seeded: {unchanged} {files} unchanged, 1 changed, 1 new, 1 removed"
        )),
        "{again}"
    );
}

#[test]
fn plurals_are_right() {
    let env = TestEnv::new();
    let (stdout, _) = stderr_of(&env, &["seed"]);
    assert!(
        stdout.contains(": 1 file (0 skipped), 1 document, "),
        "{stdout}"
    );
    assert!(
        !stdout.contains(" 1 documents") && !stdout.contains(" 1 warnings"),
        "{stdout}"
    );
}

#[test]
fn a_binary_file_gets_one_warning() {
    let env = TestEnv::new();
    let corpus = env.path("pages");
    copy_dir(REPORT_FIXTURES, &corpus);
    std::fs::write(
        corpus.join("scan.txt"),
        [0u8, 1, 2, 3, 0, 0, 0, 0xff].repeat(100),
    )
    .unwrap();
    env.ok(&["seed", "--corpus", corpus.to_str().unwrap()]);
    let conn = env.conn();
    let codes: Vec<String> = common::first_column(
        &conn,
        "SELECT w.code FROM warnings w JOIN sources s ON s.id = w.source_id WHERE s.path = 'scan.txt'",
    );
    assert_eq!(codes, ["undecodable"]);
}

#[test]
fn dry_run_writes_citations_as_historians_do() {
    let env = TestEnv::new();
    let out = env.ok(&["seed", "--dry-run", "--corpus", REPORT_FIXTURES]);
    assert!(
        out.contains("citation:       AVP RF, f. 059, op. 1, p. 300, d. 2080, l. 121-123 — printed \"avp rf, f.059, op.1, p.300, d.2080, l.121‐123.\""),
        "{out}"
    );
    assert!(
        out.contains("date:           1939-05-24 (day) — printed \"May 24, 1939\""),
        "{out}"
    );
}

/// Debug formatting of Rust values: what a user must never read.
fn program_notation(text: &str) -> Option<&'static str> {
    [
        "Some(",
        "None",
        "Citation {",
        "Warning {",
        "Codepage::",
        "{ line:",
    ]
    .into_iter()
    .find(|needle| text.contains(needle))
}

#[test]
fn no_command_shows_program_notation() {
    let env = TestEnv::new();
    let mut outputs: Vec<(String, String)> = Vec::new();
    let mut record = |what: String, out: std::process::Output| {
        outputs.push((
            what.clone(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        ));
        outputs.push((what, String::from_utf8_lossy(&out.stderr).into_owned()));
    };
    for corpus in [FIXTURES, REPORT_FIXTURES] {
        record(
            format!("seed --dry-run {corpus}"),
            env.run(&["seed", "--dry-run", "--corpus", corpus]),
        );
    }
    record("seed".into(), env.run(&["seed", "--corpus", FIXTURES]));
    record(
        "seed again".into(),
        env.run(&["seed", "--corpus", FIXTURES]),
    );
    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["report", "--format", "json"])).unwrap();
    for report in list.as_array().unwrap() {
        let name = report["name"].as_str().unwrap();
        for format in ["table", "csv", "json"] {
            record(
                format!("report {name} {format}"),
                env.run(&["report", name, "-f", format]),
            );
        }
        record(
            format!("report {name} --describe"),
            env.run(&["report", name, "--describe"]),
        );
    }
    let ids: Vec<i64> = {
        let conn = env.conn();
        let mut stmt = conn.prepare("SELECT id FROM documents").unwrap();
        let ids = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        ids
    };
    assert!(ids.len() > 20, "{} documents", ids.len());
    for id in ids {
        let id = id.to_string();
        record(format!("show {id}"), env.run(&["show", &id]));
    }
    record(
        "query".into(),
        env.run(&["query", "select * from document_overview"]),
    );
    record("datasette".into(), env.run(&["datasette"]));
    for (what, text) in &outputs {
        if let Some(needle) = program_notation(text) {
            let at = text.find(needle).unwrap();
            let start = text[..at]
                .char_indices()
                .rev()
                .nth(80)
                .map_or(0, |(i, _)| i);
            panic!(
                "{what} shows {needle:?}: …{}…",
                &text[start..(at + 40).min(text.len())]
            );
        }
    }
}

#[test]
fn commands_that_only_read_leave_no_wal_or_shm_files() {
    let env = TestEnv::seeded_with_report_fixtures();
    let side = |suffix: &str| {
        let mut name = env.db.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    for args in [
        &["report", "overview"][..],
        &["report", "timeline", "-p", "country=Turky"],
        &["query", "select count(*) from documents"],
        &["show", "5"],
        &["show", "999"],
    ] {
        env.run(args);
        assert!(
            !side("-wal").exists() && !side("-shm").exists(),
            "after {args:?}"
        );
    }
}
