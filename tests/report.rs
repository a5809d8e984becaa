//! `archdb report`: listing, running every report in every format,
//! parameters, errors.

mod common;

use common::TestEnv;

const FORMATS: [&str; 6] = ["table", "csv", "tsv", "json", "jsonl", "markdown"];

fn report_names(env: &TestEnv) -> Vec<String> {
    let out = env.ok(&["report", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn lists_reports_with_titles_and_parameters() {
    let env = TestEnv::new(); // listing needs no database
    let out = env.ok(&["report", "--format", "csv"]);
    assert!(out.starts_with("name,title,parameters\n"), "{out}");
    assert!(
        out.contains(
            "positions_at,Offices held on a date,\"date=1940-12-27 (date), country=null (text)\""
        ),
        "{out}"
    );
    let names = report_names(&env);
    for name in [
        "overview",
        "documents",
        "mentions_by_country",
        "mentions_by_person",
        "document_persons",
        "positions_at",
        "archive_files",
        "warnings",
    ] {
        assert!(names.contains(&name.to_string()), "missing report {name}");
    }
}

#[test]
fn every_report_runs_with_defaults_in_every_format() {
    let env = TestEnv::seeded();
    for name in report_names(&env) {
        let json = env.ok(&["report", &name, "--format", "json"]);
        let rows: serde_json::Value =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}\n{json}"));
        let rows = rows.as_array().unwrap();
        for format in FORMATS {
            let out = env.ok(&["report", &name, "--format", format]);
            match format {
                "csv" | "tsv" => assert_eq!(out.lines().count(), rows.len() + 1, "{name} {format}"),
                "jsonl" => assert_eq!(out.lines().count(), rows.len(), "{name} {format}"),
                "markdown" => assert_eq!(out.lines().count(), rows.len() + 2, "{name} {format}"),
                _ => assert!(!out.is_empty()),
            }
        }
    }
}

#[test]
fn mentions_by_country_as_csv() {
    let env = TestEnv::seeded();
    let out = env.ok(&["report", "mentions_by_country", "--format", "csv"]);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("country,kind,mentions,documents,first_date,last_date")
    );
    let ussr = out
        .lines()
        .find(|l| l.starts_with("Union of Soviet Socialist Republics,") || l.starts_with("USSR,"));
    let ussr = ussr.unwrap_or_else(|| panic!("no USSR row:\n{out}"));
    let count: i64 = ussr.split(',').nth(2).unwrap().parse().unwrap();
    assert!(
        count >= 10,
        "the page names the USSR at least 10 times: {ussr}"
    );
    assert!(out.contains(",region,"), "regions are counted too:\n{out}");
}

#[test]
fn positions_at_takes_a_date() {
    let env = TestEnv::seeded();
    let json = env.ok(&[
        "report",
        "positions_at",
        "--param",
        "date=1940-12-27",
        "--param",
        "country=great_britain",
        "--format",
        "json",
    ]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let people: Vec<&str> = rows.iter().map(|r| r["person"].as_str().unwrap()).collect();
    assert!(people.iter().any(|p| p.contains("Maisky")), "{people:?}");
    assert!(people.iter().any(|p| p.contains("Eden")), "{people:?}");
    let earlier = env.ok(&[
        "report",
        "positions_at",
        "-p",
        "date=1935-06-01",
        "-p",
        "country=great_britain",
        "--format",
        "json",
    ]);
    assert!(
        !earlier.contains("Eden\""),
        "Eden was not foreign secretary in June 1935:\n{earlier}"
    );
}

#[test]
fn a_bad_date_is_a_usage_error_naming_the_value() {
    let env = TestEnv::seeded();
    let err = env.fails(&["report", "positions_at", "--param", "date=1940-13-01"], 2);
    assert!(
        err.contains("date must be YYYY-MM-DD, got '1940-13-01'"),
        "{err}"
    );
}

#[test]
fn an_unknown_parameter_lists_the_real_ones() {
    let env = TestEnv::seeded();
    let err = env.fails(&["report", "positions_at", "--param", "day=1940-01-01"], 2);
    assert!(
        err.contains("no parameter \"day\"") && err.contains("date=1940-12-27 (date)"),
        "{err}"
    );
    let err = env.fails(&["report", "positions_at", "--param", "date"], 2);
    assert!(err.contains("KEY=VALUE"), "{err}");
}

#[test]
fn an_unknown_report_lists_the_real_ones() {
    let env = TestEnv::seeded();
    let err = env.fails(&["report", "no_such_report"], 2);
    assert!(
        err.contains("no report named \"no_such_report\"") && err.contains("overview"),
        "{err}"
    );
}

#[test]
fn describe_shows_parameters_and_sql() {
    let env = TestEnv::new();
    let out = env.ok(&["report", "positions_at", "--describe"]);
    assert!(
        out.contains("--param date=VALUE  (date, default 1940-12-27)"),
        "{out}"
    );
    assert!(out.contains("SELECT"), "{out}");
}

#[test]
fn a_missing_database_says_to_seed_first_and_creates_nothing() {
    let env = TestEnv::new();
    let err = env.fails(&["report", "overview"], 1);
    assert!(
        err.contains("does not exist yet; run `archdb seed` first"),
        "{err}"
    );
    assert!(!env.db.exists());
}

#[test]
fn user_reports_are_added_from_a_folder() {
    let env = TestEnv::seeded();
    let dir = env.path("my-reports");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("secret_count.sql"),
        "-- title: Secret documents\n-- description: How many are secret.\n-- param: level | text | secret | Classification\nSELECT count(*) AS n FROM documents WHERE classification = :level\n",
    )
    .unwrap();
    let out = env.ok(&[
        "report",
        "--reports",
        dir.to_str().unwrap(),
        "secret_count",
        "--format",
        "csv",
    ]);
    assert_eq!(out, "n\n1\n");
    let out = env.ok(&[
        "report",
        "--reports",
        dir.to_str().unwrap(),
        "secret_count",
        "-p",
        "level=top_secret",
        "-f",
        "csv",
    ]);
    assert_eq!(out, "n\n0\n");
}

#[test]
fn a_report_that_writes_is_refused_and_changes_nothing() {
    let env = TestEnv::seeded();
    let dir = env.path("evil");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("wipe.sql"),
        "-- title: Wipe\n-- description: Deletes.\nDELETE FROM documents\n",
    )
    .unwrap();
    let before = env.dump();
    let err = env.fails(&["report", "--reports", dir.to_str().unwrap(), "wipe"], 1);
    assert!(err.contains("refused"), "{err}");
    common::assert_same_text(&before, &env.dump(), "database after a refused report");
}

#[test]
fn output_goes_to_a_file() {
    let env = TestEnv::seeded();
    let file = env.path("out.json");
    let stdout = env.ok(&[
        "report",
        "overview",
        "--format",
        "json",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert!(stdout.is_empty());
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert!(rows
        .iter()
        .any(|r| r["dimension"] == "kind" && r["value"] == "conversation" && r["documents"] == 1));
}
