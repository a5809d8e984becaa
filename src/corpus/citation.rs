//! Archival citations (`avprf, f.059, op.24, p.70, d.43, l.132‐137`) in every
//! spelling the corpus uses, and publication references (`Publ.: ...`).

use std::sync::LazyLock;

use regex::Regex;

use super::text::{clean, constant_regex, norm_dashes};
use super::{Citation, Publication, Warning};

// The archive names, anchored on a word start so that `f.` inside other
// words is never read. `AVPR` and `FPARF` (Foreign Policy Archive of the
// Russian Federation) are renderings of AVP RF.
static RE_ARCHIVE: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"(?i)(?:^|[\s(\[,;])(?P<a>avp\s?rf|avprf|a\.v\.p\.\s?r\.f\.|avpr|fparf|rgaspi|rgaspi|garf|rgva|rgae|rtskhidni|\x{0410}\x{0412}\x{041F}\s?\x{0420}\x{0424}|\x{0420}\x{0413}\x{0410}\x{0421}\x{041F}\x{0418}|\x{0413}\x{0410}\x{0420}\x{0424})(?:\.|\b)",
    )
});
// A field label and its value. `on.` is a mistranslated `op.`; `inv.`,
// `fold.` and `file` come from the English rendering (FPARF).
static RE_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"(?i)(?:^|[\s,.;])(?P<k>fond|f|op|on|inv|pap|fold|folder|p|d|file|case|ll|l|sheets?|\x{0444}|\x{043E}\x{043F}|\x{043F}|\x{0434}|\x{043B}\x{043B}|\x{043B})(?:\.|\s|$)\s*(?P<v>[^\s,;]+(?:\s*[\-\x{2010}\x{2011}\x{2013}\x{2014}]\s*[^\s,;]+)?(?:\s*,\s*\d[^\s,;]*)*)",
    )
});
static RE_PUBL: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"(?i)^(?:publ\.?|published(?:\s+in)?|publication)\s*:"));
static RE_FIELD_START: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"(?i)^(?:op|on|inv|d|l|ll|p|file|fold|\x{043E}\x{043F}|\x{0434}|\x{043B}\x{043B}|\x{043B}|\x{043F})\.?\s*\d",
    )
});

/// The archives' normalised names, as `citations.archive` holds them.
pub const ARCHIVES: [&str; 5] = ["AVP RF", "RGASPI", "GARF", "RGVA", "RGAE"];

/// Normalised archive name for a matched spelling.
fn archive_name(s: &str) -> &'static str {
    let k: String = s
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    match k.as_str() {
        "avprf" | "avpr" | "fparf" | "\u{0430}\u{0432}\u{043f}\u{0440}\u{0444}" => "AVP RF",
        "rgaspi" | "\u{0440}\u{0433}\u{0430}\u{0441}\u{043f}\u{0438}" | "rtskhidni" => "RGASPI",
        "garf" | "\u{0433}\u{0430}\u{0440}\u{0444}" => "GARF",
        "rgva" => "RGVA",
        "rgae" => "RGAE",
        _ => "AVP RF",
    }
}

/// A cheap test for an archive name anywhere in the line, so the regex only
/// runs on lines that may hold a citation.
fn may_hold_archive(line: &str) -> bool {
    static AC: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    let ac = AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "avp",
                "a.v.p",
                "fparf",
                "rgaspi",
                "garf",
                "rgva",
                "rgae",
                "rtskhidni",
                "\u{0410}\u{0412}\u{041F}",
                "\u{0420}\u{0413}\u{0410}\u{0421}\u{041F}\u{0418}",
                "\u{0413}\u{0410}\u{0420}\u{0424}",
                // Lowercase Cyrillic: ASCII case folding does not cover it.
                "\u{0430}\u{0432}\u{043f}",
                "\u{0440}\u{0433}\u{0430}\u{0441}\u{043f}\u{0438}",
                "\u{0433}\u{0430}\u{0440}\u{0444}",
            ])
            .ok()
    });
    match ac {
        Some(ac) => ac.is_match(line),
        // Building from constant patterns does not fail; if it ever did,
        // fall back to always asking the regex.
        None => true,
    }
}

/// Where a citation starts in a line, and the text before it (a glued signature).
pub fn find_citation_start(line: &str) -> Option<usize> {
    if line.len() > 2000 || !may_hold_archive(line) {
        return None;
    }
    let c = RE_ARCHIVE.captures(line)?;
    let a = c.name("a")?;
    // Only a citation if at least one labelled field follows the archive name.
    let rest = &line[a.end()..];
    if RE_FIELD.is_match(rest) {
        Some(a.start())
    } else {
        None
    }
}

