//! No panics, no runaway loops, offsets always inside the text: property
//! tests over the whole per-file pipeline the seeder runs (decode, HTML to
//! text, page parser, the real reference data's name matcher), fed mutated
//! fixture pages and arbitrary bytes, plus the date and citation parsers on
//! generated near-miss input. The parser's and matcher's own unit-level
//! properties live in src/corpus/proptests.rs and src/entities/tests.rs;
//! these add the pipeline, the real gazetteer and stronger date/citation
//! invariants. Case counts are bounded so `cargo test` stays fast.

use std::path::Path;
use std::sync::OnceLock;

use archdb::corpus::{citation, date, DatePrecision, ParsedDate};
use archdb::entities::Gazetteer;
use archdb::seed::inputs::{Format, Input, Location};
use archdb::seed::prepare::{prepare, PreparedSource};
use proptest::prelude::*;

use crate::common::MONTHS;

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::new(&archdb::reference::load_embedded().unwrap()).unwrap())
}

/// Every page we have: the bundled one and the fixtures (.txt and .htm).
fn fixtures() -> &'static [(Format, Vec<u8>)] {
    static F: OnceLock<Vec<(Format, Vec<u8>)>> = OnceLock::new();
    F.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut pages = vec![(
            Format::Text,
            std::fs::read(root.join("seed/corpus/000_8e37452bcfcc29b4.txt")).unwrap(),
        )];
        let mut paths: Vec<_> = std::fs::read_dir(root.join("tests/fixtures"))
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.sort();
        for p in paths {
            let format = match p.extension().and_then(|e| e.to_str()) {
                Some("txt") => Format::Text,
                Some("htm" | "html") => Format::Html,
                _ => continue,
            };
            pages.push((format, std::fs::read(&p).unwrap()));
        }
        pages
    })
}

fn run(format: Format, bytes: Vec<u8>) -> PreparedSource {
    let input = Input {
        path: "p".into(),
        format,
        location: Location::Bundled(&[]),
    };
    prepare(&input, bytes, gazetteer())
}

fn check_date(d: &ParsedDate) -> Result<(), TestCaseError> {
    prop_assert!(
        archdb::report::is_iso_day(&d.from),
        "from {:?} of {:?}",
        d.from,
        d.text
    );
    prop_assert!(
        archdb::report::is_iso_day(&d.to),
        "to {:?} of {:?}",
        d.to,
        d.text
    );
    prop_assert!(
        d.from <= d.to,
        "{:?} after {:?} for {:?}",
        d.from,
        d.to,
        d.text
    );
    Ok(())
}

/// What must hold for any prepared file, whatever its bytes.
fn check(src: &PreparedSource) -> Result<(), TestCaseError> {
    let text = &src.text;
    let mut spans: Vec<_> = src.page.boilerplate.clone();
    spans.extend(src.page.documents.iter().map(|d| d.raw_span.clone()));
    spans.sort_by_key(|r| r.start);
    let mut at = 0;
    for s in &spans {
        prop_assert_eq!(s.start, at, "gap or overlap in the tiling");
        prop_assert!(
            s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
        );
        at = s.end;
    }
    prop_assert_eq!(at, text.len());
    prop_assert_eq!(src.resolved.len(), src.page.documents.len());
    for (doc, resolved) in src.page.documents.iter().zip(&src.resolved) {
        prop_assert_eq!(&text[doc.raw_span.clone()], doc.raw_text.as_str());
        prop_assert!(!doc.body.contains('\0'), "a NUL reached a body");
        // Each mention's offsets count characters of its own field's text.
        let texts: Vec<_> = archdb::seed::prepare::document_texts(doc)
            .into_iter()
            .map(|t| (t.field, t.text.chars().collect::<Vec<char>>()))
            .collect();
        for m in &resolved.mentions {
            let chars: &[char] = texts
                .iter()
                .find(|(f, _)| *f == m.field)
                .map_or(&[], |(_, c)| c.as_slice());
            prop_assert!(
                m.char_start < m.char_end && m.char_end <= chars.len(),
                "mention {}..{} of {} in {:?}",
                m.char_start,
                m.char_end,
                chars.len(),
                m.field
            );
            let slice: String = chars[m.char_start..m.char_end].iter().collect();
            prop_assert_eq!(slice, m.surface.clone());
        }
        prop_assert_eq!(resolved.parties.len(), doc.parties.len());
        if let Some(d) = &doc.date {
            check_date(d)?;
        }
        for d in &doc.annex_dates {
            check_date(d)?;
        }
    }
    Ok(())
}

/// One edit to a page's bytes.
#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let hostile = prop_oneof![
        Just(vec![0u8]),
        Just(vec![0xFF]),
        Just(vec![0xD0]),                      // half a Cyrillic letter
        Just("ʹ‐ʺ\u{a0}".as_bytes().to_vec()), // the collection's odd characters
        Just(b"<div><p><b>".to_vec()),
        Just(b"\r\n\r\n".to_vec()),
        Just(b"February 30, 1940 ".to_vec()),
        Just(b"avp rf, f. O59, op. x, d. ".to_vec()),
        Just(b"From: Telegram of the ".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..16),
    ];
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Flip(at, b)),
        (any::<usize>(), hostile).prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
        (any::<usize>(), 0usize..400).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), 0usize..400).prop_map(|(at, n)| Edit::Duplicate(at, n)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, e: &Edit) {
    let len = bytes.len().max(1);
    match e {
        Edit::Flip(at, b) if !bytes.is_empty() => bytes[at % len] = *b,
        Edit::Flip(..) => {}
        Edit::Insert(at, new) => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, new.iter().copied());
        }
        Edit::Delete(at, n) => {
            let at = at % (bytes.len() + 1);
            let end = (at + n).min(bytes.len());
            bytes.drain(at..end);
        }
        Edit::Duplicate(at, n) => {
            let at = at % (bytes.len() + 1);
            let end = (at + n).min(bytes.len());
            let copy = bytes[at..end].to_vec();
            bytes.splice(end..end, copy);
        }
        Edit::Truncate(at) => bytes.truncate(at % (bytes.len() + 1)),
    }
}

