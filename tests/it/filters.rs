//! Issue 12: a report parameter whose value matches nothing is a usage
//! error naming the parameter, the value and the closest values, never an
//! empty table; a year or month stands for a range where a report takes one.

use crate::common;

use common::TestEnv;

/// Runs a report expecting a usage error; returns its message.
fn refused(env: &TestEnv, args: &[&str]) -> String {
    let mut run = vec!["report"];
    run.extend_from_slice(args);
    env.fails(&run, 2)
}

#[test]
fn a_filter_value_that_matches_nothing_is_a_usage_error_with_the_closest_matches() {
    let env = TestEnv::seeded_with_report_fixtures();
    let cases: [(&[&str], &[&str]); 6] = [
        (
            &["timeline", "-p", "country=Turky"],
            &["country", "\"Turky\"", "did you mean Turkey (turkey)"],
        ),
        (
            &["timeline", "-p", "person=Molotow"],
            &["person", "\"Molotow\"", "Molotov (molotov)"],
        ),
        (
            &["timeline", "-p", "kind=telegrams"],
            &[
                "kind",
                "\"telegrams\"",
                "did you mean telegram?",
                "telegram, note, letter",
            ],
        ),
        (
            &["timeline", "-p", "classification=top secret"],
            &[
                "classification",
                "\"top secret\"",
                "none, secret, top_secret, top_secret_special_folder",
            ],
        ),
        (
            &["person", "-p", "person=nobody"],
            &["person", "\"nobody\"", "key, name, surname or alias"],
        ),
        (
            &["co_mentions", "-p", "kind=persons"],
            &["kind", "did you mean person?", "person, country, mixed"],
        ),
    ];
    for (args, wanted) in cases {
        let err = refused(&env, args);
        for w in wanted {
            assert!(err.contains(w), "{args:?}: {w:?} not in\n{err}");
        }
    }
}

#[test]
fn offices_and_archives_are_checked_too() {
    let env = TestEnv::seeded_with_report_fixtures();
    let err = refused(&env, &["who_held", "-p", "office=envoi"]);
    assert!(
        err.contains("office \"envoi\" matches no office; did you mean"),
        "{err}"
    );
    assert!(err.contains("did you mean envoy?"), "{err}");
    let err = refused(&env, &["archive_files", "-p", "archive=AVPR"]);
    assert!(err.contains("archive is one of: AVP RF, RGASPI"), "{err}");
    // An archive archdb knows, though no fixture cites it: no rows, no error.
    let out = env.ok(&["report", "archive_files", "-p", "archive=GARF"]);
    assert!(out.trim_end().ends_with("(0 rows)"), "{out}");
    env.ok(&[
        "report",
        "who_held",
        "-p",
        "office=peopleʹs commissar for foreign affairs",
    ]);
}

#[test]
fn a_valid_filter_with_no_rows_still_succeeds() {
    let env = TestEnv::seeded_with_report_fixtures();
    // treaty is a kind archdb knows, though no fixture is one; `none` is who_held's own value.
    let out = env.ok(&[
        "report",
        "timeline",
        "-p",
        "country=the Turks",
        "-p",
        "kind=treaty",
    ]);
    assert!(out.trim_end().ends_with("(0 rows)"), "{out}");
    env.ok(&[
        "report",
        "who_held",
        "-p",
        "host=none",
        "-p",
        "country=Turkey",
    ]);
    env.ok(&[
        "report",
        "timeline",
        "-p",
        "person=Iden",
        "-p",
        "classification=SECRET",
    ]);
}

#[test]
fn a_mistyped_report_name_suggests_the_right_one() {
    let env = TestEnv::seeded_with_report_fixtures();
    let err = refused(&env, &["overveiw"]);
    assert!(err.contains("did you mean overview?"), "{err}");
}

#[test]
fn a_parameter_without_a_report_name_is_refused() {
    let env = TestEnv::seeded_with_report_fixtures();
    let err = env.fails(&["report", "-p", "x=1"], 2);
    assert!(err.contains("--param x=1 needs a report name"), "{err}");
}

#[test]
fn a_year_or_month_is_a_range_where_the_report_takes_one() {
    let env = TestEnv::seeded_with_report_fixtures();
    let csv = |args: &[&str]| {
        let mut run = vec!["report", "documents", "-f", "csv"];
        run.extend_from_slice(args);
        env.ok(&run)
    };
    let year = csv(&["-p", "from=1939-01-01", "-p", "to=1939-12-31"]);
    assert!(year.lines().count() > 1, "{year}");
    assert_eq!(csv(&["-p", "date=1939"]), year);
    assert_eq!(csv(&["-p", "from=1939", "-p", "to=1939"]), year);
    let may = csv(&["-p", "from=1939-05", "-p", "to=1939-05"]);
    assert_eq!(may, csv(&["-p", "from=1939-05-01", "-p", "to=1939-05-31"]));
    assert_ne!(may, year);
}

#[test]
fn a_year_where_a_day_is_needed_says_so_first() {
    let env = TestEnv::seeded_with_report_fixtures();
    let err = refused(&env, &["positions_at", "-p", "date=1939"]);
    assert!(
        err.starts_with("archdb: date must be YYYY-MM-DD, got '1939'"),
        "{err}"
    );
    assert!(err.contains("one day"), "{err}");
}
