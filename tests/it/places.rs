//! Places and lineage (issue 11, items 5 and 7): the state a place belonged
//! to changes with the date, "documents written in Ankara" finds the
//! documents printed `Angora` and `Ankara`, and a country parameter takes
//! the country's whole lineage unless `lineage=0`.

use crate::common;

use common::TestEnv;

const PLACES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/places");

/// The fixture page: 1 written in Angora (1921, RSFSR envoy), 2 in Ankara
/// (1939), 3 in Moscow (1940).
fn seeded() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["seed", "--corpus", PLACES]);
    env
}

/// The `id` column of a CSV report, in order.
fn ids(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "csv"]);
    env.ok(&all)
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or("").to_string())
        .collect()
}

/// One column of a one-statement query, as CSV lines without the header.
fn column(env: &TestEnv, sql: &str) -> Vec<String> {
    env.ok(&["query", sql, "--format", "csv"])
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect()
}

#[test]
fn documents_written_in_ankara_include_those_printed_angora() {
    let env = seeded();
    for place in ["ankara", "Ankara", "Angora", "ANGORA", "Ankara (Angora)"] {
        assert_eq!(
            ids(&env, &["documents", "-p", &format!("place={place}")]),
            ["1", "2"],
            "{place}"
        );
        assert_eq!(
            ids(&env, &["timeline", "-p", &format!("place={place}")]),
            ["1", "2"],
            "{place}"
        );
    }
    assert_eq!(ids(&env, &["documents", "-p", "place=Moscow"]), ["3"]);
    assert!(ids(&env, &["documents", "-p", "place=Kabul"]).is_empty());
    assert_eq!(ids(&env, &["documents"]), ["1", "2", "3"]);
    // The place filter combines with the others.
    assert_eq!(
        ids(
            &env,
            &["timeline", "-p", "place=ankara", "-p", "from=1930-01-01"]
        ),
        ["2"]
    );
    // The view says which state Ankara was in on each document's date.
    assert_eq!(
        column(
            &env,
            "SELECT document_id || ' ' || as_printed || ' ' || place_key || ' ' || state_key \
             FROM document_places ORDER BY document_id"
        ),
        [
            "1 Angora ankara turkey_gna",
            "2 Ankara ankara turkey",
            "3 Moscow moscow ussr"
        ]
    );
}

#[test]
fn the_state_of_a_place_changes_with_the_date() {
    let env = seeded();
    let state_on = |place: &str, day: &str| {
        column(
            &env,
            &format!(
                "SELECT state_key FROM places_named WHERE place_key = '{place}' \
                 AND '{day}' BETWEEN coalesce(from_earliest, '0000-01-01') AND coalesce(to_latest, '9999-12-31')"
            ),
        )
    };
    assert_eq!(state_on("bessarabia", "1939-01-01"), ["romania"]);
    assert_eq!(state_on("bessarabia", "1940-06-27"), ["romania"]);
    assert_eq!(state_on("bessarabia", "1940-06-28"), ["ussr"]);
    assert_eq!(state_on("bessarabia", "1941-01-01"), ["ussr"]);
    assert_eq!(state_on("hatay", "1937-01-01"), ["syria"]);
    assert_eq!(state_on("hatay", "1939-01-01"), ["hatay_state"]);
    assert_eq!(state_on("hatay", "1940-01-01"), ["turkey"]);
    assert_eq!(state_on("ankara", "1921-06-02"), ["turkey_gna"]);
    assert_eq!(state_on("ankara", "1939-03-15"), ["turkey"]);
    // Bessarabia is a region and is named in two bodies.
    assert_eq!(
        column(&env, "SELECT kind FROM countries WHERE key = 'bessarabia'"),
        ["region"]
    );
    assert_eq!(
        column(
            &env,
            "SELECT count(DISTINCT document_id) FROM mentions_named WHERE entity = 'Bessarabia'"
        ),
        ["2"]
    );
}

