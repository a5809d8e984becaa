//! Headings: which line starts a document, its kind and extract flag, the
//! date a heading may carry, and the roles its grammar names
//! (`<kind> of <author> to <recipient>`, `talk of A with B`,
//! `between A and B`), plus the "Sent to" distribution line.

use std::sync::LazyLock;

use regex::Regex;

use super::classification::{parse_marks_line, Marks};
use super::date::{find_all_dates, find_date};
use super::text::{clean, constant_regex, strip_trailing_markers};
use super::{DocumentKind, ParsedDate, Party, Role, Warning};

const KIND_WORDS: &str = r"telegram|cipher\s+telegram|recording|record|letter|conversation|note|talk|talks|diary|treaty|report|statement|memorandum";

static RE_EXTRACT: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"^(?i:from)(?:\s*[:;]\s*|\s+)"));
static RE_KIND_START: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(&format!(
        r"^(?i:(?:a|the)\s+)?(?P<k>(?i:{KIND_WORDS}))(?i:s)?\b(?P<rest>.*)$"
    ))
});
static RE_REST_OK: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"^(?i:\s*$|\s+(?:of|from|the|between|with|to|by|on|in|about|concerning|addressed|sent|no\.?|between|held|at|and)\b)",
    )
});
static RE_BARE: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"^(?:(?:\p{L}{1,3}\.\s*){1,3})\p{Lu}[\p{L}\x{02B9}'\x{2019}\-\x{2010}]+\s+to\s+\S",
    )
});
// A bare heading whose author is printed without initials first (`Alkend
// to the people's commissariat ...`, `Werner von Tippelskirch to the NKID`,
// `Nuri al-Said to ...`, `Joseph E. Davies to ...`, `Friedrich-Werner von
// der Schulenburg to ...`): a capitalised name of up to five words (one or
// two particles such as `von der` or `al-` lower case, middle initials),
// then `to` and an institution, so that a body sentence such as `Germany to
// the east of ...` does not start a document.
static RE_BARE_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"^\p{Lu}[\p{L}\x{02B9}'\x{2019}\-\x{2010}]*(?:\s+(?:(?:von|van|der|den|de|di|da|du|la|le|el|al|ibn|bin|of|y)\s+){0,2}(?:(?:al|el)[\-\x{2010}])?(?:\p{Lu}\.|\p{Lu}[\p{L}\x{02B9}'\x{2019}\-\x{2010}]*)){0,4}\s+to\s+(?i:the\s+)?(?i:people[\x{02B9}'\x{2019}]?s\s+commissariat|nkid|narkomindel|general\s+secretariat|central\s+committee|politburo)\b[^.]*$",
    )
});
static RE_SENT: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"^(?i)(?:sent\s+(?:out\s+)?to|sent\s*:|copies?\s+(?:sent\s+)?to|distribution\s*:)\s*:?\s*",
    )
});

/// A heading with no kind word: `K. K. Yurenev to the NKID` or
/// `Alkend to the people's commissariat of foreign affairs of the USSR`.
fn is_bare(t: &str) -> bool {
    RE_BARE.is_match(t) || RE_BARE_NAMED.is_match(strip_trailing_markers(t))
}

/// A date that opens a heading, as [`leading_date`] reads it.
struct LeadingDate {
    found: super::date::DateFound,
    /// Priority or classification marks before the date.
    marks: Option<Marks>,
    /// A place before the date (`Angora, March 1, 1923 ...`).
    place: Option<String>,
    /// A document number after the date (`... 1923 No. 17/783, telegram ...`).
    doc_number: Option<String>,
    /// Where the rest of the heading begins.
    rest: usize,
}

/// A date that opens a heading, perhaps after priority or classification
/// marks (`Out of line 9 July 1930, telegram from ...`) or a place, perhaps
/// followed by a document number: the heading is a date line of the
/// 1921-23 kind (`Angora, March 1, 1923 No. 17/783`) with the kind words
/// glued on (`, telegram from ...`).
fn leading_date(t: &str, line: u32) -> Option<LeadingDate> {
    let found = find_date(t, line)?;
    let (mut marks, mut place) = (None, None);
    if found.range.start > 0 {
        let before = t.get(..found.range.start)?;
        match parse_marks_line(before) {
            Some(m) => marks = Some(m),
            None => place = Some(super::date::place_before_date(before)?),
        }
    }
    let skip = |at: usize| -> usize {
        let rest = t.get(at..).unwrap_or_default();
        at + rest.len()
            - rest
                .trim_start_matches(|c: char| c == ',' || c == '.' || c.is_whitespace())
                .len()
    };
    let after = t.get(found.range.end..)?;
    let mut end = found.range.end;
    let mut doc_number = None;
    let spaces = after.len() - after.trim_start_matches(super::text::is_space).len();
    if let Some((number, len)) = super::date::leading_doc_number(&after[spaces..]) {
        doc_number = Some(number);
        end += spaces + len;
    }
    Some(LeadingDate {
        found,
        marks,
        place,
        doc_number,
        rest: skip(end),
    })
}

/// The kind words of `KIND_WORDS` up to their common stems, lowercase.
const KIND_STEMS: [&[u8]; 12] = [
    b"telegram",
    b"cipher",
    b"record",
    b"letter",
    b"conversation",
    b"note",
    b"talk",
    b"diary",
    b"treaty",
    b"report",
    b"statement",
    b"memorandum",
];

/// False only when `re_kind_start` cannot match `s`: neither `s` nor `s`
/// after a leading `a`/`the` and spaces starts with a kind word. This runs
/// on every line of every page, where the regex's captures cost far more.
/// It reasons on ASCII only: non-ASCII text where it matters (`ſ` and the
/// Kelvin sign fold to `s` and `k`; Unicode spaces) answers true and leaves
/// the question to the regex.
fn may_start_with_kind(s: &str) -> bool {
    let b = s.as_bytes();
    let kind_at = |i: usize| -> bool {
        let rest = b.get(i..).unwrap_or_default();
        rest.iter().take(12).any(|&c| c >= 0x80)
            || KIND_STEMS.iter().any(|k| {
                rest.get(..k.len())
                    .is_some_and(|r| r.eq_ignore_ascii_case(k))
            })
    };
    if kind_at(0) {
        return true;
    }
    for article in [&b"the"[..], b"a"] {
        if !b
            .get(..article.len())
            .is_some_and(|r| r.eq_ignore_ascii_case(article))
        {
            continue;
        }
        let mut i = article.len();
        while b
            .get(i)
            .is_some_and(|&c| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        {
            i += 1;
        }
        if b.get(i).is_some_and(|&c| c >= 0x80) || (i > article.len() && kind_at(i)) {
            return true;
        }
    }
    false
}

// `re_kind_start` without its trailing `(?P<rest>.*)$`, which matches
// whatever follows on a line without `\n`: the end of this match is where
// that group would start, found without the cost of captures.
static RE_KIND_HEAD: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(&format!(r"^(?i:(?:a|the)\s+)?(?i:{KIND_WORDS})(?i:s)?\b")));

