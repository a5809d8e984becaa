//! `archdb show ID`: one document in full, text and JSON.

use crate::common;

use common::TestEnv;

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/show");

/// Removes the `[surface](kind:key)` marks, giving the body back.
fn unmark(marked: &str) -> String {
    let re = regex::Regex::new(r"\[([^\]]*)\]\((?:person|country):[a-z0-9_]+\)").unwrap();
    re.replace_all(marked, "$1").into_owned()
}

#[test]
fn the_bundled_page_shows_roles_citation_and_marked_mentions() {
    let env = TestEnv::seeded();
    let out = env.ok(&["show", "1"]);
    assert!(
        out.contains("kind:            conversation (extract)"),
        "{out}"
    );
    assert!(out.contains("date:            1940-12-27 (day)"), "{out}");
    assert!(out.contains("classification:  secret"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with("author") && l.contains("person:maisky")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with("participant") && l.contains("person:eden")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with("copy_recipient") && l.contains("person:molotov")),
        "{out}"
    );
    assert!(
        out.contains("AVP RF, f. 059, op. 24, p. 70, d. 43, l. 132-137"),
        "{out}"
    );
    assert!(out.contains("[Eden](person:eden)"), "{out}");
    assert!(
        out.contains("(country:balkans)") && out.contains("(country:middle_east)"),
        "{out}"
    );
}

#[test]
fn json_has_every_mention_and_the_marks_only_add_markup() {
    let env = TestEnv::seeded_with_report_fixtures();
    let conn = env.conn();
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM documents ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(ids.len() >= 8, "{ids:?}");
    for id in ids {
        let json = env.ok(&["show", &id.to_string(), "--format", "json"]);
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        let body = doc["body"].as_str().unwrap();
        let stored: String = conn
            .query_row("SELECT body FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(body, stored);
        let mentions = doc["mentions"].as_array().unwrap();
        let count: i64 = conn
            .query_row(
                "SELECT count(*) FROM mentions WHERE document_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(mentions.len() as i64, count, "document {id}");
        for m in mentions {
            // Offsets count in the mention's own field (heading, body, ...).
            let text = match m["field"].as_str().unwrap() {
                "heading" => doc["heading"].as_str().unwrap_or(""),
                "distribution" => doc["distribution_text"].as_str().unwrap_or(""),
                "signature" => doc["signature"].as_str().unwrap_or(""),
                "body" => body,
                "footnote" => {
                    // Some footnote of the document holds it at those offsets.
                    let slices = |f: &serde_json::Value| -> Option<String> {
                        let chars: Vec<char> = f["text"].as_str()?.chars().collect();
                        let (s, e) = (
                            m["char_start"].as_u64()? as usize,
                            m["char_end"].as_u64()? as usize,
                        );
                        Some(chars.get(s..e)?.iter().collect())
                    };
                    let footnotes = doc["footnotes"].as_array().unwrap();
                    assert!(
                        footnotes
                            .iter()
                            .any(|f| slices(f).as_deref() == m["surface"].as_str()),
                        "document {id}: {m}"
                    );
                    continue;
                }
                other => panic!("document {id}: mention in {other}"),
            };
            let chars: Vec<char> = text.chars().collect();
            let (start, end) = (
                m["char_start"].as_u64().unwrap() as usize,
                m["char_end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                chars[start..end].iter().collect::<String>(),
                m["surface"].as_str().unwrap()
            );
        }
        let marked = doc["marked_body"].as_str().unwrap();
        assert_eq!(
            unmark(marked),
            body,
            "document {id}: marking changed the text"
        );
        if count > 0 {
            assert_ne!(
                marked, body,
                "document {id} has mentions but none is marked"
            );
        }
        let parties: i64 = conn
            .query_row(
                "SELECT count(*) FROM document_parties WHERE document_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            doc["parties"].as_array().unwrap().len() as i64,
            parties,
            "document {id}"
        );
    }
}

/// The Vinogradov telegram has a "Sent to" line with persons and an
/// institution; the Cripps talk has no citation and a warning.
#[test]
fn show_matches_its_golden_output() {
    let env = TestEnv::seeded_with_report_fixtures();
    for (id, format, file) in [
        ("7", "text", "7.txt"),
        ("7", "json", "7.json"),
        ("8", "text", "8.txt"),
    ] {
        let actual = env.ok(&["show", id, "--format", format]);
        let path = std::path::Path::new(GOLDEN).join(file);
        let Some(expected) = common::golden(&path, &actual) else {
            continue;
        };
        common::assert_same_text(&expected, &actual, &path.display().to_string());
    }
}

#[test]
fn an_unknown_id_says_which_ids_exist() {
    let env = TestEnv::seeded_with_report_fixtures();
    let err = env.fails(&["show", "999"], 1);
    assert!(
        err.contains("no document with id 999; the 9 documents have ids 1 to 9"),
        "{err}"
    );
    let err = env.fails(&["show", "seven"], 2);
    assert!(err.contains("invalid value 'seven'"), "{err}");
}

#[test]
fn show_needs_an_existing_database() {
    let env = TestEnv::new();
    let err = env.fails(&["show", "1"], 1);
    assert!(err.contains("run `archdb seed` first"), "{err}");
    assert!(!env.db.exists());
}

#[test]
fn show_writes_to_a_file() {
    let env = TestEnv::seeded_with_report_fixtures();
    let file = env.path("doc.json");
    assert_eq!(
        env.ok(&["show", "3", "-f", "json", "-o", file.to_str().unwrap()]),
        ""
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(doc["id"], 3);
    assert_eq!(doc["kind"], "conversation");
}
