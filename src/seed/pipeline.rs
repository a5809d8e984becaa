//! Parsing overlapped with writing: a producer thread reads, hashes, parses
//! and resolves batches of files on the rayon pool while the caller (SQLite's
//! one writer) writes the previous batch. A bounded channel keeps at most
//! [`IN_FLIGHT`] batches in memory, so memory does not grow with the corpus.

use std::collections::HashMap;
use std::sync::mpsc::sync_channel;

use anyhow::Result;
use rayon::prelude::*;

use crate::entities::Gazetteer;

use super::inputs::Input;
use super::prepare::{self, PreparedSource};

/// Files per batch: enough to keep both cores busy between channel hand-offs.
pub const BATCH: usize = 64;
/// Batches prepared ahead of the writer.
const IN_FLIGHT: usize = 2;

/// What became of one input file.
pub enum Item {
    /// Same bytes as the source already in the database: nothing to do.
    Unchanged,
    /// New or changed: parsed and resolved, to be written.
    Changed(Box<PreparedSource>),
}

/// Runs `write` on every input, in input order. `known` maps the paths
/// already in the database to (id, sha256); a file with the same sha256 is
/// not parsed at all. The first error (reading a file, or from `write`)
/// stops the run and is returned.
pub fn run(
    inputs: &[Input],
    gazetteer: &Gazetteer,
    known: &HashMap<String, (i64, String)>,
    mut write: impl FnMut(Item) -> Result<()>,
    mut batch_done: impl FnMut(u64),
) -> Result<()> {
    std::thread::scope(|scope| {
        let (sender, receiver) = sync_channel::<Result<Vec<Item>>>(IN_FLIGHT);
        scope.spawn(move || {
            for batch in inputs.chunks(BATCH) {
                let prepared = prepare_batch(batch, gazetteer, known);
                let failed = prepared.is_err();
                // A send fails only when the writer stopped (on an error):
                // then there is no one left to prepare for.
                if sender.send(prepared).is_err() || failed {
                    break;
                }
            }
        });
        for prepared in receiver {
            let items = prepared?;
            let n = items.len() as u64;
            for item in items {
                write(item)?;
            }
            batch_done(n);
        }
        Ok(())
    })
}

/// Reads and prepares a batch in parallel. A file that cannot be read is
/// an error: seeding without it would silently lose its documents.
fn prepare_batch(
    batch: &[Input],
    gazetteer: &Gazetteer,
    known: &HashMap<String, (i64, String)>,
) -> Result<Vec<Item>> {
    batch
        .par_iter()
        .map(|input| {
            let content = input.read()?;
            let sha256 = prepare::sha256_hex(&content);
            if known
                .get(&input.path)
                .is_some_and(|(_, old)| *old == sha256)
            {
                return Ok(Item::Unchanged);
            }
            Ok(Item::Changed(Box::new(prepare::prepare_hashed(
                input, content, sha256, gazetteer,
            ))))
        })
        .collect()
}
