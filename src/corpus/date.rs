//! Dates as the corpus prints them: month-first, day-first, ranges with
//! U+2010, month-only, lowercase months, the garbled `1937 g on May 14.`,
//! and the date lines that carry a place, a document number, a
//! classification or a priority beside the date.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::classification::{find_marks, Marks};
use super::text::{clean, constant_regex};
use super::{DatePrecision, ParsedDate, Warning};
use crate::calendar::{month_window, year_window, Day};

const MONTH: &str =
    r"(january|february|march|april|may|june|july|august|september|sept|october|november|december)";
const DASH: &str = r"[\-\x{2010}\x{2011}\x{2012}\x{2013}\x{2014}]";

fn pat(body: &str) -> String {
    format!("(?i){}", body.replace("MONTH", MONTH).replace("DASH", DASH))
}

static RE_CROSS: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(&pat(
        r"\bMONTH\s+(\d{1,2})\s*DASH\s*MONTH\s+(\d{1,2})\s*,?\s*(\d{4})\b",
    ))
});
static RE_MDY: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(&pat(
        r"\bMONTH\s+(\d{1,2})(?:\s*DASH\s*(\d{1,2}))?(?:st|nd|rd|th)?\s*,?\s*(\d{4})\b",
    ))
});
static RE_DMY: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(&pat(
        r"\b(\d{1,2})(?:\s*DASH\s*(\d{1,2}))?\s+MONTH\s*,?\s*(\d{4})\b",
    ))
});
static RE_GARBLED_MD: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(&pat(
        r"\b(\d{4})\s*g\b\.?\s*(?:on\s+)?MONTH\s+(\d{1,2})\b\.?",
    ))
});
static RE_GARBLED_DM: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(&pat(
        r"\b(\d{4})\s*g\b\.?\s*(?:on\s+)?(\d{1,2})\s+MONTH\b\.?",
    ))
});
static RE_MY: LazyLock<Regex> = LazyLock::new(|| constant_regex(&pat(r"\bMONTH\s*,?\s*(\d{4})\b")));
static RE_YEAR_LINE: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"^(\d{4})(?:\s*g\b\.?)?\.?$"));

/// A date found in a piece of text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateFound {
    /// Byte range of the date inside the searched text.
    pub range: Range<usize>,
    pub date: ParsedDate,
    /// Set when the printed date is impossible (February 30) or reversed.
    pub warning: Option<Warning>,
}

/// Is `w` a month name as the date patterns read them?
pub fn is_month_name(w: &str) -> bool {
    const NAMES: [&str; 13] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "sept",
        "october",
        "november",
        "december",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(w))
}

fn month_no(name: &str) -> i8 {
    let n = name.to_ascii_lowercase();
    match n.as_str() {
        "january" => 1,
        "february" => 2,
        "march" => 3,
        "april" => 4,
        "may" => 5,
        "june" => 6,
        "july" => 7,
        "august" => 8,
        "september" | "sept" => 9,
        "october" => 10,
        "november" => 11,
        _ => 12,
    }
}

/// A day or month number as printed (one or two digits).
fn num(s: Option<regex::Match<'_>>) -> Option<i8> {
    s.and_then(|m| m.as_str().parse().ok())
}

/// Builds a normalised date from parts; an impossible day falls back to the
/// month (still true information) with a warning. `None` only for a year
/// or month the calendar does not have (the patterns print none such).
fn build(
    text: &str,
    line: u32,
    y: i16,
    m1: i8,
    d1: Option<i8>,
    m2: i8,
    d2: Option<i8>,
) -> Option<(ParsedDate, Option<Warning>)> {
    let mk = |from: Day, to: Day, precision| ParsedDate {
        text: text.to_string(),
        from: from.to_string(),
        to: to.to_string(),
        precision,
        line,
    };
    let (first, last) = month_window(y, m1)?;
    let month_only = || mk(first, last, DatePrecision::Month);
    let Some(d1) = d1 else {
        return Some((month_only(), None));
    };
    let (Some(from), Some(to)) = (Day::new(y, m1, d1), Day::new(y, m2, d2.unwrap_or(d1))) else {
        let w = Warning {
            line,
            code: "date_impossible",
            message: format!("the date `{text}` names a day that does not exist"),
            expected: "a real calendar day; the month is kept with month precision".into(),
        };
        return Some((month_only(), Some(w)));
    };
    if to < from {
        let w = Warning {
            line,
            code: "date_range_reversed",
            message: format!("the range `{text}` ends before it starts"),
            expected: "a range whose end is not before its start; the start day is kept".into(),
        };
        return Some((mk(from, from, DatePrecision::Day), Some(w)));
    }
    Some((mk(from, to, DatePrecision::Day), None))
}

