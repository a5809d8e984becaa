//! NUL characters in a decoded page. A few stray NULs do not make a file
//! binary (the decoder refuses those), but SQLite's text functions stop at
//! a NUL: `length(body)` and `substr(body, ...)` would cut the body short
//! and every mention offset after it would point at nothing. Each NUL is
//! replaced by U+FFFD (one character for one, so character offsets do not
//! move) and a warning names the first line; the exact bytes stay in
//! `sources.content`.

use crate::corpus::Warning;

/// `text` with NULs replaced, and a warning when there were any.
pub fn replace(text: String) -> (String, Option<Warning>) {
    let Some(first) = text.find('\0') else {
        return (text, None);
    };
    let count = text.matches('\0').count();
    let line = 1 + text[..first].matches('\n').count();
    let warning = Warning {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        code: "nul_bytes",
        message: format!(
            "{count} NUL byte{} (first on line {line}) replaced by U+FFFD; the file's exact bytes are kept in sources.content",
            if count == 1 { "" } else { "s" }
        ),
        expected: "text without NUL bytes".into(),
    };
    (text.replace('\0', "\u{FFFD}"), Some(warning))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nuls_are_replaced_one_char_for_one_with_the_first_line() {
        let (text, warning) = replace("a\nb\0c\n\0".to_string());
        assert_eq!(text, "a\nb\u{FFFD}c\n\u{FFFD}");
        let w = warning.unwrap();
        assert_eq!((w.line, w.code), (2, "nul_bytes"));
        assert!(w.message.starts_with("2 NUL bytes"), "{}", w.message);
        assert_eq!(replace("clean".into()), ("clean".to_string(), None));
    }
}
