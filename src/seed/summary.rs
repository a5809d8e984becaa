//! The summary tables, each defined once, here: per-year mention counts
//! (`mention_years`, `mention_year_spellings`), per-year words of the bodies
//! (`name_candidate_years`, `lower_word_years`), pair counts
//! (`co_mention_totals`) and who wrote to whom (`correspondence_totals`).
//!
//! Every seed recomputes them for the keys it touched: the years of the
//! documents it wrote or deleted, the persons and countries those documents
//! name. A first seed touches every key, so it computes every row the
//! same way. tests/it/incremental.rs checks that a database seeded
//! in steps has the rows of one seeded at once.
//!
//! Mentions per year, words (cut by [`Words::of`], the one definition of a
//! word) and pairs are added up in memory: those of the documents written
//! in this seed as they are written, those of the unchanged documents of a
//! touched year read back. Grouping them in SQL cost 15% of a 100,000
//! document seed; tests/it/incremental.rs holds the rows equal to the SQL
//! grouping of the mentions. Who wrote to whom is SQL.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rustc_hash::{FxHashMap, FxHashSet};

use anyhow::{Context, Result};
use rusqlite::{params, Transaction};

use super::facts::Words;
use crate::calendar::{parse_day, Day};

/// What a seed changed: the keys whose summary rows it recomputes.
#[derive(Debug, Default)]
pub struct Changes {
    /// Years (`substr(date_from, 1, 4)`, `None` for undated documents) of
    /// the documents written or deleted.
    years: BTreeSet<Option<String>>,
    /// Whether any of those documents names a person or country (the pair
    /// totals are then counted again).
    names_anyone: bool,
    /// The words and the mentions of the documents written in this seed, by year.
    words: HashMap<Option<String>, YearWords>,
    mentions: HashMap<Option<String>, YearMentions>,
    /// The pairs named together in the documents written in this seed.
    pairs: Pairs,
    /// The documents written in this seed (a new document may take the id
    /// of one deleted in the same seed).
    written_ids: FxHashSet<i64>,
}

/// The year a summary files a document under.
fn year_of(date_from: Option<&str>) -> Option<String> {
    date_from.and_then(|d| d.get(..4)).map(str::to_string)
}

/// A document's `date_from` (always an ISO day) as a day, compared and
/// copied without allocating; it prints back the same.
fn day_of(date_from: Option<&str>) -> Option<Day> {
    date_from.and_then(parse_day)
}

/// Widens the range [first, last] to take in `d`.
fn widen(first: &mut Option<Day>, last: &mut Option<Day>, d: Day) {
    if first.is_none_or(|f| d < f) {
        *first = Some(d);
    }
    if last.is_none_or(|l| d > l) {
        *last = Some(d);
    }
}

impl Changes {
    /// A document just written, with the facts a worker thread found in it.
    /// `codes`: the persons and countries the document names, as
    /// `co_mention_totals` numbers them (a country's id, minus a person's id).
    pub fn written<'m>(
        &mut self,
        id: i64,
        date_from: Option<&str>,
        codes: Vec<i64>,
        words: &Words,
        mentions: impl Iterator<Item = (Entity, &'m str)>,
    ) {
        let (year, day) = (year_of(date_from), day_of(date_from));
        self.written_ids.insert(id);
        self.names_anyone |= !codes.is_empty();
        self.pairs.add(codes, day);
        self.words
            .entry(year.clone())
            .or_default()
            .add(id, day, words);
        self.mentions
            .entry(year.clone())
            .or_default()
            .add(day, mentions);
        self.years.insert(year);
    }

    /// Records what deleting a source changes, before it is deleted.
    pub fn deleting_source(&mut self, tx: &Transaction, source_id: i64) -> Result<()> {
        let mut years = tx.prepare_cached(
            "SELECT DISTINCT substr(date_from, 1, 4) FROM documents WHERE source_id = ?1",
        )?;
        for year in years.query_map([source_id], |row| row.get::<_, Option<String>>(0))? {
            self.years.insert(year?);
        }
        let names: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM documents d JOIN mentions m ON m.document_id = d.id
                                WHERE d.source_id = ?1)",
            )?
            .query_row([source_id], |row| row.get(0))?;
        self.names_anyone |= names;
        Ok(())
    }
}