/// Every date form holds a four-digit year; most lines hold none, and this
/// byte scan is far cheaper than six Unicode-aware regex searches.
fn has_four_digits(s: &str) -> bool {
    let mut run = 0;
    for b in s.bytes() {
        if b.is_ascii_digit() {
            run += 1;
            if run >= 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// False only when no month name can be in `s`, which every date form
/// needs: no three-letter month stem. The patterns are Unicode
/// case-insensitive, and the only non-ASCII letter that folds to a letter
/// of a month name is `ſ` (to `s`): text holding one goes to the regexes.
fn may_hold_month(s: &str) -> bool {
    const STEMS: [[u8; 3]; 12] = [
        *b"jan", *b"feb", *b"mar", *b"apr", *b"may", *b"jun", *b"jul", *b"aug", *b"sep", *b"oct",
        *b"nov", *b"dec",
    ];
    s.contains('\u{017F}')
        || s.as_bytes().windows(3).any(|w| {
            // `| 0x20` lowercases ASCII letters; it may turn other bytes
            // into letters, which only lets a line through to the regexes.
            let l = [w[0] | 0x20, w[1] | 0x20, w[2] | 0x20];
            STEMS.contains(&l)
        })
}

/// How many recent answers [`find_date`] remembers per thread.
const RECENT_DATES: usize = 4;

thread_local! {
    /// The last texts [`find_date`] searched (with a date form possible)
    /// and what it found, read with line 0. The parser asks about the same
    /// line several times (is it a heading? a date line after a heading?
    /// the document's date line?), and six regex searches with captures
    /// are the dearest thing it does per line.
    static RECENT: std::cell::RefCell<std::collections::VecDeque<(String, Option<DateFound>)>> =
        const { std::cell::RefCell::new(std::collections::VecDeque::new()) };
}

/// Finds the first date in `s` (earliest start, then the longest form).
pub fn find_date(s: &str, line: u32) -> Option<DateFound> {
    if !has_four_digits(s) || !may_hold_month(s) {
        return None;
    }
    let known = RECENT.with(|r| {
        r.borrow()
            .iter()
            .find(|(text, _)| text == s)
            .map(|(_, found)| found.clone())
    });
    let found = match known {
        Some(found) => found,
        None => {
            let found = search_date(s, 0);
            RECENT.with(|r| {
                let mut r = r.borrow_mut();
                if r.len() >= RECENT_DATES {
                    r.pop_front();
                }
                r.push_back((s.to_string(), found.clone()));
            });
            found
        }
    };
    // `line` only ever lands in these two fields (see `build`).
    found.map(|mut f| {
        f.date.line = line;
        if let Some(w) = &mut f.warning {
            w.line = line;
        }
        f
    })
}

/// [`find_date`] without the memory of recent answers.
fn search_date(s: &str, line: u32) -> Option<DateFound> {
    let mut best: Option<DateFound> = None;
    let mut consider = |m0: regex::Match<'_>, built: Option<(ParsedDate, Option<Warning>)>| {
        let Some((date, warning)) = built else {
            return;
        };
        let f = DateFound {
            range: m0.range(),
            date,
            warning,
        };
        let better = match &best {
            None => true,
            Some(b) => {
                f.range.start < b.range.start
                    || (f.range.start == b.range.start && f.range.end > b.range.end)
            }
        };
        if better {
            best = Some(f);
        }
    };
    let year = |m: Option<regex::Match<'_>>| m.and_then(|m| m.as_str().parse::<i16>().ok());
    if let Some(c) = RE_CROSS.captures(s) {
        if let (Some(m0), Some(y)) = (c.get(0), year(c.get(5))) {
            let (m1, m2) = (month_no(&c[1]), month_no(&c[3]));
            let d = build(m0.as_str(), line, y, m1, num(c.get(2)), m2, num(c.get(4)));
            consider(m0, d);
        }
    }
    if let Some(c) = RE_MDY.captures(s) {
        if let (Some(m0), Some(y)) = (c.get(0), year(c.get(4))) {
            let m = month_no(&c[1]);
            let d = build(m0.as_str(), line, y, m, num(c.get(2)), m, num(c.get(3)));
            consider(m0, d);
        }
    }
    if let Some(c) = RE_DMY.captures(s) {
        if let (Some(m0), Some(y)) = (c.get(0), year(c.get(4))) {
            let m = month_no(&c[3]);
            let d = build(m0.as_str(), line, y, m, num(c.get(1)), m, num(c.get(2)));
            consider(m0, d);
        }
    }
    if let Some(c) = RE_GARBLED_MD.captures(s) {
        if let (Some(m0), Some(y)) = (c.get(0), year(c.get(1))) {
            let m = month_no(&c[2]);
            consider(m0, build(m0.as_str(), line, y, m, num(c.get(3)), m, None));
        }
    }
    if let Some(c) = RE_GARBLED_DM.captures(s) {
        if let (Some(m0), Some(y)) = (c.get(0), year(c.get(1))) {
            let m = month_no(&c[3]);
            consider(m0, build(m0.as_str(), line, y, m, num(c.get(2)), m, None));
        }
    }
    if let Some(c) = RE_MY.captures(s) {
        if let (Some(m0), Some(y)) = (c.get(0), year(c.get(2))) {
            let m = month_no(&c[1]);
            consider(m0, build(m0.as_str(), line, y, m, None, m, None));
        }
    }
    best
}

/// Every date in `s`, left to right, not overlapping.
pub fn find_all_dates(s: &str, line: u32) -> Vec<DateFound> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < s.len() {
        let Some(rest) = s.get(at..) else { break };
        let Some(mut f) = find_date(rest, line) else {
            break;
        };
        f.range = f.range.start + at..f.range.end + at;
        // A match is never empty, so this always moves forward.
        at = f.range.end.max(at + 1);
        while at < s.len() && !s.is_char_boundary(at) {
            at += 1;
        }
        out.push(f);
    }
    out
}

/// The signs printed before a document number: `no.`, `nº`, `№`, and `m`
/// (the translation's `№`).
const NUMBER_SIGN: &str = r"no\.?|n\x{00BA}|\x{2116}|m";
/// A document number as printed: `10/501`, `971‐a` (a letter after a dash).
const DOC_NUMBER: &str =
    r"\d+(?:/\d+)?(?:\s*[\-\x{2010}\x{2011}\x{2013}]\s*[a-z\x{0430}-\x{044F}])?";

static RE_DOCNO: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        &[
            r"(?i)(?:^|[\s,.;])(?:",
            NUMBER_SIGN,
            r")\s*(",
            DOC_NUMBER,
            r")\b\.?",
        ]
        .concat(),
    )
});
static RE_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(r"^(\p{Lu}[\p{L}\-\x{2010}]+(?:\s+\p{Lu}[\p{L}\-\x{2010}]+){0,2})\s*,?$")
});

