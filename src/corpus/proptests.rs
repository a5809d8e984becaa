//! Property tests: no input makes the parser panic, spans stay on char
//! boundaries inside the text, and documents plus boilerplate tile the page.

use proptest::prelude::*;

use super::{citation, date, decode, html_to_text, parse_page, ParsedPage};

const PAGES: &[&str] = &[
    include_str!("../../seed/corpus/000_8e37452bcfcc29b4.txt"),
    include_str!("../../tests/fixtures/02_iran_no_blank_lines.txt"),
    include_str!("../../tests/fixtures/03_date_forms.txt"),
    include_str!("../../tests/fixtures/05_extracts_and_bare_headings.txt"),
    include_str!("../../tests/fixtures/08_multi_footnotes_elisions.txt"),
];

fn check_page(text: &str, p: &ParsedPage) -> Result<(), TestCaseError> {
    let mut spans: Vec<std::ops::Range<usize>> = p.boilerplate.clone();
    spans.extend(p.documents.iter().map(|d| d.raw_span.clone()));
    spans.sort_by_key(|r| r.start);
    let mut at = 0;
    for s in &spans {
        prop_assert_eq!(s.start, at, "gap or overlap");
        prop_assert!(s.end >= s.start && s.end <= text.len());
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        at = s.end;
    }
    prop_assert_eq!(at, text.len(), "spans do not reach the end");
    let lines = text.split('\n').count() as u32;
    for d in &p.documents {
        prop_assert_eq!(&text[d.raw_span.clone()], d.raw_text.as_str());
        prop_assert!(d.start_line >= 1 && d.start_line <= d.end_line && d.end_line <= lines);
        for w in &d.warnings {
            prop_assert!(
                w.line >= 1 && w.line <= lines,
                "warning line {} of {}",
                w.line,
                lines
            );
        }
        // Body lines are lines of the document as printed.
        for l in d.body.lines() {
            prop_assert!(d.raw_text.contains(l));
        }
    }
    Ok(())
}

/// Snaps a byte index down to a char boundary.
fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn corpusish() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "(From[:;]? |Telegram of |Recording of the conversation |December 27, 1940|February 30, 1939|Secret|Top. Secret special stick|out of line|avprf, f.059, op.24, p.70, d.43, l.132\u{2010}137|RGASPI. F. 17. |Sent to comrade |\\* see doc. |\\[1\\]|\\.{2,15}|[A-Z]\\. |[a-zA-Z\u{2b9}\u{a0}\u{2010}\u{0430}-\u{044f} ,.:;*\\-]{0,12}|\n|\r\n){0,60}",
    )
    .expect("valid strategy regex")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_breaks_the_page(s in any::<String>()) {
        let p = parse_page(&s);
        check_page(&s, &p)?;
    }

    #[test]
    fn corpus_like_text_never_breaks_the_page(s in corpusish()) {
        let p = parse_page(&s);
        check_page(&s, &p)?;
        for f in date::find_all_dates(&s, 1) {
            prop_assert!(s.is_char_boundary(f.range.start) && s.is_char_boundary(f.range.end));
            prop_assert!(f.date.from <= f.date.to);
        }
    }

    #[test]
    fn mutated_fixtures_never_break(page in 0..PAGES.len(), at in 0usize..4000, cut in 0usize..200, insert in corpusish()) {
        let base = PAGES[page];
        let a = floor(base, at);
        let b = floor(base, a + cut).max(a);
        let text = format!("{}{}{}", &base[..a], insert, &base[b..]);
        let p = parse_page(&text);
        check_page(&text, &p)?;
    }

    #[test]
    fn dates_and_citations_never_panic(s in "\\PC{0,80}") {
        if let Some(f) = date::find_date(&s, 1) {
            prop_assert!(s.is_char_boundary(f.range.start) && s.is_char_boundary(f.range.end));
        }
        let _ = date::parse_date_line(&s, 1);
        if let Some(at) = citation::find_citation_start(&s) {
            prop_assert!(s.is_char_boundary(at));
            let _ = citation::parse_citation(&s[at..], 1);
        }
        let _ = citation::parse_citation(&s, 1);
    }

    #[test]
    fn html_and_bytes_never_panic(s in "(<[a-z/!]{0,4}[^>]{0,10}>?|&[a-z#0-9]{0,6};?|[^<&]{0,10}){0,40}", bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = html_to_text(&s);
        if let Ok(d) = decode(&bytes) {
            let _ = parse_page(&d.text);
        }
    }
}
