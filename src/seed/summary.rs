//! The seed-time summaries: per-year mention counts (`mention_years`,
//! `mention_year_spellings`, migration V2) and pair counts over all documents
//! (`co_mention_totals`, V3). A full seed counts as it writes, in memory, and
//! inserts the totals at the end; an incremental seed recomputes only the
//! years whose documents it added or removed, and adjusts the pair totals of
//! those documents. tests/incremental.rs checks that both give the same rows.
//!
//! The counting runs on the writer thread, SQLite's one writer and the
//! seed's critical path: everything is indexed by small integers (a year's
//! place in `years`, an entity's slot) in plain vectors, with no hashing
//! and no allocation per mention. Which entities a document names was
//! worked out on a worker thread (`facts`).

use std::collections::{BTreeSet, HashMap};
use std::hash::BuildHasherDefault;

use anyhow::{Context, Result};
use rusqlite::{params, Transaction};

use super::facts::{DocumentFacts, EntityRef, IdHasher, Words};
use super::write::ReferenceIds;
use crate::entities::Mention;

#[derive(Debug, Default, Clone)]
struct Counts {
    mentions: i64,
    documents: i64,
    first: Option<String>,
    last: Option<String>,
    /// (surface, mentions), in the order first seen: an entity has a handful
    /// of spellings, so a linear search beats hashing the surface.
    spellings: Vec<(String, i64)>,
}

/// One year's counts, by entity slot, and its words.
#[derive(Debug)]
struct Year {
    year: Option<String>,
    entities: Vec<Counts>,
    words: YearWords,
}

/// One year's candidate names and lower-case words.
#[derive(Debug)]
struct YearWords {
    candidates: WordTable<Candidate>,
    lower: WordTable<()>,
}

impl YearWords {
    fn new() -> Self {
        YearWords {
            candidates: WordTable::new(),
            lower: WordTable::new(),
        }
    }

    fn add(&mut self, document_id: i64, date_from: Option<&str>, words: &Words) {
        for (hash, word, n) in words.candidates() {
            let c = self.candidates.entry(hash, word);
            if c.documents == 0 || document_id < c.first_document {
                c.first_document = document_id;
            }
            c.occurrences += i64::from(n);
            c.documents += 1;
            if let Some(d) = date_from {
                widen(&mut c.first, &mut c.last, d);
            }
        }
        for (hash, word) in words.lower() {
            self.lower.entry(hash, word);
        }
    }

    /// Inserts this year's rows (the caller deleted the old ones).
    fn write(&self, tx: &Transaction, year: &Option<String>) -> Result<()> {
        let mut candidates = tx.prepare_cached(
            "INSERT INTO name_candidate_years (year, word, occurrences, documents, first_date, last_date,
                 first_document_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (word, c) in &self.candidates.entries {
            candidates.execute(params![
                year,
                word,
                c.occurrences,
                c.documents,
                c.first,
                c.last,
                c.first_document
            ])?;
        }
        let mut lower =
            tx.prepare_cached("INSERT INTO lower_word_years (year, word) VALUES (?1, ?2)")?;
        for (word, ()) in &self.lower.entries {
            lower.execute(params![year, word])?;
        }
        Ok(())
    }
}

/// Widens the date range [first, last] (ISO dates) to take in `d`.
fn widen(first: &mut Option<String>, last: &mut Option<String>, d: &str) {
    if first.as_deref().is_none_or(|f| d < f) {
        *first = Some(d.to_string());
    }
    if last.as_deref().is_none_or(|l| d > l) {
        *last = Some(d.to_string());
    }
}

/// A candidate name's counts in one year.
#[derive(Debug, Default)]
struct Candidate {
    occurrences: i64,
    documents: i64,
    first: Option<String>,
    last: Option<String>,
    first_document: i64,
}

type ById = BuildHasherDefault<IdHasher>;

/// Words by their hash (computed on a worker thread). Two words with the
/// same hash are told apart by comparing the text: the second goes to
/// `collided`, looked up by text.
#[derive(Debug)]
struct WordTable<T> {
    by_hash: HashMap<u64, usize, ById>,
    collided: HashMap<String, usize>,
    entries: Vec<(String, T)>,
}

impl<T: Default> WordTable<T> {
    fn new() -> Self {
        WordTable {
            by_hash: HashMap::default(),
            collided: HashMap::new(),
            entries: Vec::new(),
        }
    }

