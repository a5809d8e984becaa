//! The full-text index of a full seed, built beside the writer.
//!
//! Tokenising every heading and body is a tenth of a full seed, and SQLite
//! has one writer: building the index in the main database, with a trigger
//! or one `rebuild` at the end, puts all of it on the writer thread. So a
//! thread of its own indexes each document, as the writer sends it, into
//! an FTS5 table of the same definition in a private temporary database;
//! at the end the writer copies that table's shadow tables (`_data`, `_idx`,
//! `_docsize`) into the main database's, emptied by the seed's clearing.
//! FTS5 keeps its whole index in those tables, in a format that depends
//! only on the table's definition and options, which are read from the
//! main database; a test runs FTS5's own `integrity-check`, which compares
//! the copied index with the documents, after seeding.

use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::JoinHandle;

use anyhow::{anyhow, Context, Result};
use rusqlite::types::Value;
use rusqlite::{params, Connection, Transaction};

/// Documents queued for the side thread: enough to ride out a slow moment,
/// few enough (a few hundred KB of text) not to matter for memory.
const QUEUE: usize = 128;

/// The side index's in-memory buffer (FTS5 `hashsize`): it works beside the
/// writer's page cache, so it gets a quarter of the main database's 64 MiB
/// buffer and flushes more often, on its own thread. Keeps a seed's peak
/// memory under 256 MiB at 100,000 documents.
const SIDE_HASH_BYTES: i64 = 16 * 1024 * 1024;

/// The shadow tables FTS5 keeps its index in, and their column counts.
const SHADOW_TABLES: &[(&str, usize)] = &[
    ("documents_fts_data", 2),
    ("documents_fts_idx", 3),
    ("documents_fts_docsize", 2),
];

/// A document for the index: row id, heading, body.
type Entry = (i64, String, String);

pub struct SideIndex {
    sender: Option<SyncSender<Entry>>,
    thread: Option<JoinHandle<Result<Connection>>>,
}

impl SideIndex {
    /// Starts the side thread with an index defined like `documents_fts`
    /// of the database `tx` writes to.
    pub fn start(tx: &Transaction) -> Result<SideIndex> {
        let definition: String = tx
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'documents_fts'",
                [],
                |row| row.get(0),
            )
            .context("reading the full-text index's definition")?;
        // Options that shape the index (none today but the tokenizer's,
        // which is in the definition) live in the config table; the buffer
        // size is the side index's own.
        let options: Vec<(String, Value)> = {
            let mut stmt = tx.prepare(
                "SELECT k, v FROM documents_fts_config WHERE k NOT IN ('version', 'hashsize')",
            )?;
            let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let (sender, receiver) = sync_channel::<Entry>(QUEUE);
        let thread = std::thread::Builder::new()
            .name("archdb-fts".into())
            .spawn(move || -> Result<Connection> {
                // "": a private on-disk database that SQLite deletes when it
                // is closed; it stays in memory until its cache fills.
                let conn = Connection::open("")?;
                conn.pragma_update(None, "cache_size", -16 * 1024)?;
                conn.execute_batch(&definition)?;
                for (key, value) in &options {
                    conn.execute(
                        "INSERT INTO documents_fts (documents_fts, rank) VALUES (?1, ?2)",
                        params![key, value],
                    )?;
                }
                conn.execute(
                    "INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', ?1)",
                    [SIDE_HASH_BYTES],
                )?;
                conn.execute_batch("BEGIN")?;
                {
                    let mut insert = conn.prepare(
                        "INSERT INTO documents_fts (rowid, heading, body) VALUES (?1, ?2, ?3)",
                    )?;
                    for (id, heading, body) in receiver {
                        insert.execute(params![id, heading, body])?;
                    }
                }
                conn.execute_batch("COMMIT")?;
                Ok(conn)
            })
            .context("starting the full-text index thread")?;
        Ok(SideIndex {
            sender: Some(sender),
            thread: Some(thread),
        })
    }

    /// Queues one document. Fails only when the side thread has stopped,
    /// with the reason it stopped.
    pub fn add(&mut self, id: i64, heading: String, body: String) -> Result<()> {
        let sent = match &self.sender {
            Some(sender) => sender.send((id, heading, body)).is_ok(),
            None => false,
        };
        if sent {
            Ok(())
        } else {
            self.wait().map(drop)
        }
    }

    /// Waits for the side index and copies it into the database `tx`
    /// writes to, replacing what its full-text shadow tables held.
    pub fn finish(mut self, tx: &Transaction) -> Result<()> {
        let side = self.wait()?;
        for (table, columns) in SHADOW_TABLES {
            tx.execute(&format!("DELETE FROM {table}"), [])?;
            let placeholders = vec!["?"; *columns].join(", ");
            let mut insert = tx.prepare(&format!("INSERT INTO {table} VALUES ({placeholders})"))?;
            let mut select = side.prepare(&format!("SELECT * FROM {table}"))?;
            let mut rows = select.query([])?;
            while let Some(row) = rows.next()? {
                let values = (0..*columns)
                    .map(|i| row.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                insert.execute(rusqlite::params_from_iter(values))?;
            }
        }
        Ok(())
    }

    /// Ends the queue and returns the side thread's database (or its error).
    fn wait(&mut self) -> Result<Connection> {
        drop(self.sender.take());
        let thread = self
            .thread
            .take()
            .ok_or_else(|| anyhow!("the full-text index thread has already ended"))?;
        thread
            .join()
            .map_err(|_| anyhow!("the full-text index thread panicked"))?
            .context("building the full-text index")
    }
}
