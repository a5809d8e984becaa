//! The site header at the top of every page (title, navigation line, title
//! again, subtitle, `Download PDF`) in its six layouts: with or without blank
//! lines, with space-only or no-break-space lines, and with the title glued
//! to the subtitle (`...1919 to 1941Concentrated on...`).

use std::sync::LazyLock;

use regex::Regex;

use super::text::{clean, constant_regex, is_blank, Line};

static RE_SITE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"(?i)selected\s+secret\s+documents|soviet\s+foreign\s+policy\s+documents\s+archives|marx[\-\s]*engels|\bhome\s*page\b|concentrated\s+on\s+1st|download\s+pdf|^\s*(?:lenin|stalin)\s*(?:\|.*)?$",
    )
});

/// Is this line part of the site header (or blank)?
pub fn is_site_line(s: &str) -> bool {
    let t = clean(s);
    is_blank(t)
        || (t.len() <= 2000
            && (surely_site_line(t) || may_be_site_line(t) && RE_SITE_LINE.is_match(t)))
}

/// False only for lines `re_site_line` cannot match: each of its
/// alternatives starts with one of these words, which `(?i)` matches in any
/// ASCII case and, among non-ASCII characters, only with a Kelvin sign for
/// `k` or a long `ſ` for `s` (lines holding one go to the regex). Most lines
/// asked about (the first heading) hold none, and the regex falls back to
/// its slowest engine on their non-ASCII characters.
fn may_be_site_line(t: &str) -> bool {
    static AC: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    let ac = AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(SITE_WORDS)
            .ok()
    });
    t.contains(['\u{212A}', '\u{17F}']) || ac.as_ref().is_none_or(|ac| ac.is_match(t))
}

/// The first word of each alternative of `re_site_line`.
const SITE_WORDS: [&str; 8] = [
    "selected",
    "soviet",
    "marx",
    "home",
    "concentrated",
    "download",
    "lenin",
    "stalin",
];

/// True only for lines `re_site_line` matches: they hold one of its
/// alternatives spelled with single ASCII spaces (which `\s+` and `[\-\s]*`
/// match), in any ASCII case (which `(?i)` matches). The header's lines are
/// found so without the regex, which falls back to its slowest engine on the
/// no-break spaces of the header (Unicode word boundaries).
fn surely_site_line(t: &str) -> bool {
    static AC: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    let ac = AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "selected secret documents",
                "soviet foreign policy documents archives",
                "marx-engels",
                "marx engels",
                "marxengels",
                "concentrated on 1st",
                "download pdf",
            ])
            .ok()
    });
    // Building from constant patterns does not fail; if it ever did, the
    // regex still answers.
    ac.as_ref().is_some_and(|ac| ac.is_match(t))
}

static RE_STRONG_SITE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"(?i)selected\s+secret\s+documents\s+from|marx[\-\s]*engels|\bhome\s*page\b|download\s+pdf|concentrated\s+on\s+1st",
    )
});