    fn entry(&mut self, hash: u64, word: &str) -> &mut T {
        let i = match self.by_hash.get(&hash) {
            Some(&i) if self.entries[i].0 == word => i,
            Some(_) => match self.collided.get(word) {
                Some(&i) => i,
                None => {
                    self.collided.insert(word.to_string(), self.entries.len());
                    self.entries.push((word.to_string(), T::default()));
                    self.entries.len() - 1
                }
            },
            None => {
                self.by_hash.insert(hash, self.entries.len());
                self.entries.push((word.to_string(), T::default()));
                self.entries.len() - 1
            }
        };
        &mut self.entries[i].1
    }
}

/// Documents naming both of a pair, with the least and greatest date as
/// [`packed`] days (0: none yet).
#[derive(Debug, Default, Clone, Copy)]
struct Pair {
    documents: u32,
    first: u32,
    last: u32,
}

/// Counts gathered while writing a full seed.
#[derive(Debug)]
pub struct Tally {
    /// Row ids of the entity slots: countries first (slot = index in the
    /// reference data), then persons (slot = countries + index).
    countries: Vec<i64>,
    persons: Vec<i64>,
    years: Vec<Year>,
    /// `pairs[a * slots + b]` for slots a < b.
    pairs: Vec<Pair>,
    /// False once a document date is not a plain YYYY-MM-DD (the parser
    /// writes none such): the pair totals are then recomputed in SQL.
    pairs_exact: bool,
}

/// The year key of a document: the first four characters of its ISO date.
pub fn year_of(date_from: Option<&str>) -> Option<String> {
    date_from.and_then(|d| d.get(0..4)).map(str::to_string)
}

/// `YYYY-MM-DD` as the number YYYYMMDD, which orders as the text does.
fn packed(date: &str) -> Option<u32> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let mut n = 0u32;
    for (i, c) in b.iter().enumerate() {
        if i == 4 || i == 7 {
            continue;
        }
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u32::from(c - b'0');
    }
    (n > 0).then_some(n)
}

fn unpacked(n: u32) -> String {
    format!("{:04}-{:02}-{:02}", n / 10000, n / 100 % 100, n % 100)
}

impl Tally {
    pub fn new(ids: &ReferenceIds) -> Tally {
        let slots = ids.country_rows.len() + ids.person_rows.len();
        Tally {
            countries: ids.country_rows.clone(),
            persons: ids.person_rows.clone(),
            years: Vec::new(),
            pairs: vec![Pair::default(); slots * slots],
            pairs_exact: true,
        }
    }

    fn slots(&self) -> usize {
        self.countries.len() + self.persons.len()
    }

    fn slot(&self, e: EntityRef) -> Option<usize> {
        let index = e.index as usize;
        if e.person {
            (index < self.persons.len()).then(|| self.countries.len() + index)
        } else {
            (index < self.countries.len()).then_some(index)
        }
    }

    /// The (person_id, country_id) of a slot.
    fn entity(&self, slot: usize) -> (Option<i64>, Option<i64>) {
        match slot.checked_sub(self.countries.len()) {
            Some(p) => (self.persons.get(p).copied(), None),
            None => (None, self.countries.get(slot).copied()),
        }
    }

    /// The report's integer for a slot: a country's id, minus a person's id.
    fn code(&self, slot: usize) -> i64 {
        match self.entity(slot) {
            (Some(person), _) => -person,
            (None, Some(country)) => country,
            (None, None) => 0,
        }
    }

    fn year_index(&mut self, date_from: Option<&str>) -> usize {
        let key = date_from.and_then(|d| d.get(0..4));
        // A corpus spans a few dozen years: a linear search per document.
        if let Some(i) = self.years.iter().position(|y| y.year.as_deref() == key) {
            return i;
        }
        let slots = self.slots();
        self.years.push(Year {
            year: key.map(str::to_string),
            entities: vec![Counts::default(); slots],
            words: YearWords::new(),
        });
        self.years.len() - 1
    }