/// Recomputes every summary row of the keys `changes` touched.
pub fn recompute(tx: &Transaction, changes: &Changes) -> Result<()> {
    // What was counted as it was written is not read back.
    tx.execute_batch(
        "DROP TABLE IF EXISTS temp.written_documents;
         CREATE TEMP TABLE written_documents (id INTEGER PRIMARY KEY);",
    )?;
    {
        let mut insert = tx.prepare("INSERT INTO temp.written_documents (id) VALUES (?1)")?;
        for id in &changes.written_ids {
            insert.execute([id])?;
        }
    }
    for year in &changes.years {
        recompute_year(tx, year, changes)?;
    }
    recompute_pairs(tx, changes)
        .context("summarising which persons and countries are named together")?;
    // Any document written or deleted has a year (None for undated ones).
    if !changes.years.is_empty() {
        correspondence_totals(tx)?;
    }
    tx.execute_batch("DROP TABLE temp.written_documents")?;
    Ok(())
}

/// Hands `each` one document at a time from `rows` (document id, its
/// date_from, then the columns `item` reads), which come ordered by document.
fn each_document<T>(
    mut rows: rusqlite::Rows<'_>,
    item: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    mut each: impl FnMut(Option<Day>, Vec<T>),
) -> Result<()> {
    let mut document: Option<(i64, Option<Day>, Vec<T>)> = None;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if document.as_ref().is_some_and(|(d, _, _)| *d != id) {
            if let Some((_, day, items)) = document.take() {
                each(day, items);
            }
        }
        if document.is_none() {
            let date: Option<String> = row.get(1)?;
            document = Some((id, day_of(date.as_deref()), Vec::new()));
        }
        if let Some((_, _, items)) = &mut document {
            items.push(item(row)?);
        }
    }
    if let Some((_, day, items)) = document {
        each(day, items);
    }
    Ok(())
}

/// The documents `d` of one year (?1), as a range of the date index; the
/// undated ones (year NULL) through `IS NULL`, with ?1 NULL.
fn year_filter(year: &Option<String>) -> &'static str {
    match year {
        Some(_) => "d.date_from >= ?1 AND d.date_from < ?1 || char(1114111)",
        None => "d.date_from IS NULL AND ?1 IS NULL",
    }
}

fn recompute_year(tx: &Transaction, year: &Option<String>, changes: &Changes) -> Result<()> {
    let which = year.as_deref().unwrap_or("undated documents");
    let filter = year_filter(year);
    for table in [
        "mention_years",
        "mention_year_spellings",
        "name_candidate_years",
        "lower_word_years",
    ] {
        tx.execute(&format!("DELETE FROM {table} WHERE year IS ?1"), [year])?;
    }
    // Mentions: those of this seed's documents were counted as they were
    // written; the rest of the year's are read back. (In SQL, grouping the
    // 3.8 million mentions of 100,000 documents took 9 s, 15% of the seed;
    // tests/it/incremental.rs holds these rows equal to that SQL.)
    let mut mentions = YearMentions::default();
    // CROSS JOIN: the year's documents first (through the date index), then
    // their mentions; SQLite would otherwise scan every mention for each year.
    {
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT d.id, d.date_from, m.person_id, m.country_id, m.surface
             FROM documents d CROSS JOIN mentions m ON m.document_id = d.id
             WHERE {filter} AND d.id NOT IN temp.written_documents
             ORDER BY d.id"
        ))?;
        each_document(
            stmt.query([year])?,
            |row| Ok(((row.get(2)?, row.get(3)?), row.get::<_, String>(4)?)),
            |day, found: Vec<(Entity, String)>| {
                mentions.add(day, found.iter().map(|(e, s)| (*e, s.as_str())));
            },
        )?;
    }
    if let Some(written) = changes.mentions.get(year) {
        mentions.merge(written);
    }
    mentions
        .write(tx, year)
        .with_context(|| format!("summarising the mentions of {which}"))?;

    // Words: those of this seed's documents were cut already; the rest of
    // the year's documents are read back.
    let mut words = YearWords::default();
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT d.id, d.date_from, d.body FROM documents d
         WHERE {filter} AND d.id NOT IN temp.written_documents"
    ))?;
    let mut rows = stmt.query([year])?;
    while let Some(row) = rows.next()? {
        let date_from: Option<String> = row.get(1)?;
        let body: String = row.get(2)?;
        words.add(row.get(0)?, day_of(date_from.as_deref()), &Words::of(&body));
    }
    if let Some(written) = changes.words.get(year) {
        words.merge(written);
    }
    words
        .write(tx, year)
        .with_context(|| format!("summarising the words of {which}"))
}

/// A person (`(Some(id), None)`) or a country (`(None, Some(id))`), as
/// `mention_years` keys them.
pub type Entity = (Option<i64>, Option<i64>);