/// True for a line that continues a citation broken over two lines
/// (`Op. 3. D. 12. L. 30.`).
pub fn is_citation_continuation(line: &str) -> bool {
    let t = clean(line);
    t.len() <= 120 && RE_FIELD_START.is_match(t)
}

/// Parses a citation (text starting at the archive name). Values are kept as
/// text; a value with letters where a number belongs is kept and warned about.
pub fn parse_citation(text: &str, line: u32) -> (Citation, Vec<Warning>) {
    let as_printed = clean(text).to_string();
    let mut cit = Citation {
        as_printed: as_printed.clone(),
        line,
        ..Citation::default()
    };
    let mut warnings = Vec::new();
    let mut rest_start = 0;
    if let Some(c) = RE_ARCHIVE.captures(&as_printed) {
        if let Some(a) = c.name("a") {
            cit.archive = archive_name(a.as_str()).to_string();
            rest_start = a.end();
        }
    }
    let rest = &as_printed[rest_start..];
    let mut last_end = 0;
    for c in RE_FIELD.captures_iter(rest) {
        let (Some(k), Some(v)) = (c.name("k"), c.name("v")) else {
            continue;
        };
        last_end = v.end();
        let key = k.as_str().to_lowercase();
        let value = norm_dashes(v.as_str().trim_end_matches(['.', ')']));
        let value: String = value
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace(" - ", "-")
            .replace(" -", "-")
            .replace("- ", "-");
        let slot = match key.as_str() {
            "f" | "fond" | "\u{0444}" => &mut cit.fond,
            "op" | "on" | "inv" | "\u{043e}\u{043f}" => &mut cit.opis,
            "pap" | "fold" | "folder" => &mut cit.papka,
            // `p.` is the papka in AVP RF citations, but the page (sheet) once
            // the file (delo) has been given, as in the FPARF rendering.
            "p" | "\u{043f}" => {
                if cit.delo.is_some() {
                    &mut cit.sheets
                } else {
                    &mut cit.papka
                }
            }
            "d" | "file" | "case" | "\u{0434}" => &mut cit.delo,
            _ => &mut cit.sheets,
        };
        if slot.is_some() {
            warnings.push(Warning {
                line,
                code: "citation_field_repeated",
                message: format!("field `{}` given twice in `{as_printed}`", k.as_str()),
                expected: "each of fond, opis, papka, delo and sheets once".into(),
            });
            continue;
        }
        if !value_is_numeric(&value) {
            warnings.push(Warning {
                line,
                code: "citation_field_not_numeric",
                message: format!("`{}` value `{value}` in `{as_printed}`", k.as_str()),
                expected: "a number (sheets: a number, range or list of them)".into(),
            });
        }
        *slot = Some(value);
    }
    let tail = clean(rest.get(last_end..).unwrap_or_default());
    if last_end > 0 && tail.chars().any(char::is_alphanumeric) {
        // E.g. the page number of the printed edition after the sheets
        // (`l.132‐137.  24`): kept in `as_printed`, reported here.
        warnings.push(Warning {
            line,
            code: "citation_trailing_text",
            message: format!("unlabelled `{tail}` after the last field of `{as_printed}`"),
            expected: "nothing after the sheets (`l.`) field".into(),
        });
    }
    if cit.fond.is_none() && cit.opis.is_none() && cit.delo.is_none() && cit.sheets.is_none() {
        warnings.push(Warning {
            line,
            code: "citation_unreadable",
            message: format!("no fond, opis, delo or sheets found in `{as_printed}`"),
            expected: "labelled fields such as `f. 059, op. 24, p. 70, d. 43, l. 132-137`".into(),
        });
    }
    (cit, warnings)
}

/// A number, optionally with a one-letter suffix (`43a`); sheets may also be
/// a range or a list, or carry `ob.`/`rev.` (verso).
fn value_is_numeric(v: &str) -> bool {
    v.split([',', '-']).all(|part| {
        let p = part.trim();
        let p = p.trim_end_matches("ob").trim_end_matches("rev").trim();
        let digits = p.trim_end_matches(|c: char| c.is_alphabetic());
        !p.is_empty()
            && !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit())
            && p.len() - digits.len() <= 1
    })
}