    /// Adds one document: its mentions (for the per-year counts) and the
    /// facts a worker thread worked out (for the pairs and the words).
    pub fn document(
        &mut self,
        document_id: i64,
        date_from: Option<&str>,
        mentions: &[Mention],
        facts: &DocumentFacts,
    ) {
        let y = self.year_index(date_from);
        let year = &mut self.years[y];
        year.words.add(document_id, date_from, &facts.words);
        for m in mentions {
            let Some(slot) = EntityRef::of(m).and_then(|e| self.slot(e)) else {
                continue; // cannot happen: the gazetteer only knows written keys
            };
            let counts = &mut self.years[y].entities[slot];
            counts.mentions += 1;
            match counts.spellings.iter_mut().find(|(s, _)| *s == m.surface) {
                Some((_, n)) => *n += 1,
                None => counts.spellings.push((m.surface.clone(), 1)),
            }
        }
        let slots: Vec<usize> = facts
            .entities
            .iter()
            .filter_map(|e| self.slot(*e))
            .collect();
        for &slot in &slots {
            let counts = &mut self.years[y].entities[slot];
            counts.documents += 1;
            if let Some(d) = date_from {
                widen(&mut counts.first, &mut counts.last, d);
            }
        }
        let day = match date_from {
            None => 0,
            Some(d) => packed(d).unwrap_or_else(|| {
                self.pairs_exact = false;
                0
            }),
        };
        let n = self.slots();
        // Slots ascend (facts.entities is sorted, and slots keep its order).
        for (i, &a) in slots.iter().enumerate() {
            let row = a * n;
            for &b in &slots[i + 1..] {
                let pair = &mut self.pairs[row + b];
                pair.documents += 1;
                if day != 0 {
                    if pair.first == 0 || day < pair.first {
                        pair.first = day;
                    }
                    if day > pair.last {
                        pair.last = day;
                    }
                }
            }
        }
    }

    /// Replaces the summary tables' rows with these counts.
    pub fn write(&self, tx: &Transaction) -> Result<()> {
        tx.execute_batch(
            "DELETE FROM mention_years; DELETE FROM mention_year_spellings; DELETE FROM co_mention_totals;
             DELETE FROM name_candidate_years; DELETE FROM lower_word_years;",
        )?;
        for year in &self.years {
            year.words.write(tx, &year.year)?;
        }
        let mut years = tx.prepare(
            "INSERT INTO mention_years (year, person_id, country_id, mentions, documents, first_date, last_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let mut spellings = tx.prepare(
            "INSERT INTO mention_year_spellings (year, person_id, country_id, surface, mentions)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for year in &self.years {
            for (slot, c) in year.entities.iter().enumerate() {
                if c.mentions == 0 {
                    continue;
                }
                let (person, country) = self.entity(slot);
                years.execute(params![
                    year.year,
                    person,
                    country,
                    c.mentions,
                    c.documents,
                    c.first,
                    c.last
                ])?;
                for (surface, n) in &c.spellings {
                    spellings.execute(params![year.year, person, country, surface, n])?;
                }
            }
        }
        if !self.pairs_exact {
            return recompute_pairs(tx);
        }
        let mut pairs = tx.prepare(
            "INSERT INTO co_mention_totals (entity1, entity2, documents, first_date, last_date)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let n = self.slots();
        for a in 0..n {
            for b in a + 1..n {
                let p = self.pairs[a * n + b];
                if p.documents == 0 {
                    continue;
                }
                let (x, y) = (self.code(a), self.code(b));
                pairs.execute(params![
                    x.min(y),
                    x.max(y),
                    p.documents,
                    (p.first != 0).then(|| unpacked(p.first)),
                    (p.last != 0).then(|| unpacked(p.last))
                ])?;
            }
        }
        Ok(())
    }
}

/// Recomputes `co_mention_totals` from the mentions, as the co_mentions
/// report counts pairs: one row per (document, entity), paired within each
/// document.
fn recompute_pairs(tx: &Transaction) -> Result<()> {
    tx.execute("DELETE FROM co_mention_totals", [])?;
    tx.execute(
        &format!(
            "INSERT INTO co_mention_totals (entity1, entity2, documents, first_date, last_date)
             WITH named AS MATERIALIZED (
                 SELECT DISTINCT m.document_id, d.date_from, coalesce(-m.person_id, m.country_id) AS eid
                 FROM mentions m JOIN documents d ON d.id = m.document_id
             )
             {PAIRS}"
        ),
        [],
    )
    .context("summarising which persons and countries are named together")?;
    Ok(())
}

/// Every pair of `named` (document_id, date_from, eid) rows of a document,
/// counted as co_mention_totals counts them.
const PAIRS: &str = "SELECT a.eid, b.eid, count(*), min(a.date_from), max(a.date_from)
     FROM named a JOIN named b ON b.document_id = a.document_id AND b.eid > a.eid
     GROUP BY a.eid, b.eid";

/// What an incremental seed changed: the years of the documents it wrote
/// or deleted, whose per-year rows it recomputes, and those documents'
/// persons and countries, whose pair totals it adjusts.
#[derive(Debug, Default)]
pub struct Changes {
    pub years: BTreeSet<Option<String>>,
    /// Per document deleted: its date_from and its entities, ascending, as
    /// the co_mentions report numbers them (a country's id, minus a person's id).
    deleted: Vec<(Option<String>, Vec<i64>)>,
    /// The same per document written.
    written: Vec<(Option<String>, Vec<i64>)>,
}

impl Changes {
    /// A document about to be written.
    pub fn document(&mut self, ids: &ReferenceIds, date_from: Option<&str>, facts: &DocumentFacts) {
        self.years.insert(year_of(date_from));
        let mut codes: Vec<i64> = facts
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
        codes.sort_unstable();
        codes.dedup();
        self.written.push((date_from.map(str::to_string), codes));
    }
}

/// Records what deleting a source changes, before it is deleted.
pub fn changes_of_source(tx: &Transaction, source_id: i64, changes: &mut Changes) -> Result<()> {
    let mut documents =
        tx.prepare_cached("SELECT id, date_from FROM documents WHERE source_id = ?1")?;
    let mut entities = tx.prepare_cached(
        "SELECT DISTINCT coalesce(-person_id, country_id) FROM mentions WHERE document_id = ?1 ORDER BY 1",
    )?;
    let rows = documents.query_map([source_id], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, Option<String>>(1)?))
    })?;
    for row in rows {
        let (id, date_from) = row?;
        changes.years.insert(year_of(date_from.as_deref()));
        let codes = entities
            .query_map([id], |row| row.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        changes.deleted.push((date_from, codes));
    }
    Ok(())
}

