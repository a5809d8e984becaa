//! Field-by-field accuracy of the corpus parser on the fixture pages in
//! `tests/fixtures/` (each page as `.txt` and as the site's `.htm`), against
//! the hand-written `tests/fixtures/expected.json`. Prints the score and
//! every wrong field; fails below 98%. Also checks that the text and HTML
//! forms of a page give the same documents, and that Windows-1251 and
//! Latin-1 copies of a page decode and parse like the UTF-8 original.

use std::path::{Path, PathBuf};

use archdb::corpus::{self, ParsedDocument, Role};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    corpus::decode(&bytes)
        .unwrap_or_else(|e| panic!("decoding {}: {e}", path.display()))
        .text
}

fn parse_file(path: &Path) -> Vec<ParsedDocument> {
    let text = read(path);
    let text = if path.extension().is_some_and(|e| e == "htm") {
        corpus::html_to_text(&text)
    } else {
        text
    };
    corpus::parse_page(&text).documents
}

/// A party as the expected file names it: the name, or the position when no name is printed.
fn parties(d: &ParsedDocument, role: Role) -> Value {
    Value::from(
        d.parties
            .iter()
            .filter(|p| p.role == role)
            .map(|p| p.name.clone().or(p.position.clone()).unwrap_or_default())
            .collect::<Vec<_>>(),
    )
}

fn opt(s: Option<&str>) -> Value {
    s.map(Value::from).unwrap_or(Value::Null)
}

/// The value the parser produced for one expected field.
fn actual(d: &ParsedDocument, field: &str) -> Value {
    let date = d.date.as_ref();
    let cit = d.citations.first();
    match field {
        "kind" => d.kind.as_str().into(),
        "is_extract" => d.is_extract.into(),
        "date_from" => opt(date.map(|x| x.from.as_str())),
        "date_to" => opt(date.map(|x| x.to.as_str())),
        "date_precision" => opt(date.map(|x| x.precision.as_str())),
        "classification" => opt(d.classification.map(|c| c.as_str())),
        "priority" => opt(d.priority.map(|p| p.as_str())),
        "authors" => parties(d, Role::Author),
        "recipients" => parties(d, Role::Recipient),
        "participants" => parties(d, Role::Participant),
        "copy_recipients" => parties(d, Role::CopyRecipient),
        "citation" => {
            if d.citations.is_empty() {
                Value::Null
            } else {
                "present".into()
            }
        }
        "citation.archive" => opt(cit.map(|c| c.archive.as_str())),
        "citation.fond" => opt(cit.and_then(|c| c.fond.as_deref())),
        "citation.opis" => opt(cit.and_then(|c| c.opis.as_deref())),
        "citation.papka" => opt(cit.and_then(|c| c.papka.as_deref())),
        "citation.delo" => opt(cit.and_then(|c| c.delo.as_deref())),
        "citation.sheets" => opt(cit.and_then(|c| c.sheets.as_deref())),
        "doc_number" => opt(d.doc_number.as_deref()),
        "place" => opt(d.place.as_deref()),
        "signature" => opt(d.signature.as_deref()),
        "print_note" => opt(d.print_note.as_deref()),
        "press_source" => opt(d.press_source.as_deref()),
        "annex_dates" => Value::from(
            d.annex_dates
                .iter()
                .map(|x| x.from.clone())
                .collect::<Vec<_>>(),
        ),
        "footnotes" => Value::from(
            d.footnotes
                .iter()
                .map(|f| f.marker.clone())
                .collect::<Vec<_>>(),
        ),
        "publications" => Value::from(d.publications.len()),
        // Expected warning codes must all be present (others may be too).
        "warnings" => Value::from(d.warnings.iter().map(|w| w.code).collect::<Vec<_>>()),
        _ => Value::Null,
    }
}

/// Flattens one expected document into (field, value) pairs.
fn expected_fields(e: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let Some(obj) = e.as_object() else { return out };
    for (k, v) in obj {
        if k == "citation" {
            match v.as_object() {
                None => out.push(("citation".to_string(), Value::Null)),
                Some(c) => {
                    for f in ["archive", "fond", "opis", "papka", "delo", "sheets"] {
                        out.push((
                            format!("citation.{f}"),
                            c.get(f).cloned().unwrap_or(Value::Null),
                        ));
                    }
                }
            }
        } else {
            out.push((k.clone(), v.clone()));
        }
    }
    out
}

fn field_ok(field: &str, want: &Value, got: &Value) -> bool {
    if field == "warnings" {
        let got: Vec<&Value> = got
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        return want
            .as_array()
            .is_some_and(|w| w.iter().all(|x| got.contains(&x)));
    }
    want == got
}