/// One year's mentions: per person or country, how often and in how many
/// documents, the first and last date, and how often each spelling.
#[derive(Debug, Default)]
struct YearMentions(FxHashMap<Entity, EntityYear>);

#[derive(Debug, Default)]
struct EntityYear {
    mentions: i64,
    documents: i64,
    first: Option<Day>,
    last: Option<Day>,
    /// Mentions by surface.
    spellings: FxHashMap<Box<str>, i64>,
}

impl EntityYear {
    fn spelled(&mut self, surface: &str, n: i64) {
        match self.spellings.get_mut(surface) {
            Some(count) => *count += n,
            None => {
                self.spellings.insert(surface.into(), n);
            }
        }
    }
}

impl YearMentions {
    /// The mentions of one document.
    fn add<'m>(&mut self, date: Option<Day>, mentions: impl Iterator<Item = (Entity, &'m str)>) {
        let mut named: Vec<Entity> = Vec::new();
        for (entity, surface) in mentions {
            let counts = self.0.entry(entity).or_default();
            counts.mentions += 1;
            counts.spelled(surface, 1);
            if !named.contains(&entity) {
                named.push(entity);
                counts.documents += 1;
                if let Some(d) = date {
                    widen(&mut counts.first, &mut counts.last, d);
                }
            }
        }
    }

    fn merge(&mut self, other: &YearMentions) {
        for (entity, theirs) in &other.0 {
            let mine = self.0.entry(*entity).or_default();
            mine.mentions += theirs.mentions;
            mine.documents += theirs.documents;
            for d in [theirs.first, theirs.last].into_iter().flatten() {
                widen(&mut mine.first, &mut mine.last, d);
            }
            for (surface, n) in &theirs.spellings {
                mine.spelled(surface, *n);
            }
        }
    }

    /// Inserts this year's rows (the caller deleted the old ones), in key order.
    fn write(&self, tx: &Transaction, year: &Option<String>) -> Result<()> {
        let mut counts = tx.prepare_cached(
            "INSERT INTO mention_years (year, person_id, country_id, mentions, documents, first_date, last_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let mut spellings = tx.prepare_cached(
            "INSERT INTO mention_year_spellings (year, person_id, country_id, surface, mentions)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let sorted: BTreeMap<&Entity, &EntityYear> = self.0.iter().collect();
        for ((person, country), c) in sorted {
            counts.execute(params![
                year,
                person,
                country,
                c.mentions,
                c.documents,
                c.first.map(|d| d.to_string()),
                c.last.map(|d| d.to_string())
            ])?;
            let sorted: BTreeMap<&str, &i64> = c.spellings.iter().map(|(s, n)| (&**s, n)).collect();
            for (surface, n) in sorted {
                spellings.execute(params![year, person, country, surface, n])?;
            }
        }
        Ok(())
    }
}

/// One year's candidate names and lower-case words.
#[derive(Debug, Default)]
struct YearWords {
    candidates: FxHashMap<String, Candidate>,
    lower: FxHashSet<Box<str>>,
}

/// A candidate name's counts in one year.
#[derive(Debug, Default, Clone)]
struct Candidate {
    occurrences: i64,
    documents: i64,
    first: Option<Day>,
    last: Option<Day>,
    first_document: i64,
}

impl Candidate {
    fn merge(&mut self, other: &Candidate) {
        if self.documents == 0 || other.first_document < self.first_document {
            self.first_document = other.first_document;
        }
        self.occurrences += other.occurrences;
        self.documents += other.documents;
        for d in [other.first, other.last].into_iter().flatten() {
            widen(&mut self.first, &mut self.last, d);
        }
    }
}

impl YearWords {
    fn add(&mut self, document_id: i64, date: Option<Day>, words: &Words) {
        for (word, n) in words.candidates() {
            let one = Candidate {
                occurrences: i64::from(n),
                documents: 1,
                first: date,
                last: date,
                first_document: document_id,
            };
            match self.candidates.get_mut(word) {
                Some(c) => c.merge(&one),
                None => {
                    self.candidates.insert(word.to_string(), one);
                }
            }
        }
        for word in words.lower() {
            if !self.lower.contains(word) {
                self.lower.insert(word.into());
            }
        }
    }

    fn merge(&mut self, other: &YearWords) {
        for (word, c) in &other.candidates {
            self.candidates.entry(word.clone()).or_default().merge(c);
        }
        self.lower.extend(other.lower.iter().cloned());
    }