/// Adjusts the pair totals for the documents deleted and written: each pair
/// of a deleted document loses one document, each pair of a written one
/// gains one. A pair whose first or last date was a deleted document's date
/// is recounted from the mentions; a pair left with no documents goes.
fn adjust_pairs(tx: &Transaction, changes: &Changes) -> Result<()> {
    let mut stale: BTreeSet<(i64, i64)> = BTreeSet::new();
    {
        let mut lose = tx.prepare_cached(
            "UPDATE co_mention_totals SET documents = documents - 1
             WHERE entity1 = ?1 AND entity2 = ?2
             RETURNING first_date = ?3 OR last_date = ?3",
        )?;
        for (date, codes) in &changes.deleted {
            for (i, &a) in codes.iter().enumerate() {
                for &b in &codes[i + 1..] {
                    let mut rows = lose.query(params![a, b, date])?;
                    while let Some(row) = rows.next()? {
                        if row.get::<_, Option<bool>>(0)?.unwrap_or(false) {
                            stale.insert((a, b));
                        }
                    }
                }
            }
        }
        let mut gain = tx.prepare_cached(
            "INSERT INTO co_mention_totals (entity1, entity2, documents, first_date, last_date)
             VALUES (?1, ?2, 1, ?3, ?3)
             ON CONFLICT (entity1, entity2) DO UPDATE SET
                 documents = documents + 1,
                 first_date = CASE WHEN first_date IS NULL OR excluded.first_date < first_date
                                   THEN coalesce(excluded.first_date, first_date) ELSE first_date END,
                 last_date = CASE WHEN last_date IS NULL OR excluded.last_date > last_date
                                  THEN coalesce(excluded.last_date, last_date) ELSE last_date END",
        )?;
        for (date, codes) in &changes.written {
            for (i, &a) in codes.iter().enumerate() {
                for &b in &codes[i + 1..] {
                    gain.execute(params![a, b, date])?;
                }
            }
        }
    }
    tx.execute("DELETE FROM co_mention_totals WHERE documents <= 0", [])?;
    let mut recount = tx.prepare_cached(
        "UPDATE co_mention_totals SET (first_date, last_date) = (
             SELECT min(d.date_from), max(d.date_from)
             FROM documents d INDEXED BY documents_id_dates
             -- Person ids and country ids are positive: one side of each OR matches nothing,
             -- and each side can use its index.
             WHERE d.id IN (SELECT document_id FROM mentions WHERE person_id = -?1 OR country_id = ?1)
               AND d.id IN (SELECT document_id FROM mentions WHERE person_id = -?2 OR country_id = ?2))
         WHERE entity1 = ?1 AND entity2 = ?2",
    )?;
    for (a, b) in stale {
        recount.execute(params![a, b])?;
    }
    Ok(())
}