/// A publication reference line (`Publ.: Foreign policy of the USSR ...`).
pub fn parse_publication(line: &str, line_no: u32) -> Option<Publication> {
    let t = clean(line);
    if RE_PUBL.is_match(t) {
        Some(Publication {
            as_printed: t.to_string(),
            line: line_no,
        })
    } else {
        None
    }
}

/// A signature glued to a publication reference on one line (`Kirov Publ.:
/// Foreign policy of the USSR ...`), as signatures are glued to citations:
/// (signature, reference). The signature is at most four words and does not
/// end a sentence or a clause, so a body line is not cut.
pub fn split_glued_publication(line: &str) -> Option<(&str, &str)> {
    let t = clean(line);
    let at = t.find(" Publ.")?;
    let (signature, reference) = (t[..at].trim(), t[at..].trim());
    let short = (1..=4).contains(&signature.split_whitespace().count());
    let clause_end = signature.ends_with(['.', ',', ';', ':', '!', '?']);
    (short && !clause_end && RE_PUBL.is_match(reference)).then_some((signature, reference))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_glued_to_a_publication_reference() {
        let publ = "Publ.: Foreign policy of the USSR. t. III. s. 55\u{2010}57.";
        assert_eq!(
            split_glued_publication(&format!("Kirovym {publ}")),
            Some(("Kirovym", publ))
        );
        assert_eq!(
            split_glued_publication(&format!("von Ribbentrop {publ} ")),
            Some(("von Ribbentrop", publ))
        );
        // A reference on its own line, or a sentence before it, is no glued signature.
        assert_eq!(split_glued_publication(publ), None);
        assert_eq!(
            split_glued_publication(&format!("The minister agreed. {publ}")),
            None
        );
        assert_eq!(
            split_glued_publication(&format!("The minister agreed with us today {publ}")),
            None
        );
        assert_eq!(split_glued_publication("Kirov Publ. later"), None);
    }

    fn cite(s: &str) -> Citation {
        let start = find_citation_start(s).expect("citation found");
        parse_citation(&s[start..], 1).0
    }

    #[allow(clippy::type_complexity)]
    fn fields(
        c: &Citation,
    ) -> (
        String,
        Option<&str>,
        Option<&str>,
        Option<&str>,
        Option<&str>,
        Option<&str>,
    ) {
        (
            c.archive.clone(),
            c.fond.as_deref(),
            c.opis.as_deref(),
            c.papka.as_deref(),
            c.delo.as_deref(),
            c.sheets.as_deref(),
        )
    }

    #[test]
    fn avprf_glued_with_hyphen_range() {
        let c = cite("avprf, f.059, op.24, p.70, d.43, l.132\u{2010}137.");
        assert_eq!(
            fields(&c),
            (
                "AVP RF".into(),
                Some("059"),
                Some("24"),
                Some("70"),
                Some("43"),
                Some("132-137")
            )
        );
        assert_eq!(
            c.as_printed,
            "avprf, f.059, op.24, p.70, d.43, l.132\u{2010}137."
        );
    }

    #[test]
    fn spaced_and_mistranslated_opis() {
        let c = cite("Avp rf, f. 059, on. 1, p. 313, d. 2154, l. 7\u{2013}9.");
        assert_eq!(
            fields(&c),
            (
                "AVP RF".into(),
                Some("059"),
                Some("1"),
                Some("313"),
                Some("2154"),
                Some("7-9")
            )
        );
        let c2 = cite("AVP RF, f. 05, op. 3, p. 12, d. 80, l. 4-5");
        assert_eq!(c2.fond.as_deref(), Some("05"));
        assert_eq!(c2.sheets.as_deref(), Some("4-5"));
        assert_eq!(cite("AVPR, f. 08, op. 2, d. 7, l. 11").archive, "AVP RF");
    }

    #[test]
    fn rgaspi_dots_between_fields() {
        let c = cite("RGASPI. F. 17. Op. 3. D. 12. L. 30.");
        assert_eq!(
            fields(&c),
            (
                "RGASPI".into(),
                Some("17"),
                Some("3"),
                None,
                Some("12"),
                Some("30")
            )
        );
        let r = cite("\u{0420}\u{0413}\u{0410}\u{0421}\u{041F}\u{0418}. \u{0424}. 558. \u{041E}\u{043F}. 11. \u{0414}. 65. \u{041B}. 2.");
        assert_eq!(
            fields(&r),
            (
                "RGASPI".into(),
                Some("558"),
                Some("11"),
                None,
                Some("65"),
                Some("2")
            )
        );
    }

    /// Issue 12: a citation printed in Russian gives the same fields as its
    /// Latin spelling.
    #[test]
    fn cyrillic_citations_read_like_latin_ones() {
        for (latin, cyrillic) in [
            (
                "AVP RF. F. 05. Op. 18. P. 140. D. 120. L. 48-49.",
                "АВП РФ. Ф. 05. Оп. 18. П. 140. Д. 120. Л. 48-49.",
            ),
            (
                "avp rf, f. 059, op. 1, p. 300, d. 2080, l. 121\u{2010}123.",
                "авп рф, ф. 059, оп. 1, п. 300, д. 2080, л. 121\u{2010}123.",
            ),
            (
                "AVPRF, f.059, op.24, p.70, d.43, l.132-137",
                "АВПРФ, ф.059, оп.24, п.70, д.43, л.132-137",
            ),
            (
                "RGASPI. F. 17. Op. 3. D. 1015. L. 30.",
                "РГАСПИ. Ф. 17. Оп. 3. Д. 1015. Л. 30.",
            ),
            (
                "RGASPI, f. 17, op. 162, d. 25, ll. 1-3",
                "РГАСПИ, ф. 17, оп. 162, д. 25, лл. 1-3",
            ),
            (
                "GARF. F. 5446. Op. 1. D. 12. L. 4.",
                "ГАРФ. Ф. 5446. Оп. 1. Д. 12. Л. 4.",
            ),
        ] {
            let (l, c) = (cite(latin), cite(cyrillic));
            assert_eq!(fields(&c), fields(&l), "{cyrillic} vs {latin}");
            assert!(l.fond.is_some() && l.sheets.is_some(), "{latin}");
            assert_eq!(c.as_printed, cyrillic);
        }
        assert!(is_citation_continuation("Оп. 3. Д. 12. Л. 30."));
    }

    #[test]
    fn fparf_english_rendering() {
        let c = cite("FPARF, f. 059, inv. 1, fold. 188, file 1347, p. 25\u{2010}26");
        assert_eq!(
            fields(&c),
            (
                "AVP RF".into(),
                Some("059"),
                Some("1"),
                Some("188"),
                Some("1347"),
                Some("25-26")
            )
        );
    }

    #[test]
    fn signature_glued_before_citation() {
        let line = "I. Maisky avprf, f.059, op.24, p.70, d.43, l.132\u{2010}137.";
        let at = find_citation_start(line).expect("found");
        assert_eq!(clean(&line[..at]), "I. Maisky");
        assert!(find_citation_start("Mikhailov avp rf, f.059, op.1, p.5, d.6, l.7").is_some());
    }

    #[test]
    fn letters_where_numbers_belong_warn() {
        let (c, w) = parse_citation("avp rf, f. O59, op. 2, d. 4, l. 9", 3);
        assert_eq!(c.fond.as_deref(), Some("O59"));
        assert_eq!(w[0].code, "citation_field_not_numeric");
        assert_eq!(w[0].line, 3);
    }

    #[test]
    fn trailing_text_is_reported() {
        let (c, w) = parse_citation(
            "avprf, f.059, op.24, p.70, d.43, l.132\u{2010}137.  24  ",
            5,
        );
        assert_eq!(c.sheets.as_deref(), Some("132-137"));
        assert_eq!(
            c.as_printed,
            "avprf, f.059, op.24, p.70, d.43, l.132\u{2010}137.  24"
        );
        assert_eq!(
            w.iter().map(|x| (x.code, x.line)).collect::<Vec<_>>(),
            [("citation_trailing_text", 5)]
        );
        assert!(parse_citation("avp rf, f.05, op.1, p.2, d.3, l.4.", 1)
            .1
            .is_empty());
    }

    #[test]
    fn publication_is_not_a_citation() {
        let p = "Publ.: Foreign policy of the USSR. t. I. s. 145\u{2010}146.";
        assert!(parse_publication(p, 2).is_some());
        assert!(find_citation_start(p).is_none());
        assert!(find_citation_start("We spoke about the avprf yesterday").is_none());
    }

    #[test]
    fn prefilter_agrees_with_the_regex() {
        assert!(may_hold_archive("I. Maisky AVPRF, f.059"));
        assert!(may_hold_archive(
            "\u{0420}\u{0413}\u{0410}\u{0421}\u{041F}\u{0418}. \u{0424}. 17"
        ));
        assert!(!may_hold_archive("The minister spoke about the straits."));
    }

    #[test]
    fn continuation_line() {
        assert!(is_citation_continuation("Op. 3. D. 12. L. 30."));
        assert!(!is_citation_continuation("Opinion of the minister"));
    }
}
