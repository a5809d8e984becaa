//! Writing rows: the reference data and prepared sources, inside the
//! caller's transaction. All SQL of the seeder lives here, with bound
//! parameters.

use std::collections::{HashMap, HashSet};

use anyhow::{anyhow, Context, Result};
use rusqlite::{params, Transaction};

use crate::corpus::Warning;
use crate::entities::Target;
use crate::reference::validate::{date_window, Day};
use crate::reference::ReferenceData;

use super::prepare::PreparedSource;

/// Integer ids of the reference rows, by key, as written.
#[derive(Debug, Default)]
pub struct ReferenceIds {
    pub countries: HashMap<String, i64>,
    pub persons: HashMap<String, i64>,
    pub institutions: HashMap<String, i64>,
    pub offices: HashMap<String, i64>,
    /// Index into `ReferenceData::positions` -> `positions.id`.
    pub positions: Vec<i64>,
}

/// Counts of what one source added.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub documents: u64,
    pub mentions: u64,
    pub warnings: u64,
}

/// Deletes every corpus row and every reference row. The user's own tables
/// (`annotations` and any they add) are left alone.
pub fn clear(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM warnings;
         DELETE FROM sources;
         DELETE FROM positions;
         DELETE FROM office_aliases;
         DELETE FROM offices;
         DELETE FROM person_aliases;
         DELETE FROM persons;
         DELETE FROM institution_aliases;
         DELETE FROM institutions;
         DELETE FROM country_aliases;
         DELETE FROM countries;",
    )
    .map_err(|err| {
        // A user's table with a foreign key to archdb's rows blocks the delete.
        if err.to_string().contains("FOREIGN KEY") {
            anyhow!(
                "clearing the previous data: a table of yours has a FOREIGN KEY to archdb's rows (documents.id, persons.id ...), \
                 which every seed renumbers; nothing was written. Link notes by (source_path, seq) as `annotations` does, \
                 or drop that foreign key ({err})"
            )
        } else {
            anyhow::Error::new(err).context("clearing the previous data")
        }
    })?;
    Ok(())
}

