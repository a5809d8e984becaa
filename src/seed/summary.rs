//! The per-year mention summary (`mention_years`, `mention_year_spellings`,
//! migration V2). A full seed counts as it writes, in memory, and inserts
//! the totals at the end; an incremental seed recomputes, in SQL, only the
//! years whose documents it added or removed. tests/incremental.rs checks
//! that both give the same rows.

use std::collections::{BTreeSet, HashMap};

use anyhow::{Context, Result};
use rusqlite::{params, Transaction};

/// A person (`Some`, `None`) or a country (`None`, `Some`), by row id.
pub type Entity = (Option<i64>, Option<i64>);

#[derive(Debug)]
struct Counts {
    mentions: i64,
    documents: i64,
    first: Option<String>,
    last: Option<String>,
}

/// Counts gathered while writing a full seed.
#[derive(Debug, Default)]
pub struct Tally {
    years: HashMap<(Option<String>, Entity), Counts>,
    spellings: HashMap<(Option<String>, Entity, String), i64>,
}

/// The year key of a document: the first four characters of its ISO date.
pub fn year_of(date_from: Option<&str>) -> Option<String> {
    date_from.and_then(|d| d.get(0..4)).map(str::to_string)
}

impl Tally {
    /// Adds one document's mentions, given as (entity, surface).
    pub fn document<'a>(
        &mut self,
        date_from: Option<&str>,
        mentions: impl Iterator<Item = (Entity, &'a str)>,
    ) {
        let year = year_of(date_from);
        let mut seen: Vec<Entity> = Vec::new();
        for (entity, surface) in mentions {
            let counts = self.years.entry((year.clone(), entity)).or_insert(Counts {
                mentions: 0,
                documents: 0,
                first: None,
                last: None,
            });
            counts.mentions += 1;
            if !seen.contains(&entity) {
                seen.push(entity);
                counts.documents += 1;
                if let Some(d) = date_from {
                    if counts.first.as_deref().is_none_or(|f| d < f) {
                        counts.first = Some(d.to_string());
                    }
                    if counts.last.as_deref().is_none_or(|l| d > l) {
                        counts.last = Some(d.to_string());
                    }
                }
            }
            *self
                .spellings
                .entry((year.clone(), entity, surface.to_string()))
                .or_insert(0) += 1;
        }
    }

    /// Replaces the summary tables' rows with these counts.
    pub fn write(&self, tx: &Transaction) -> Result<()> {
        tx.execute_batch("DELETE FROM mention_years; DELETE FROM mention_year_spellings;")?;
        let mut stmt = tx.prepare(
            "INSERT INTO mention_years (year, person_id, country_id, mentions, documents, first_date, last_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for ((year, (person, country)), c) in &self.years {
            stmt.execute(params![
                year,
                person,
                country,
                c.mentions,
                c.documents,
                c.first,
                c.last
            ])?;
        }
        let mut stmt = tx.prepare(
            "INSERT INTO mention_year_spellings (year, person_id, country_id, surface, mentions)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for ((year, (person, country), surface), n) in &self.spellings {
            stmt.execute(params![year, person, country, surface, n])?;
        }
        Ok(())
    }
}

/// The years of a source's documents, before it is deleted.
pub fn years_of_source(
    tx: &Transaction,
    source_id: i64,
    years: &mut BTreeSet<Option<String>>,
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT DISTINCT substr(date_from, 1, 4) FROM documents WHERE source_id = ?1",
    )?;
    for year in stmt.query_map([source_id], |row| row.get::<_, Option<String>>(0))? {
        years.insert(year?);
    }
    Ok(())
}

/// Recomputes the summary rows of the given years from the mentions.
pub fn recompute(tx: &Transaction, years: &BTreeSet<Option<String>>) -> Result<()> {
    for year in years {
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
