//! `archdb show ID`: one document in full, read from the database.
//!
//! The body is printed with every mention marked like a Markdown link,
//! `[Iden](person:eden)` or `[Turks](country:turkey)`: readable as text,
//! rendered as a link by Markdown viewers, and unambiguous to grep
//! (`](person:`). Mention offsets count characters of `documents.body`
//! (see the schema), so marking walks characters, not bytes.

use std::io::Write;

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

/// Everything `show` prints about one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentView {
    pub id: i64,
    pub source: String,
    pub seq: i64,
    pub start_line: i64,
    pub end_line: i64,
    pub heading: String,
    pub kind: String,
    pub is_extract: bool,
    pub date_text: Option<String>,
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    pub date_precision: String,
    pub doc_number: Option<String>,
    pub place: Option<String>,
    pub classification: Option<String>,
    pub classification_text: Option<String>,
    pub priority: Option<String>,
    pub priority_text: Option<String>,
    pub distribution_text: Option<String>,
    pub signature: Option<String>,
    pub print_note: Option<String>,
    pub press_source: Option<String>,
    pub parties: Vec<PartyView>,
    pub citations: Vec<CitationView>,
    pub publications: Vec<String>,
    pub footnotes: Vec<FootnoteView>,
    pub warnings: Vec<WarningView>,
    pub mentions: Vec<MentionView>,
    pub unresolved: Vec<UnresolvedView>,
    pub body: String,
    /// The body with mentions marked `[surface](person:key)`.
    pub marked_body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartyView {
    pub role: String,
    pub as_printed: String,
    /// `person`, `institution` or `unresolved`.
    pub resolved_as: String,
    pub key: Option<String>,
    pub name: Option<String>,
    pub position: Option<String>,
    pub position_country: Option<String>,
    pub position_host_country: Option<String>,
    pub line: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitationView {
    pub citation: String,
    pub archive: String,
    pub fond: Option<String>,
    pub opis: Option<String>,
    pub papka: Option<String>,
    pub delo: Option<String>,
    pub sheets: Option<String>,
    pub as_printed: String,
    pub line: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FootnoteView {
    pub marker: String,
    pub text: String,
    pub line: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WarningView {
    pub line: Option<i64>,
    pub code: String,
    pub message: String,
    pub expected: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionView {
    /// `person` or `country`.
    pub kind: String,
    pub key: String,
    pub name: String,
    pub surface: String,
    pub char_start: i64,
    pub char_end: i64,
    /// The text the offsets count in: heading, distribution, body, signature or footnote.
    pub field: String,
    /// Why the resolver chose this entity (`mentions.rule`).
    pub rule: Option<String>,
}

/// A name found but not settled (`unresolved_mentions`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnresolvedView {
    pub surface: String,
    pub field: String,
    /// `unknown` or `ambiguous`.
    pub reason: String,
    pub note: Option<String>,
    /// Keys of the entities an ambiguous name may mean, comma-separated.
    pub candidates: Option<String>,
    pub char_start: i64,
    pub char_end: i64,
}

/// Reads document `id`, or `None` if there is no such document.
pub fn load(conn: &Connection, id: i64) -> Result<Option<DocumentView>> {
    let base = conn
        .query_row(
            "SELECT d.id, s.path, d.seq, d.start_line, d.end_line, d.heading, d.kind, d.is_extract,
                    d.date_text, d.date_from, d.date_to, d.date_precision, d.doc_number, d.place,
                    d.classification, d.classification_text, d.priority, d.priority_text,
                    d.distribution_text, d.signature, d.print_note, d.press_source, d.body
             FROM documents d JOIN sources s ON s.id = d.source_id
             WHERE d.id = ?1",
            [id],
            |r| {
                Ok(DocumentView {
                    id: r.get(0)?,
                    source: r.get(1)?,
                    seq: r.get(2)?,
                    start_line: r.get(3)?,
                    end_line: r.get(4)?,
                    heading: r.get(5)?,
                    kind: r.get(6)?,
                    is_extract: r.get::<_, i64>(7)? != 0,
                    date_text: r.get(8)?,
                    date_from: r.get(9)?,
                    date_to: r.get(10)?,
                    date_precision: r.get(11)?,
                    doc_number: r.get(12)?,
                    place: r.get(13)?,
                    classification: r.get(14)?,
                    classification_text: r.get(15)?,
                    priority: r.get(16)?,
                    priority_text: r.get(17)?,
                    distribution_text: r.get(18)?,
                    signature: r.get(19)?,
                    print_note: r.get(20)?,
                    press_source: r.get(21)?,
                    body: r.get(22)?,
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
        |r| r.get(0),
    )?;
    doc.footnotes = collect(
        conn,
        "SELECT marker, text, line FROM footnotes WHERE document_id = ?1 ORDER BY line, id",
        id,
        |r| {
            Ok(FootnoteView {
                marker: r.get(0)?,
                text: r.get(1)?,
                line: r.get(2)?,
            })
        },
    )?;
    doc.warnings = collect(
        conn,
        "SELECT line, code, message, expected FROM warnings WHERE document_id = ?1 ORDER BY line, id",
        id,
        |r| Ok(WarningView { line: r.get(0)?, code: r.get(1)?, message: r.get(2)?, expected: r.get(3)? }),
    )?;
    doc.mentions = collect(
        conn,
        "SELECT CASE WHEN m.person_id IS NOT NULL THEN 'person' ELSE 'country' END,
                coalesce(p.key, c.key), coalesce(p.name, c.name), m.surface, m.char_start, m.char_end,
                m.field, m.rule
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
                kind: r.get(0)?,
                key: r.get(1)?,
                name: r.get(2)?,
                surface: r.get(3)?,
                char_start: r.get(4)?,
                char_end: r.get(5)?,
                field: r.get(6)?,
                rule: r.get(7)?,
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
                surface: r.get(0)?,
                field: r.get(1)?,
                reason: r.get(2)?,
                note: r.get(3)?,
                candidates: r.get(4)?,
                char_start: r.get(5)?,
                char_end: r.get(6)?,
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
                CASE WHEN p.id IS NOT NULL THEN 'person' WHEN i.id IS NOT NULL THEN 'institution' ELSE 'unresolved' END,
                coalesce(p.key, i.key), coalesce(p.name, i.name),
                pos.title, pc.name, ph.name, dp.line
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
                role: r.get(0)?,
                as_printed: r.get(1)?,
                resolved_as: r.get(2)?,
                key: r.get(3)?,
                name: r.get(4)?,
                position: r.get(5)?,
                position_country: r.get(6)?,
                position_host_country: r.get(7)?,
                line: r.get(8)?,
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
                citation: r.get(0)?,
                archive: r.get(1)?,
                fond: r.get(2)?,
                opis: r.get(3)?,
                papka: r.get(4)?,
                delo: r.get(5)?,
                sheets: r.get(6)?,
                as_printed: r.get(7)?,
                line: r.get(8)?,
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

/// The body with each mention wrapped as `[surface](kind:key)`.
///
/// Mentions must be sorted by start. One that overlaps an earlier one, or
/// whose offsets fall outside the body, is left unmarked (it is still listed
/// in the JSON output) rather than garbling the text.
pub fn mark_mentions(body: &str, mentions: &[MentionView]) -> String {
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
pub fn write_text(doc: &DocumentView, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "document {} — {}, document {} of the page, lines {}-{}",
        doc.id, doc.source, doc.seq, doc.start_line, doc.end_line
    )?;
    writeln!(out, "heading:         {}", doc.heading)?;
    writeln!(
        out,
        "kind:            {}{}",
        doc.kind,
        if doc.is_extract { " (extract)" } else { "" }
    )?;
    let date = match (&doc.date_from, &doc.date_to) {
        (Some(from), Some(to)) if from != to => format!("{from} to {to} ({})", doc.date_precision),
        (Some(from), _) => format!("{from} ({})", doc.date_precision),
        _ => "unknown".to_string(),
    };
    writeln!(out, "date:            {date}{}", printed(&doc.date_text))?;
    field(out, "number", &doc.doc_number)?;
    field(out, "place", &doc.place)?;
    let classification = doc
        .classification
        .clone()
        .unwrap_or_else(|| "none".to_string());
    writeln!(
        out,
        "classification:  {classification}{}",
        printed(&doc.classification_text)
    )?;
    if doc.priority.is_some() || doc.priority_text.is_some() {
        let priority = doc
            .priority
            .clone()
            .unwrap_or_else(|| "(not understood)".to_string());
        writeln!(
            out,
            "priority:        {priority}{}",
            printed(&doc.priority_text)
        )?;
    }
    field(out, "sent to", &doc.distribution_text)?;
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
    field(out, "signature", &doc.signature)?;
    field(out, "print note", &doc.print_note)?;
    field(out, "press", &doc.press_source)?;
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
        writeln!(out, "publication:     {p}")?;
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
    writeln!(out, "mentions:        {}", mention_summary(&doc.mentions))?;
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

fn printed(text: &Option<String>) -> String {
    text.as_ref()
        .map(|t| format!(" — printed \"{t}\""))
        .unwrap_or_default()
}

fn field(out: &mut dyn Write, label: &str, value: &Option<String>) -> Result<()> {
    if let Some(value) = value {
        writeln!(out, "{:<16} {value}", format!("{label}:"))?;
    }
    Ok(())
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