/// Recomputes, from the mentions and bodies, the summary rows of the years
/// that changed and the pair totals of pairs of entities that changed.
pub fn recompute(tx: &Transaction, changes: &Changes) -> Result<()> {
    adjust_pairs(tx, changes)
        .context("adjusting which persons and countries are named together")?;
    for year in &changes.years {
        // The documents of one year, found through the date index; undated
        // documents (year NULL) through `IS NULL`.
        let (filter, start, end) = match year {
            Some(y) => (
                "d.date_from >= ?1 AND d.date_from < ?2",
                y.clone(),
                format!("{y}\u{10ffff}"),
            ),
            None => (
                "d.date_from IS NULL AND ?1 = ?2",
                String::new(),
                String::new(),
            ),
        };
        recompute_words(tx, filter, &start, &end, year)?;
        tx.execute("DELETE FROM mention_years WHERE year IS ?1", [year])?;
        tx.execute(
            "DELETE FROM mention_year_spellings WHERE year IS ?1",
            [year],
        )?;
        tx.execute(
            &format!(
                "INSERT INTO mention_years (year, person_id, country_id, mentions, documents, first_date, last_date)
                 SELECT substr(d.date_from, 1, 4), m.person_id, m.country_id, count(*), count(DISTINCT m.document_id),
                        min(d.date_from), max(d.date_from)
                 FROM documents d JOIN mentions m ON m.document_id = d.id
                 WHERE {filter}
                 GROUP BY m.person_id, m.country_id"
            ),
            params![start, end],
        )
        .with_context(|| format!("summarising the mentions of {}", year.as_deref().unwrap_or("undated documents")))?;
        tx.execute(
            &format!(
                "INSERT INTO mention_year_spellings (year, person_id, country_id, surface, mentions)
                 SELECT substr(d.date_from, 1, 4), m.person_id, m.country_id, m.surface, count(*)
                 FROM documents d JOIN mentions m ON m.document_id = d.id
                 WHERE {filter}
                 GROUP BY m.person_id, m.country_id, m.surface"
            ),
            params![start, end],
        )?;
    }
    Ok(())
}

/// Recomputes one year's rows of `name_candidate_years` and
/// `lower_word_years` from the bodies of its documents, cut into words as
/// a full seed cuts them (`facts::Words`, which a test holds equal to the
/// report's SQL; cutting in SQL took ~1 ms a document). `filter` selects
/// the year's documents `d` with ?1 and ?2.
fn recompute_words(
    tx: &Transaction,
    filter: &str,
    start: &str,
    end: &str,
    year: &Option<String>,
) -> Result<()> {
    tx.execute("DELETE FROM name_candidate_years WHERE year IS ?1", [year])?;
    tx.execute("DELETE FROM lower_word_years WHERE year IS ?1", [year])?;
    let mut words = YearWords::new();
    let mut stmt = tx.prepare(&format!(
        "SELECT d.id, d.date_from, d.body FROM documents d WHERE {filter}"
    ))?;
    let mut rows = stmt.query(params![start, end])?;
    while let Some(row) = rows.next()? {
        let date_from: Option<String> = row.get(1)?;
        let body: String = row.get(2)?;
        words.add(row.get(0)?, date_from.as_deref(), &Words::of(&body));
    }
    words.write(tx, year).with_context(|| {
        format!(
            "summarising the words of {}",
            year.as_deref().unwrap_or("undated documents")
        )
    })
}

/// Refills `correspondence_totals` (V3) from the parties of every document:
/// the correspondence report with no party and no date range, grouped as
/// the report groups (names, kinds, role). Runs after the indexes are
/// rebuilt (it joins parties on their document). tests/report.rs checks it
/// against the report's raw SQL.
pub fn correspondence_totals(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM correspondence_totals;
         WITH parties AS (
             SELECT dp.document_id,
                    dp.role,
                    coalesce(p.name, i.name, dp.name_text, dp.as_printed) AS name,
                    CASE WHEN p.id IS NOT NULL THEN 'person' WHEN i.id IS NOT NULL THEN 'institution'
                         ELSE 'unresolved' END AS kind
             FROM document_parties dp
             LEFT JOIN persons p ON p.id = dp.person_id
             LEFT JOIN institutions i ON i.id = dp.institution_id
         )
         INSERT INTO correspondence_totals
             (author, author_kind, recipient, recipient_kind, as_role, documents, first_date, last_date)
         SELECT a.name, a.kind, r.name, r.kind, r.role,
                count(DISTINCT d.id), min(d.date_from), max(d.date_to)
         FROM parties a
         JOIN parties r ON r.document_id = a.document_id AND r.role IN ('recipient', 'copy_recipient')
         JOIN documents d INDEXED BY documents_id_dates ON d.id = a.document_id
         WHERE a.role = 'author'
         GROUP BY a.kind, a.name, r.kind, r.name, r.role;",
    )
    .context("summarising who wrote to whom")?;
    Ok(())
}