/// Writes the reference data with ids in file order (1, 2, ...), so the
/// same files always give the same ids.
pub fn reference(tx: &Transaction, data: &ReferenceData) -> Result<ReferenceIds> {
    let mut ids = ReferenceIds::default();
    let key_id =
        |map: &HashMap<String, i64>, key: &Option<String>, what: &str| -> Result<Option<i64>> {
            match key {
                None => Ok(None),
                Some(k) => map
                    .get(k)
                    .copied()
                    .map(Some)
                    .ok_or_else(|| anyhow!("unknown {what} key {k:?}")),
            }
        };

    for (i, c) in data.countries.iter().enumerate() {
        ids.countries.insert(c.id.clone(), i as i64 + 1);
    }
    // Successors and parents may come later in the file: insert the rows
    // first, then link them, so every foreign key holds at each statement.
    let mut stmt = tx.prepare(
        "INSERT INTO countries (id, key, name, kind, exists_from, exists_to, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for c in &data.countries {
        stmt.execute(params![
            ids.countries[&c.id],
            c.id,
            c.name,
            c.kind,
            c.exists_from,
            c.exists_to,
            c.note
        ])
        .with_context(|| format!("writing country {}", c.id))?;
    }
    let mut stmt =
        tx.prepare("UPDATE countries SET successor_id = ?2, parent_id = ?3 WHERE id = ?1")?;
    for c in data
        .countries
        .iter()
        .filter(|c| c.successor_id.is_some() || c.parent_id.is_some())
    {
        stmt.execute(params![
            ids.countries[&c.id],
            key_id(&ids.countries, &c.successor_id, "country")?,
            key_id(&ids.countries, &c.parent_id, "country")?
        ])
        .with_context(|| format!("linking country {}", c.id))?;
    }
    let mut stmt = tx.prepare(
        "INSERT INTO country_aliases (country_id, alias, kind, match, valid_from, valid_to)
         VALUES (?1, ?2, ?3, coalesce(?4, 'any_case'), ?5, ?6)",
    )?;
    for a in &data.country_aliases {
        let country = key_id(&ids.countries, &Some(a.country_id.clone()), "country")?;
        stmt.execute(params![
            country,
            a.alias,
            a.kind,
            a.match_mode,
            a.valid_from,
            a.valid_to
        ])?;
    }

    let mut stmt = tx.prepare(
        "INSERT INTO persons (id, key, name, surname, given_names, born, died, country_id, description, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (i, p) in data.persons.iter().enumerate() {
        let id = i as i64 + 1;
        ids.persons.insert(p.id.clone(), id);
        stmt.execute(params![
            id,
            p.id,
            p.name,
            p.surname,
            p.given_names,
            p.born,
            p.died,
            key_id(&ids.countries, &p.country_id, "country")?,
            p.description,
            p.note
        ])
        .with_context(|| format!("writing person {}", p.id))?;
    }
    let mut stmt = tx.prepare(
        "INSERT INTO person_aliases (person_id, alias, kind, match) VALUES (?1, ?2, ?3, coalesce(?4, 'exact'))",
    )?;
    for a in &data.person_aliases {
        let person = key_id(&ids.persons, &Some(a.person_id.clone()), "person")?;
        stmt.execute(params![person, a.alias, a.kind, a.match_mode])?;
    }

    let mut stmt =
        tx.prepare("INSERT INTO institutions (id, key, name, country_id, kind, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for (i, inst) in data.institutions.iter().enumerate() {
        let id = i as i64 + 1;
        ids.institutions.insert(inst.id.clone(), id);
        stmt.execute(params![
            id,
            inst.id,
            inst.name,
            key_id(&ids.countries, &inst.country_id, "country")?,
            inst.kind,
            inst.note
        ])?;
    }
    let mut stmt =
        tx.prepare("INSERT INTO institution_aliases (institution_id, alias) VALUES (?1, ?2)")?;
    for a in &data.institution_aliases {
        let inst = key_id(
            &ids.institutions,
            &Some(a.institution_id.clone()),
            "institution",
        )?;
        stmt.execute(params![inst, a.alias])?;
    }

    let mut stmt =
        tx.prepare("INSERT INTO offices (id, key, title, single_holder, description) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (i, o) in data.offices.iter().enumerate() {
        let id = i as i64 + 1;
        ids.offices.insert(o.id.clone(), id);
        stmt.execute(params![id, o.id, o.title, o.single_holder, o.description])?;
    }
    let mut stmt = tx.prepare("INSERT INTO office_aliases (office_id, alias) VALUES (?1, ?2)")?;
    for a in &data.office_aliases {
        let office = key_id(&ids.offices, &Some(a.office_id.clone()), "office")?;
        stmt.execute(params![office, a.alias])?;
    }

    let mut stmt = tx.prepare(
        "INSERT INTO positions (id, person_id, office_id, title, country_id, host_country_id,
                                date_from, date_to, from_earliest, from_latest, to_earliest, to_latest, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (i, p) in data.positions.iter().enumerate() {
        let id = i as i64 + 1;
        ids.positions.push(id);
        stmt.execute(params![
            id,
            key_id(&ids.persons, &Some(p.person_id.clone()), "person")?,
            key_id(&ids.offices, &Some(p.office_id.clone()), "office")?,
            p.title,
            key_id(&ids.countries, &Some(p.country_id.clone()), "country")?,
            key_id(&ids.countries, &p.host_country_id, "country")?,
            p.date_from,
            p.date_to,
            p.date_from.as_deref().and_then(earliest_day),
            p.date_from.as_deref().and_then(latest_day),
            p.date_to.as_deref().and_then(earliest_day),
            p.date_to.as_deref().and_then(latest_day),
            p.note
        ])
        .with_context(|| format!("writing a position of {}", p.person_id))?;
    }
    Ok(ids)
}

/// The first day a reduced-precision ISO date can mean (`1939` -> `1939-01-01`).
pub fn earliest_day(date: &str) -> Option<String> {
    date_window(date).map(|(first, _)| iso(first))
}

/// The last day a reduced-precision ISO date can mean (`1939-02` -> `1939-02-28`).
pub fn latest_day(date: &str) -> Option<String> {
    date_window(date).map(|(_, last)| iso(last))
}

fn iso(day: Day) -> String {
    format!("{:04}-{:02}-{:02}", day / 10000, day / 100 % 100, day % 100)
}

/// Writes one source with its documents and everything found in them.
pub fn source(tx: &Transaction, ids: &ReferenceIds, src: &PreparedSource) -> Result<Written> {
    let mut written = Written::default();
    tx.prepare_cached(
        "INSERT INTO sources (path, format, sha256, bytes, encoding, text, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        src.path,
        src.format.as_str(),
        src.sha256,
        src.content.len() as i64,
        src.encoding,
        src.text,
        src.content
    ])
    .with_context(|| format!("writing source {}", src.path))?;
    let source_id = tx.last_insert_rowid();

    for range in &src.page.boilerplate {
        tx.prepare_cached(
            "INSERT INTO boilerplate (source_id, raw_start, raw_end, text) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            source_id,
            range.start as i64,
            range.end as i64,
            &src.text[range.clone()]
        ])?;
    }
    for w in src.warnings.iter().chain(&src.page.warnings) {
        warning(tx, source_id, None, w)?;
        written.warnings += 1;
    }

    for (doc, resolved) in src.page.documents.iter().zip(&src.resolved) {
        let date = doc.date.as_ref();
        tx.prepare_cached(
            "INSERT INTO documents (source_id, seq, heading, kind, is_extract, date_text, date_from, date_to,
                 date_precision, doc_number, place, classification, classification_text, priority, priority_text,
                 distribution_text, body, signature, print_note, press_source, raw_text, raw_start, raw_end,
                 start_line, end_line, body_line)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                 ?21, ?22, ?23, ?24, ?25, ?26)",
        )?
        .execute(params![
            source_id,
            doc.seq,
            doc.heading,
            doc.kind.as_str(),
            doc.is_extract,
            date.map(|d| &d.text),
            date.map(|d| &d.from),
            date.map(|d| &d.to),
            date.map_or("unknown", |d| d.precision.as_str()),
            doc.doc_number,
            doc.place,
            doc.classification.map(|c| c.as_str()),
            doc.classification_text,
            doc.priority.map(|p| p.as_str()),
            doc.priority_text,
            doc.distribution_text,
            doc.body,
            doc.signature,
            doc.print_note,
            doc.press_source,
            doc.raw_text,
            doc.raw_span.start as i64,
            doc.raw_span.end as i64,
            doc.start_line,
            doc.end_line,
            doc.body_line
        ])
        .with_context(|| format!("writing document {} of {}", doc.seq, src.path))?;
        let document_id = tx.last_insert_rowid();
        written.documents += 1;

        for c in &doc.citations {
            tx.prepare_cached(
                "INSERT INTO citations (document_id, archive, fond, opis, papka, delo, sheets, as_printed, line)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![document_id, c.archive, c.fond, c.opis, c.papka, c.delo, c.sheets, c.as_printed, c.line])?;
        }
        for p in &doc.publications {
            tx.prepare_cached(
                "INSERT INTO publications (document_id, as_printed, line) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![document_id, p.as_printed, p.line])?;
        }
        for f in &doc.footnotes {
            tx.prepare_cached(
                "INSERT INTO footnotes (document_id, marker, text, line) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![document_id, f.marker, f.text, f.line])?;
        }

        let mut seen_persons = HashSet::new();
        let mut seen_institutions = HashSet::new();
        for (party, resolution) in doc.parties.iter().zip(&resolved.parties) {
            let person_id = resolution
                .person
                .as_ref()
                .and_then(|k| ids.persons.get(k))
                .copied();
            let position_id = resolution
                .position
                .and_then(|i| ids.positions.get(i))
                .copied();
            let institution_id = resolution
                .institution
                .as_ref()
                .and_then(|k| ids.institutions.get(k))
                .copied();
            let role = party.role.as_str();
            tx.prepare_cached(
                "INSERT INTO document_parties (document_id, role, as_printed, name_text, position_text,
                     person_id, position_id, institution_id, line)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                document_id,
                role,
                party.text,
                party.name,
                party.position,
                person_id,
                position_id,
                institution_id,
                party.line
            ])?;
            if let Some(person_id) = person_id.filter(|id| seen_persons.insert((*id, role))) {
                tx.prepare_cached(
                    "INSERT INTO document_persons (document_id, person_id, role, position_id, as_printed)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![document_id, person_id, role, position_id, party.text])?;
            }
            if let Some(inst_id) = institution_id.filter(|id| seen_institutions.insert((*id, role)))
            {
                tx.prepare_cached(
                    "INSERT INTO document_institutions (document_id, institution_id, role, as_printed)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![document_id, inst_id, role, party.text])?;
            }
        }

        for m in &resolved.mentions {
            let (person_id, country_id) = match &m.target {
                Target::Person(key) => (ids.persons.get(key).copied(), None),
                Target::Country(key) => (None, ids.countries.get(key).copied()),
            };
            if person_id.is_none() && country_id.is_none() {
                continue; // cannot happen: the gazetteer only knows written keys
            }
            tx.prepare_cached(
                "INSERT INTO mentions (document_id, person_id, country_id, char_start, char_end, surface)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![document_id, person_id, country_id, m.char_start as i64, m.char_end as i64, m.surface])?;
            written.mentions += 1;
        }

        for w in doc.warnings.iter().chain(&resolved.warnings) {
            warning(tx, source_id, Some(document_id), w)?;
            written.warnings += 1;
        }
    }
    Ok(written)
}

fn warning(tx: &Transaction, source_id: i64, document_id: Option<i64>, w: &Warning) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO warnings (source_id, document_id, line, code, message, expected) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![source_id, document_id, (w.line > 0).then_some(w.line), w.code, w.message, w.expected])?;
    Ok(())
}

/// A warning about a corpus entry that was not read at all (no source row).
pub fn skipped(tx: &Transaction, path: &str, reason: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO warnings (source_id, document_id, line, code, message, expected)
         VALUES (NULL, NULL, NULL, 'skipped_file', ?1, 'a readable .txt, .htm or .html page')",
    )?
    .execute(params![format!("{path} {reason}")])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduced_dates_widen_to_whole_days() {
        assert_eq!(earliest_day("1939").as_deref(), Some("1939-01-01"));
        assert_eq!(latest_day("1939").as_deref(), Some("1939-12-31"));
        assert_eq!(latest_day("1940-02").as_deref(), Some("1940-02-29"));
        assert_eq!(latest_day("1939-02").as_deref(), Some("1939-02-28"));
        assert_eq!(latest_day("1939-11").as_deref(), Some("1939-11-30"));
        assert_eq!(earliest_day("1939-05-03").as_deref(), Some("1939-05-03"));
        assert_eq!(latest_day("bad"), None);
    }
}