#[test]
fn a_country_parameter_takes_the_lineage_unless_lineage_is_0() {
    let env = seeded();
    // Document 1 was written by the RSFSR's representative: the USSR's lineage.
    assert_eq!(
        ids(&env, &["timeline", "-p", "country=ussr"]),
        ["1", "2", "3"]
    );
    assert_eq!(
        ids(&env, &["timeline", "-p", "country=ussr", "-p", "lineage=1"]),
        ["1", "2", "3"]
    );
    assert_eq!(
        ids(&env, &["timeline", "-p", "country=ussr", "-p", "lineage=0"]),
        ["2", "3"]
    );
    // And the other way round: the RSFSR's lineage holds the USSR.
    assert_eq!(
        ids(&env, &["timeline", "-p", "country=rsfsr"]),
        ["1", "2", "3"]
    );
    assert_eq!(
        ids(
            &env,
            &["timeline", "-p", "country=rsfsr", "-p", "lineage=0"]
        ),
        ["1"]
    );

    // A key names one regime even where an alias names several: `turkey` is
    // the Republic, though "Turkey" is also an alias of the Ankara government
    // that document 1 (1921) names.
    let republic = ids(
        &env,
        &["timeline", "-p", "country=turkey", "-p", "lineage=0"],
    );
    assert!(!republic.contains(&"1".to_string()), "{republic:?}");
    assert!(ids(&env, &["timeline", "-p", "country=turkey"]).contains(&"1".to_string()));

    // Offices on 2 June 1921: the RSFSR's envoys count for the USSR only with the lineage.
    let held = |lineage: &str| {
        env.ok(&[
            "report",
            "positions_at",
            "-p",
            "date=1921-06-02",
            "-p",
            "country=ussr",
            "-p",
            &format!("lineage={lineage}"),
            "--format",
            "csv",
        ])
    };
    assert!(held("1").contains("Sergei Natsarenus"), "{}", held("1"));
    assert!(!held("0").contains("Natsarenus"), "{}", held("0"));
    // (Politburo seats are recorded as the USSR's from 1919: the party's, not a regime's.)
    assert!(held("0").contains("Politburo"), "{}", held("0"));

    // The same for who_held: the USSR did not exist in 1921, the RSFSR did.
    let who = |lineage: &str| {
        env.ok(&[
            "report",
            "who_held",
            "-p",
            "country=ussr",
            "-p",
            "host=turkey",
            "-p",
            "date=1921-06-02",
            "-p",
            &format!("lineage={lineage}"),
            "--format",
            "csv",
        ])
    };
    assert!(who("1").contains("natsarenus"), "{}", who("1"));
    assert_eq!(who("0").lines().count(), 1, "{}", who("0"));

    // country_by_year lists each regime of the lineage on its own rows.
    let by_year = env.ok(&[
        "report",
        "country_by_year",
        "-p",
        "country=Soviet Union",
        "--format",
        "csv",
    ]);
    assert!(
        by_year.contains("Union of Soviet Socialist Republics"),
        "{by_year}"
    );
    let only = env.ok(&[
        "report",
        "country_by_year",
        "-p",
        "country=rsfsr",
        "-p",
        "lineage=0",
        "--format",
        "csv",
    ]);
    assert!(
        !only.contains("Union of Soviet Socialist Republics"),
        "{only}"
    );

    // The view itself: the Republic of Turkey's lineage.
    assert_eq!(
        column(
            &env,
            "SELECT group_concat(member_key, ' ') FROM (SELECT member_key FROM country_lineage \
             WHERE country_key = 'turkey' ORDER BY member_key)"
        ),
        ["ottoman_empire turkey turkey_gna"]
    );
    // Annexed land is not a regime: Austria is not in Germany's lineage.
    assert_eq!(
        column(
            &env,
            "SELECT count(*) FROM country_lineage WHERE country_key = 'germany' AND member_key = 'austria'"
        ),
        ["0"]
    );
}
