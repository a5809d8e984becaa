//! Writing rows: the reference data and prepared sources, inside the
//! caller's transaction, with bound parameters. (The summaries' SQL is in
//! `summary`.)

use std::collections::HashMap;

use anyhow::{anyhow, Context, Result};
use rusqlite::{named_params, params, OptionalExtension, Statement, Transaction};

use crate::calendar::date_window;
use crate::corpus::Warning;
use crate::entities::{Field, Target};
use crate::reference::ReferenceData;

use super::prepare::PreparedSource;
use super::summary::Changes;
use super::texts;

/// Integer ids of the reference rows, by key, as written.
#[derive(Debug, Default)]
pub struct ReferenceIds {
    pub countries: HashMap<String, i64>,
    pub persons: HashMap<String, i64>,
    pub institutions: HashMap<String, i64>,
    pub offices: HashMap<String, i64>,
    /// Index into `ReferenceData::positions` -> `positions.id`.
    pub positions: Vec<i64>,
    /// Index into `ReferenceData::persons` / `countries` -> row id: what a
    /// [`crate::entities::Mention`] carries, looked up without hashing a key.
    pub person_rows: Vec<i64>,
    pub country_rows: Vec<i64>,
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
///
/// Children go before parents, so no ON DELETE CASCADE has to search for
/// them row by row, and the full-text index is emptied in one command with
/// its delete trigger off (re-indexing every body only to remove it would
/// cost as much as the seed). The trigger comes back from its own SQL in
/// sqlite_master, so the schema stays defined by the migrations alone.
pub fn clear(tx: &Transaction) -> Result<()> {
    let trigger: Option<String> = tx
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'documents_fts_delete'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    if trigger.is_some() {
        tx.execute_batch("DROP TRIGGER documents_fts_delete")?;
    }
    tx.execute_batch(
        "INSERT INTO documents_fts (documents_fts) VALUES ('delete-all');
         DELETE FROM mention_years;
         DELETE FROM mention_year_spellings;
         DELETE FROM name_candidate_years;
         DELETE FROM lower_word_years;
         DELETE FROM co_mention_totals;
         DELETE FROM correspondence_totals;
         DELETE FROM warnings;
         DELETE FROM mention_candidates;
         DELETE FROM unresolved_mentions;
         DELETE FROM mentions;
         DELETE FROM document_institutions;
         DELETE FROM document_persons;
         DELETE FROM document_parties;
         DELETE FROM footnotes;
         DELETE FROM publications;
         DELETE FROM citations;
         DELETE FROM boilerplate;
         DELETE FROM documents;
         DELETE FROM source_files;
         DELETE FROM positions;
         DELETE FROM office_aliases;
         DELETE FROM offices;
         DELETE FROM person_aliases;
         DELETE FROM persons;
         DELETE FROM institution_aliases;
         DELETE FROM institutions;
         DELETE FROM country_aliases;
         DELETE FROM country_states;
         DELETE FROM countries;",
    )
    .map_err(|err| user_foreign_key_advice(err, "clearing the previous data"))?;
    if let Some(sql) = trigger {
        tx.execute_batch(&sql)
            .context("restoring the full-text delete trigger")?;
    }
    Ok(())
}

/// A user's table with a foreign key to archdb's rows blocks deleting them
/// (or, foreign keys being deferred during a seed, the commit):
/// say so, and what to do, instead of SQLite's bare "FOREIGN KEY constraint failed".
pub(crate) fn user_foreign_key_advice(err: rusqlite::Error, doing: &str) -> anyhow::Error {
    if crate::error::is_foreign_key_violation(&err) {
        anyhow!(
            "{doing}: a table of yours has a FOREIGN KEY to archdb's rows (documents.id, persons.id ...), \
             which a seed replaces; nothing was written. Link notes by (source_path, seq) as `annotations` does, \
             or drop that foreign key ({err})"
        )
    } else {
        anyhow::Error::new(err).context(doing.to_string())
    }
}

/// Deletes the warnings about entries that were not read at all (no
/// source row); every seed writes them anew from its own walk.
pub fn clear_unread(tx: &Transaction) -> Result<()> {
    tx.execute("DELETE FROM warnings WHERE source_id IS NULL", [])?;
    Ok(())
}

/// The sources already in the database: path -> (id, sha256).
pub fn known_sources(tx: &Transaction) -> Result<HashMap<String, (i64, String)>> {
    let mut stmt = tx.prepare("SELECT path, id, sha256 FROM source_files")?;
    let rows = stmt.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, (row.get(1)?, row.get(2)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The reference fingerprint and build fingerprint of the last seed, if any.
pub fn last_run(tx: &Transaction) -> Result<Option<(String, Option<String>)>> {
    Ok(tx
        .query_row(
            "SELECT reference_fingerprint, build_fingerprint FROM seed_runs ORDER BY id DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?)
}

impl ReferenceIds {
    /// Ids in file order (1, 2, ...), so the same files always give the
    /// same ids: an incremental seed can reuse them without reading them back.
    pub fn assign(data: &ReferenceData) -> ReferenceIds {
        let number = |keys: &mut dyn Iterator<Item = &String>| -> HashMap<String, i64> {
            keys.enumerate()
                .map(|(i, k)| (k.clone(), i as i64 + 1))
                .collect()
        };
        ReferenceIds {
            countries: number(&mut data.countries.iter().map(|c| &c.id)),
            persons: number(&mut data.persons.iter().map(|p| &p.id)),
            institutions: number(&mut data.institutions.iter().map(|i| &i.id)),
            offices: number(&mut data.offices.iter().map(|o| &o.id)),
            positions: (1..=data.positions.len() as i64).collect(),
            person_rows: (1..=data.persons.len() as i64).collect(),
            country_rows: (1..=data.countries.len() as i64).collect(),
        }
    }
}

/// Writes the reference data with ids in file order (1, 2, ...), so the
/// same files always give the same ids.
pub fn reference(tx: &Transaction, data: &ReferenceData) -> Result<ReferenceIds> {
    let ids = ReferenceIds::assign(data);
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
        "INSERT INTO country_states (place_id, state_id, date_from, date_to, from_earliest, to_latest, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for r in &data.country_states {
        stmt.execute(params![
            key_id(&ids.countries, &Some(r.place_id.clone()), "country")?,
            key_id(&ids.countries, &Some(r.state_id.clone()), "country")?,
            r.date_from,
            r.date_to,
            r.date_from.as_deref().and_then(earliest_day),
            r.date_to.as_deref().and_then(latest_day),
            r.note
        ])
        .with_context(|| format!("writing a state of {}", r.place_id))?;
    }

    let mut stmt = tx.prepare(
        "INSERT INTO persons (id, key, name, surname, given_names, born, died, country_id, description, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for p in &data.persons {
        stmt.execute(params![
            ids.persons[&p.id],
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
    for inst in &data.institutions {
        stmt.execute(params![
            ids.institutions[&inst.id],
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
    for o in &data.offices {
        stmt.execute(params![
            ids.offices[&o.id],
            o.id,
            o.title,
            o.single_holder,
            o.description
        ])?;
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
    for (p, id) in data.positions.iter().zip(&ids.positions) {
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
    date_window(date).map(|(first, _)| first.to_string())
}

/// The last day a reduced-precision ISO date can mean (`1939-02` -> `1939-02-28`).
pub fn latest_day(date: &str) -> Option<String> {
    date_window(date).map(|(_, last)| last.to_string())
}

/// The seeder's INSERT statements, prepared once per seed: a source writes
/// dozens of rows (mentions above all), and looking each statement up in
/// the connection's cache by its SQL text showed up in profiles.
pub struct Writer<'c> {
    ids: &'c ReferenceIds,
    /// The keys of the summary rows to recompute.
    changes: Changes,
    tx: &'c Transaction<'c>,
    source: Statement<'c>,
    boilerplate: Statement<'c>,
    document: Statement<'c>,
    citation: Statement<'c>,
    publication: Statement<'c>,
    footnote: Statement<'c>,
    party: Statement<'c>,
    person: Statement<'c>,
    institution: Statement<'c>,
    mention: Statement<'c>,
    mention_many: Statement<'c>,
    unresolved: Statement<'c>,
    candidate: Statement<'c>,
    warning: Statement<'c>,
    delete_source: Statement<'c>,
}

impl<'c> Writer<'c> {
    pub fn new(conn: &'c Transaction<'c>, ids: &'c ReferenceIds) -> Result<Self> {
        Ok(Writer {
            ids,
            changes: Changes::default(),
            tx: conn,
            source: conn.prepare(
                "INSERT INTO source_files (path, format, sha256, bytes, encoding, stored_text, stored_bytes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            boilerplate: conn
                .prepare("INSERT INTO boilerplate (source_id, raw_start, raw_end, text) VALUES (?1, ?2, ?3, ?4)")?,
            document: conn.prepare(
                "INSERT INTO documents (source_id, seq, heading, kind, is_extract, date_text, date_from, date_to,
                     date_precision, doc_number, place, classification, classification_text, priority, priority_text,
                     distribution_text, body_text, body_start, body_length, signature, print_note, press_source,
                     raw_text, raw_start, raw_end, start_line, end_line, body_line)
                 VALUES (:source_id, :seq, :heading, :kind, :is_extract, :date_text, :date_from, :date_to,
                     :date_precision, :doc_number, :place, :classification, :classification_text, :priority,
                     :priority_text, :distribution_text, :body_text, :body_start, :body_length, :signature,
                     :print_note, :press_source, :raw_text, :raw_start, :raw_end, :start_line, :end_line, :body_line)",
            )?,
            citation: conn.prepare(
                "INSERT INTO citations (document_id, archive, fond, opis, papka, delo, sheets, as_printed, line)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            publication: conn.prepare("INSERT INTO publications (document_id, as_printed, line) VALUES (?1, ?2, ?3)")?,
            footnote: conn
                .prepare("INSERT INTO footnotes (document_id, marker, text, line) VALUES (?1, ?2, ?3, ?4)")?,
            party: conn.prepare(
                "INSERT INTO document_parties (document_id, role, as_printed, name_text, position_text,
                     person_id, position_id, institution_id, line)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            person: conn.prepare(
                "INSERT INTO document_persons (document_id, person_id, role, position_id, as_printed)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            institution: conn.prepare(
                "INSERT INTO document_institutions (document_id, institution_id, role, as_printed)
                 VALUES (?1, ?2, ?3, ?4)",
            )?,
            mention: conn.prepare(&mentions_insert(1))?,
            mention_many: conn.prepare(&mentions_insert(MENTION_ROWS))?,
            unresolved: conn.prepare(
                "INSERT INTO unresolved_mentions (document_id, field, footnote_id, char_start, char_end, surface,
                     reason, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
            candidate: conn.prepare(
                "INSERT INTO mention_candidates (unresolved_mention_id, person_id, country_id) VALUES (?1, ?2, ?3)",
            )?,
            warning: conn.prepare(
                "INSERT INTO warnings (source_id, document_id, line, code, message, expected)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            // Every row that came from the file goes with it (ON DELETE
            // CASCADE), and the FTS delete trigger keeps the index in step.
            delete_source: conn.prepare("DELETE FROM source_files WHERE id = ?1")?,
        })
    }

    /// Removes a source and everything that came from it.
    pub fn delete_source(&mut self, source_id: i64) -> Result<()> {
        self.changes.deleting_source(self.tx, source_id)?;
        self.delete_source.execute([source_id]).map_err(|err| {
            user_foreign_key_advice(err, &format!("removing the rows of source {source_id}"))
        })?;
        Ok(())
    }

    /// What this seed changed, for `summary::recompute`.
    pub fn into_changes(self) -> Changes {
        self.changes
    }

    /// Writes one source with its documents and everything found in them.
    pub fn source(&mut self, src: &PreparedSource) -> Result<Written> {
        let ids = self.ids;
        let mut written = Written::default();
        let source_id = self
            .source
            .insert(params![
                src.path,
                src.format.as_str(),
                src.sha256,
                src.content.len() as i64,
                src.encoding,
                texts::stored_text(&src.text, &src.page),
                texts::stored_bytes(&src.content, &src.text)
            ])
            .with_context(|| format!("writing source {}", src.path))?;

        for range in &src.page.boilerplate {
            let text = src.text.get(range.clone()).ok_or_else(|| {
                anyhow!(
                    "boilerplate range {range:?} of {} is not inside its text",
                    src.path
                )
            })?;
            self.boilerplate.execute(params![
                source_id,
                range.start as i64,
                range.end as i64,
                text
            ])?;
        }
        for w in src.warnings.iter().chain(&src.page.warnings) {
            self.warning(source_id, None, w)?;
            written.warnings += 1;
        }

        for (doc, resolved) in src.page.documents.iter().zip(&src.resolved) {
            let date = doc.date.as_ref();
            let body = texts::body_columns(doc);
            let document_id = self
                .document
                .insert(named_params! {
                    ":source_id": source_id,
                    ":seq": doc.seq,
                    ":heading": doc.heading,
                    ":kind": doc.kind.as_str(),
                    ":is_extract": doc.is_extract,
                    ":date_text": date.map(|d| &d.text),
                    ":date_from": date.map(|d| &d.from),
                    ":date_to": date.map(|d| &d.to),
                    ":date_precision": date.map_or("unknown", |d| d.precision.as_str()),
                    ":doc_number": doc.doc_number,
                    ":place": doc.place,
                    ":classification": doc.classification.map(|c| c.as_str()),
                    ":classification_text": doc.classification_text,
                    ":priority": doc.priority.map(|p| p.as_str()),
                    ":priority_text": doc.priority_text,
                    ":distribution_text": doc.distribution_text,
                    ":body_text": body.text,
                    ":body_start": body.start,
                    ":body_length": body.length,
                    ":signature": doc.signature,
                    ":print_note": doc.print_note,
                    ":press_source": doc.press_source,
                    ":raw_text": doc.raw_text,
                    ":raw_start": doc.raw_span.start as i64,
                    ":raw_end": doc.raw_span.end as i64,
                    ":start_line": doc.start_line,
                    ":end_line": doc.end_line,
                    ":body_line": doc.body_line,
                })
                .with_context(|| format!("writing document {} of {}", doc.seq, src.path))?;
            written.documents += 1;

            for c in &doc.citations {
                self.citation.execute(params![
                    document_id,
                    c.archive,
                    c.fond,
                    c.opis,
                    c.papka,
                    c.delo,
                    c.sheets,
                    c.as_printed,
                    c.line
                ])?;
            }
            for p in &doc.publications {
                self.publication
                    .execute(params![document_id, p.as_printed, p.line])?;
            }
            // Mentions in a footnote point at its row.
            let mut footnote_ids: Vec<i64> = Vec::with_capacity(doc.footnotes.len());
            for f in &doc.footnotes {
                footnote_ids.push(self.footnote.insert(params![
                    document_id,
                    f.marker,
                    f.text,
                    f.line
                ])?);
            }
            let footnote_of = |field: Field| match field {
                Field::Footnote(i) => footnote_ids.get(i).copied(),
                _ => None,
            };

            // A person or institution named twice in one role (heading and
            // "Sent to" line) is one row of document_persons.
            let mut seen_persons: Vec<(i64, &str)> = Vec::new();
            let mut seen_institutions: Vec<(i64, &str)> = Vec::new();
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
                self.party.execute(params![
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
                if let Some(person_id) = person_id.filter(|id| !seen_persons.contains(&(*id, role)))
                {
                    seen_persons.push((person_id, role));
                    self.person.execute(params![
                        document_id,
                        person_id,
                        role,
                        position_id,
                        party.text
                    ])?;
                }
                if let Some(inst_id) =
                    institution_id.filter(|id| !seen_institutions.contains(&(*id, role)))
                {
                    seen_institutions.push((inst_id, role));
                    self.institution
                        .execute(params![document_id, inst_id, role, party.text])?;
                }
            }

            let mut rows: Vec<MentionRow> = Vec::with_capacity(resolved.mentions.len());
            for m in &resolved.mentions {
                let (person_id, country_id) = match &m.target {
                    Target::Person(_) => (ids.person_rows.get(m.index).copied(), None),
                    Target::Country(_) => (None, ids.country_rows.get(m.index).copied()),
                };
                if person_id.is_none() && country_id.is_none() {
                    continue; // cannot happen: the gazetteer only knows written keys
                }
                rows.push(MentionRow {
                    person_id,
                    country_id,
                    field: m.field.as_str(),
                    footnote_id: footnote_of(m.field),
                    char_start: m.char_start as i64,
                    char_end: m.char_end as i64,
                    surface: &m.surface,
                    rule: m.rule.as_deref(),
                });
            }
            self.mentions(document_id, &rows)?;
            let codes = resolved
                .facts
                .entities
                .iter()
                .filter_map(|e| {
                    let index = e.index as usize;
                    if e.person {
                        ids.person_rows.get(index).map(|id| -id)
                    } else {
                        ids.country_rows.get(index).copied()
                    }
                })
                .collect();
            self.changes.written(
                document_id,
                date.map(|d| d.from.as_str()),
                codes,
                &resolved.facts.words,
                rows.iter()
                    .map(|r| ((r.person_id, r.country_id), r.surface)),
            );
            written.mentions += rows.len() as u64;
            for u in &resolved.unresolved {
                let id = self.unresolved.insert(params![
                    document_id,
                    u.field.as_str(),
                    footnote_of(u.field),
                    u.char_start as i64,
                    u.char_end as i64,
                    u.surface,
                    u.reason.as_str(),
                    u.note
                ])?;
                for (target, index) in &u.candidates {
                    let (person_id, country_id) = match target {
                        Target::Person(_) => (ids.person_rows.get(*index).copied(), None),
                        Target::Country(_) => (None, ids.country_rows.get(*index).copied()),
                    };
                    self.candidate.execute(params![id, person_id, country_id])?;
                }
            }

            for w in doc.warnings.iter().chain(&resolved.warnings) {
                self.warning(source_id, Some(document_id), w)?;
                written.warnings += 1;
            }
        }
        Ok(written)
    }

    /// Inserts a document's mentions, [`MENTION_ROWS`] to a statement.
    fn mentions(&mut self, document_id: i64, rows: &[MentionRow]) -> Result<()> {
        let mut chunks = rows.chunks_exact(MENTION_ROWS);
        for chunk in &mut chunks {
            bind_mentions(&mut self.mention_many, document_id, chunk)?;
            self.mention_many.raw_execute()?;
        }
        for row in chunks.remainder() {
            bind_mentions(&mut self.mention, document_id, std::slice::from_ref(row))?;
            self.mention.raw_execute()?;
        }
        Ok(())
    }

    fn warning(&mut self, source_id: i64, document_id: Option<i64>, w: &Warning) -> Result<()> {
        self.warning.execute(params![
            source_id,
            document_id,
            (w.line > 0).then_some(w.line),
            w.code,
            w.message,
            w.expected
        ])?;
        Ok(())
    }
}

/// Mentions per multi-row INSERT. A document has about 35; one statement
/// per row spent more time starting and resetting statements than storing
/// rows.
const MENTION_ROWS: usize = 16;

/// One row of `mentions`.
struct MentionRow<'a> {
    person_id: Option<i64>,
    country_id: Option<i64>,
    field: &'static str,
    footnote_id: Option<i64>,
    char_start: i64,
    char_end: i64,
    surface: &'a str,
    rule: Option<&'a str>,
}

/// Columns of a `mentions` row as [`bind_mentions`] binds them.
const MENTION_COLUMNS: usize = 9;

/// `INSERT INTO mentions ... VALUES (...), (...)` for `rows` rows.
fn mentions_insert(rows: usize) -> String {
    let values = vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?)"; rows].join(", ");
    format!(
        "INSERT INTO mentions (document_id, person_id, country_id, field, footnote_id, char_start, char_end,
             surface, rule) VALUES {values}"
    )
}

fn bind_mentions(stmt: &mut Statement, document_id: i64, rows: &[MentionRow]) -> Result<()> {
    for (i, m) in rows.iter().enumerate() {
        let at = i * MENTION_COLUMNS;
        stmt.raw_bind_parameter(at + 1, document_id)?;
        stmt.raw_bind_parameter(at + 2, m.person_id)?;
        stmt.raw_bind_parameter(at + 3, m.country_id)?;
        stmt.raw_bind_parameter(at + 4, m.field)?;
        stmt.raw_bind_parameter(at + 5, m.footnote_id)?;
        stmt.raw_bind_parameter(at + 6, m.char_start)?;
        stmt.raw_bind_parameter(at + 7, m.char_end)?;
        stmt.raw_bind_parameter(at + 8, m.surface)?;
        stmt.raw_bind_parameter(at + 9, m.rule)?;
    }
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