#[test]
fn fixture_accuracy() {
    let exp_text =
        std::fs::read_to_string(fixtures().join("expected.json")).expect("expected.json");
    let exp: Value = serde_json::from_str(&exp_text).expect("expected.json is JSON");
    let pages = exp["pages"].as_array().expect("pages array");
    assert!(pages.len() >= 8, "at least 8 fixture pages");
    let (mut total, mut correct) = (0usize, 0usize);
    let mut wrong = Vec::new();
    for page in pages {
        let name = page["page"].as_str().expect("page name");
        let want_docs = page["documents"].as_array().expect("documents");
        for ext in ["txt", "htm"] {
            let path = fixtures().join(format!("{name}.{ext}"));
            let docs = parse_file(&path);
            total += 1;
            if docs.len() == want_docs.len() {
                correct += 1;
            } else {
                wrong.push(format!(
                    "{name}.{ext}: {} documents, expected {}",
                    docs.len(),
                    want_docs.len()
                ));
            }
            for (i, w) in want_docs.iter().enumerate() {
                for (field, want) in expected_fields(w) {
                    total += 1;
                    let got = docs
                        .get(i)
                        .map(|d| actual(d, &field))
                        .unwrap_or(Value::Null);
                    if docs.get(i).is_some() && field_ok(&field, &want, &got) {
                        correct += 1;
                    } else {
                        wrong.push(format!(
                            "{name}.{ext} doc {}: {field}: got {got}, expected {want}",
                            i + 1
                        ));
                    }
                }
            }
        }
    }
    let pct = 100.0 * correct as f64 / total.max(1) as f64;
    println!("fields correct: {correct}/{total} = {pct:.2}%");
    for w in &wrong {
        println!("WRONG {w}");
    }
    assert!(
        total > 500,
        "the fixture set checks too few fields: {total}"
    );
    assert!(pct >= 98.0, "accuracy {pct:.2}% below 98%");
}

/// Zeroes what may legitimately differ between the text and HTML form of a
/// page: byte spans, raw text and line numbers (the HTML drops the
/// navigation line and joins paragraphs differently).
fn comparable(mut d: ParsedDocument) -> ParsedDocument {
    d.raw_span = 0..0;
    d.body_span = 0..0;
    d.raw_text.clear();
    d.start_line = 0;
    d.end_line = 0;
    d.body_line = 0;
    if let Some(x) = d.date.as_mut() {
        x.line = 0;
    }
    d.annex_dates.iter_mut().for_each(|x| x.line = 0);
    d.parties.iter_mut().for_each(|x| x.line = 0);
    d.footnotes.iter_mut().for_each(|x| x.line = 0);
    d.citations.iter_mut().for_each(|x| x.line = 0);
    d.publications.iter_mut().for_each(|x| x.line = 0);
    d.warnings.iter_mut().for_each(|x| x.line = 0);
    d
}

#[test]
fn txt_and_htm_give_identical_documents() {
    let mut pages = 0;
    for entry in std::fs::read_dir(fixtures()).expect("fixtures dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let htm = path.with_extension("htm");
        assert!(htm.exists(), "{} has no .htm twin", path.display());
        let a: Vec<_> = parse_file(&path).into_iter().map(comparable).collect();
        let b: Vec<_> = parse_file(&htm).into_iter().map(comparable).collect();
        assert!(!a.is_empty(), "{}: no documents", path.display());
        assert_eq!(
            a.len(),
            b.len(),
            "{}: document count differs",
            path.display()
        );
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(
                x,
                y,
                "{}: document {} differs between txt and htm",
                path.display(),
                x.seq
            );
        }
        pages += 1;
    }
    assert!(pages >= 8);
}

/// Replaces the characters Windows-1251 / Latin-1 cannot hold, the way an
/// old editor would have saved the page.
fn legacy_safe(s: &str) -> String {
    s.replace('\u{02B9}', "'")
        .replace(['\u{2010}', '\u{2013}'], "-")
}

fn legacy_roundtrip(page: &str, enc: &'static encoding_rs::Encoding, want: &str) {
    let original = legacy_safe(&std::fs::read_to_string(fixtures().join(page)).expect("fixture"));
    let (bytes, _, unmappable) = enc.encode(&original);
    assert!(!unmappable, "{page} not representable in {}", enc.name());
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the {} bytes must not be valid UTF-8",
        enc.name()
    );
    let d = corpus::decode(&bytes).expect("decodes");
    assert_eq!(d.encoding, want);
    assert_eq!(d.text, original, "no mojibake");
    let w = d.warning.expect("a warning for a legacy encoding");
    assert_eq!(w.code, "encoding_not_utf8");
    assert_eq!(corpus::parse_page(&d.text), corpus::parse_page(&original));
}

#[test]
fn windows_1251_page_decodes() {
    legacy_roundtrip(
        "09_cyrillic_and_numbers.txt",
        encoding_rs::WINDOWS_1251,
        "windows-1251",
    );
}

#[test]
fn latin1_page_decodes() {
    legacy_roundtrip(
        "06_conversations.txt",
        encoding_rs::WINDOWS_1252,
        "windows-1252",
    );
}