/// How the heading line is recognised.
fn kind_start(s: &str, require_capital: bool) -> bool {
    if !may_start_with_kind(s) {
        return false;
    }
    if !s.contains('\n') {
        let Some(m) = RE_KIND_HEAD.find(s) else {
            return false;
        };
        if require_capital && !s.starts_with(|ch: char| ch.is_uppercase()) {
            return false;
        }
        return RE_REST_OK.is_match(&s[m.end()..]);
    }
    let Some(c) = RE_KIND_START.captures(s) else {
        return false;
    };
    let (Some(k), Some(rest)) = (c.name("k"), c.name("rest")) else {
        return false;
    };
    if require_capital && !s.starts_with(|ch: char| ch.is_uppercase()) {
        return false;
    }
    let _ = k;
    RE_REST_OK.is_match(rest.as_str())
}

/// A cheap look before the date search: `Angora, March 1, ...` (one to
/// three words, a comma, then a digit or a month name). It runs on most
/// body lines (`However, the minister ...`), so it reads bytes; anything
/// non-ASCII where it matters goes on to the date search.
fn may_be_place_then_date(t: &str) -> bool {
    if !t.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let b = t.as_bytes();
    // Up to the comma: at most three words, each capitalised, so that a
    // sentence (`The minister said, ...`) is refused at its second word.
    let mut comma = None;
    let mut words = 1;
    for (i, &c) in b.iter().enumerate().take(48) {
        match c {
            b',' => {
                comma = Some(i);
                break;
            }
            b' ' => match b.get(i + 1) {
                Some(b' ') => {}
                Some(&n) if n.is_ascii_uppercase() || n >= 0x80 => {
                    words += 1;
                    if words > 3 {
                        return false;
                    }
                }
                _ => return false,
            },
            _ => {}
        }
    }
    let Some(comma) = comma else {
        return false;
    };
    let rest = &b[comma + 1..];
    let Some(at) = rest.iter().position(|&c| c != b' ') else {
        return false;
    };
    match rest[at] {
        c if c.is_ascii_digit() || c >= 0x80 => true,
        c if b"JFMASONDjfmasond".contains(&c) => {
            let word = &rest[at..];
            let len = word
                .iter()
                .position(|c| !c.is_ascii_alphabetic())
                .unwrap_or(word.len());
            // ASCII letters only, so a char boundary.
            std::str::from_utf8(&word[..len]).is_ok_and(super::date::is_month_name)
        }
        _ => false,
    }
}

/// Does this line start a new document?
pub fn is_heading_start(line: &str) -> bool {
    let t = clean(line);
    // A line of at most 400 bytes has at most 400 characters: counting
    // them is only needed for the long lines of a body.
    if t.is_empty() || t.len() > 1200 || (t.len() > 400 && t.chars().count() > 400) {
        return false;
    }
    if let Some(m) = RE_EXTRACT.find(t) {
        return kind_start(&t[m.end()..], false);
    }
    if kind_start(t, true) {
        return true;
    }
    // Date-first heading: `March 3, 1938, telegram from the ...`. The cheap
    // test on the first word spares the date search on every body line.
    let first_word = t.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let may_be_date = first_word.starts_with(|c: char| c.is_ascii_digit())
        || super::date::is_month_name(first_word);
    let may_be_marks = || {
        let w = first_word.to_ascii_lowercase();
        matches!(
            w.as_str(),
            "out" | "urgent" | "very" | "immediately" | "highly" | "top" | "secret" | "soviet"
        )
    };
    if !may_be_date && !may_be_marks() && !may_be_place_then_date(t) {
        return is_bare(t);
    }
    if let Some(d) = leading_date(t, 0) {
        // A body sentence may open with a place and a date too (`Berlin,
        // May 5, 1939, telegram from the embassy reported ...`); a heading
        // has no full stop at its end.
        let sentence = d.place.is_some() && strip_trailing_markers(t).ends_with('.');
        if !sentence && kind_start(&t[d.rest..], false) {
            return true;
        }
    }
    is_bare(t)
}

static RE_CONNECTIVE_END: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"(?i)\b(?:of|the|to|in|with|and|from|between|for|on|by|representative|commissar|commissioner|minister|ambassador|envoy|affaires|attorney|secretary|general|deputy)\s*$",
    )
});
// The rest of a name cut at its last space (`... to Ahmad Shah` / `Qajar`):
// one to three capitalised words and nothing else, perhaps a footnote mark.
static RE_NAME_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"^\p{Lu}[\p{L}\x{02B9}'\x{2019}\-\x{2010}.]*(?:\s+\p{Lu}[\p{L}\x{02B9}'\x{2019}\-\x{2010}.]*){0,2}(?:\s*\*+)?$",
    )
});
static RE_CONNECTIVE_START: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"^(?:(?i:to|with|and|in|of|between|from)\b|\p{Ll}|(?:\p{L}{1,3}\.\s*){1,3}\p{Lu})",
    )
});

/// Is `next` the continuation of a heading that so far reads `so_far`?
/// Headings split over two or three lines put the name on the next line.
pub fn is_heading_continuation(so_far: &str, next: &str) -> bool {
    let t = clean(next);
    if t.is_empty() || (t.len() > 160 && t.chars().count() > 160) {
        return false;
    }
    // The year, day or number of a date glued to the heading's end, which
    // alone would read as a year-only date line or a sentence's end.
    if super::date::completes_date(so_far, t) {
        return true;
    }
    if t.ends_with('.') && !t.ends_with(". .") {
        // A body sentence, not a name; initials end in `.` but are followed by a surname.
        return false;
    }
    // The date line, the most common line after a heading, is refused
    // first, by the (remembered) date search alone when the line opens
    // with its date: no heading's rest starts with a whole date.
    if find_date(t, 0).is_some_and(|f| f.range.start == 0)
        || super::date::parse_date_line(t, 0).is_some()
        || RE_SENT.is_match(t)
        || super::classification::parse_marks_line(t).is_some()
        || super::text::is_elision(t)
    {
        return false;
    }
    // A name line after an unfinished heading looks like a bare heading
    // (`A. V. Terentyev to the NKID`); it continues the heading when the
    // heading so far names no recipient.
    if is_heading_start(t)
        && !(RE_BARE.is_match(t) && !RE_TO.is_match(so_far) && !RE_WITH.is_match(so_far))
    {
        return false;
    }
    RE_CONNECTIVE_END.is_match(clean(so_far))
        || RE_CONNECTIVE_START.is_match(t)
        || (RE_NAME_TAIL.is_match(t) && !ends_with_date(so_far))
}

/// Does the heading so far end in a date (`... to the NKID. June 11,
/// 1937`)? Then it is complete. A date that opens it (`13 October 1930,
/// telegram from ... Rauf` / `Orbay`) leaves the name still to come.
fn ends_with_date(so_far: &str) -> bool {
    let t = strip_trailing_markers(so_far)
        .trim_end_matches(|c: char| c == '.' || c == ',' || super::text::is_space(c));
    find_all_dates(t, 0)
        .last()
        .is_some_and(|f| f.range.end == t.len())
}

/// Everything the heading says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeadingInfo {
    pub heading: String,
    pub kind: DocumentKind,
    pub is_extract: bool,
    /// A date printed in the heading (first, glued at the end, or inside).
    pub date: Option<ParsedDate>,
    pub parties: Vec<Party>,
    pub warnings: Vec<Warning>,
    /// Priority or classification printed before a leading date.
    pub marks: Option<Marks>,
    /// Document number printed after a leading date (`no. 10/501`).
    pub doc_number: Option<String>,
    /// Place printed before a leading date (`Angora`).
    pub place: Option<String>,
}

