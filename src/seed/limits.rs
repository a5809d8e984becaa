//! Files the parser is not asked to read, because reading them would take
//! minutes or memory out of all proportion to a corpus page (a page of the
//! collection is 3-100 KB, nested a few dozen elements deep). Such a file is
//! still stored as a source (its exact bytes, so nothing is lost) with a
//! warning that says why it was not parsed and what to do.

use crate::corpus::Warning;

use super::inputs::Format;

/// 16 MiB: over a hundred times the largest page of the collection, below
/// the point where parsing one file would dominate a seed.
pub const MAX_FILE_BYTES: usize = 16 << 20;

/// HTML nested deeper than this is not parsed as HTML: html5ever checks the
/// stack of open elements at every tag, so its time grows with the square
/// of the depth (100 000 nested `<div>`s take minutes).
pub const MAX_HTML_DEPTH: usize = 1000;

/// Why `bytes` should not be parsed, as a file-level warning; `None` when
/// they can be.
pub fn check(format: Format, bytes: &[u8]) -> Option<Warning> {
    if bytes.len() > MAX_FILE_BYTES {
        return Some(Warning {
            line: 0,
            code: "file_too_large",
            message: format!(
                "file is {} bytes, more than the {} byte limit for one page; stored unparsed (its bytes are in sources.content)",
                bytes.len(),
                MAX_FILE_BYTES
            ),
            expected: "a corpus page of at most 16 MiB; split the file into pages".into(),
        });
    }
    if format == Format::Html {
        let depth = html_depth(bytes);
        if depth > MAX_HTML_DEPTH {
            return Some(Warning {
                line: 0,
                code: "html_too_deep",
                message: format!(
                    "HTML elements are nested at least {depth} deep (limit {MAX_HTML_DEPTH}); stored unparsed (its bytes are in sources.content)"
                ),
                expected: "an HTML page nested at most 1000 elements deep; save it as .txt from a browser".into(),
            });
        }
    }
    None
}

/// Elements that never nest (void) or whose end tag HTML lets a page leave
/// out (the parser closes them itself), so they do not add depth.
const FLAT: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"tr",
    b"td",
    b"th",
    b"option",
    b"optgroup",
    b"tbody",
    b"thead",
    b"tfoot",
    b"colgroup",
    b"html",
    b"head",
    b"body",
    b"rb",
    b"rt",
    b"rp",
];

/// The deepest element nesting in `html`, estimated in one pass over the
/// bytes: start tags open, end tags close, comments and flat elements are
/// ignored. It over-counts only unclosed non-flat elements, which html5ever
/// nests too.
pub fn html_depth(html: &[u8]) -> usize {
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(offset) = html[i..].iter().position(|&b| b == b'<') {
        let start = i + offset + 1;
        if html[start..].starts_with(b"!--") {
            i = match find(html, start, b"-->") {
                Some(end) => end + 3,
                None => break,
            };
            continue;
        }
        let close = html.get(start) == Some(&b'/');
        let name_start = start + usize::from(close);
        let name_end = html[name_start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
            .map_or(html.len(), |p| name_start + p);
        let name = html[name_start..name_end].to_ascii_lowercase();
        let tag_end = html[name_end..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(html.len(), |p| name_end + p);
        i = tag_end.min(html.len());
        // `<!DOCTYPE`, `<![CDATA[`, `<?xml` and a bare `<` in text open nothing.
        if name.first().is_none_or(|c| !c.is_ascii_alphabetic()) || FLAT.contains(&name.as_slice())
        {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else if html.get(tag_end.wrapping_sub(1)) != Some(&b'/') {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_of_ordinary_pages_is_small() {
        let page = b"<!DOCTYPE html><html><head><meta charset=utf-8><title>t</title></head>\
            <body><!-- <div><div> --><p>one<p>two<br><div><b>x</b><img src=a.png/></div></body></html>";
        assert_eq!(html_depth(page), 2); // title, or div > b
        assert_eq!(html_depth(b""), 0);
        assert_eq!(html_depth(b"<"), 0);
        assert_eq!(html_depth(b"a < b and c > d"), 0);
    }

    #[test]
    fn deep_and_unclosed_nesting_is_counted() {
        let deep = "<div>".repeat(5000);
        assert_eq!(html_depth(deep.as_bytes()), 5000);
        let w = check(Format::Html, deep.as_bytes()).unwrap();
        assert_eq!(w.code, "html_too_deep");
        assert!(
            check(Format::Text, deep.as_bytes()).is_none(),
            "text pages are not HTML"
        );
        let closed = "<div></div>".repeat(5000);
        assert_eq!(html_depth(closed.as_bytes()), 1);
        assert!(check(Format::Html, closed.as_bytes()).is_none());
    }

    #[test]
    fn unclosed_comment_and_tag_end_the_scan() {
        assert_eq!(html_depth(b"<div><!-- never closed <div><div>"), 1);
        assert_eq!(html_depth(b"<div><span"), 2);
    }

    #[test]
    fn oversized_files_are_refused() {
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        assert_eq!(check(Format::Text, &big).unwrap().code, "file_too_large");
        assert!(check(Format::Text, &big[..MAX_FILE_BYTES]).is_none());
    }
}
