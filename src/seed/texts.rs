//! Each text of a page stored once (migration V9): which columns of a
//! source and a document hold text, and which are left NULL because the
//! database rebuilds them on read.
//!
//! - A document's body is rebuilt from its `raw_text` by the generated
//!   column `documents.body`; [`rebuilt_body`] is the same rule in Rust, so
//!   the writer knows when the parser's body differs and must be kept in
//!   `body_text`. A test runs both on the same strings.
//! - A page's text is the documents' `raw_text` and the boilerplate's
//!   `text` in page order (view `source_texts`); it is kept in
//!   `source_files.stored_text` only where they do not cover the page.
//! - A file's bytes are kept in `source_files.stored_bytes` only where they
//!   are not the page text in UTF-8.

use std::ops::Range;

use crate::corpus::{ParsedDocument, ParsedPage};

/// The body the database rebuilds from the lines it spans in raw_text:
/// CRLF made LF, then lines that are empty or hold only a space or a
/// no-break space left out, twice over (the SQL of migration V9, step by step).
pub fn rebuilt_body(lines: &str) -> String {
    let mut body = lines.replace("\r\n", "\n");
    for _ in 0..2 {
        body = body
            .replace("\n\u{a0}\n", "\n")
            .replace("\n \n", "\n")
            .replace("\n\n", "\n");
    }
    body
}

/// The body columns of a document: where its lines are in raw_text (in
/// characters, as SQLite's substr counts), and its text where the rebuilt
/// body would differ.
#[derive(Debug, PartialEq, Eq)]
pub struct BodyColumns<'d> {
    pub start: i64,
    pub length: i64,
    pub text: Option<&'d str>,
}

pub fn body_columns(doc: &ParsedDocument) -> BodyColumns<'_> {
    let offset = |at: usize| at.checked_sub(doc.raw_span.start);
    let lines = offset(doc.body_span.start)
        .zip(offset(doc.body_span.end))
        .and_then(|(start, end)| Some((doc.raw_text.get(..start)?, doc.raw_text.get(start..end)?)));
    match lines {
        Some((before, lines)) if rebuilt_body(lines) == doc.body => BodyColumns {
            start: before.chars().count() as i64,
            length: lines.chars().count() as i64,
            text: None,
        },
        _ => BodyColumns {
            start: 0,
            length: 0,
            text: Some(&doc.body),
        },
    }
}

/// The page text, where its documents and boilerplate do not tile it.
pub fn stored_text<'t>(text: &'t str, page: &ParsedPage) -> Option<&'t str> {
    let mut pieces: Vec<&Range<usize>> = page
        .documents
        .iter()
        .map(|d| &d.raw_span)
        .chain(&page.boilerplate)
        .collect();
    pieces.sort_by_key(|r| r.start);
    let mut at = 0;
    for piece in pieces {
        if piece.start != at || piece.end < piece.start {
            return Some(text);
        }
        at = piece.end;
    }
    (at != text.len()).then_some(text)
}

/// The file's bytes, where they are not the text in UTF-8.
pub fn stored_bytes<'c>(content: &'c [u8], text: &str) -> Option<&'c [u8]> {
    (content != text.as_bytes()).then_some(content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The generated column of migration V9, on a document whose raw_text
    /// is `lines`.
    fn sql_body(conn: &rusqlite::Connection, lines: &str) -> String {
        conn.execute("DELETE FROM documents", []).unwrap();
        conn.execute(
            "INSERT INTO documents (id, source_id, seq, heading, kind, is_extract, date_precision, raw_text,
                 raw_start, raw_end, start_line, end_line, body_line, body_start, body_length)
             VALUES (1, 1, 1, '', 'other', 0, 'unknown', ?1, 0, 0, 1, 1, 1, 0, length(?1))",
            [lines],
        )
        .unwrap();
        conn.query_row("SELECT body FROM documents", [], |r| r.get(0))
            .unwrap()
    }

    fn database() -> (tempfile::TempDir, rusqlite::Connection) {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::db::open_for_write(&dir.path().join("t.sqlite")).unwrap();
        conn.execute(
            "INSERT INTO source_files (id, path, format, sha256, bytes, encoding) VALUES (1, 'p', 'text', '', 0, 'utf-8')",
            [],
        )
        .unwrap();
        (dir, conn)
    }

    #[test]
    fn the_rebuilt_body_drops_blank_lines_and_carriage_returns() {
        let (_dir, conn) = database();
        for lines in [
            "One.\r\n\r\nTwo.\n\u{a0}\nThree.\n \n\n\nFour.",
            "",
            "Only one line",
            "Ends\n\n",
            "\n\nStarts blank",
        ] {
            assert_eq!(sql_body(&conn, lines), rebuilt_body(lines), "{lines:?}");
        }
        assert_eq!(rebuilt_body("A.\r\n\r\nB.\n\u{a0}\nC."), "A.\nB.\nC.");
    }

    #[test]
    fn rust_and_sql_rebuild_the_same_body() {
        let (_dir, conn) = database();
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(500));
        runner
            .run(&"[a\\r\\n \u{a0}é]{0,40}", |lines| {
                prop_assert_eq!(sql_body(&conn, &lines), rebuilt_body(&lines));
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn bytes_are_kept_only_when_they_are_not_the_text() {
        assert_eq!(stored_bytes(b"abc", "abc"), None);
        assert_eq!(stored_bytes(b"\xe0bc", "\u{430}bc"), Some(&b"\xe0bc"[..]));
    }
}