/// A place printed before a date (`Lausanne`, `San Remo`): one to three
/// capitalised words, not a preposition (`On`, `In`) that opens a sentence.
fn place_name(s: &str) -> Option<String> {
    const WORDS: [&str; 13] = [
        "On", "In", "At", "From", "Since", "By", "Until", "Till", "To", "Of", "Before", "After",
        "About",
    ];
    if WORDS.contains(&s) {
        return None;
    }
    RE_PLACE
        .captures(s)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string())
}

/// The place before a date that opens a heading (`Angora, March 1, 1923
/// No. 17/783, telegram from ...`): `before` is all the heading holds before
/// the date, and must be the place and its comma.
pub fn place_before_date(before: &str) -> Option<String> {
    let t = clean(before).strip_suffix(',')?;
    place_name(clean(t))
}

static RE_LEADING_DOCNO: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(&[r"^(?i:", NUMBER_SIGN, r")\s*(", DOC_NUMBER, r")\b\.?"].concat())
});

/// A document number that opens `s` (`no. 10/501`, `No. 971‐a`, `m 12`),
/// as [`parse_date_line`] reads it after a date: the number as printed,
/// without `no.`, and the length of the text it took.
pub fn leading_doc_number(s: &str) -> Option<(String, usize)> {
    let c = RE_LEADING_DOCNO.captures(s)?;
    Some((c.get(1)?.as_str().to_string(), c.get(0)?.end()))
}

