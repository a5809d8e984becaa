//! Small text helpers shared by the parser modules: line splitting with byte
//! offsets, blank/elision tests, trimming that knows the corpus' odd spaces.

use std::sync::LazyLock;

use regex::Regex;

/// Compiles a constant pattern of a `LazyLock<Regex>` static. The patterns
/// are literals checked by the unit tests, so compiling cannot fail at run
/// time; that is the one place an `expect` is acceptable.
pub(crate) fn constant_regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("constant regex compiles")
}

/// One line of the page text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub no: u32,
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset where the next line starts (after the line terminator).
    pub next: usize,
    /// The content, without its terminator.
    pub text: &'a str,
}

/// Splits on `\n`, dropping a `\r` before it from the content (but not from
/// the spans: `next` still covers the whole terminator, so spans tile).
pub(crate) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut no: u32 = 1;
    let bytes = text.as_bytes();
    while start < text.len() {
        // `str::find` of a one-byte char searches a word at a time, which
        // counts on body paragraphs of hundreds of bytes; `start` is always
        // just after a `\n`, so a char boundary.
        let (end, next) = match text.get(start..).and_then(|t| t.find('\n')) {
            Some(i) => (start + i, start + i + 1),
            None => (text.len(), text.len()),
        };
        // `\r` and `\n` are ASCII, so these offsets are char boundaries.
        let content_end = if end > start && bytes[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        lines.push(Line {
            no,
            start,
            next,
            text: &text[start..content_end],
        });
        start = next;
        no = no.saturating_add(1);
    }
    lines
}

/// Whitespace as the corpus has it: Unicode White_Space (which covers the
/// no-break space) plus zero-width space and a stray BOM.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

pub(crate) fn clean(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// A line holding nothing, a space or a no-break space.
pub(crate) fn is_blank(s: &str) -> bool {
    s.chars().all(is_space)
}

/// Every dash the corpus uses in ranges (U+2010 hyphen, U+2011, en and em
/// dash, minus sign) becomes `-`.
pub(crate) fn norm_dashes(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            c => c,
        })
        .collect()
}

static RE_ELISION: LazyLock<Regex> =
    LazyLock::new(|| constant_regex(r"^(?:(?:\.\s*){2,}|\[\s*(?:\.\s*){2,}\]|…+|\[…\])$"));

/// An elision row: a run of dots (`..............`), `[...]`, `[.. .]`.
pub(crate) fn is_elision(s: &str) -> bool {
    let t = clean(s);
    !t.is_empty() && t.len() <= 200 && RE_ELISION.is_match(t)
}

/// Removes trailing footnote markers (` *`, `**`, `[1]`) and spaces.
pub(crate) fn strip_trailing_markers(s: &str) -> &str {
    let mut t = clean(s);
    loop {
        let before = t.len();
        t = t.trim_end_matches('*');
        t = clean(t);
        if t.ends_with(']') {
            if let Some(open) = t.rfind('[') {
                let inner = &t[open + 1..t.len() - 1];
                if !inner.is_empty()
                    && inner.len() <= 3
                    && inner.chars().all(|c| c.is_ascii_digit())
                {
                    t = clean(&t[..open]);
                }
            }
        }
        if t.len() == before {
            return t;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_cover_text_with_crlf() {
        let t = "a\r\nbb\n\nc";
        let ls = split_lines(t);
        assert_eq!(ls.len(), 4);
        assert_eq!(ls[0].text, "a");
        assert_eq!(ls[0].next, 3);
        assert_eq!(ls[1].text, "bb");
        assert_eq!(ls[2].text, "");
        assert_eq!(ls[3].text, "c");
        assert_eq!(ls[3].next, t.len());
    }

    #[test]
    fn nbsp_line_is_blank() {
        assert!(is_blank("\u{a0} "));
        assert!(is_blank(""));
        assert!(!is_blank(" x"));
    }

    #[test]
    fn elision_rows() {
        assert!(is_elision(".............."));
        assert!(is_elision(" .. "));
        assert!(is_elision("[...]"));
        assert!(is_elision("[.. .]"));
        assert!(!is_elision("."));
        assert!(!is_elision("5. Eden"));
    }

    #[test]
    fn trailing_markers_removed() {
        assert_eq!(strip_trailing_markers("Telegram of X *  "), "Telegram of X");
        assert_eq!(strip_trailing_markers("Note of Y ** [2]"), "Note of Y");
        assert_eq!(norm_dashes("132\u{2010}137"), "132-137");
    }
}