static RE_KIND_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"^(?i)(?:(?:a|the)\s+)?(?:(?P<rec>(?:recording|record|records)\s+(?:of\s+)?(?:(?:the|a)\s+)?(?:conversations?|talks?|meeting))|(?P<conv>conversations?|talks?)|(?P<tel>(?:cipher\s+)?telegrams?)|(?P<let>letters?)|(?P<note>note|memorandum)|(?P<diary>(?:the\s+)?diary)|(?P<treaty>treaty)|(?P<rep>report)|(?P<stat>statement))\b",
    )
});

fn kind_of(c: &regex::Captures<'_>) -> DocumentKind {
    if c.name("rec").is_some() || c.name("conv").is_some() {
        DocumentKind::Conversation
    } else if c.name("tel").is_some() {
        DocumentKind::Telegram
    } else if c.name("let").is_some() {
        DocumentKind::Letter
    } else if c.name("note").is_some() {
        DocumentKind::Note
    } else if c.name("diary").is_some() {
        DocumentKind::Diary
    } else if c.name("treaty").is_some() {
        DocumentKind::Treaty
    } else if c.name("rep").is_some() {
        DocumentKind::Report
    } else {
        DocumentKind::Statement
    }
}

/// Longest heading worth reading for roles and dates.
const MAX_HEADING_BYTES: usize = 2000;

/// Parses a heading already joined into one line.
pub fn parse_heading(joined: &str, line: u32) -> HeadingInfo {
    let (mut info, body) = heading_front(joined, line);
    if let Some(body) = body {
        read_kind_and_roles(&mut info, &body, line);
    }
    info
}

/// The date a heading carries, as [`parse_heading`] reads it, without
/// reading the kind and the roles (the costly part), for the question
/// "does this heading-like line carry a date?".
pub fn heading_date(joined: &str) -> Option<ParsedDate> {
    heading_front(joined, 0).0.date
}

/// The first half of [`parse_heading`]: the heading text, extract flag and
/// date, and what is left of the heading for the kind and roles (`None`
/// when the heading is too long to read).
fn heading_front(joined: &str, line: u32) -> (HeadingInfo, Option<String>) {
    // Runs of spaces (and no-break spaces) read as one, as a browser shows them,
    // so the text and HTML forms of a page give the same heading.
    let heading = strip_trailing_markers(joined)
        .split(super::text::is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut info = HeadingInfo {
        heading: heading.clone(),
        ..HeadingInfo::default()
    };
    if heading.len() > MAX_HEADING_BYTES {
        // Not a heading anyone wrote; reading roles and dates from it would
        // only cost time. It stays in the document's raw text.
        info.warnings.push(Warning {
            line,
            code: "heading_too_long",
            message: format!(
                "the first line of this document is {} bytes long",
                heading.len()
            ),
            expected: format!("a heading of at most {MAX_HEADING_BYTES} bytes"),
        });
        return (info, None);
    }
    let mut t: &str = heading.as_str();

    if let Some(m) = RE_EXTRACT.find(t) {
        let after = &t[m.end()..];
        if RE_KIND_START.is_match(after) {
            info.is_extract = true;
            t = after;
        }
    }
    // Date first, perhaps after priority marks.
    if let Some(d) = leading_date(t, line) {
        info.warnings.extend(d.found.warning.clone());
        info.date = Some(d.found.date.clone());
        info.marks = d.marks;
        info.doc_number = d.doc_number;
        info.place = d.place;
        t = &t[d.rest..];
    }
    // Dates glued to the end (sometimes twice): `... minister Aras. June 11, 1937`,
    // perhaps with a document number after them and priority marks or a
    // place before them (`... Smetanin. Out of line 16 April 1932`).
    let mut body = t.to_string();
    for _ in 0..3 {
        let mut trimmed = trim_heading_end(&body).to_string();
        let mut number = None;
        if let Some((n, at)) = super::date::trailing_doc_number(&trimmed) {
            number = Some(n);
            trimmed = trim_heading_end(&trimmed[..at]).to_string();
        }
        let all = find_all_dates(&trimmed, line);
        match all.last() {
            Some(f) if f.range.end == trimmed.len() && f.range.start > 0 => {
                if info.date.is_none() {
                    info.warnings.extend(f.warning.clone());
                    info.date = Some(f.date.clone());
                }
                if info.doc_number.is_none() {
                    info.doc_number = number;
                }
                body = trimmed[..f.range.start].to_string();
                cut_marks_or_place_before_date(&mut info, &mut body);
            }
            _ => break,
        }
    }
    let body = body
        .trim_end_matches(|c: char| c == ',' || super::text::is_space(c))
        .to_string();
    if info.date.is_none() {
        if let Some(f) = find_date(&body, line) {
            info.warnings.extend(f.warning.clone());
            info.date = Some(f.date);
        }
    }
    (info, Some(body))
}

fn trim_heading_end(s: &str) -> &str {
    s.trim_end_matches(|c: char| c == '.' || c == ',' || c == '*' || super::text::is_space(c))
}

/// `body` is a heading whose glued date was just cut off. The sentence
/// before that date may be priority marks or a place (`... Smetanin. Out
/// of line` / `... Smirnov. Angora,`), which belong to the document, not
/// to the last party: they are cut off too.
fn cut_marks_or_place_before_date(info: &mut HeadingInfo, body: &mut String) {
    let Some(dot) = body.trim_end().rfind(". ") else {
        return;
    };
    let segment = &body[dot + 2..];
    if let Some(marks) = parse_marks_line(segment) {
        if info.marks.is_none() {
            info.marks = Some(marks);
        }
    } else if let Some(place) = super::date::place_before_date(segment) {
        if info.place.is_none() {
            info.place = Some(place);
        }
    } else {
        return;
    }
    body.truncate(dot + 1);
}

/// The second half of [`parse_heading`]: kind and roles from `body`.
fn read_kind_and_roles(info: &mut HeadingInfo, body: &str, line: u32) {
    let rest: &str;
    if let Some(c) = RE_KIND_PHRASE.captures(body) {
        info.kind = kind_of(&c);
        let end = c.get(0).map(|m| m.end()).unwrap_or(0);
        rest = &body[end..];
    } else {
        info.kind = DocumentKind::Other;
        rest = body;
        if !is_bare(body) {
            info.warnings.push(Warning {
                line,
                code: "heading_unrecognized",
                message: format!("heading `{}` has no known kind word", info.heading),
                expected: "Telegram / Record(ing) of the conversation / Letter / Note / Talk / From the diary / Treaty / Report / Statement ...".into(),
            });
        }
    }
    info.parties = roles(rest, info.kind, line);
    if info.parties.is_empty() && !clean(rest).is_empty() {
        info.warnings.push(Warning {
            line,
            code: "heading_roles_unparsed",
            message: format!("no author or recipient read from `{}`", clean(rest)),
            expected: "`of <author> to <recipient>`, `of A with B` or `between A and B`".into(),
        });
    }
}

static RE_LEAD_PREP: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"^(?i)\s*(?:of|from|by)\s+"));
static RE_BETWEEN: LazyLock<Regex> = LazyLock::new(|| constant_regex(r"(?i)(?:^|\s)between\s+"));
static RE_WITH: LazyLock<Regex> = LazyLock::new(|| constant_regex(r"(?i)\s+with\s+"));
static RE_AND: LazyLock<Regex> = LazyLock::new(|| constant_regex(r"(?i)\s+and\s+"));
static RE_TO: LazyLock<Regex> = LazyLock::new(|| constant_regex(r"(?i)\s+(?:addressed\s+)?to\s+"));
static RE_IN_INSTITUTION: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"(?i)\s+in\s+(?:the\s+)?(?:NKID|narkomindel|people[\x{02B9}'\x{2019}]?s\s+commissariat|general\s+secretariat|central\s+committee|politburo|sovnarkom|council\s+of\s+people)",
    )
});