// Only `no.` and `№` at a heading's end: a closing `m 12` is too likely a word.
static RE_TRAILING_DOCNO: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(&[r"\s(?i:no\.?|\x{2116})\s*(", DOC_NUMBER, r")$"].concat()));

/// A document number that ends `s` (`... 1923 No. 450`): the number as
/// printed, without `no.`, and where its space before `no.` begins.
pub fn trailing_doc_number(s: &str) -> Option<(String, usize)> {
    let c = RE_TRAILING_DOCNO.captures(s)?;
    Some((c.get(1)?.as_str().to_string(), c.get(0)?.start()))
}

static RE_UNFINISHED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(&pat(
        r"(?:(?P<d>\bMONTH(?:\s+\d{1,2}(?:\s*DASH\s*\d{1,2})?\s*,?)?)|\bno\.|\x{2116})$",
    ))
});
static RE_DATE_REST: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"^\d{1,4}(?:/\d+)?(?:\s*[\-\x{2010}\x{2011}\x{2013}]\s*[a-z\x{0430}-\x{044F}])?\.?(?:\s*\*+)?$",
    )
});

/// Is `next` the rest of a date or document number that `before` leaves
/// unfinished? A heading with a date glued to its end, cut at its last
/// space, puts the year (`January 10,` / `1930`), the day (`1931 g on
/// January` / `15.`) or the number (`July 1, 1921 no.` / `856‐a`) on the
/// next line.
pub fn completes_date(before: &str, next: &str) -> bool {
    let (b, n) = (clean(before), clean(next));
    if n.len() > 24 || !RE_DATE_REST.is_match(n) {
        return false;
    }
    let Some(c) = RE_UNFINISHED_DATE.captures(b) else {
        return false;
    };
    match c.name("d") {
        // A month, perhaps with its day: the joined text must read as a
        // date that runs across the break.
        Some(m) => {
            let joined = format!("{b} {n}");
            find_all_dates(&joined, 0)
                .iter()
                .any(|f| f.range.start <= m.start() && f.range.end > b.len())
        }
        // `no.` and the number.
        None => true,
    }
}

/// What a date line holds besides the date.
#[derive(Debug, Clone, PartialEq)]
pub struct DateLine {
    pub date: ParsedDate,
    pub doc_number: Option<String>,
    pub place: Option<String>,
    pub marks: Marks,
    pub warnings: Vec<Warning>,
}