    /// Inserts this year's rows (the caller deleted the old ones), in word order.
    fn write(&self, tx: &Transaction, year: &Option<String>) -> Result<()> {
        let mut candidates = tx.prepare_cached(
            "INSERT INTO name_candidate_years (year, word, occurrences, documents, first_date, last_date,
                 first_document_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let sorted: BTreeMap<&String, &Candidate> = self.candidates.iter().collect();
        for (word, c) in sorted {
            candidates.execute(params![
                year,
                word,
                c.occurrences,
                c.documents,
                c.first.map(|d| d.to_string()),
                c.last.map(|d| d.to_string()),
                c.first_document
            ])?;
        }
        let mut lower =
            tx.prepare_cached("INSERT INTO lower_word_years (year, word) VALUES (?1, ?2)")?;
        let sorted: BTreeSet<&str> = self.lower.iter().map(|w| &**w).collect();
        for word in sorted {
            lower.execute(params![year, word])?;
        }
        Ok(())
    }
}

/// Pairs of persons and countries named in the same documents: the number
/// of documents naming both, and the first and last of their dates. A
/// document counts once per pair, however often it names either.
#[derive(Debug, Default)]
struct Pairs(FxHashMap<(i64, i64), PairCount>);

/// Documents naming a pair, and their first and last date as `yyyymmdd`
/// numbers (0 for none): ten million updates at 20,000 documents, so a
/// few plain integers.
#[derive(Debug, Default, Clone, Copy)]
struct PairCount {
    documents: u32,
    first: u32,
    last: u32,
}

impl PairCount {
    fn widen(&mut self, first: u32, last: u32) {
        if first != 0 && (self.first == 0 || first < self.first) {
            self.first = first;
        }
        if last > self.last {
            self.last = last;
        }
    }

    fn day(n: u32) -> Option<String> {
        (n != 0).then(|| format!("{:04}-{:02}-{:02}", n / 10_000, n / 100 % 100, n % 100))
    }
}

impl Pairs {
    /// A document naming `codes` (as co_mention_totals numbers entities).
    fn add(&mut self, mut codes: Vec<i64>, date: Option<Day>) {
        codes.sort_unstable();
        codes.dedup();
        let day = date.map_or(0, |d| {
            d.year() as u32 * 10_000 + d.month() as u32 * 100 + d.day() as u32
        });
        for (i, &a) in codes.iter().enumerate() {
            for &b in &codes[i + 1..] {
                let pair = self.0.entry((a, b)).or_default();
                pair.documents += 1;
                pair.widen(day, day);
            }
        }
    }

    fn merge(&mut self, other: &Pairs) {
        for (&pair, count) in &other.0 {
            let mine = self.0.entry(pair).or_default();
            mine.documents += count.documents;
            mine.widen(count.first, count.last);
        }
    }
}

/// Recounts `co_mention_totals` when the seed wrote or deleted a document
/// naming anyone: the documents written now were counted as they were
/// written, the others are read back. (Counting the ten million pairs of
/// 20,000 documents in SQL took 8 s; here it takes a fraction of that.)
fn recompute_pairs(tx: &Transaction, changes: &Changes) -> Result<()> {
    if !changes.names_anyone {
        return Ok(());
    }
    let mut pairs = Pairs::default();
    {
        let mut stmt = tx.prepare(
            "SELECT DISTINCT m.document_id, d.date_from, coalesce(-m.person_id, m.country_id)
             FROM mentions m JOIN documents d ON d.id = m.document_id
             WHERE m.document_id NOT IN temp.written_documents
             ORDER BY m.document_id",
        )?;
        each_document(
            stmt.query([])?,
            |row| row.get::<_, i64>(2),
            |day, codes| pairs.add(codes, day),
        )?;
    }
    pairs.merge(&changes.pairs);
    tx.execute("DELETE FROM co_mention_totals", [])?;
    let mut insert = tx.prepare(
        "INSERT INTO co_mention_totals (entity1, entity2, documents, first_date, last_date)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let sorted: BTreeMap<&(i64, i64), &PairCount> = pairs.0.iter().collect();
    for ((a, b), count) in sorted {
        insert.execute(params![
            a,
            b,
            count.documents,
            PairCount::day(count.first),
            PairCount::day(count.last)
        ])?;
    }
    Ok(())
}

/// Refills `correspondence_totals` (V3) from the parties of every document:
/// the correspondence report with no party and no date range, grouped as
/// the report groups (names, kinds, role).
fn correspondence_totals(tx: &Transaction) -> Result<()> {
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
