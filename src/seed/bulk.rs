//! Bulk loading into empty corpus tables (a first seed, or one after the
//! reference data or archdb changed): secondary indexes and the full-text
//! insert trigger are set aside while the rows go in, and rebuilt once at
//! the end. The rows and the summaries are written as by any other seed;
//! only the indexes are built in one go. Building an index from sorted rows costs a fraction of keeping
//! it up to date row by row (a mention insert touches three indexes at
//! random places), and FTS5 builds its index faster in one `rebuild` than
//! through a trigger that merges segments as it goes.
//!
//! Everything happens inside the seed's transaction, so a failed seed rolls
//! the dropped indexes back with the rest. What is dropped is re-created
//! from its own SQL in sqlite_master: the schema stays defined by the
//! migrations alone.

use anyhow::{Context, Result};
use rusqlite::Transaction;

use super::phases::Phases;

/// Tables filled from corpus files, whose indexes are rebuilt after a full seed.
const CORPUS_TABLES: &[&str] = &[
    "source_files",
    "documents",
    "boilerplate",
    "citations",
    "publications",
    "footnotes",
    "document_parties",
    "document_persons",
    "document_institutions",
    "mentions",
    "warnings",
];

const FTS_INSERT_TRIGGER: &str = "documents_fts_insert";

/// What was set aside, to put back with [`Deferred::restore`].
pub struct Deferred {
    /// (name, CREATE statement) of the dropped indexes and trigger.
    indexes: Vec<(String, String)>,
    trigger: Option<String>,
}

/// Drops the corpus tables' non-unique indexes and the FTS insert trigger.
/// Unique indexes stay: they enforce constraints the seed relies on.
pub fn defer(tx: &Transaction) -> Result<Deferred> {
    let mut indexes = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT name, tbl_name, sql FROM sqlite_master
             WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
        })?;
        for row in rows {
            let (name, table, sql) = row?;
            if CORPUS_TABLES.contains(&table.as_str()) {
                indexes.push((name, sql));
            }
        }
    }
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    let trigger: Option<String> = tx
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
            [FTS_INSERT_TRIGGER],
            |r| r.get(0),
        )
        .ok();
    if trigger.is_some() {
        tx.execute_batch(&format!("DROP TRIGGER {FTS_INSERT_TRIGGER}"))?;
    }
    Ok(Deferred { indexes, trigger })
}

impl Deferred {
    /// Re-creates the indexes, fills the full-text index from the
    /// documents, and puts the insert trigger back.
    pub fn restore(self, tx: &Transaction, phases: &mut Phases) -> Result<()> {
        if let Some(sql) = &self.trigger {
            tx.execute_batch("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')")
                .context("building the full-text index")?;
            phases.mark("full-text index");
            tx.execute_batch(sql)
                .context("restoring the full-text insert trigger")?;
        }
        for (name, sql) in &self.indexes {
            tx.execute_batch(sql)
                .with_context(|| format!("rebuilding index {name}"))?;
        }
        phases.mark("indexes");
        Ok(())
    }
}