/// Reads a whole line as a date line (`December 7, 1939 secret`,
/// `Lausanne, January 21, 1923 No. 84`, `Out of line 24 November 1938`).
/// Returns `None` when the line is something else (e.g. a body sentence
/// that happens to contain a date): then it stays body text.
pub fn parse_date_line(raw: &str, line: u32) -> Option<DateLine> {
    let s = clean(raw);
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Some(c) = RE_YEAR_LINE.captures(s) {
        let (first, last) = year_window(c[1].parse().ok()?)?;
        let date = ParsedDate {
            text: s.to_string(),
            from: first.to_string(),
            to: last.to_string(),
            precision: DatePrecision::Year,
            line,
        };
        return Some(DateLine {
            date,
            doc_number: None,
            place: None,
            marks: Marks::default(),
            warnings: Vec::new(),
        });
    }
    let found = find_date(s, line)?;
    let before = &s[..found.range.start];
    let after = &s[found.range.end..];
    let mut warnings: Vec<Warning> = found.warning.into_iter().collect();

    // The number follows the date; cut it out before looking for marks so
    // that `m 12` is not read as anything else.
    let mut doc_number = None;
    let mut after_rest = after.to_string();
    if let Some(c) = RE_DOCNO.captures(after) {
        if let (Some(m0), Some(m1)) = (c.get(0), c.get(1)) {
            doc_number = Some(m1.as_str().to_string());
            after_rest = format!("{} {}", &after[..m0.start()], &after[m0.end()..]);
        }
    }
    let mut place = None;
    let marks_before = find_marks(before);
    let before_left = clean(
        marks_before
            .leftover
            .trim_matches(|c: char| c == ',' || c == '.' || c == ':' || c.is_whitespace()),
    );
    if !before_left.is_empty() {
        place = Some(place_name(before_left)?);
    }
    let marks_after = find_marks(&after_rest);
    let left: String = marks_after
        .leftover
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    if !left.is_empty() {
        // A short line that starts with a date is still a date line; what
        // follows is reported, not thrown away.
        if before_left.is_empty() && s.chars().count() <= 80 {
            warnings.push(Warning {
                line,
                code: "date_line_unrecognized",
                message: format!(
                    "unrecognised text `{}` on the date line `{s}`",
                    clean(&marks_after.leftover)
                ),
                expected: "a date followed only by a document number, classification or priority"
                    .into(),
            });
        } else {
            return None;
        }
    }
    let marks = marks_before.merge(marks_after);
    Some(DateLine {
        date: found.date,
        doc_number,
        place,
        marks,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Classification, Priority};

    fn d(s: &str) -> ParsedDate {
        find_date(s, 1).expect("a date").date
    }

    #[test]
    fn month_first_alone() {
        let x = d("December 27, 1940");
        assert_eq!(
            (x.from.as_str(), x.to.as_str(), x.precision),
            ("1940-12-27", "1940-12-27", DatePrecision::Day)
        );
        assert_eq!(x.text, "December 27, 1940");
    }

    #[test]
    fn day_first_and_lowercase_month() {
        assert_eq!(d("10 July 1940").from, "1940-07-10");
        assert_eq!(d("the reply came on 28 august 1921:").from, "1921-08-28");
    }

    #[test]
    fn hyphen_range() {
        let x = d("August 20\u{2010}26, 1939");
        assert_eq!(
            (x.from.as_str(), x.to.as_str()),
            ("1939-08-20", "1939-08-26")
        );
        let y = d("3-5 March 1936");
        assert_eq!(
            (y.from.as_str(), y.to.as_str()),
            ("1936-03-03", "1936-03-05")
        );
        let z = d("August 30 \u{2013} September 2, 1939");
        assert_eq!(
            (z.from.as_str(), z.to.as_str()),
            ("1939-08-30", "1939-09-02")
        );
    }

    #[test]
    fn month_only_and_year_only() {
        let x = d("June 1937");
        assert_eq!(
            (x.from.as_str(), x.to.as_str(), x.precision),
            ("1937-06-01", "1937-06-30", DatePrecision::Month)
        );
        let y = parse_date_line("1924", 3).expect("year line").date;
        assert_eq!(
            (y.from.as_str(), y.to.as_str(), y.precision),
            ("1924-01-01", "1924-12-31", DatePrecision::Year)
        );
        assert_eq!(d("February 1940").to, "1940-02-29");
    }

    #[test]
    fn month_names() {
        assert!(is_month_name("august") && is_month_name("May") && is_month_name("Sept"));
        assert!(!is_month_name("Mayor") && !is_month_name(""));
    }

    #[test]
    fn garbled_russian_order() {
        let x = d("1937 g on May 14.");
        assert_eq!(x.from, "1937-05-14");
        assert_eq!(x.precision, DatePrecision::Day);
    }

    #[test]
    fn impossible_day_warns_and_keeps_month() {
        let f = find_date("February 30, 1939", 7).expect("found");
        assert_eq!(f.date.precision, DatePrecision::Month);
        assert_eq!(f.date.from, "1939-02-01");
        let w = f.warning.expect("warning");
        assert_eq!((w.code, w.line), ("date_impossible", 7));
    }

    #[test]
    fn date_line_with_classification_and_priority() {
        let l = parse_date_line("May 24, 1939 out of line. Top secret", 1).expect("date line");
        assert_eq!(l.date.from, "1939-05-24");
        assert_eq!(
            l.marks.classification.map(|c| c.0),
            Some(Classification::TopSecret)
        );
        assert_eq!(l.marks.priority.map(|p| p.0), Some(Priority::OutOfTurn));
        let l2 = parse_date_line("December 7, 1939  secret", 1).expect("date line");
        assert_eq!(
            l2.marks.classification.map(|c| c.0),
            Some(Classification::Secret)
        );
        let l3 = parse_date_line("Out of line 24 November 1938", 1).expect("date line");
        assert_eq!(l3.marks.priority.map(|p| p.0), Some(Priority::OutOfTurn));
        assert_eq!(l3.date.from, "1938-11-24");
    }

    #[test]
    fn document_numbers() {
        for (line, no) in [
            ("April 6, 1921 no. 317", "317"),
            ("June 1, 1922 No. 11/568", "11/568"),
            ("May 2, 1923 no. 863\u{2010}a", "863\u{2010}a"),
            ("March 9, 1922 m 12", "12"),
        ] {
            let l = parse_date_line(line, 1).expect(line);
            assert_eq!(l.doc_number.as_deref(), Some(no), "{line}");
            assert!(l.warnings.is_empty(), "{line}: {:?}", l.warnings);
        }
    }

    #[test]
    fn place_before_date() {
        let l = parse_date_line("Lausanne, January 21, 1923 No. 84", 1).expect("date line");
        assert_eq!(l.place.as_deref(), Some("Lausanne"));
        assert_eq!(l.doc_number.as_deref(), Some("84"));
        assert_eq!(l.date.from, "1923-01-21");
    }

    #[test]
    fn preposition_is_not_a_place() {
        assert!(parse_date_line("On May 5, 1939.", 1).is_none());
        assert!(parse_date_line("Ankara, May 5, 1939", 1)
            .is_some_and(|l| l.place.as_deref() == Some("Ankara")));
    }

    #[test]
    fn body_sentence_is_not_a_date_line() {
        assert!(parse_date_line("On May 5, 1939 the ambassador came to see me and we spoke at length about the straits.", 1).is_none());
        assert!(parse_date_line("Eden said it on May 5, 1939", 1).is_none());
    }

    #[test]
    fn short_line_with_junk_warns() {
        let l = parse_date_line("March 3, 1938 wxyz", 4).expect("kept as a date line");
        assert_eq!(l.warnings[0].code, "date_line_unrecognized");
    }

    #[test]
    fn all_dates_in_order() {
        let v = find_all_dates("minister Aras. June 11, 1937 June 11, 1937", 1);
        assert_eq!(v.len(), 2);
        assert!(v[0].range.end <= v[1].range.start);
    }
}

/// The fast paths of `find_date` (month pre-check, memory of recent
/// answers) against the plain search.
#[cfg(test)]
mod fast_path_tests {
    use proptest::prelude::*;

    use super::*;

    const PIECES: &[&str] = &[
        "December",
        "december",
        "DECEMBER",
        "Decem",
        "May",
        "MAY",
        "may",
        "Sept",
        "September",
        "Augu\u{17F}t",
        "June",
        "Jun",
        "1940",
        "1939",
        "27",
        "5",
        "31",
        "30",
        "g",
        "g.",
        "on",
        ",",
        " ",
        "  ",
        "\u{a0}",
        "\u{2010}",
        "-",
        "\u{2013}",
        "th",
        "no.",
        "x",
        "ab",
        "19",
        "1",
    ];

    proptest! {
        #[test]
        fn find_date_fast_paths_agree_with_the_plain_search(
            texts in proptest::collection::vec(
                proptest::collection::vec(0usize..1000, 0..9), 1..6),
            order in proptest::collection::vec((0usize..100, 0u32..50), 1..20),
        ) {
            let texts: Vec<String> = texts
                .iter()
                .map(|p| p.iter().map(|&i| PIECES[i % PIECES.len()]).collect())
                .collect();
            for s in &texts {
                if has_four_digits(s) && !may_hold_month(s) {
                    for re in [&RE_CROSS, &RE_MDY, &RE_DMY, &RE_GARBLED_MD, &RE_GARBLED_DM, &RE_MY] {
                        prop_assert!(!re.is_match(s), "pre-check refused {:?}", s);
                    }
                }
            }
            // The same texts asked again in any order and with other line
            // numbers: remembered answers must be the fresh ones.
            for (i, line) in order {
                let s = &texts[i % texts.len()];
                prop_assert_eq!(find_date(s, line), search_date(s, line), "{:?}", s);
            }
        }
    }

    #[test]
    fn remembered_dates_carry_the_asked_line() {
        let a = find_date("February 30, 1939", 3).expect("found");
        let b = find_date("February 30, 1939", 9).expect("found again");
        assert_eq!((a.date.line, b.date.line), (3, 9));
        assert_eq!(b.warning.map(|w| w.line), Some(9));
        assert_eq!(a.date.from, b.date.from);
    }
}
