//! Splits a page into site header and documents, and assembles each
//! document from its parts (heading, preamble, body, closing).
//!
//! A document's `raw_span` runs from its heading to the next heading (or the
//! end of the page), so blank lines, elision rows and footnote lines between
//! documents belong to the document before them. The site header before the
//! first heading is the page's boilerplate. These ranges tile the page.
//!
//! Reading conventions (the choices a reader of the database should know):
//! - `body` is the document's non-blank lines between the date/marks lines
//!   and the closing, each exactly as printed, joined with `\n`; blank and
//!   space-only lines are left out (so a page saved with or without blank
//!   lines, as text or HTML, gives the same body). Elision rows that mark
//!   omitted text stay in the body (the bundled page's body starts with
//!   its dots). Footnote lines found inside the body go to `footnotes`.
//! - `heading` collapses runs of spaces to one (as a browser shows them).
//! - Any heading starting with `From` (`From:`, `From;`, `from telegram`,
//!   `From the diary`) is an extract.
//! - `of A with B`: A is the author, B a participant; `between A and B`:
//!   both are participants.
//! - A party's `name` is the person (initials and surname, or a surname
//!   after a position noun) or, with no person, the institution (`NKID of
//!   the USSR`); otherwise only `position` is set.
//! - An impossible day (`February 30`) keeps the month, with month
//!   precision and a `date_impossible` warning.

use super::citation::{
    find_citation_start, is_citation_continuation, parse_citation, parse_publication,
    split_glued_publication,
};
use super::classification::parse_marks_line;
use super::closing::{
    is_footnote_line, is_press_line, is_print_note, is_signature_line, is_signature_position,
    parse_footnotes,
};
use super::date::{find_all_dates, parse_date_line};
use super::heading::{
    is_heading_continuation, is_heading_start, parse_distribution, parse_heading,
};
use super::text::{clean, is_blank, is_elision, split_lines, Line};
use super::{boilerplate, Classification, ParsedDocument, ParsedPage, Warning};

/// How many lines a heading may be split over.
const MAX_HEADING_LINES: usize = 3;
/// How long a heading's next part may be when a blank line stands before
/// it: the name or the end of a phrase, not a paragraph.
const MAX_PART_AFTER_BREAK: usize = 80;

/// Parses one page of text. Never panics; whatever it does not understand
/// stays in `raw_text`/`body` or becomes a warning.
pub fn parse_page(text: &str) -> ParsedPage {
    let lines = split_lines(text);
    let mut page = ParsedPage::default();
    let first = boilerplate::header_end(&lines);

    // Heading starts: the first non-blank line after the header always
    // starts a document; later ones must look like headings.
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (first line, number of heading lines)
    let mut i = first;
    while i < lines.len() {
        let l = lines[i];
        let is_first = starts.is_empty();
        let candidate = if is_blank(l.text) {
            false
        } else if is_first {
            !is_elision(l.text) && !is_footnote_line(l.text) || is_heading_start(l.text)
        } else {
            is_heading_start(l.text)
        };
        if candidate {
            let n = heading_len(&lines, i);
            if is_first || starts_document_here(&lines, i, n) {
                starts.push((i, n));
                i += n;
                continue;
            }
        }
        i += 1;
    }

    // Lines before the first heading that are not the site header are kept
    // in the boilerplate range, and reported.
    let first_heading = starts.first().map(|s| s.0).unwrap_or(lines.len());
    for l in &lines[..first_heading] {
        if !boilerplate::is_site_line(l.text) {
            page.warnings.push(Warning {
                line: l.no,
                code: "text_outside_document",
                message: format!(
                    "`{}` appears before the first document heading",
                    short(clean(l.text))
                ),
                expected: "the site header, then a document heading".into(),
            });
        }
    }

    let first_doc_start = starts
        .first()
        .map(|s| lines[s.0].start)
        .unwrap_or(text.len());
    if first_doc_start > 0 {
        page.boilerplate.push(0..first_doc_start);
    }
    if starts.is_empty() {
        page.warnings.push(Warning {
            line: lines.get(first).map(|l| l.no).unwrap_or(1),
            code: "no_document",
            message: if text.trim().is_empty() { "the page is empty".into() } else { "no document heading found on this page".into() },
            expected: "a heading such as `Telegram of ...`, `Recording of the conversation ...`, `From: talk of ...`".into(),
        });
        return page;
    }
    // A site footer after the last document is boilerplate, not body text.
    let footer = starts
        .last()
        .map(|&(s, n)| boilerplate::footer_start(&lines, s + n))
        .unwrap_or(lines.len());
    for (k, &(start, n)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map(|s| s.0).unwrap_or(footer);
        let doc = parse_document(text, &lines[start..end], n, (k + 1) as u32);
        page.documents.push(doc);
    }
    if let Some(l) = lines.get(footer) {
        page.boilerplate.push(l.start..text.len());
    }
    page
}