/// Reads the roles from what follows the kind words.
fn roles(rest: &str, kind: DocumentKind, line: u32) -> Vec<Party> {
    let mut out = Vec::new();
    let r = clean(rest);
    if r.is_empty() {
        return out;
    }
    if let Some(m) = RE_BETWEEN.find(r) {
        // `between A and B`, also after other words (`Treaty of friendship between ...`).
        let inner = &r[m.end()..];
        if let Some(a) = RE_AND.find(inner) {
            push_party(&mut out, &inner[..a.start()], Role::Participant, line);
            push_party(&mut out, &inner[a.end()..], Role::Participant, line);
        } else {
            push_party(&mut out, inner, Role::Participant, line);
        }
        return out;
    }
    let r = match RE_LEAD_PREP.find(r) {
        Some(m) => &r[m.end()..],
        None => r,
    };
    let r = r.trim_start_matches(|c: char| c == ':' || c == ',' || c.is_whitespace());
    if kind == DocumentKind::Diary {
        // `From the diary of V. M. Molotov. Reception of ... with B`: the
        // diary's keeper is the author; a `with` later names the participant.
        let (author, tail) = split_first_sentence(r);
        push_party(&mut out, author, Role::Author, line);
        if let Some(w) = RE_WITH.find(tail) {
            push_party(&mut out, &tail[w.end()..], Role::Participant, line);
        }
        return out;
    }
    if kind == DocumentKind::Conversation {
        if let Some(w) = RE_WITH.find(r) {
            push_party(&mut out, &r[..w.start()], Role::Author, line);
            push_party(&mut out, &r[w.end()..], Role::Participant, line);
            return out;
        }
    }
    let split = RE_TO.find(r).map(|m| (m.start(), m.end())).or_else(|| {
        RE_IN_INSTITUTION
            .find(r)
            .map(|m| (m.start(), m.start() + leading_in_len(&r[m.start()..])))
    });
    match split {
        Some((a, b)) => {
            push_party(&mut out, &r[..a], Role::Author, line);
            push_party(&mut out, &r[b..], Role::Recipient, line);
        }
        None => push_party(&mut out, r, Role::Author, line),
    }
    out
}

/// Length of the ` in ` that precedes an institution (`in the NKID` = to the NKID).
fn leading_in_len(s: &str) -> usize {
    let lower = s.to_ascii_lowercase();
    lower.find(" in ").map(|i| i + 4).unwrap_or(0)
}

/// Splits `V. M. Molotov. Reception of ...` after the surname, not after an initial.
fn split_first_sentence(s: &str) -> (&str, &str) {
    let mut word_len = 0usize;
    for (i, c) in s.char_indices() {
        if c == '.' && word_len >= 3 {
            return (&s[..i], &s[i + 1..]);
        }
        if c.is_alphabetic() {
            word_len += 1;
        } else {
            word_len = 0;
        }
    }
    (s, "")
}

static RE_NAME_END: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"(?:^|\s)(?P<n>(?:(?:\p{L}{1,3}\.\s*){1,3}|(?i:comrades?|c\.)\s+)\p{Lu}[\p{L}\x{02B9}'\x{2019}\-\x{2010}]+(?:\s+(?:n\.|von|fon|de|van)\s*\p{Lu}[\p{L}]+)?)$",
    )
});
static RE_WHOLE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(r"^(?:(?:\p{L}{1,3}\.\s*){0,3})\p{Lu}[\p{L}\x{02B9}'\x{2019}\-\x{2010}]+$")
});
// A phrase that is a person's name and nothing else, in the two shapes the
// patterns above cut short: a given name before middle initials (`Joseph E.
// Davies`, not `E. Davies` with the position `Joseph`) and a surname after
// particles (`Friedrich-Werner von der Schulenburg`).
static RE_FULL_NAME: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"^\p{Lu}[\p{L}\x{02B9}'\x{2019}\-\x{2010}]+(?:(?:\s+\p{Lu}\.){1,2}|(?:\s+\p{Lu}[\p{L}\x{02B9}'\x{2019}\-\x{2010}]+)?(?:\s+(?:von|van|der|den|de|fon|zu|di|du|la|le)){1,3})\s+\p{Lu}[\p{L}\x{02B9}'\x{2019}\-\x{2010}]+$",
    )
});
static RE_CAP_WORD: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"^\p{Lu}[\p{Ll}\x{02B9}'\x{2019}\-\x{2010}]+$"));
// In headings only the word is stripped: `T. R. Aras` starts with an initial.
static RE_COMRADE: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"^(?:(?i:comrades?)|tt\.)\s+"));
// In "Sent to" lists `c.` (and `tt.`) abbreviate "comrade(s)".
static RE_COMRADE_LIST: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"^(?:(?i:comrades?)\s+|c\.\s*|tt\.\s*)"));
static RE_INSTITUTION: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"(?i)\b(?:NKID|narkomindel|commissariat|secretariat|committee|politburo|sovnarkom|government|ministry|embassy|legation|representation|mission|council|NKVD|department|presidium|bureau)\b",
    )
});
static RE_POSITION_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"(?i)\b(?:minister|ambassador|envoy|representative|commissar|commissioner|consul|secretary|attorney|affaires|president|premier|chairman|king|shah|emir|counsellor|adviser|advisor|chief|head|deputy|plenipotentiary|agent|leader|marshal|general)\s*$",
    )
});

/// Place and country words that end positions (`the ambassador of Turkey`)
/// and are therefore not a surname.
const PLACES: &[&str] = &[
    "ussr",
    "rsfsr",
    "turkey",
    "britain",
    "england",
    "germany",
    "france",
    "iran",
    "persia",
    "afghanistan",
    "japan",
    "china",
    "italy",
    "poland",
    "romania",
    "rumania",
    "bulgaria",
    "yugoslavia",
    "greece",
    "india",
    "latvia",
    "estonia",
    "lithuania",
    "finland",
    "sweden",
    "norway",
    "czechoslovakia",
    "hungary",
    "balkans",
    "moscow",
    "berlin",
    "london",
    "ankara",
    "angora",
    "kabul",
    "tehran",
    "teheran",
    "paris",
    "rome",
    "tokyo",
    "america",
    "usa",
    "states",
    "switzerland",
    "geneva",
    "egypt",
    "iraq",
    "syria",
    "spain",
    "austria",
    "denmark",
    "holland",
    "netherlands",
    "belgium",
    "mongolia",
    "manchuria",
    "lausanne",
    "istanbul",
    "constantinople",
    "union",
];