fn days_in(month: usize, year: u32) -> u32 {
    match month {
        1 => {
            if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) {
                29
            } else {
                28
            }
        }
        3 | 5 | 8 | 10 => 30,
        _ => 31,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_fixture_pages_go_through_the_pipeline_intact(
        page in any::<prop::sample::Index>(),
        edits in proptest::collection::vec(edit(), 1..8),
        as_html in any::<bool>(),
    ) {
        let (format, bytes) = page.get(fixtures());
        let mut bytes = bytes.clone();
        for e in &edits {
            apply(&mut bytes, e);
        }
        let format = if as_html { Format::Html } else { *format };
        check(&run(format, bytes))?;
    }

    #[test]
    fn arbitrary_bytes_go_through_the_pipeline_intact(bytes in proptest::collection::vec(any::<u8>(), 0..3000), html in any::<bool>()) {
        check(&run(if html { Format::Html } else { Format::Text }, bytes))?;
    }

    #[test]
    fn printed_dates_give_real_days_or_a_warning(
        month in 0usize..12,
        day in 0u32..40,
        year in 1900u32..1950,
        form in 0usize..4,
        suffix in prop_oneof![Just(""), Just(" secret"), Just(", Top Secret"), Just(" no. 317")],
    ) {
        let name = MONTHS[month];
        let printed = match form {
            0 => format!("{name} {day}, {year}"),
            1 => format!("{day} {} {year}", name.to_lowercase()),
            2 => format!("{name} {day}‐{}, {year}", day + 3),
            _ => format!("Lausanne, {name} {day}, {year}"),
        };
        let line = format!("{printed}{suffix}");
        let real = day >= 1 && day <= days_in(month, year) && (form != 2 || day + 3 <= days_in(month, year));
        if let Some(found) = date::find_date(&line, 1) {
            check_date(&found.date)?;
            prop_assert!(line.get(found.range.clone()).is_some(), "range {:?} not on char boundaries of {line:?}", found.range);
            if found.date.precision == DatePrecision::Day {
                prop_assert!(found.date.from.starts_with(&format!("{year}-{:02}", month + 1)), "{line:?} -> {:?}", found.date);
            }
            if !real && found.date.text.contains(&day.to_string()) {
                prop_assert!(found.warning.is_some() || found.date.precision != DatePrecision::Day, "{line:?} -> {:?} without a warning", found.date);
            }
        } else {
            prop_assert!(!real || day == 0, "a real date {line:?} was not found");
        }
        if let Some(parsed) = date::parse_date_line(&line, 7) {
            check_date(&parsed.date)?;
            prop_assert!(!real || parsed.date.precision == DatePrecision::Day || form == 2, "{line:?} -> {:?}", parsed.date);
        }
    }

    #[test]
    fn citation_fields_stay_as_printed_or_warn(
        fields in proptest::collection::vec("(0?[0-9]{1,3}|[A-Za-z][0-9]{0,3}|[0-9]{1,3}[a-z]{2}|O[0-9]{2})", 5),
        archive in prop_oneof![Just("avp rf"), Just("AVP RF"), Just("Avp rf"), Just("RGASPI.")],
    ) {
        let printed = format!("{archive}, f. {}, op. {}, p. {}, d. {}, l. {}.", fields[0], fields[1], fields[2], fields[3], fields[4]);
        let (cit, warnings) = citation::parse_citation(&printed, 3);
        prop_assert_eq!(cit.as_printed.clone(), printed.clone());
        prop_assert!(warnings.iter().all(|w| w.line == 3));
        for (value, field) in [(&fields[0], &cit.fond), (&fields[1], &cit.opis), (&fields[3], &cit.delo)] {
            let Some(field) = field else { continue };
            // Kept as text: leading zeros and letters are never "fixed".
            prop_assert!(printed.contains(field.as_str()), "{field:?} is not in {printed:?}");
            let digits = value.chars().all(|c| c.is_ascii_digit());
            if !digits && field == value && value.chars().next().is_some_and(char::is_alphabetic) {
                prop_assert!(warnings.iter().any(|w| w.code == "citation_field_not_numeric"), "{printed:?}: {value} taken as a number without a warning");
            }
            if digits && field != value {
                prop_assert!(false, "{printed:?}: digits {value} stored as {field}");
            }
        }
    }
}

#[test]
fn a_10_mb_single_line_finishes() {
    let mut line =
        String::from("From: talk of the envoy with the minister of foreign affairs of Turkey ");
    let pieces = [
        "Iden said that Turkey ",
        "and the Balkans ",
        "December 7, 1939 ",
        "avp rf, f. 059, op. 1, ",
        "ʹ‐ʺ\u{a0} ",
    ];
    let mut i = 0;
    while line.len() < 10 << 20 {
        line.push_str(pieces[i % pieces.len()]);
        i += 1;
    }
    let src = run(Format::Text, line.into_bytes());
    check(&src).unwrap();
    let html = format!("<p>{}</p>", "Turkey and the Balkans, ".repeat(200_000));
    check(&run(Format::Html, html.into_bytes())).unwrap();
}