/// A heading-like line inside a document (`Talk of the war was everywhere`)
/// only starts a new document when its surroundings agree: the heading
/// carries a date, or a date/"Sent to"/classification line follows it, or the
/// line before it closes a document (citation, footnote, elision, signature,
/// print note, press line, publication).
fn starts_document_here(lines: &[Line<'_>], i: usize, n: usize) -> bool {
    let joined = heading_parts(&lines[i..(i + n).min(lines.len())]);
    if super::heading::heading_date(&joined.join(" ")).is_some() {
        return true;
    }
    let next = lines[(i + n).min(lines.len())..]
        .iter()
        .find(|l| !is_blank(l.text));
    if let Some(nx) = next {
        if parse_date_line(nx.text, 0).is_some()
            || parse_distribution(nx.text, 0).is_some()
            || parse_marks_line(nx.text).is_some()
        {
            return true;
        }
    }
    let prev = lines[..i].iter().rev().find(|l| !is_blank(l.text));
    match prev {
        None => true,
        Some(p) => {
            let t = p.text;
            cites_a_source(t)
                || is_citation_continuation(t)
                || is_footnote_line(t)
                || is_elision(t)
                || is_signature_line(t)
                || is_print_note(t)
                || is_press_line(t)
        }
    }
}

/// Does the line cite the document's source: an archival citation or a
/// publication reference, perhaps after a glued signature?
fn cites_a_source(t: &str) -> bool {
    find_citation_start(t).is_some()
        || parse_publication(t, 0).is_some()
        || split_glued_publication(t).is_some()
}

/// The non-blank lines of a heading, cleaned, for joining with spaces.
fn heading_parts<'a>(lines: &[Line<'a>]) -> Vec<&'a str> {
    lines
        .iter()
        .filter(|l| !is_blank(l.text))
        .map(|l| clean(l.text))
        .collect()
}

