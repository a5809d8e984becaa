//! Parsing overlapped with writing: a producer thread reads, hashes, parses
//! and resolves batches of files on the rayon pool while the caller (SQLite's
//! one writer) writes the previous batch. A bounded channel keeps at most
//! [`IN_FLIGHT`] batches in memory, so memory does not grow with the corpus.

use std::collections::HashMap;
use std::sync::mpsc::sync_channel;

use anyhow::Result;
use rayon::prelude::*;

use crate::corpus::Codepage;
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
    forced: Option<Codepage>,
    mut write: impl FnMut(Item) -> Result<()>,
    mut batch_done: impl FnMut(u64),
) -> Result<()> {
    let pool = worker_pool()?;
    std::thread::scope(|scope| {
        let (sender, receiver) = sync_channel::<Result<Vec<Item>>>(IN_FLIGHT);
        let pool = &pool;
        scope.spawn(move || {
            for batch in inputs.chunks(BATCH) {
                let prepared = pool.install(|| prepare_batch(batch, gazetteer, known, forced));
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

/// The threads that parse and resolve: one per core, at a lower scheduling
/// priority than the writer. The writer is the seed's bottleneck; with
/// equal priority the kernel shares the cores evenly among it, the parsing
/// threads and the full-text thread, and the writer waits its turn while
/// files it does not need yet are parsed.
fn worker_pool() -> Result<rayon::ThreadPool> {
    Ok(rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("archdb-parse-{i}"))
        .start_handler(|_| lower_priority())
        .build()?)
}

/// Niceness of the parsing threads (0 is the writer's). 5, 10 and 19 all
/// gave the same gain on the 20k corpus (seed 5.8 s -> 5.1 s).
#[cfg(target_os = "linux")]
const WORKER_NICENESS: libc::c_int = 10;

#[cfg(target_os = "linux")]
fn lower_priority() {
    // On Linux a priority set with `who = 0` is the calling thread's own.
    // Failing to lower it changes nothing but speed, so the result is ignored.
    // SAFETY: setpriority has no memory effects; the arguments are plain integers.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, WORKER_NICENESS);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

/// Reads and prepares a batch in parallel. A file that cannot be read is
/// an error: seeding without it would silently lose its documents.
fn prepare_batch(
    batch: &[Input],
    gazetteer: &Gazetteer,
    known: &HashMap<String, (i64, String)>,
    forced: Option<Codepage>,
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
            Ok(Item::Changed(Box::new(prepare::prepare_forced(
                input, content, sha256, gazetteer, forced,
            ))))
        })
        .collect()
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// Field 19 of /proc/thread-self/stat: the calling thread's niceness.
    fn own_niceness() -> Option<i64> {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
        stat.rsplit_once(')')?
            .1
            .split_whitespace()
            .nth(16)?
            .parse()
            .ok()
    }

    #[test]
    fn parsing_threads_run_below_the_writer() {
        let writer = own_niceness().expect("readable /proc/thread-self/stat");
        let pool = worker_pool().expect("thread pool");
        let worker = pool.install(own_niceness).expect("niceness in the pool");
        // A process already at the lowest priority cannot go lower.
        assert_eq!(worker, (writer + i64::from(WORKER_NICENESS)).min(19));
        assert_eq!(
            own_niceness(),
            Some(writer),
            "the caller keeps its priority"
        );
    }
}