/// Start of a name without initials at the end of a phrase: one to three
/// capitalised words (`Aras`, `Mahmud Tarzi`) that are not places or
/// institutions, after a position noun (`minister Aras`), a place
/// (`of Turkey Atatürk`, `in Moscow Schulenburg`) or nothing at all.
fn trailing_surname_start(text: &str) -> Option<usize> {
    let is_cap_word = |w: &str| RE_CAP_WORD.is_match(w);
    let is_place = |w: &str| PLACES.contains(&w.to_lowercase().as_str());
    let mut start: Option<usize> = None;
    let mut words = 0;
    let mut rest = text.trim_end();
    while words < 3 {
        let (head, word) = match rest.rfind(char::is_whitespace) {
            Some(i) => (&rest[..i], &rest[i..]),
            None => ("", rest),
        };
        let word = word.trim();
        if word.is_empty() || !is_cap_word(word) || is_place(word) || RE_INSTITUTION.is_match(word)
        {
            break;
        }
        start = Some(rest.len() - word.len());
        words += 1;
        rest = head.trim_end();
        if rest.is_empty() {
            break;
        }
    }
    let start = start?;
    let before = clean(&text[..start]);
    let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let after_position = before.is_empty()
        || RE_POSITION_NOUN.is_match(before)
        || before.ends_with('.')
        || is_place(last_word);
    after_position.then_some(start)
}

/// Turns a role phrase into a party: the name is the trailing initials and
/// surname (or a surname after a position noun); the rest is the position;
/// an institution with no person is the name.
pub fn party_from_phrase(raw: &str, role: Role, line: u32) -> Option<Party> {
    let text = clean(strip_trailing_markers(raw).trim_end_matches([',', ';', ':']));
    // A sentence stop after a surname (`minister Aras.`), not after an initial.
    let text = match text.strip_suffix('.') {
        Some(t) if t.chars().rev().take(2).all(|c| c.is_lowercase()) => t,
        _ => text,
    };
    if text.is_empty() {
        return None;
    }
    let mut name: Option<String> = None;
    let mut position_part = text;
    let given_name = |text: &str| {
        let first_word = text.split(char::is_whitespace).next().unwrap_or("");
        !RE_POSITION_NOUN.is_match(first_word)
            && !PLACES.contains(&first_word.to_lowercase().as_str())
            && !RE_COMRADE.is_match(text)
    };
    if RE_FULL_NAME.is_match(text) && given_name(text) {
        name = Some(text.to_string());
        position_part = "";
    } else if let Some(c) = RE_NAME_END.captures(text) {
        if let Some(n) = c.name("n") {
            name = Some(RE_COMRADE.replace(n.as_str(), "").trim().to_string());
            position_part = &text[..n.start()];
        }
    } else if let Some(start) = trailing_surname_start(text) {
        name = Some(text[start..].to_string());
        position_part = &text[..start];
    }
    let position_part = clean(position_part).trim_end_matches([',', '.']).trim();
    let position_part = strip_article(position_part);
    let mut position = if position_part.is_empty() {
        None
    } else {
        Some(position_part.to_string())
    };
    if name.is_none() && RE_INSTITUTION.is_match(text) && !RE_POSITION_NOUN.is_match(text) {
        // An institution (`the NKID of the USSR`) is the party itself.
        name = Some(strip_article(&RE_COMRADE.replace(text, "")).to_string());
        position = None;
    }
    Some(Party {
        role,
        text: text.to_string(),
        position,
        name,
        line,
    })
}

fn strip_article(s: &str) -> &str {
    let t = s.trim();
    for a in ["the ", "The "] {
        if let Some(r) = t.strip_prefix(a) {
            return r.trim_start();
        }
    }
    t
}

static RE_TOPIC: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(r"(?i)\s+(?:on|about|concerning|regarding)\s+(?:the\s+)?\p{Ll}")
});

fn push_party(out: &mut Vec<Party>, phrase: &str, role: Role, line: u32) {
    // `the Soviet press on the conference`: the topic is not part of the party.
    let phrase = match RE_TOPIC.find(phrase) {
        Some(m) => &phrase[..m.start()],
        None => phrase,
    };
    // `to comrades Stalin and Molotov`: two people, when both sides are names.
    if let Some(a) = RE_AND.find(phrase) {
        let (x, y) = (&phrase[..a.start()], &phrase[a.end()..]);
        let named = |s: &str| {
            let t = clean(s);
            let t = RE_COMRADE.replace(t, "");
            RE_WHOLE_NAME.is_match(&t)
        };
        if named(x) && named(y) {
            for part in [x, y] {
                if let Some(p) = party_from_phrase(part, role, line) {
                    out.push(p);
                }
            }
            return;
        }
    }
    if let Some(p) = party_from_phrase(phrase, role, line) {
        out.push(p);
    }
}