/// Where a site footer (navigation, `Download PDF`, the title again) begins
/// at the end of the page, if there is one after line `min`. A lone `Stalin`
/// is a signature there, so only unmistakable site lines count.
pub fn footer_start(lines: &[Line<'_>], min: usize) -> usize {
    let mut start = lines.len();
    let mut strong = false;
    let mut k = lines.len();
    while k > min {
        let t = clean(lines[k - 1].text);
        if is_blank(t) {
            k -= 1;
            continue;
        }
        if t.len() <= 300 && RE_STRONG_SITE_LINE.is_match(t) {
            strong = true;
            k -= 1;
            start = k;
            continue;
        }
        // A lone `Lenin`/`Stalin` belongs to the footer only when a strong
        // site line comes above it too (the footer starts at a strong line).
        if strong && t.len() <= 300 && RE_SITE_LINE.is_match(t) {
            k -= 1;
            continue;
        }
        break;
    }
    if strong {
        start
    } else {
        lines.len()
    }
}

/// Index of the first line after the site header.
pub fn header_end(lines: &[Line<'_>]) -> usize {
    lines
        .iter()
        .position(|l| !is_site_line(l.text))
        .unwrap_or(lines.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::text::split_lines;

    const HEADING: &str = "Telegram of the envoy X. Zorin to the NKID";

    fn end_of(text: &str) -> &str {
        let ls = split_lines(text);
        let i = header_end(&ls);
        ls.get(i).map(|l| l.text).unwrap_or("")
    }

    #[test]
    fn layout_with_blank_lines_and_nbsp() {
        let t = format!("Selected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941\n\nMarx-Engels |\u{a0} Lenin \u{a0}| Stalin |\u{a0} Home Page\n\n\u{a0} Selected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941\nConcentrated on 1st and\u{a0} 2nd WW Correspondence\n\nDownload PDF\n\u{a0} \n\n{HEADING}\n");
        assert_eq!(end_of(&t), HEADING);
    }

    #[test]
    fn layout_without_blank_lines_and_glued_title() {
        let t = format!("Selected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941\nMarx-Engels | Lenin | Stalin | Home Page\nSelected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941Concentrated on 1st and 2nd WW Correspondence\nDownload PDF\n{HEADING}\n");
        assert_eq!(end_of(&t), HEADING);
    }

    #[test]
    fn layout_space_only_lines() {
        let t = format!(" \nSelected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941\n \n \nDownload PDF\n \n{HEADING}");
        assert_eq!(end_of(&t), HEADING);
    }

    #[test]
    fn footer_found_but_not_a_signature() {
        let t = "Telegram of X\nText.\nStalin\n\nMarx-Engels | Lenin | Stalin | Home Page\nDownload PDF\n";
        let ls = split_lines(t);
        assert_eq!(footer_start(&ls, 1), 4);
        let v = "Telegram of X\nText.\nStalin\nMarx-Engels\nLenin\nStalin\nHome Page\n";
        assert_eq!(footer_start(&split_lines(v), 1), 3);
        let u = "Telegram of X\nText.\nStalin\n";
        assert_eq!(footer_start(&split_lines(u), 1), 3);
    }

    /// The non-ASCII characters `(?i)` matches for a letter of
    /// `SITE_WORDS` are the two `may_be_site_line` looks for.
    #[test]
    fn site_words_fold_only_to_the_characters_looked_for() {
        let letters: std::collections::BTreeSet<char> =
            SITE_WORDS.iter().flat_map(|w| w.chars()).collect();
        for letter in letters {
            let re = regex::Regex::new(&format!("(?i)^{letter}$")).expect("constant regex");
            let others: Vec<char> = (0x80..=0x10FFFFu32)
                .filter_map(char::from_u32)
                .filter(|c| re.is_match(c.encode_utf8(&mut [0; 4])))
                .collect();
            let expected: &[char] = match letter {
                'k' => &['\u{212A}'],
                's' => &['\u{17F}'],
                _ => &[],
            };
            assert_eq!(others, expected, "{letter}");
        }
    }

    #[test]
    fn the_word_filter_keeps_every_site_line() {
        let lines = [
            "Selected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941",
            "Marx-Engels |\u{a0} Lenin \u{a0}| Stalin |\u{a0} Home Page",
            "MARX\u{a0}ENGELS",
            "Lenin",
            "  stalin | x",
            "Concentrated on 1st and\u{a0} 2nd WW Correspondence",
            "Download\u{2003}PDF",
            "ſelected ſecret documents",
            "Home\u{212A}page",
        ];
        for line in lines {
            assert!(may_be_site_line(line), "{line}");
        }
        assert!(!may_be_site_line(HEADING));
        assert!(!is_site_line(
            "Talk of the minister of foreign affairs of Turkey with Gaston Doumergue"
        ));
    }

    #[test]
    fn page_without_header() {
        assert_eq!(end_of(HEADING), HEADING);
        assert!(!is_site_line(HEADING));
    }
}

/// `surely_site_line` never says yes where the regex says no.
#[cfg(test)]
mod fast_path_tests {
    use proptest::prelude::*;

    use super::*;

    const PIECES: &[&str] = &[
        "Selected",
        "secret",
        "Documents",
        "SOVIET",
        "foreign",
        "policy",
        "archives",
        "Marx",
        "-",
        "Engels",
        "home",
        "Page",
        "homepages",
        "Concentrated",
        "on",
        "1st",
        "Download",
        "PDF",
        "Lenin",
        "Stalin",
        "|",
        " ",
        "  ",
        "\u{a0}",
        "x",
        "documents",
        "ſtalin",
        "\u{212A}",
    ];

    proptest! {
        #[test]
        fn sure_answers_are_regex_matches(
            picks in proptest::collection::vec((0usize..1000, any::<bool>()), 0..12),
        ) {
            let mut t = String::new();
            for (i, space) in picks {
                t.push_str(PIECES[i % PIECES.len()]);
                if space {
                    t.push(' ');
                }
            }
            if surely_site_line(&t) {
                prop_assert!(RE_SITE_LINE.is_match(&t), "{:?}", t);
            }
            if RE_SITE_LINE.is_match(&t) {
                prop_assert!(may_be_site_line(&t), "{:?}", t);
            }
        }
    }

    #[test]
    fn header_lines_are_sure() {
        for t in [
            "Selected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941",
            "Marx-Engels |  Lenin  | Stalin |  Home Page",
            "Download PDF",
        ] {
            assert!(surely_site_line(t) && RE_SITE_LINE.is_match(t), "{t}");
        }
        assert!(!surely_site_line(
            "Telegram of the envoy X. Zorin to the NKID"
        ));
    }
}