/// Number of lines the heading starting at `i` spans: its 1 to 3 parts
/// and the blank lines between them. A page that puts every line in its
/// own paragraph (an HTML page of `<p>`s) separates the parts of a split
/// heading by one blank line; across such a break only a short part
/// continues the heading.
fn heading_len(lines: &[Line<'_>], i: usize) -> usize {
    let mut so_far = lines[i].text.to_string();
    let mut n = 1;
    let mut parts = 1;
    while parts < MAX_HEADING_LINES {
        let gap = usize::from(lines.get(i + n).is_some_and(|l| is_blank(l.text)));
        let Some(next) = lines.get(i + n + gap) else {
            break;
        };
        // A salutation (`Mr. Minister,`) or a lead-in ending in `:` opens
        // the body; a name does not end that way.
        let short = || {
            let t = clean(next.text);
            (t.len() <= MAX_PART_AFTER_BREAK || t.chars().count() <= MAX_PART_AFTER_BREAK)
                && !t.ends_with([',', ':', ';'])
        };
        if (gap == 0 || short()) && is_heading_continuation(&so_far, next.text) {
            so_far.push(' ');
            so_far.push_str(clean(next.text));
            n += gap + 1;
            parts += 1;
        } else {
            break;
        }
    }
    n
}

/// Builds one document from its lines; `head_n` lines are the heading.
fn parse_document(text: &str, lines: &[Line<'_>], head_n: usize, seq: u32) -> ParsedDocument {
    let (first, last) = match (lines.first(), lines.last()) {
        (Some(f), Some(l)) => (f, l),
        _ => {
            return ParsedDocument {
                seq,
                ..ParsedDocument::default()
            }
        }
    };
    let raw_span = first.start..last.next;
    let mut doc = ParsedDocument {
        seq,
        raw_text: text.get(raw_span.clone()).unwrap_or_default().to_string(),
        raw_span,
        start_line: first.no,
        end_line: last.no,
        ..ParsedDocument::default()
    };

    let joined = heading_parts(&lines[..head_n]);
    let h = parse_heading(&joined.join(" "), first.no);
    doc.heading = h.heading;
    doc.kind = h.kind;
    doc.is_extract = h.is_extract;
    doc.parties = h.parties;
    doc.warnings.extend(h.warnings);
    if let Some(marks) = h.marks {
        set_marks(&mut doc, marks);
    }
    let (heading_date, heading_number, heading_place) = (h.date, h.doc_number, h.place);

    // Preamble: distribution, date, classification/priority lines in any order.
    let mut j = head_n;
    while j < lines.len() {
        let l = lines[j];
        if is_blank(l.text) {
            j += 1;
            continue;
        }
        if doc.distribution_text.is_none() {
            if let Some(parties) = parse_distribution(l.text, l.no) {
                doc.distribution_text = Some(clean(l.text).to_string());
                doc.parties.extend(parties);
                j += 1;
                continue;
            }
        }
        if doc.date.is_none() {
            if let Some(dl) = parse_date_line(l.text, l.no) {
                doc.date = Some(dl.date);
                doc.doc_number = dl.doc_number;
                doc.place = dl.place;
                set_marks(&mut doc, dl.marks);
                doc.warnings.extend(dl.warnings);
                j += 1;
                continue;
            }
        }
        if let Some(m) = parse_marks_line(l.text) {
            let upgrades = doc.classification == Some(Classification::TopSecret)
                && m.classification
                    .as_ref()
                    .is_some_and(|c| c.0 == Classification::TopSecretSpecialFolder);
            if (m.classification.is_none() || doc.classification.is_none() || upgrades)
                && (m.priority.is_none() || doc.priority.is_none())
            {
                set_marks(&mut doc, m);
                j += 1;
                continue;
            }
        }
        // A note to the heading's marker (`* Not published.`) printed right
        // under it, before the date line.
        if doc.date.is_none() && is_footnote_line(l.text) {
            doc.footnotes.extend(parse_footnotes(l.text, l.no));
            j += 1;
            continue;
        }
        break;
    }
    let body_start = j;
    if doc.date.is_none() {
        // No date line: the heading's date, with its number and place.
        doc.date = heading_date;
        doc.doc_number = heading_number;
        doc.place = heading_place;
    }

    let body_end = read_closing(&mut doc, lines, body_start);

    // Body: non-blank lines as printed; footnote lines inside it go to footnotes.
    let mut body_lines: Vec<&str> = Vec::new();
    doc.body_span = doc.raw_span.start..doc.raw_span.start;
    for l in &lines[body_start..body_end] {
        if is_blank(l.text) {
            continue;
        }
        if is_footnote_line(l.text) {
            doc.footnotes.extend(parse_footnotes(l.text, l.no));
            continue;
        }
        if body_lines.is_empty() {
            doc.body_line = l.no;
            doc.body_span.start = l.start;
        }
        doc.body_span.end = l.start + l.text.len();
        body_lines.push(l.text);
        // A quoted annex is announced by a line ending in `:` that dates it.
        let t = clean(l.text);
        if t.len() <= 2000 && (t.ends_with(':') || t.ends_with(":\u{201c}") || t.ends_with(":\"")) {
            doc.annex_dates
                .extend(find_all_dates(t, l.no).into_iter().map(|f| f.date));
        }
    }
    doc.footnotes.sort_by_key(|f| f.line);
    doc.body = body_lines.join("\n");

    if doc.date.is_none() {
        doc.warnings.push(Warning {
            line: first.no,
            code: "no_date",
            message: format!("no date found for document {seq} (`{}`)", short(&doc.heading)),
            expected: "a date line such as `December 27, 1940` after the heading, or a date in the heading".into(),
        });
    }
    if doc.citations.is_empty() {
        doc.warnings.push(Warning {
            line: last.no,
            code: "no_citation",
            message: format!(
                "no archival citation for document {seq} (`{}`)",
                short(&doc.heading)
            ),
            expected: "a closing line such as `avprf, f.059, op.24, p.70, d.43, l.132-137`".into(),
        });
    }
    if doc.body.is_empty() {
        doc.warnings.push(Warning {
            line: first.no,
            code: "empty_body",
            message: format!("document {seq} has no body text"),
            expected: "the text of the document after its date line".into(),
        });
    }
    doc.warnings.sort_by_key(|w| w.line);
    doc
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

fn set_marks(doc: &mut ParsedDocument, m: super::classification::Marks) {
    // `Top secret` on the date line, `Special folder` on the next: the
    // later, stricter mark completes the first.
    let upgrade = doc.classification == Some(Classification::TopSecret)
        && m.classification
            .as_ref()
            .is_some_and(|c| c.0 == Classification::TopSecretSpecialFolder);
    if upgrade {
        if let (Some((c, t)), Some(prev)) =
            (m.classification.clone(), doc.classification_text.take())
        {
            doc.classification = Some(c);
            doc.classification_text = Some(format!("{prev}\n{t}"));
        }
    }
    if doc.classification.is_none() {
        if let Some((c, t)) = m.classification {
            doc.classification = Some(c);
            doc.classification_text = Some(t);
        }
    }
    if doc.priority.is_none() {
        if let Some((p, t)) = m.priority {
            doc.priority = Some(p);
            doc.priority_text = Some(t);
        }
    }
}

/// Reads the closing from the end of the document backwards and returns
/// the index (into `lines`) where the body ends.
fn read_closing(doc: &mut ParsedDocument, lines: &[Line<'_>], body_start: usize) -> usize {
    // Elision rows after the last citation or publication reference are
    // between documents; before it they mark omitted body text.
    let last_cite = (body_start..lines.len())
        .rev()
        .find(|&k| cites_a_source(lines[k].text));
    let mut k = lines.len();
    let mut signature_found = false;
    while k > body_start {
        let l = lines[k - 1];
        let t = clean(l.text);
        if t.is_empty() {
            k -= 1;
            continue;
        }
        if is_elision(t) && last_cite.is_some_and(|c| c < k - 1) {
            k -= 1;
            continue;
        }
        if let Some(at) = find_citation_start(l.text) {
            let (mut cit, w) = parse_citation(&l.text[at..], l.no);
            doc.warnings.extend(w);
            doc.citations.insert(0, cit.clone());
            let glued = clean(&l.text[..at]);
            k -= 1;
            if !glued.is_empty() {
                doc.signature = Some(glued.to_string());
                signature_found = true;
                break;
            }
            let _ = &mut cit;
            continue;
        }
        if is_citation_continuation(t) && k >= 2 && k - 2 >= body_start {
            let prev = lines[k - 2];
            if let Some(at) = find_citation_start(prev.text) {
                let joined = format!("{} {}", clean(&prev.text[at..]), t);
                let (cit, w) = parse_citation(&joined, prev.no);
                doc.warnings.extend(w);
                doc.citations.insert(0, cit);
                let glued = clean(&prev.text[..at]);
                k -= 2;
                if !glued.is_empty() {
                    doc.signature = Some(glued.to_string());
                    signature_found = true;
                    break;
                }
                continue;
            }
        }
        if let Some(p) = parse_publication(t, l.no) {
            doc.publications.insert(0, p);
            k -= 1;
            continue;
        }
        if let Some((signature, reference)) = split_glued_publication(t) {
            if let Some(p) = parse_publication(reference, l.no) {
                doc.publications.insert(0, p);
                doc.signature = Some(signature.to_string());
                signature_found = true;
                k -= 1;
                break;
            }
        }
        if is_footnote_line(t) {
            let mut f = parse_footnotes(t, l.no);
            f.append(&mut doc.footnotes);
            doc.footnotes = f;
            k -= 1;
            continue;
        }
        if is_print_note(t) {
            doc.print_note = Some(t.to_string());
            k -= 1;
            continue;
        }
        if is_press_line(t) {
            doc.press_source = Some(match doc.press_source.take() {
                Some(prev) => format!("{t}\n{prev}"),
                None => t.to_string(),
            });
            k -= 1;
            continue;
        }
        break;
    }
    if signature_found {
        return k;
    }
    // A separate signature: a name or a position, or a position line then a
    // name. Only if body text remains above it.
    let mut m = k;
    while m > body_start && is_blank(lines[m - 1].text) {
        m -= 1;
    }
    if m > body_start && is_signature_line(lines[m - 1].text) {
        let mut sig_start = m - 1;
        if sig_start > body_start && is_signature_position(lines[sig_start - 1].text) {
            sig_start -= 1;
        }
        let has_body = lines[body_start..sig_start]
            .iter()
            .any(|l| !is_blank(l.text) && !is_elision(l.text));
        if has_body {
            let sig: Vec<&str> = lines[sig_start..m].iter().map(|l| clean(l.text)).collect();
            doc.signature = Some(sig.join("\n"));
            return sig_start;
        }
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Classification, DatePrecision, DocumentKind, Role};

    const REAL: &str = include_str!("../../seed/corpus/000_8e37452bcfcc29b4.txt");

    /// The documents' spans and the boilerplate cover the text exactly once.
    pub(crate) fn assert_tiles(text: &str, p: &ParsedPage) {
        let mut spans: Vec<std::ops::Range<usize>> = p.boilerplate.clone();
        spans.extend(p.documents.iter().map(|d| d.raw_span.clone()));
        spans.sort_by_key(|r| r.start);
        let mut at = 0;
        for s in &spans {
            assert_eq!(s.start, at, "gap or overlap at byte {at}");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            at = s.end;
        }
        assert_eq!(at, text.len());
        for d in &p.documents {
            assert_eq!(&text[d.raw_span.clone()], d.raw_text);
        }
    }

    fn party(d: &ParsedDocument, role: Role) -> Vec<&crate::corpus::Party> {
        d.parties.iter().filter(|p| p.role == role).collect()
    }

    #[test]
    fn publication_references_close_documents() {
        let text = "\
Telegram of the plenipotentiary representative of the USSR in Turkey Surits to the NKID
March 3, 1935
Secret
The minister received me today and spoke of the straits.
Surits Publ.: Foreign policy of the USSR. t. I. s. 69\u{2010}71.

Telegram of the people's commissar for foreign affairs Litvinov to the NKID
March 5, 1935
Answer the minister that we agree.
Litvinov
Print. By srh.
Publ.: Foreign policy of the USSR. t. II. s. 10\u{2010}12.
..........

Record of the conversation of Litvinov with Aras
March 9, 1935
We spoke of the pact.
Litvinov
";
        let p = parse_page(text);
        assert_tiles(text, &p);
        assert_eq!(p.documents.len(), 3);
        // The signature glued to the reference, as to a citation.
        let d = &p.documents[0];
        assert_eq!(
            d.body,
            "The minister received me today and spoke of the straits."
        );
        assert_eq!(d.signature.as_deref(), Some("Surits"));
        let publ: Vec<&str> = d
            .publications
            .iter()
            .map(|p| p.as_printed.as_str())
            .collect();
        assert_eq!(
            publ,
            ["Publ.: Foreign policy of the USSR. t. I. s. 69\u{2010}71."]
        );
        assert_eq!(d.publications[0].line, 5);
        // Elision dots after a reference are between documents: the
        // reference, print note and signature above them close this one.
        let d = &p.documents[1];
        assert_eq!(d.body, "Answer the minister that we agree.");
        assert_eq!(d.signature.as_deref(), Some("Litvinov"));
        assert_eq!(d.print_note.as_deref(), Some("Print. By srh."));
        assert_eq!(d.publications.len(), 1);
        assert_eq!(p.documents[2].body, "We spoke of the pact.");
    }

    #[test]
    fn bundled_page() {
        let p = parse_page(REAL);
        assert_tiles(REAL, &p);
        assert_eq!(p.documents.len(), 1);
        let d = &p.documents[0];
        assert_eq!(d.kind, DocumentKind::Conversation);
        assert!(d.is_extract);
        let date = d.date.as_ref().expect("date");
        assert_eq!(
            (date.from.as_str(), date.to.as_str(), date.precision),
            ("1940-12-27", "1940-12-27", DatePrecision::Day)
        );
        assert_eq!(date.text, "December 27, 1940");
        assert_eq!(d.classification, Some(Classification::Secret));
        assert_eq!(d.priority, None);

        let authors = party(d, Role::Author);
        assert_eq!(authors.len(), 1);
        assert_eq!(authors[0].name.as_deref(), Some("I. M. Maisky"));
        assert_eq!(
            authors[0].position.as_deref(),
            Some("plenipotentiary representative of the USSR in the Great Britain")
        );
        let parts = party(d, Role::Participant);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].name.as_deref(), Some("A. Iden"));
        assert_eq!(
            parts[0].position.as_deref(),
            Some("minister of foreign affairs of the Great Britain")
        );
        let copies: Vec<_> = party(d, Role::CopyRecipient)
            .iter()
            .filter_map(|p| p.name.clone())
            .collect();
        assert_eq!(copies, ["Molotov", "Vyshinsky"]);
        assert!(party(d, Role::Recipient).is_empty());
        assert_eq!(
            d.distribution_text.as_deref(),
            Some("Sent to comrade Molotov, comrade Vyshinsky")
        );

        assert_eq!(d.signature.as_deref(), Some("I. Maisky"));
        assert_eq!(d.citations.len(), 1);
        let c = &d.citations[0];
        assert_eq!(c.archive, "AVP RF");
        assert_eq!(
            (
                c.fond.as_deref(),
                c.opis.as_deref(),
                c.papka.as_deref(),
                c.delo.as_deref(),
                c.sheets.as_deref()
            ),
            (
                Some("059"),
                Some("24"),
                Some("70"),
                Some("43"),
                Some("132-137")
            )
        );
        assert!(c.as_printed.starts_with("avprf, f.059"));

        // Documented choice: the body keeps the elision rows that mark
        // omitted text, so it starts with the dots before `5. Eden`.
        assert!(d.body.starts_with(".............."), "{}", &d.body[..40]);
        let para = REAL
            .lines()
            .find(|l| l.starts_with("5. Eden"))
            .expect("paragraph");
        assert!(d.body.contains(para));
        assert!(d.body.ends_with("............."));
        assert!(!d.body.contains("avprf"));
        assert!(!d.body.contains("Secret\n"));
        assert_eq!(d.heading.lines().count(), 1);
        assert!(d.heading.starts_with("From: talk of"));
        assert_eq!(d.start_line, 11);
        assert_eq!(d.body_line, 19);
        // Everything on this page is understood: no warning.
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        assert!(p.warnings.is_empty());
    }

    /// The bundled page as the site would serve it: paragraphs as `<p>`,
    /// entities for the no-break space, the hyphen and the quotes, a
    /// navigation bar and a script.
    fn bundled_as_html() -> String {
        let mut html = String::from("<html><head><title>x</title><script>var a = 1;</script></head><body><div class=\"nav\"><a href=\"/\">Home Page</a></div>\n");
        for block in REAL.split("\n\n") {
            let esc: String = block
                .chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '\u{a0}' => "&nbsp;".to_string(),
                    '\u{2010}' => "&#8208;".to_string(),
                    '\n' => "<br>\n".to_string(),
                    c => c.to_string(),
                })
                .collect();
            html.push_str(&format!("<p>{esc}</p>\n"));
        }
        html.push_str("</body></html>");
        html
    }

    #[test]
    fn bundled_page_as_html_gives_the_same_document() {
        let from_html = parse_page(&crate::corpus::html_to_text(&bundled_as_html()));
        let from_text = parse_page(REAL);
        assert_eq!(from_html.documents.len(), 1);
        let (a, b) = (&from_text.documents[0], &from_html.documents[0]);
        assert_eq!(a.heading, b.heading);
        assert_eq!(a.body, b.body);
        assert_eq!(
            a.parties
                .iter()
                .map(|p| (&p.name, &p.position))
                .collect::<Vec<_>>(),
            b.parties
                .iter()
                .map(|p| (&p.name, &p.position))
                .collect::<Vec<_>>()
        );
        assert_eq!(a.citations[0].as_printed, b.citations[0].as_printed);
        assert_eq!(
            (a.kind, a.is_extract, a.classification, &a.signature),
            (b.kind, b.is_extract, b.classification, &b.signature)
        );
        assert_eq!(
            a.date.as_ref().map(|d| &d.from),
            b.date.as_ref().map(|d| &d.from)
        );
    }

    #[test]
    fn several_documents_with_footnotes_between() {
        let t = "Telegram of the envoy X. Zorin to the NKID\nMay 5, 1939\nWe met the minister.\nZorin\navp rf, f.059, op.1, p.2, d.3, l.4\n* see doc. 2.\n.........\nLetter from the NKID to the envoy X. Zorin\nJune 1939\nReply text.\n";
        let p = parse_page(t);
        assert_tiles(t, &p);
        assert_eq!(p.documents.len(), 2);
        let a = &p.documents[0];
        assert_eq!(a.signature.as_deref(), Some("Zorin"));
        assert_eq!(a.footnotes.len(), 1);
        assert_eq!(a.body, "We met the minister.");
        let b = &p.documents[1];
        assert_eq!(b.kind, DocumentKind::Letter);
        assert_eq!(
            b.date.as_ref().map(|d| d.precision),
            Some(DatePrecision::Month)
        );
        assert_eq!(
            b.warnings.iter().map(|w| w.code).collect::<Vec<_>>(),
            ["no_citation"]
        );
    }

    #[test]
    fn split_heading_and_classification_line() {
        let t = "Telegram of the plenipotentiary representative of the USSR in Turkey\nA. V. Terentyev to the NKID of the USSR\n\nMarch 1, 1939\nTop secret special folder\nText.\nTerentyev\n";
        let p = parse_page(t);
        assert_eq!(p.documents.len(), 1);
        let d = &p.documents[0];
        assert!(d.heading.ends_with("to the NKID of the USSR"));
        assert_eq!(
            d.classification,
            Some(Classification::TopSecretSpecialFolder)
        );
        assert_eq!(
            party(d, Role::Author)[0].name.as_deref(),
            Some("A. V. Terentyev")
        );
        assert_eq!(d.body, "Text.");
    }

    /// A page as the site serves it when every line is its own paragraph:
    /// after HTML-to-text, a blank line stands between any two lines.
    fn one_paragraph_per_line(lines: &[&str]) -> String {
        let body: String = lines.iter().map(|l| format!("<p>{l}</p>\n")).collect();
        crate::corpus::html_to_text(&format!("<html><body>\n{body}</body></html>"))
    }

    #[test]
    fn heading_split_over_two_html_paragraphs() {
        // The first document is cut short (no closing), so only the date
        // line under the whole heading shows where the second one starts.
        let t = one_paragraph_per_line(&[
            "Telegram of the envoy X. Zorin to the NKID",
            "May 5, 1939",
            "We met the minister.",
            "Recording of the conversation of the deputy people's commissar for foreign affairs V. P. Potemkin with Numan",
            "Menemencioglu",
            "May 6, 1939",
            "The minister asked about the Straits.",
            "Telegram of the plenipotentiary representative of the USSR in Turkey",
            "A. V. Terentyev to the NKID of the USSR",
            "June 1, 1939 secret",
            "Text.",
        ]);
        assert!(t.contains("with Numan\n\nMenemencioglu\n"), "{t}");
        let p = parse_page(&t);
        assert_tiles(&t, &p);
        assert_eq!(p.documents.len(), 3);
        let a = &p.documents[0];
        assert_eq!(a.body, "We met the minister.");
        let b = &p.documents[1];
        assert_eq!(b.heading, "Recording of the conversation of the deputy people's commissar for foreign affairs V. P. Potemkin with Numan Menemencioglu");
        assert_eq!(b.kind, DocumentKind::Conversation);
        let author = party(b, Role::Author);
        assert_eq!(author.len(), 1);
        assert_eq!(author[0].name.as_deref(), Some("V. P. Potemkin"));
        assert_eq!(
            author[0].position.as_deref(),
            Some("deputy people's commissar for foreign affairs")
        );
        let with: Vec<_> = party(b, Role::Participant)
            .iter()
            .map(|p| p.name.clone())
            .collect();
        assert_eq!(with, [Some("Numan Menemencioglu".to_string())]);
        assert_eq!(b.date.as_ref().map(|d| d.from.as_str()), Some("1939-05-06"));
        assert_eq!(b.body, "The minister asked about the Straits.");
        let c = &p.documents[2];
        assert_eq!(
            c.heading,
            "Telegram of the plenipotentiary representative of the USSR in Turkey A. V. Terentyev to the NKID of the USSR"
        );
        assert_eq!(
            party(c, Role::Author)[0].name.as_deref(),
            Some("A. V. Terentyev")
        );
        assert_eq!(
            party(c, Role::Recipient)[0].name.as_deref(),
            Some("NKID of the USSR")
        );
        assert_eq!(c.classification, Some(Classification::Secret));
        assert_eq!(c.body, "Text.");
    }

    #[test]
    fn paragraph_after_a_whole_html_heading_stays_body() {
        // A letter with no date line: its salutation and first paragraph
        // are short, but they open the body, not the heading.
        let t = one_paragraph_per_line(&[
            "Letter from the envoy X. Zorin to the minister of foreign affairs of Turkey",
            "Mr. Minister,",
            "in reply to your note",
            "Zorin",
        ]);
        let p = parse_page(&t);
        assert_eq!(p.documents.len(), 1);
        let d = &p.documents[0];
        assert_eq!(
            d.heading,
            "Letter from the envoy X. Zorin to the minister of foreign affairs of Turkey"
        );
        assert!(d.body.starts_with("Mr. Minister,"), "{}", d.body);
    }

    #[test]
    fn date_glued_to_a_split_heading_keeps_its_year() {
        // Cut at the last space, the year of the glued date goes to the next
        // line; alone it would read as a year-only date line.
        let t = "Statement of the people's commissar for foreign affairs M. M. Litvinov. January 10,\n1930\nJanuary 10, 1930\nText.\nLitvinov\n";
        let p = parse_page(t);
        assert_tiles(t, &p);
        assert_eq!(p.documents.len(), 1);
        let d = &p.documents[0];
        assert_eq!(
            d.heading,
            "Statement of the people's commissar for foreign affairs M. M. Litvinov. January 10, 1930"
        );
        assert_eq!(d.kind, DocumentKind::Statement);
        let date = d.date.as_ref().expect("date");
        assert_eq!(
            (date.from.as_str(), date.precision),
            ("1930-01-10", DatePrecision::Day)
        );
        assert_eq!(d.body, "Text.");
        let author = party(d, Role::Author);
        assert_eq!(author[0].name.as_deref(), Some("M. M. Litvinov"));
        assert_eq!(
            author[0].position.as_deref(),
            Some("people's commissar for foreign affairs")
        );
    }

    #[test]
    fn date_first_heading_with_the_name_on_the_next_line() {
        let t = "Telegram of the envoy X. Zorin to the NKID\nMay 5, 1939\nWe met.\n13 October 1930, telegram from the plenipotentiary representative of the USSR in Turkey Yakov\nSurits\nText.\n";
        let p = parse_page(t);
        assert_tiles(t, &p);
        assert_eq!(p.documents.len(), 2);
        let d = &p.documents[1];
        assert_eq!(d.heading, "13 October 1930, telegram from the plenipotentiary representative of the USSR in Turkey Yakov Surits");
        assert_eq!(d.kind, DocumentKind::Telegram);
        assert_eq!(d.date.as_ref().map(|x| x.from.as_str()), Some("1930-10-13"));
        let author = party(d, Role::Author);
        assert_eq!(author.len(), 1);
        assert_eq!(author[0].name.as_deref(), Some("Yakov Surits"));
        assert_eq!(
            author[0].position.as_deref(),
            Some("plenipotentiary representative of the USSR in Turkey")
        );
        assert_eq!(d.body, "Text.");
    }

    #[test]
    fn date_first_headings_with_place_and_number() {
        // Headings of 1921-23 that open with a date line of their time
        // (place, date, document number) before `, telegram from ...`.
        // Each follows a body line, so only the heading itself can say a
        // document starts.
        let t = "Telegram of the envoy X. Zorin to the NKID\nMay 5, 1921\nWe met.\nApril 6, 1921 no. 317, telegram from the plenipotentiary representative of the RSFSR in Turkey S. I. Aralov\nThe minister agreed.\nLausanne, January 21, 1923 No. 11/568, telegram from the people's commissar for foreign affairs G. V. Chicherin to the NKID\nThe conference opened.\n";
        let p = parse_page(t);
        assert_tiles(t, &p);
        assert_eq!(p.documents.len(), 3);
        assert_eq!(p.documents[0].body, "We met.");
        let b = &p.documents[1];
        assert_eq!(b.heading, "April 6, 1921 no. 317, telegram from the plenipotentiary representative of the RSFSR in Turkey S. I. Aralov");
        assert_eq!(b.kind, DocumentKind::Telegram);
        assert!(!b.is_extract);
        assert_eq!(b.date.as_ref().map(|x| x.from.as_str()), Some("1921-04-06"));
        assert_eq!(
            (b.doc_number.as_deref(), b.place.as_deref()),
            (Some("317"), None)
        );
        let author = party(b, Role::Author);
        assert_eq!(author.len(), 1);
        assert_eq!(author[0].name.as_deref(), Some("S. I. Aralov"));
        assert_eq!(
            author[0].position.as_deref(),
            Some("plenipotentiary representative of the RSFSR in Turkey")
        );
        assert_eq!(b.body, "The minister agreed.");
        assert_eq!(
            b.warnings.iter().map(|w| w.code).collect::<Vec<_>>(),
            ["no_citation"]
        );
        let c = &p.documents[2];
        assert_eq!(c.kind, DocumentKind::Telegram);
        assert_eq!(c.date.as_ref().map(|x| x.from.as_str()), Some("1923-01-21"));
        assert_eq!(
            (c.doc_number.as_deref(), c.place.as_deref()),
            (Some("11/568"), Some("Lausanne"))
        );
        assert_eq!(
            party(c, Role::Author)[0].name.as_deref(),
            Some("G. V. Chicherin")
        );
        assert_eq!(party(c, Role::Recipient)[0].name.as_deref(), Some("NKID"));
        assert_eq!(c.body, "The conference opened.");
    }

    #[test]
    fn bare_headings_with_middle_initials_and_particles() {
        let t = "Telegram of the envoy X. Zorin to the NKID\nMay 5, 1937\nWe met.\nJoseph E. Davies to the people's commissariat of foreign affairs of the USSR\nMay 6, 1937\nThe ambassador asked for a meeting.\nFriedrich-Werner von der Schulenburg to the NKID of the USSR *\nMay 7, 1937\nThe ambassador protested.\n";
        let p = parse_page(t);
        assert_tiles(t, &p);
        assert_eq!(p.documents.len(), 3);
        let b = &p.documents[1];
        assert_eq!(
            b.heading,
            "Joseph E. Davies to the people's commissariat of foreign affairs of the USSR"
        );
        assert_eq!(b.kind, DocumentKind::Other);
        let author = party(b, Role::Author);
        assert_eq!(author.len(), 1);
        assert_eq!(
            (author[0].name.as_deref(), author[0].position.as_deref()),
            (Some("Joseph E. Davies"), None)
        );
        assert_eq!(
            party(b, Role::Recipient)[0].name.as_deref(),
            Some("people's commissariat of foreign affairs of the USSR")
        );
        assert_eq!(
            b.warnings.iter().map(|w| w.code).collect::<Vec<_>>(),
            ["no_citation"]
        );
        let c = &p.documents[2];
        assert_eq!(
            c.heading,
            "Friedrich-Werner von der Schulenburg to the NKID of the USSR"
        );
        let author = party(c, Role::Author);
        assert_eq!(
            (author[0].name.as_deref(), author[0].position.as_deref()),
            (Some("Friedrich-Werner von der Schulenburg"), None)
        );
        assert_eq!(
            party(c, Role::Recipient)[0].name.as_deref(),
            Some("NKID of the USSR")
        );
        assert_eq!(c.date.as_ref().map(|x| x.from.as_str()), Some("1937-05-07"));
    }

    #[test]
    fn name_like_body_paragraphs_do_not_split() {
        // Lines that read like a bare heading, a split heading's name part or
        // a place-and-date heading, inside a body: no date line follows them
        // and no closing line stands before them.
        let lines = [
            "Telegram of the envoy X. Zorin to the NKID",
            "May 5, 1939",
            "We met the minister.",
            "Joseph E. Davies to the NKID of the USSR",
            "Menemencioglu",
            "He left for Ankara.",
            "Berlin, May 5, 1939, telegram from the embassy reported the news.",
            "The minister left.",
            "Zorin",
        ];
        for t in [lines.join("\n") + "\n", one_paragraph_per_line(&lines)] {
            let p = parse_page(&t);
            assert_tiles(&t, &p);
            assert_eq!(p.documents.len(), 1, "{t}");
            let d = &p.documents[0];
            assert_eq!(d.heading, "Telegram of the envoy X. Zorin to the NKID");
            assert!(d.body.contains("Joseph E. Davies to the NKID"));
            assert!(d.body.contains("\nMenemencioglu\n"));
            assert!(d.body.contains("Berlin, May 5, 1939"));
        }
    }

    #[test]
    fn annex_kept_inside_with_its_date() {
        let t = "Note of the plenipotentiary representative of the RSFSR to the minister\nAugust 20, 1921\nWe protested.\nThe following reply was received from the minister on 28 august 1921:\n\"Mr. Commissioner, we regret.\"\n";
        let p = parse_page(t);
        assert_eq!(p.documents.len(), 1);
        let d = &p.documents[0];
        assert!(d.body.contains("Mr. Commissioner"));
        assert_eq!(
            d.annex_dates
                .iter()
                .map(|x| x.from.as_str())
                .collect::<Vec<_>>(),
            ["1921-08-28"]
        );
    }

    #[test]
    fn position_then_name_signature_and_print_note() {
        let t = "Letter of the envoy to the minister\nMay 1, 1930\nText of the letter.\nPlenipotentiary\nX. Zorin\nPrint. By srh.\n(Tass)\n";
        let d = &parse_page(t).documents[0];
        assert_eq!(d.signature.as_deref(), Some("Plenipotentiary\nX. Zorin"));
        assert_eq!(d.print_note.as_deref(), Some("Print. By srh."));
        assert_eq!(d.press_source.as_deref(), Some("(Tass)"));
        assert_eq!(d.body, "Text of the letter.");
    }

    #[test]
    fn heading_like_body_line_does_not_split() {
        let t = "Telegram of the envoy X. Zorin to the NKID\nMay 5, 1939\nWe met.\nTalk of the war was everywhere in Ankara.\nThe minister left.\nZorin\nTelegram of the envoy X. Zorin to the NKID\nMay 6, 1939\nSecond.\n";
        let p = parse_page(t);
        assert_tiles(t, &p);
        assert_eq!(p.documents.len(), 2);
        assert!(p.documents[0].body.contains("Talk of the war"));
    }

    #[test]
    fn stray_text_before_first_heading_is_reported() {
        let t = "Download PDF\n* a stray note\nTelegram of the envoy X. Zorin to the NKID\nMay 5, 1939\nText.\n";
        let p = parse_page(t);
        assert_tiles(t, &p);
        assert_eq!(p.documents.len(), 1);
        assert_eq!(
            p.warnings
                .iter()
                .map(|w| (w.code, w.line))
                .collect::<Vec<_>>(),
            [("text_outside_document", 2)]
        );
    }

    #[test]
    fn citation_broken_over_two_lines() {
        let t = "Letter of the secretary X. Zorin to the envoy\nMay 1, 1930\nText.\nZorin\nRGASPI. F. 17.\nOp. 3. D. 12. L. 30.\n";
        let d = &parse_page(t).documents[0];
        assert_eq!(d.citations.len(), 1);
        let c = &d.citations[0];
        assert_eq!(
            (
                c.archive.as_str(),
                c.fond.as_deref(),
                c.opis.as_deref(),
                c.delo.as_deref(),
                c.sheets.as_deref()
            ),
            ("RGASPI", Some("17"), Some("3"), Some("12"), Some("30"))
        );
        assert_eq!(c.line, 5);
        assert_eq!(d.signature.as_deref(), Some("Zorin"));
        assert_eq!(d.body, "Text.");
    }

    #[test]
    fn special_folder_on_its_own_line_completes_top_secret() {
        let t = "Letter of the secretary X. Zorin to the envoy\nMay 1, 1930 Top secret\nSpecial folder\nText.\n";
        let d = &parse_page(t).documents[0];
        assert_eq!(
            d.classification,
            Some(Classification::TopSecretSpecialFolder)
        );
        assert_eq!(
            d.classification_text.as_deref(),
            Some("Top secret\nSpecial folder")
        );
        assert_eq!(d.body, "Text.");
    }

    #[test]
    fn site_footer_is_boilerplate() {
        let t = "Telegram of the envoy X. Zorin to the NKID\nMay 5, 1939\nText.\nStalin\n\nMarx-Engels | Lenin | Stalin | Home Page\nDownload PDF\n";
        let p = parse_page(t);
        assert_tiles(t, &p);
        let d = &p.documents[0];
        assert_eq!(d.signature.as_deref(), Some("Stalin"));
        assert!(!d.raw_text.contains("Home Page"));
        assert_eq!(p.boilerplate.len(), 1);
        assert!(t[p.boilerplate[0].clone()].contains("Download PDF"));
    }

    #[test]
    fn footnote_under_heading_before_the_date() {
        let t =
            "Telegram of the envoy X. Zorin to the NKID *\n* Sent in cipher.\nMay 5, 1939\nText.\n";
        let d = &parse_page(t).documents[0];
        assert_eq!(d.date.as_ref().map(|x| x.from.as_str()), Some("1939-05-05"));
        assert_eq!(
            d.footnotes
                .iter()
                .map(|f| f.text.as_str())
                .collect::<Vec<_>>(),
            ["Sent in cipher."]
        );
        assert_eq!(d.body, "Text.");
    }

    #[test]
    fn empty_and_garbage_pages() {
        for t in [
            "",
            "\n\n",
            "\u{a0}",
            "just some words",
            "\u{feff}x",
            "* note\n...",
        ] {
            let p = parse_page(t);
            assert_tiles(t, &p);
        }
        assert_eq!(parse_page("").warnings[0].code, "no_document");
    }

    #[test]
    fn many_documents_scale_linearly() {
        let one = include_str!("../../tests/fixtures/08_multi_footnotes_elisions.txt");
        let body: String = one.lines().skip(4).map(|l| format!("{l}\n")).collect();
        let small = body.repeat(50);
        let big = body.repeat(500);
        let t0 = std::time::Instant::now();
        let a = parse_page(&small);
        let t1 = t0.elapsed();
        let t2 = std::time::Instant::now();
        let b = parse_page(&big);
        let t3 = t2.elapsed();
        // Printed for the record (`--nocapture`): documents and bytes per second.
        println!(
            "parse_page: {} documents, {} bytes in {t3:?} ({:.0} docs/s, {:.1} MB/s)",
            b.documents.len(),
            big.len(),
            b.documents.len() as f64 / t3.as_secs_f64(),
            big.len() as f64 / 1e6 / t3.as_secs_f64()
        );
        assert_eq!(a.documents.len(), 150);
        assert_eq!(b.documents.len(), 1500);
        assert_tiles(&big, &b);
        // Ten times the input may take at most ~30 times as long (linear with noise).
        assert!(
            t3 < t1 * 30 + std::time::Duration::from_millis(200),
            "{t1:?} vs {t3:?}"
        );
    }

    #[test]
    fn huge_first_line_full_of_dates_is_fast() {
        let t = "May 5, 1939 no. 3 secret ".repeat(400_000);
        let start = std::time::Instant::now();
        let p = parse_page(&t);
        assert_tiles(&t, &p);
        assert_eq!(p.documents.len(), 1);
        assert!(p.documents[0]
            .warnings
            .iter()
            .any(|w| w.code == "heading_too_long"));
        assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
    }

    #[test]
    fn long_single_line_is_fast() {
        let big = "word ".repeat(2_000_000);
        let t = format!("Telegram of the envoy X. Zorin to the NKID\nMay 5, 1939\n{big}\n");
        let start = std::time::Instant::now();
        let p = parse_page(&t);
        assert_eq!(p.documents.len(), 1);
        assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
    }
}
