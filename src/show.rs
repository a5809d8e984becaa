//! Reading stored documents back: one document in full as one record
//! ([`DocumentView`], read by column name) and its text form, for
//! `archdb show`; the seed's warnings by file and line. The labelled field
//! lines ([`Fields`]) are also those of `archdb seed --dry-run`.
//!
//! The body is printed with every mention marked like a Markdown link,
//! `[Iden](person:eden)` or `[Turks](country:turkey)`: readable as text,
//! rendered as a link by Markdown viewers, and unambiguous to grep
//! (`](person:`). Mention offsets count characters of `documents.body`
//! (see the schema), so marking walks characters, not bytes.

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::db;

/// Everything `show` prints about one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct DocumentView {
    id: i64,
    source: String,
    seq: i64,
    start_line: i64,
    end_line: i64,
    heading: String,
    kind: String,
    is_extract: bool,
    date_text: Option<String>,
    date_from: Option<String>,
    date_to: Option<String>,
    date_precision: String,
    doc_number: Option<String>,
    place: Option<String>,
    classification: Option<String>,
    classification_text: Option<String>,
    priority: Option<String>,
    priority_text: Option<String>,
    distribution_text: Option<String>,
    signature: Option<String>,
    print_note: Option<String>,
    press_source: Option<String>,
    parties: Vec<PartyView>,
    citations: Vec<CitationView>,
    publications: Vec<String>,
    footnotes: Vec<FootnoteView>,
    warnings: Vec<WarningView>,
    mentions: Vec<MentionView>,
    unresolved: Vec<UnresolvedView>,
    body: String,
    /// The body with mentions marked `[surface](person:key)`.
    marked_body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct PartyView {
    role: String,
    as_printed: String,
    /// `person`, `institution` or `unresolved`.
    resolved_as: String,
    key: Option<String>,
    name: Option<String>,
    position: Option<String>,
    position_country: Option<String>,
    position_host_country: Option<String>,
    line: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct CitationView {
    citation: String,
    archive: String,
    fond: Option<String>,
    opis: Option<String>,
    papka: Option<String>,
    delo: Option<String>,
    sheets: Option<String>,
    as_printed: String,
    line: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct FootnoteView {
    marker: String,
    text: String,
    line: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct WarningView {
    line: Option<i64>,
    code: String,
    message: String,
    expected: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct MentionView {
    /// `person` or `country`.
    kind: String,
    key: String,
    name: String,
    surface: String,
    char_start: i64,
    char_end: i64,
    /// The text the offsets count in: heading, distribution, body, signature or footnote.
    field: String,
    /// Why the resolver chose this entity (`mentions.rule`).
    rule: Option<String>,
}

/// A name found but not settled (`unresolved_mentions`).
#[derive(Debug, Clone, PartialEq, Serialize)]
struct UnresolvedView {
    surface: String,
    field: String,
    /// `unknown` or `ambiguous`.
    reason: String,
    note: Option<String>,
    /// Keys of the entities an ambiguous name may mean, comma-separated.
    candidates: Option<String>,
    char_start: i64,
    char_end: i64,
}

/// Reads document `id` from the database at `db_path`; no such document
/// is an error that says which ids there are.
pub(crate) fn read(db_path: &Path, id: i64) -> Result<DocumentView> {
    let conn = db::open_read_only(db_path)?;
    let doc = load(&conn, id).and_then(|doc| match doc {
        Some(doc) => Ok(doc),
        None => bail!(
            "no document with id {id}; {} (list them with `archdb report documents`)",
            id_range(&conn)?
        ),
    });
    drop(conn);
    db::tidy_after_reading(db_path);
    doc
}

/// `the 12 documents have ids 1 to 12`, for an id that is not one of them.
fn id_range(conn: &Connection) -> Result<String> {
    let (count, low, high): (i64, Option<i64>, Option<i64>) = conn.query_row(
        "SELECT count(*) AS count, min(id) AS low, max(id) AS high FROM documents",
        [],
        |r| Ok((r.get("count")?, r.get("low")?, r.get("high")?)),
    )?;
    Ok(match (low, high) {
        (Some(low), Some(high)) => format!("the {count} documents have ids {low} to {high}"),
        _ => "the database holds no documents".to_string(),
    })
}

/// Reads document `id`, or `None` if there is no such document.
fn load(conn: &Connection, id: i64) -> Result<Option<DocumentView>> {
    let base = conn
        .query_row(
            "SELECT d.id, s.path AS source, d.seq, d.start_line, d.end_line, d.heading, d.kind,
                    d.is_extract, d.date_text, d.date_from, d.date_to, d.date_precision,
                    d.doc_number, d.place, d.classification, d.classification_text, d.priority,
                    d.priority_text, d.distribution_text, d.signature, d.print_note,
                    d.press_source, d.body
             FROM documents d JOIN sources s ON s.id = d.source_id
             WHERE d.id = ?1",
            [id],
            |r| {
                Ok(DocumentView {
                    id: r.get("id")?,
                    source: r.get("source")?,
                    seq: r.get("seq")?,
                    start_line: r.get("start_line")?,
                    end_line: r.get("end_line")?,
                    heading: r.get("heading")?,
                    kind: r.get("kind")?,
                    is_extract: r.get::<_, i64>("is_extract")? != 0,
                    date_text: r.get("date_text")?,
                    date_from: r.get("date_from")?,
                    date_to: r.get("date_to")?,
                    date_precision: r.get("date_precision")?,
                    doc_number: r.get("doc_number")?,
                    place: r.get("place")?,
                    classification: r.get("classification")?,
                    classification_text: r.get("classification_text")?,
                    priority: r.get("priority")?,
                    priority_text: r.get("priority_text")?,
                    distribution_text: r.get("distribution_text")?,
                    signature: r.get("signature")?,
                    print_note: r.get("print_note")?,
                    press_source: r.get("press_source")?,
                    body: r.get("body")?,
                    parties: Vec::new(),
                    citations: Vec::new(),
                    publications: Vec::new(),
                    footnotes: Vec::new(),
                    warnings: Vec::new(),
                    mentions: Vec::new(),
                    unresolved: Vec::new(),
                    marked_body: String::new(),
                })
            },
        )
        .optional()
        .with_context(|| format!("reading document {id}"))?;
    let Some(mut doc) = base else {
        return Ok(None);
    };
    doc.parties = parties(conn, id)?;
    doc.citations = citations(conn, id)?;
    doc.publications = collect(
        conn,
        "SELECT as_printed FROM publications WHERE document_id = ?1 ORDER BY line, id",
        id,
        |r| r.get("as_printed"),
    )?;
    doc.footnotes = collect(
        conn,
        "SELECT marker, text, line FROM footnotes WHERE document_id = ?1 ORDER BY line, id",
        id,
        |r| {
            Ok(FootnoteView {
                marker: r.get("marker")?,
                text: r.get("text")?,
                line: r.get("line")?,
            })
        },
    )?;
    doc.warnings = collect(
        conn,
        "SELECT line, code, message, expected FROM warnings WHERE document_id = ?1 ORDER BY line, id",
        id,
        |r| {
            Ok(WarningView {
                line: r.get("line")?,
                code: r.get("code")?,
                message: r.get("message")?,
                expected: r.get("expected")?,
            })
        },
    )?;
    doc.mentions = collect(
        conn,
        "SELECT CASE WHEN m.person_id IS NOT NULL THEN 'person' ELSE 'country' END AS kind,
                coalesce(p.key, c.key) AS key, coalesce(p.name, c.name) AS name, m.surface,
                m.char_start, m.char_end, m.field, m.rule
         FROM mentions m
         LEFT JOIN persons p ON p.id = m.person_id
         LEFT JOIN countries c ON c.id = m.country_id
         WHERE m.document_id = ?1
         ORDER BY CASE m.field WHEN 'heading' THEN 1 WHEN 'distribution' THEN 2 WHEN 'body' THEN 3
                               WHEN 'signature' THEN 4 ELSE 5 END,
                  m.footnote_id, m.char_start, m.char_end DESC, m.id",
        id,
        |r| {
            Ok(MentionView {
                kind: r.get("kind")?,
                key: r.get("key")?,
                name: r.get("name")?,
                surface: r.get("surface")?,
                char_start: r.get("char_start")?,
                char_end: r.get("char_end")?,
                field: r.get("field")?,
                rule: r.get("rule")?,
            })
        },
    )?;
    doc.unresolved = collect(
        conn,
        "SELECT surface, field, reason, note, candidates, char_start, char_end
         FROM unresolved_mentions_named WHERE document_id = ?1
         ORDER BY CASE field WHEN 'heading' THEN 1 WHEN 'distribution' THEN 2 WHEN 'body' THEN 3
                             WHEN 'signature' THEN 4 ELSE 5 END, char_start, id",
        id,
        |r| {
            Ok(UnresolvedView {
                surface: r.get("surface")?,
                field: r.get("field")?,
                reason: r.get("reason")?,
                note: r.get("note")?,
                candidates: r.get("candidates")?,
                char_start: r.get("char_start")?,
                char_end: r.get("char_end")?,
            })
        },
    )?;
    let in_body: Vec<MentionView> = doc
        .mentions
        .iter()
        .filter(|m| m.field == "body")
        .cloned()
        .collect();
    doc.marked_body = mark_mentions(&doc.body, &in_body);
    Ok(Some(doc))
}

fn parties(conn: &Connection, id: i64) -> Result<Vec<PartyView>> {
    collect(
        conn,
        "SELECT dp.role, dp.as_printed,
                CASE WHEN p.id IS NOT NULL THEN 'person' WHEN i.id IS NOT NULL THEN 'institution' ELSE 'unresolved' END
                    AS resolved_as,
                coalesce(p.key, i.key) AS key, coalesce(p.name, i.name) AS name,
                pos.title AS position, pc.name AS position_country, ph.name AS position_host_country,
                dp.line
         FROM document_parties dp
         LEFT JOIN persons p ON p.id = dp.person_id
         LEFT JOIN institutions i ON i.id = dp.institution_id
         LEFT JOIN positions pos ON pos.id = dp.position_id
         LEFT JOIN countries pc ON pc.id = pos.country_id
         LEFT JOIN countries ph ON ph.id = pos.host_country_id
         WHERE dp.document_id = ?1
         ORDER BY CASE dp.role WHEN 'author' THEN 1 WHEN 'recipient' THEN 2 WHEN 'participant' THEN 3 ELSE 4 END, dp.id",
        id,
        |r| {
            Ok(PartyView {
                role: r.get("role")?,
                as_printed: r.get("as_printed")?,
                resolved_as: r.get("resolved_as")?,
                key: r.get("key")?,
                name: r.get("name")?,
                position: r.get("position")?,
                position_country: r.get("position_country")?,
                position_host_country: r.get("position_host_country")?,
                line: r.get("line")?,
            })
        },
    )
}

fn citations(conn: &Connection, id: i64) -> Result<Vec<CitationView>> {
    collect(
        conn,
        "SELECT cs.citation, c.archive, c.fond, c.opis, c.papka, c.delo, c.sheets, c.as_printed, c.line
         FROM citations c JOIN citation_strings cs ON cs.citation_id = c.id
         WHERE c.document_id = ?1 ORDER BY c.line, c.id",
        id,
        |r| {
            Ok(CitationView {
                citation: r.get("citation")?,
                archive: r.get("archive")?,
                fond: r.get("fond")?,
                opis: r.get("opis")?,
                papka: r.get("papka")?,
                delo: r.get("delo")?,
                sheets: r.get("sheets")?,
                as_printed: r.get("as_printed")?,
                line: r.get("line")?,
            })
        },
    )
}

fn collect<T>(
    conn: &Connection,
    sql: &str,
    id: i64,
    map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([id], map)?;
    Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
}

/// A warning of the database, with the file it is about (`None` for an
/// entry that was not read at all).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlacedWarning {
    pub(crate) path: Option<String>,
    pub(crate) line: Option<i64>,
    pub(crate) code: String,
    pub(crate) message: String,
}

/// The first `limit` warnings of the database at `db_path`, by file and
/// line; those of entries not read at all come last.
pub(crate) fn first_warnings(db_path: &Path, limit: i64) -> Result<Vec<PlacedWarning>> {
    let conn = db::open_read_only(db_path)?;
    let mut stmt = conn.prepare(
        "SELECT s.path, w.line, w.code, w.message FROM warnings w
         LEFT JOIN sources s ON s.id = w.source_id
         ORDER BY s.path IS NULL, s.path, w.line, w.id LIMIT ?1",
    )?;
    let warnings = stmt
        .query_map([limit], |r| {
            Ok(PlacedWarning {
                path: r.get("path")?,
                line: r.get("line")?,
                code: r.get("code")?,
                message: r.get("message")?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    drop(stmt);
    drop(conn);
    db::tidy_after_reading(db_path);
    Ok(warnings)
}

/// The body with each mention wrapped as `[surface](kind:key)`.
///
/// Mentions must be sorted by start. One that overlaps an earlier one, or
/// whose offsets fall outside the body, is left unmarked (it is still listed
/// in the JSON output) rather than garbling the text.
fn mark_mentions(body: &str, mentions: &[MentionView]) -> String {
    let chars: Vec<char> = body.chars().collect();
    let mut out = String::with_capacity(body.len() + mentions.len() * 16);
    let mut next = 0usize; // first character not yet copied
    for m in mentions {
        let (Ok(start), Ok(end)) = (usize::try_from(m.char_start), usize::try_from(m.char_end))
        else {
            continue;
        };
        if start < next || end <= start || end > chars.len() {
            continue;
        }
        out.extend(&chars[next..start]);
        out.push('[');
        out.extend(&chars[start..end]);
        out.push_str("](");
        out.push_str(&m.kind);
        out.push(':');
        out.push_str(&m.key);
        out.push(')');
        next = end;
    }
    out.extend(&chars[next.min(chars.len())..]);
    out
}

/// Writes the readable text form.
pub(crate) fn write_text(doc: &DocumentView, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "document {} — {}, document {} of the page, lines {}-{}",
        doc.id, doc.source, doc.seq, doc.start_line, doc.end_line
    )?;
    let fields = Fields {
        indent: "",
        width: 16,
    };
    fields.line(out, "heading", &doc.heading)?;
    fields.line(out, "kind", kind_label(&doc.kind, doc.is_extract))?;
    let date = match &doc.date_from {
        Some(from) => date_range(
            from,
            doc.date_to.as_deref().unwrap_or(from),
            &doc.date_precision,
        ),
        None => "unknown".to_string(),
    };
    fields.line(out, "date", date + &printed(doc.date_text.as_deref()))?;
    fields.optional(out, "number", &doc.doc_number)?;
    fields.optional(out, "place", &doc.place)?;
    let classification = doc.classification.as_deref().unwrap_or("none");
    fields.line(
        out,
        "classification",
        format!(
            "{classification}{}",
            printed(doc.classification_text.as_deref())
        ),
    )?;
    if doc.priority.is_some() || doc.priority_text.is_some() {
        let priority = doc.priority.as_deref().unwrap_or("(not understood)");
        fields.line(
            out,
            "priority",
            format!("{priority}{}", printed(doc.priority_text.as_deref())),
        )?;
    }
    fields.optional(out, "sent to", &doc.distribution_text)?;
    if !doc.parties.is_empty() {
        writeln!(out, "parties:")?;
        for p in &doc.parties {
            let who = match (&p.name, &p.key) {
                (Some(name), Some(key)) => format!("{name} [{}:{key}]", p.resolved_as),
                _ => "(unresolved)".to_string(),
            };
            let office = p.position.as_ref().map(|title| {
                let place = match (&p.position_country, &p.position_host_country) {
                    (Some(c), Some(h)) => format!(" ({c}, in {h})"),
                    (Some(c), None) => format!(" ({c})"),
                    _ => String::new(),
                };
                format!(", {title}{place}")
            });
            writeln!(
                out,
                "  {:<15} {who}{} — printed \"{}\" (line {})",
                p.role,
                office.unwrap_or_default(),
                p.as_printed,
                p.line
            )?;
        }
    }
    fields.optional(out, "signature", &doc.signature)?;
    fields.optional(out, "print note", &doc.print_note)?;
    fields.optional(out, "press", &doc.press_source)?;
    if !doc.citations.is_empty() {
        writeln!(out, "citations:")?;
        for c in &doc.citations {
            writeln!(
                out,
                "  {} — printed \"{}\" (line {})",
                c.citation, c.as_printed, c.line
            )?;
        }
    }
    for p in &doc.publications {
        fields.line(out, "publication", p)?;
    }
    if !doc.footnotes.is_empty() {
        writeln!(out, "footnotes:")?;
        for f in &doc.footnotes {
            writeln!(out, "  {} {} (line {})", f.marker, f.text, f.line)?;
        }
    }
    if !doc.warnings.is_empty() {
        writeln!(out, "warnings:")?;
        for w in &doc.warnings {
            let line = w.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            let expected = w
                .expected
                .as_ref()
                .map(|e| format!(" (expected {e})"))
                .unwrap_or_default();
            writeln!(out, "  {line}{}: {}{expected}", w.code, w.message)?;
        }
    }
    fields.line(out, "mentions", mention_summary(&doc.mentions))?;
    let reasons = person_reasons(&doc.mentions);
    if !reasons.is_empty() {
        writeln!(out, "persons chosen:")?;
        for r in reasons {
            writeln!(out, "  {r}")?;
        }
    }
    if !doc.unresolved.is_empty() {
        writeln!(out, "unresolved names:")?;
        for u in &doc.unresolved {
            let why = match (&u.candidates, &u.note) {
                (Some(c), Some(n)) => format!("may be {c}; {n}"),
                (Some(c), None) => format!("may be {c}"),
                (None, Some(n)) => n.clone(),
                (None, None) => String::new(),
            };
            writeln!(
                out,
                "  {} ({}, in the {}): {why}",
                u.surface, u.reason, u.field
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", doc.marked_body)?;
    Ok(())
}

/// `Turkey ×3, Eden ×2` in order of first appearance.
fn mention_summary(mentions: &[MentionView]) -> String {
    if mentions.is_empty() {
        return "none".to_string();
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for m in mentions {
        match counts.iter_mut().find(|(name, _)| *name == m.name) {
            Some((_, n)) => *n += 1,
            None => counts.push((&m.name, 1)),
        }
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(name, n)| format!("{name} ×{n}"))
        .collect();
    format!("{} ({})", mentions.len(), parts.join(", "))
}

/// One line per person and reason: `Neville Chamberlain (body): alias ...`.
fn person_reasons(mentions: &[MentionView]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for m in mentions.iter().filter(|m| m.kind == "person") {
        let line = match &m.rule {
            Some(rule) => format!("{} ({}): {rule}", m.name, m.field),
            None => format!(
                "{} ({}): alias `{}`, which names no one else",
                m.name, m.field, m.surface
            ),
        };
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    lines
}

/// Labelled lines of a document's fields, `label:` padded to one column,
/// then the value: the one format of a document's fields, in `archdb show`
/// (the stored record) and `archdb seed --dry-run` (what the parser made of
/// a page).
pub(crate) struct Fields {
    /// Before each label.
    pub(crate) indent: &'static str,
    /// The label column's width, colon included.
    pub(crate) width: usize,
}

impl Fields {
    pub(crate) fn line(
        &self,
        out: &mut dyn Write,
        label: &str,
        value: impl std::fmt::Display,
    ) -> std::io::Result<()> {
        let label = format!("{label}:");
        writeln!(
            out,
            "{}{label:<width$} {value}",
            self.indent,
            width = self.width
        )
    }

    /// A line for a value that may be missing; nothing when it is.
    pub(crate) fn optional(
        &self,
        out: &mut dyn Write,
        label: &str,
        value: &Option<String>,
    ) -> std::io::Result<()> {
        match value {
            Some(value) => self.line(out, label, value),
            None => Ok(()),
        }
    }
}

/// `telegram`, or `telegram (extract)`.
pub(crate) fn kind_label(kind: &str, is_extract: bool) -> String {
    format!("{kind}{}", if is_extract { " (extract)" } else { "" })
}

/// `1939-05-01 to 1939-05-31 (month)`, or `1939-05-03 (day)` for one day.
pub(crate) fn date_range(from: &str, to: &str, precision: &str) -> String {
    if from == to {
        format!("{from} ({precision})")
    } else {
        format!("{from} to {to} ({precision})")
    }
}

/// ` — printed "…"` after a value read from `text`; nothing without it.
pub(crate) fn printed(text: Option<&str>) -> String {
    text.map(|t| format!(" — printed \"{t}\""))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(kind: &str, key: &str, start: i64, end: i64) -> MentionView {
        MentionView {
            kind: kind.into(),
            key: key.into(),
            name: key.into(),
            surface: String::new(),
            char_start: start,
            char_end: end,
            field: "body".into(),
            rule: None,
        }
    }

    #[test]
    fn marks_mentions_by_character_offsets() {
        // ʹ and ü are one character each but two bytes: offsets are characters.
        let body = "Molotovʹs talk with Atatürk about Turkey.";
        let marked = mark_mentions(
            body,
            &[
                mention("person", "molotov", 0, 7),
                mention("person", "ataturk", 20, 27),
                mention("country", "turkey", 34, 40),
            ],
        );
        assert_eq!(
            marked,
            "[Molotov](person:molotov)ʹs talk with [Atatürk](person:ataturk) about [Turkey](country:turkey)."
        );
    }

    #[test]
    fn overlapping_and_out_of_range_mentions_are_left_unmarked() {
        let body = "Great Britain and Japan";
        let marked = mark_mentions(
            body,
            &[
                mention("country", "great_britain", 0, 13),
                mention("country", "britain_dup", 6, 13),
                mention("country", "japan", 18, 23),
                mention("country", "beyond", 20, 99),
                mention("country", "negative", -1, 2),
            ],
        );
        assert_eq!(
            marked,
            "[Great Britain](country:great_britain) and [Japan](country:japan)"
        );
    }

    #[test]
    fn a_body_without_mentions_is_unchanged() {
        assert_eq!(
            mark_mentions("plain text ʺquotedʺ", &[]),
            "plain text ʺquotedʺ"
        );
    }

    #[test]
    fn summary_counts_by_name_in_order_of_appearance() {
        let ms = [
            mention("country", "turkey", 0, 1),
            mention("person", "eden", 2, 3),
            mention("country", "turkey", 4, 5),
        ];
        assert_eq!(mention_summary(&ms), "3 (turkey ×2, eden ×1)");
    }
}