/// A "Sent to" line: each comma-separated item is a copy recipient.
/// `comrade`/`c.` are taken off the name but kept in the text.
pub fn parse_distribution(line_text: &str, line: u32) -> Option<Vec<Party>> {
    let t = clean(line_text);
    if t.len() > 600 {
        return None;
    }
    let m = RE_SENT.find(t)?;
    let list = t[m.end()..].trim_end_matches('.');
    let mut out = Vec::new();
    for item in list
        .split([',', ';'])
        .flat_map(|p| RE_AND.split(p).collect::<Vec<_>>())
    {
        let item = clean(item);
        if item.is_empty() {
            continue;
        }
        let bare = clean(&RE_COMRADE_LIST.replace(item, "")).to_string();
        let is_institution =
            RE_INSTITUTION.is_match(&bare) || bare.chars().next().is_some_and(|c| c.is_lowercase());
        let name = if is_institution {
            strip_article(&bare).to_string()
        } else {
            bare
        };
        out.push(Party {
            role: Role::CopyRecipient,
            text: item.to_string(),
            position: None,
            name: Some(name),
            line,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(h: &HeadingInfo, role: Role) -> Vec<String> {
        h.parties
            .iter()
            .filter(|p| p.role == role)
            .filter_map(|p| p.name.clone())
            .collect()
    }
    fn positions(h: &HeadingInfo, role: Role) -> Vec<String> {
        h.parties
            .iter()
            .filter(|p| p.role == role)
            .filter_map(|p| p.position.clone())
            .collect()
    }

    #[test]
    fn heading_families_start_documents() {
        for h in [
            "Telegram of the plenipotentiary representative of the USSR in Turkey A. V. Terentyev to the NKID of the USSR",
            "Telegram the temporary attorney of the USSR in Iran to the NKID",
            "Telegram from the people's commissar for foreign affairs to the embassy",
            "Recording of the conversation of the people's commissar with the ambassador of Turkey",
            "Record of a conversation between X. Y. Petrov and the consul",
            "Recording of the talks of the delegations",
            "Letter from the envoy to the minister",
            "Conversation of the envoy with the shah",
            "Note of the government of the RSFSR to the government of Turkey",
            "Talk of the ambassador with the king",
            "From the diary of V. M. Molotov",
            "From diary of the envoy",
            "Treaty of friendship between Turkey and the RSFSR",
            "Report of the Soviet press on the conference",
            "Statement of the people's commissariat",
            "Letters of the envoy to the minister",
            "From: talk of the envoy with the minister",
            "From;  telegram of the envoy",
            "From a conversation of the envoy with the premier",
            "From letter of the envoy to the NKID",
            "from telegram of the consul",
            "March 3, 1938, telegram from the consul in Kars to the NKID",
            "K. K. Yurenev to the people's commissariat of foreign affairs of the USSR",
        ] {
            assert!(is_heading_start(h), "should start a document: {h}");
        }
    }

    #[test]
    fn body_lines_do_not_start_documents() {
        for b in [
            "Note that the minister did not reply.",
            "Note: the minister did not reply.",
            "5. Eden, of course, was interested in the general lines of our policy.",
            "I told him that the treaty was important.",
            "From the very start he was nervous.",
            "",
        ] {
            assert!(!is_heading_start(b), "not a heading: {b}");
        }
    }

    #[test]
    fn extract_with_author_and_participant() {
        let h = parse_heading("From: talk of the plenipotentiary representative of the USSR in the Great Britain I. M. Maisky with the minister of foreign affairs of the Great Britain A. Iden", 11);
        assert!(h.is_extract);
        assert_eq!(h.kind, DocumentKind::Conversation);
        assert_eq!(names(&h, Role::Author), ["I. M. Maisky"]);
        assert_eq!(
            positions(&h, Role::Author),
            ["plenipotentiary representative of the USSR in the Great Britain"]
        );
        assert_eq!(names(&h, Role::Participant), ["A. Iden"]);
        assert_eq!(
            positions(&h, Role::Participant),
            ["minister of foreign affairs of the Great Britain"]
        );
        assert_eq!(h.parties[0].line, 11);
    }

    #[test]
    fn extract_spellings() {
        for s in [
            "From: telegram of X. Y. Zorin to the NKID",
            "From:  telegram of X. Y. Zorin to the NKID",
            "From; telegram of X. Y. Zorin to the NKID",
            "from telegram of X. Y. Zorin to the NKID",
            "From letter of X. Y. Zorin to the NKID",
        ] {
            let h = parse_heading(s, 1);
            assert!(h.is_extract, "{s}");
            assert_eq!(names(&h, Role::Author), ["X. Y. Zorin"], "{s}");
        }
        let h = parse_heading("Telegram from X. Y. Zorin to the NKID", 1);
        assert!(!h.is_extract);
    }

    #[test]
    fn recipient_institution_and_in_the_nkid() {
        let h = parse_heading("Telegram of the temporary attorney of the USSR in Turkey a. V. Terentyev in the NKID of the USSR *", 1);
        assert_eq!(h.heading, "Telegram of the temporary attorney of the USSR in Turkey a. V. Terentyev in the NKID of the USSR");
        assert_eq!(names(&h, Role::Author), ["a. V. Terentyev"]);
        assert_eq!(
            positions(&h, Role::Author),
            ["temporary attorney of the USSR in Turkey"]
        );
        assert_eq!(names(&h, Role::Recipient), ["NKID of the USSR"]);
    }

    #[test]
    fn date_first_and_glued_dates() {
        let h = parse_heading(
            "March 3, 1938, telegram from the consul in Kars to the NKID",
            1,
        );
        assert_eq!(h.kind, DocumentKind::Telegram);
        assert_eq!(h.date.as_ref().map(|d| d.from.as_str()), Some("1938-03-03"));
        let g = parse_heading("Recording of the conversation of the ambassador with minister Aras. June 11, 1937 June 11, 1937", 1);
        assert_eq!(g.date.as_ref().map(|d| d.from.as_str()), Some("1937-06-11"));
        assert_eq!(names(&g, Role::Participant), ["Aras"]);
        assert_eq!(positions(&g, Role::Participant), ["minister"]);
    }

    #[test]
    fn between_a_and_b() {
        let h = parse_heading("Record of a conversation between the envoy B. S. Stomonyakov and the minister of Iran Kazemi", 1);
        assert_eq!(
            names(&h, Role::Participant),
            ["B. S. Stomonyakov", "Kazemi"]
        );
    }

    #[test]
    fn treaty_between_and_topic_clause() {
        let h = parse_heading(
            "Treaty of friendship and brotherhood between the RSFSR and Turkey",
            1,
        );
        assert_eq!(h.kind, DocumentKind::Treaty);
        assert_eq!(positions(&h, Role::Participant), ["RSFSR", "Turkey"]);
        let r = parse_heading(
            "Report of the Soviet press on the conference in Montreux",
            1,
        );
        assert_eq!(r.kind, DocumentKind::Report);
        assert_eq!(positions(&r, Role::Author), ["Soviet press"]);
    }

    #[test]
    fn names_without_initials() {
        let name = |s: &str| party_from_phrase(s, Role::Participant, 1).and_then(|p| p.name);
        assert_eq!(
            name("the minister of foreign affairs of Afghanistan Mahmud Tarzi").as_deref(),
            Some("Mahmud Tarzi")
        );
        assert_eq!(
            name("the ambassador of Germany in Moscow Schulenburg").as_deref(),
            Some("Schulenburg")
        );
        assert_eq!(name("minister Aras").as_deref(), Some("Aras"));
        assert_eq!(name("Molotov").as_deref(), Some("Molotov"));
        assert_eq!(name("the ambassador of Great Britain"), None);
        assert_eq!(name("the Soviet delegation"), None);
        assert_eq!(name("the representative of Saudi Arabia"), None);
    }

    #[test]
    fn initial_t_is_not_comrade() {
        let p = party_from_phrase(
            "the minister of foreign affairs of Turkey T. R. Aras",
            Role::Participant,
            1,
        )
        .expect("party");
        assert_eq!(p.name.as_deref(), Some("T. R. Aras"));
        let q = party_from_phrase("comrade Stalin", Role::Recipient, 1).expect("party");
        assert_eq!(q.name.as_deref(), Some("Stalin"));
    }

    #[test]
    fn two_named_recipients() {
        let h = parse_heading(
            "Telegram of the envoy X. Zorin to comrades Stalin and Molotov",
            1,
        );
        assert_eq!(names(&h, Role::Recipient), ["Stalin", "Molotov"]);
        let g = parse_heading(
            "Telegram of the envoy X. Zorin to the minister of trade and industry",
            1,
        );
        assert_eq!(
            positions(&g, Role::Recipient),
            ["minister of trade and industry"]
        );
    }

    #[test]
    fn bare_heading() {
        let h = parse_heading(
            "K. K. Yurenev to the people's commissariat of foreign affairs of the USSR",
            1,
        );
        assert_eq!(h.kind, DocumentKind::Other);
        assert_eq!(names(&h, Role::Author), ["K. K. Yurenev"]);
        assert_eq!(
            names(&h, Role::Recipient),
            ["people's commissariat of foreign affairs of the USSR"]
        );
        assert!(h.warnings.is_empty(), "{:?}", h.warnings);
    }

    #[test]
    fn diary_author_and_participant() {
        let h = parse_heading(
            "From the diary of V. M. Molotov. Reception of the ambassador of Turkey with A. Aktay",
            1,
        );
        assert_eq!(h.kind, DocumentKind::Diary);
        assert_eq!(names(&h, Role::Author), ["V. M. Molotov"]);
        assert_eq!(names(&h, Role::Participant), ["A. Aktay"]);
    }

    #[test]
    fn split_heading_continuation() {
        assert!(is_heading_continuation(
            "Telegram of the plenipotentiary representative of the USSR in Turkey",
            "A. V. Terentyev to the NKID of the USSR"
        ));
        assert!(is_heading_continuation(
            "Letter of the people's commissar of foreign affairs of the",
            "USSR M. M. Litvinov"
        ));
        assert!(!is_heading_continuation(
            "Telegram of the envoy X. Zorin to the NKID",
            "December 2, 1939"
        ));
        assert!(!is_heading_continuation(
            "Telegram of the envoy X. Zorin to the NKID",
            "Today the minister told me the news."
        ));
    }

    #[test]
    fn split_heading_with_the_last_name_word_on_the_next_line() {
        // Cut at the last space: neither a connective at the end nor one
        // at the start, only the rest of the name.
        assert!(is_heading_continuation(
            "Letter from the envoy of Denmark Hans Larsen to Mirza Ali",
            "Khan"
        ));
        assert!(is_heading_continuation(
            "Talk of the envoy of Iran Ali Reza with Hassan Ghaffari",
            "Bey *"
        ));
        // A heading that already ends in its date is complete.
        assert!(!is_heading_continuation(
            "Telegram of the envoy to the NKID. June 11, 1937",
            "Moscow"
        ));
        // Four capitalised words are a line of their own, not a name's end.
        assert!(!is_heading_continuation(
            "Letter from the envoy of Denmark Hans Larsen to Mirza Ali",
            "The Cabinet Met Today"
        ));
    }

    #[test]
    fn marks_place_and_number_around_a_glued_date_leave_the_author_phrase() {
        let h = parse_heading(
            "Statement of the envoy of the USSR in Iran X. Zorin. Out of line 16 April 1932",
            1,
        );
        assert_eq!(h.date.as_ref().map(|d| d.from.as_str()), Some("1932-04-16"));
        assert_eq!(names(&h, Role::Author), ["X. Zorin"]);
        assert!(h.parties.iter().all(|p| !p.text.contains("Out of line")));
        let priority = h.marks.as_ref().and_then(|m| m.priority.clone());
        assert_eq!(priority.map(|(_, t)| t).as_deref(), Some("Out of line"));

        let h = parse_heading(
            "Statement of the envoy of the USSR in Iran X. Zorin. Angora, December 24, 1923 No. 450",
            1,
        );
        assert_eq!(h.date.as_ref().map(|d| d.from.as_str()), Some("1923-12-24"));
        assert_eq!(names(&h, Role::Author), ["X. Zorin"]);
        assert_eq!(h.place.as_deref(), Some("Angora"));
        assert_eq!(h.doc_number.as_deref(), Some("450"));

        // A sentence before the date that is neither marks nor a place stays.
        let h = parse_heading("Statement of the envoy X. Zorin. Later. June 11, 1937", 1);
        assert_eq!(h.date.as_ref().map(|d| d.from.as_str()), Some("1937-06-11"));
        assert!(h.parties.iter().any(|p| p.text.contains("Later")));
        assert_eq!((h.marks.is_none(), h.place.is_none()), (true, true));
    }

    #[test]
    fn split_heading_with_the_rest_of_a_glued_date_on_the_next_line() {
        for (so_far, next) in [
            ("Statement of the envoy X. Zorin. January 10,", "1930"),
            (
                "Statement of the envoy X. Zorin. January 27\u{2010}28,",
                "1941 *",
            ),
            (
                "Statement of the envoy X. Zorin. Out of line 9 August",
                "1939",
            ),
            ("Statement of the envoy X. Zorin. May", "1919"),
            ("Statement of the envoy X. Zorin. 1931 g on January", "15."),
            (
                "Statement of the envoy X. Zorin. July 1, 1921 no.",
                "856\u{2010}a",
            ),
        ] {
            assert!(is_heading_continuation(so_far, next), "{so_far} / {next}");
            let h = parse_heading(&format!("{so_far} {next}"), 1);
            assert!(h.date.is_some(), "{so_far} / {next}");
            // Marks before a glued date and a number after it are no part
            // of the author phrase.
            assert_eq!(names(&h, Role::Author), ["X. Zorin"], "{so_far} / {next}");
        }
        let h = parse_heading("Statement of the envoy X. Zorin. January 10, 1930", 1);
        assert_eq!(h.date.as_ref().map(|d| d.from.as_str()), Some("1930-01-10"));
        // A complete heading is followed by a date line, not its rest.
        assert!(!is_heading_continuation(
            "Telegram of the envoy X. Zorin to the NKID",
            "1930"
        ));
        assert!(!is_heading_continuation(
            "Statement of the envoy X. Zorin. January 10, 1930",
            "1930"
        ));
    }

    #[test]
    fn date_first_heading_continues_with_the_name() {
        assert!(is_heading_continuation(
            "13 October 1930, telegram from the envoy of the USSR in Hungary Rauf",
            "Orbay"
        ));
        assert!(is_heading_continuation(
            "Out of line 12 October 1921, telegram from the envoy of Italy Alexei",
            "Merekalov *"
        ));
        // A date at the end still closes the heading.
        assert!(!is_heading_continuation(
            "Telegram of the envoy X. Zorin to the NKID. 13 October 1930",
            "Moscow"
        ));
    }

    #[test]
    fn date_first_headings_with_place_and_number_start_documents() {
        for (line, number, place) in [
            (
                "April 6, 1921 no. 317, telegram from the envoy X. Zorin",
                Some("317"),
                None,
            ),
            (
                "March 6, 1921 no. 10/501, telegram from the envoy X. Zorin *",
                Some("10/501"),
                None,
            ),
            (
                "Angora, March 1, 1923 No. 863\u{2010}a, telegram from the envoy X. Zorin",
                Some("863\u{2010}a"),
                Some("Angora"),
            ),
            (
                "Lausanne, January 21, 1923, telegram from the envoy X. Zorin to the NKID",
                None,
                Some("Lausanne"),
            ),
            (
                "San Remo,\u{a0}April 20, 1922 no. 5, telegram from the envoy X. Zorin",
                Some("5"),
                Some("San Remo"),
            ),
            (
                "Zürich, 5 may 1938, telegram from the envoy X. Zorin",
                None,
                Some("Zürich"),
            ),
        ] {
            assert!(is_heading_start(line), "{line}");
            let h = parse_heading(line, 1);
            assert_eq!(h.kind, DocumentKind::Telegram, "{line}");
            assert!(h.date.is_some(), "{line}");
            assert_eq!(
                (h.doc_number.as_deref(), h.place.as_deref()),
                (number, place),
                "{line}"
            );
            assert_eq!(names(&h, Role::Author), ["X. Zorin"], "{line}");
            assert!(h.warnings.is_empty(), "{line}: {:?}", h.warnings);
        }
        for line in [
            // A sentence: it ends with a full stop.
            "Berlin, May 5, 1939, telegram from the embassy reported the news.",
            // Not a place: a preposition, lowercase words.
            "On May 5, 1939, telegram from the embassy",
            "In berlin, May 5, 1939, telegram from the embassy",
            // No kind words after the date and number.
            "Angora, March 1, 1923 No. 17, the minister left",
        ] {
            assert!(!is_heading_start(line), "{line}");
        }
    }

    #[test]
    fn whole_names_with_a_given_name_or_particles() {
        let party = |s: &str| party_from_phrase(s, Role::Author, 1).expect("party");
        for n in [
            "Joseph E. Davies",
            "Franklin D. Roosevelt",
            "Friedrich-Werner von der Schulenburg",
            "Werner von Tippelskirch",
        ] {
            let p = party(n);
            assert_eq!((p.name.as_deref(), p.position), (Some(n), None), "{n}");
        }
        // A position or a place before initials is not a given name.
        let p = party("Minister T. R. Aras");
        assert_eq!(
            (p.name.as_deref(), p.position.as_deref()),
            (Some("T. R. Aras"), Some("Minister"))
        );
        let p = party("Turkey A. Aktay");
        assert_eq!(p.name.as_deref(), Some("A. Aktay"));
        let p = party("comrade I. Stalin");
        assert_eq!(p.name.as_deref(), Some("I. Stalin"));
    }

    #[test]
    fn bare_headings_with_names_without_initials() {
        for line in [
            "Joseph E. Davies to the people's commissariat of foreign affairs of the USSR",
            "Friedrich-Werner von der Schulenburg to the people's commissariat of foreign affairs of the USSR ",
            "Halvorsen to the people's commissariat of foreign affairs of the USSR",
            "Werner von Halden to the NKID of the USSR *",
            "Nuri al-Hamid to the people\u{2b9}s commissariat of foreign affairs",
            "Prince Anton of Carinthia to the general secretariat",
        ] {
            assert!(is_heading_start(line), "{line}");
            let h = parse_heading(line, 4);
            assert_eq!(h.kind, DocumentKind::Other, "{line}");
            assert!(h.warnings.is_empty(), "{line}: {:?}", h.warnings);
        }
        // Body sentences that happen to start with a name and `to`.
        for line in [
            "Germany to the east of the river holds the line.",
            "Turkey to the general surprise refused",
            "Halvorsen to the minister of trade",
            "Joseph E. Davies to the NKID sent a note.",
        ] {
            assert!(!is_heading_start(line), "{line}");
        }
    }

    #[test]
    fn date_first_heading_after_a_priority_mark() {
        let line = "Out of line 9 July 1930, telegram from the envoy in Kabul S. Tarkhan";
        assert!(is_heading_start(line));
        let h = parse_heading(line, 2);
        assert_eq!(h.kind, DocumentKind::Telegram);
        assert_eq!(h.date.as_ref().map(|d| d.from.as_str()), Some("1930-07-09"));
        let priority = h.marks.and_then(|m| m.priority).map(|p| p.0);
        assert_eq!(priority, Some(crate::corpus::Priority::OutOfTurn));
        // Words before the date that are no marks do not make a heading.
        assert!(!is_heading_start(
            "Early on 9 July 1930, telegram traffic stopped"
        ));
    }

    /// Does a party name denote an institution (`NKID of the USSR`, `general
    /// secretariat`) rather than a person?
    fn is_institution(name: &str) -> bool {
        name.len() <= 300 && RE_INSTITUTION.is_match(name)
    }

    #[test]
    fn institutions_are_told_apart() {
        assert!(is_institution("NKID of the USSR"));
        assert!(is_institution("general secretariat"));
        assert!(!is_institution("I. M. Maisky"));
    }

    #[test]
    fn sent_to_lines() {
        let p = parse_distribution(
            "Sent to comrade Molotov, comrade Vyshinsky, general secretariat",
            3,
        )
        .expect("sent to");
        let n: Vec<_> = p
            .iter()
            .map(|x| x.name.clone().unwrap_or_default())
            .collect();
        assert_eq!(n, ["Molotov", "Vyshinsky", "general secretariat"]);
        assert_eq!(p[0].text, "comrade Molotov");
        assert!(p.iter().all(|x| x.role == Role::CopyRecipient));
        let q = parse_distribution("Sent to c. Stalin, c. Molotov", 3).expect("sent to");
        assert_eq!(q[1].name.as_deref(), Some("Molotov"));
        assert!(parse_distribution("Sent out to comrade Dekanozov", 1).is_some());
        assert!(parse_distribution("Sentiments were high", 1).is_none());
    }
}

/// The fast paths of `kind_start` against the plain regex they stand for.
#[cfg(test)]
mod fast_path_tests {
    use proptest::prelude::*;

    use super::*;

    /// `kind_start` as first written: captures of `re_kind_start`, no pre-check.
    fn kind_start_reference(s: &str, require_capital: bool) -> bool {
        let Some(c) = RE_KIND_START.captures(s) else {
            return false;
        };
        let Some(rest) = c.name("rest") else {
            return false;
        };
        if require_capital && !s.starts_with(|ch: char| ch.is_uppercase()) {
            return false;
        }
        RE_REST_OK.is_match(rest.as_str())
    }

    /// Pieces of headings and near misses: articles, every kind word in
    /// several cases, letters that fold into them (`ſ`, the Kelvin sign),
    /// ASCII and Unicode spaces, line breaks.
    const PIECES: &[&str] = &[
        "the",
        "The",
        "THE",
        "a",
        "A",
        "an",
        " ",
        "  ",
        "\t",
        "\u{a0}",
        "\u{2003}",
        "\n",
        "\r",
        "telegram",
        "Telegrams",
        "cipher",
        "CIPHER",
        "recording",
        "Record",
        "records",
        "letter",
        "Conversation",
        "note",
        "Notes",
        "talk",
        "Talks",
        "ta\u{212A}",
        "diary",
        "treaty",
        "report",
        "Statement",
        "\u{17F}tatement",
        "memorandum",
        "of",
        "to",
        "from",
        "with",
        "x",
        "theatre",
        ".",
        ",",
        ":",
        "s",
        "no.",
        "12",
        "Zorin",
    ];

    proptest! {
        #[test]
        fn kind_start_fast_path_agrees_with_the_regex(
            picks in proptest::collection::vec(0usize..1000, 0..10),
            require_capital in any::<bool>(),
        ) {
            let s: String = picks.iter().map(|&i| PIECES[i % PIECES.len()]).collect();
            if !may_start_with_kind(&s) {
                prop_assert!(!RE_KIND_START.is_match(&s), "pre-check refused {:?}", s);
            }
            prop_assert_eq!(
                kind_start(&s, require_capital),
                kind_start_reference(&s, require_capital),
                "{:?}", s
            );
        }
    }

    #[test]
    fn kind_start_fast_path_examples() {
        for (s, want) in [
            ("Telegram of the envoy", true),
            ("The telegram from the NKID", true),
            ("A  note to the minister", true),
            ("Theatre of war", false),
            ("\u{17F}tatement of the NKID", true),
            ("We met the minister.", false),
            ("Talks", true),
        ] {
            assert_eq!(kind_start(s, false), want, "{s}");
            assert_eq!(kind_start_reference(s, false), want, "{s}");
        }
    }
}
