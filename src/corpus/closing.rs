//! The end of a document: signature, print notes (`Pgchat. About arch.`),
//! press lines (`(Tass)`), footnote lines (`* see doc. ...`, `[1] ...`) and
//! elision rows. Citations are in `citation.rs`.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{clean, constant_regex};
use super::Footnote;

static RE_FOOTNOTE_START: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"^(?P<m>\*{1,5}|\[\d{1,3}\])\s*\S"));
static RE_FOOTNOTE_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"(?:^|\s)(?P<m>\*{1,5}|\[\d{1,3}\])\s+"));
static RE_PRINT_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"(?i)^(?:pgchat|pechat|print(?:ed)?|prints?)\.?\s+(?:by|about|from|on|according\s+to)\b.{0,60}(?:arch|srh|architect|copy|original|text)",
    )
});
static RE_PRESS: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r#"(?i)^(?:\((?:tass|to\s+be\s+continued\.?|end)\)\.?|[«"“]?(?:pravda|izvestia|izvestiya|trud|krasnaya\s+zvezda|journal\s+de\s+moscou)[»"”]?,?\s*(?:no\.?|n|\x{2116})\s*\d.*)$"#,
    )
});
static RE_SIGNATURE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(r"^(?:(?:\p{L}{1,3}\.\s*){0,3})\p{Lu}[\p{L}\x{02B9}'\x{2019}\-\x{2010}]+\.?$")
});
static RE_SIGNATURE_POSITION: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"(?i)^(?:the\s+)?(?:plenipotentiary(?:\s+representative)?(?:\s+of\s+the\s+(?:ussr|rsfsr)(?:\s+in\s+\p{L}+)?)?|(?:temporary\s+|interim\s+)?(?:charg[eé]\s+d[\x{02B9}'\x{2019}]\s?affaires|attorney)|ambassador|envoy|consul(?:\s+general)?|people[\x{02B9}'\x{2019}]?s\s+commiss(?:ar|ioner)(?:\s+\p{L}+){0,5}|deputy\s+people[\x{02B9}'\x{2019}]?s\s+commiss(?:ar|ioner)|counsellor|secretary(?:\s+general)?|military\s+attach[eé])\.?$",
    )
});

pub fn is_footnote_line(s: &str) -> bool {
    RE_FOOTNOTE_START.is_match(clean(s))
}

/// Splits a footnote line that may hold several notes (`* see doc. 4. ** means ...`).
pub fn parse_footnotes(s: &str, line: u32) -> Vec<Footnote> {
    let t = clean(s);
    let marks: Vec<(usize, usize, String)> = RE_FOOTNOTE_SPLIT
        .captures_iter(t)
        .filter_map(|c| {
            c.name("m")
                .map(|m| (m.start(), m.end(), m.as_str().to_string()))
        })
        .collect();
    let mut out = Vec::new();
    for (i, (_, end, marker)) in marks.iter().enumerate() {
        let stop = marks.get(i + 1).map(|m| m.0).unwrap_or(t.len());
        let text = clean(&t[*end..stop]).to_string();
        let marker = marker
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        let marker = if marker.chars().all(|c| c.is_ascii_digit()) {
            format!("[{marker}]")
        } else {
            marker
        };
        out.push(Footnote { marker, text, line });
    }
    out
}

pub fn is_print_note(s: &str) -> bool {
    let t = clean(s);
    t.len() <= 120 && RE_PRINT_NOTE.is_match(t)
}

pub fn is_press_line(s: &str) -> bool {
    let t = clean(s);
    t.len() <= 200 && RE_PRESS.is_match(t)
}

/// A signature line: a surname (with initials) or a position alone.
pub fn is_signature_line(s: &str) -> bool {
    let t = clean(s);
    if t.is_empty() || (t.len() > 70 && t.chars().count() > 70) {
        return false;
    }
    RE_SIGNATURE_NAME.is_match(t) || RE_SIGNATURE_POSITION.is_match(t)
}

pub fn is_signature_position(s: &str) -> bool {
    let t = clean(s);
    t.chars().count() <= 90 && RE_SIGNATURE_POSITION.is_match(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_lines_single_and_several() {
        assert!(is_footnote_line("* See doc. 12."));
        assert!(is_footnote_line("[1] Not published."));
        assert!(!is_footnote_line("*"));
        let v = parse_footnotes("* see doc. 4. ** means the NKID. *** not found", 9);
        let m: Vec<_> = v
            .iter()
            .map(|f| (f.marker.as_str(), f.text.as_str()))
            .collect();
        assert_eq!(
            m,
            [
                ("*", "see doc. 4."),
                ("**", "means the NKID."),
                ("***", "not found")
            ]
        );
        assert_eq!(parse_footnotes("[2] see below", 1)[0].marker, "[2]");
    }

    #[test]
    fn print_notes() {
        assert!(is_print_note("Pgchat. About arch."));
        assert!(is_print_note("Print. By srh."));
        assert!(is_print_note("Print. By architect."));
        assert!(!is_print_note(
            "Printing of the newspapers was stopped by the police."
        ));
    }

    #[test]
    fn press_lines() {
        assert!(is_press_line("(Tass)"));
        assert!(is_press_line("(to be continued.)"));
        assert!(is_press_line("\"Izvestia\", No. 112, May 15, 1939"));
        assert!(!is_press_line("Tass reported that"));
    }

    #[test]
    fn signatures() {
        assert!(is_signature_line("Terentyev"));
        assert!(is_signature_line("I. Maisky"));
        assert!(is_signature_line("Plenipotentiary"));
        assert!(is_signature_line("Charge d'affaires"));
        assert!(is_signature_line("Chargé dʹaffaires"));
        assert!(!is_signature_line("He left."));
        assert!(!is_signature_line(
            "I told him so and he agreed with me completely"
        ));
    }
}
