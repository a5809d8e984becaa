//! CPU cost of preparing documents: what the rayon workers of `archdb seed`
//! do per file (read + SHA-256, decode, parse, resolve), single-threaded, so
//! the figures are CPU time per document and not hidden by the writer.
//!
//!     cargo bench --locked --bench prepare
//!     ARCHDB_BENCH_CORPUS=/path/to/corpus cargo bench --locked --bench prepare
//!
//! The corpus comes from `benches/gen_corpus.py` (see `benches/README.md`).
//! Each phase is timed on its own over the whole corpus, then `prepare`
//! end to end; the best of `ARCHDB_BENCH_ROUNDS` rounds (default 3) is
//! printed, since the machine is shared and the minimum is the least noisy.
//! Times are the thread's CPU time (from `/proc/thread-self/schedstat` on
//! Linux, wall time elsewhere), so other processes on the machine do not
//! count, only what they do to the caches.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// A point in time to measure from: CPU time of this thread when the OS
/// tells it, else wall time.
struct Clock(Option<u64>, Instant);

fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

impl Clock {
    fn now() -> Clock {
        Clock(thread_cpu_ns(), Instant::now())
    }

    /// Seconds since `self`.
    fn secs(&self) -> f64 {
        match (self.0, thread_cpu_ns()) {
            (Some(a), Some(b)) => b.saturating_sub(a) as f64 / 1e9,
            _ => self.1.elapsed().as_secs_f64(),
        }
    }
}

use archdb::corpus::{self, ParsedPage};
use archdb::entities::Gazetteer;
use archdb::seed::inputs::{self, Format, Input};
use archdb::seed::{nuls, prepare};

const DEFAULT_CORPUS: &str = "/work/bench-out/corpus-20000";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("bench prepare: {err:#}");
            ExitCode::FAILURE
        }
    }
}

struct Phase {
    name: &'static str,
    best: f64,
}

fn run() -> anyhow::Result<()> {
    let corpus = match std::env::var_os("ARCHDB_BENCH_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(DEFAULT_CORPUS),
    };
    if !corpus.is_dir() {
        anyhow::bail!(
            "no corpus at {}: generate one with\n    python3 benches/gen_corpus.py --docs 20000 --out {}\n\
             (or point ARCHDB_BENCH_CORPUS at an existing corpus folder)",
            corpus.display(),
            corpus.display()
        );
    }
    let rounds: usize = std::env::var("ARCHDB_BENCH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3)
        .max(1);

    let data = archdb::reference::load_embedded()?;
    let t = Clock::now();
    let gazetteer = Gazetteer::new(&data)?;
    let build_s = t.secs();

    let (inputs, _skipped) = inputs::walk(std::slice::from_ref(&corpus))?;
    // Read once up front so every phase after the first sees the same bytes
    // and the page cache is warm.
    let contents: Vec<Vec<u8>> = inputs
        .iter()
        .map(Input::read)
        .collect::<anyhow::Result<_>>()?;
    let bytes: usize = contents.iter().map(Vec::len).sum();

    // Intermediate results, kept so each phase is timed alone.
    let mut decoded: Vec<String> = Vec::new();
    let mut pages: Vec<ParsedPage> = Vec::new();
    let mut documents = 0usize;
    let mut checksum = 0usize;

    // `ARCHDB_BENCH_DUMP=file`: write everything `prepare` returns (but the
    // file bytes) to `file` and stop, to compare two builds' outputs on a
    // whole corpus (`cmp` the dumps).
    if let Some(path) = std::env::var_os("ARCHDB_BENCH_DUMP") {
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        for (input, content) in inputs.iter().zip(&contents) {
            let p = prepare::prepare(input, content.clone(), &gazetteer);
            writeln!(
                out,
                "{} {} {} {:?}\n{:?}\n{:?}\n{:?}",
                p.path, p.sha256, p.encoding, p.text, p.page, p.resolved, p.warnings
            )?;
        }
        out.flush()?;
        return Ok(());
    }

    let mut phases = vec![
        Phase {
            name: "read+sha256",
            best: f64::MAX,
        },
        Phase {
            name: "decode",
            best: f64::MAX,
        },
        Phase {
            name: "parse_page",
            best: f64::MAX,
        },
        Phase {
            name: "resolve",
            best: f64::MAX,
        },
        Phase {
            name: "prepare (all)",
            best: f64::MAX,
        },
    ];
    for _ in 0..rounds {
        let t = Clock::now();
        for input in &inputs {
            let content = input.read()?;
            checksum += prepare::sha256_hex(&content).len();
        }
        phases[0].best = phases[0].best.min(t.secs());

        decoded.clear();
        let t = Clock::now();
        for (input, content) in inputs.iter().zip(&contents) {
            // As `prepare_hashed` does: decode, NULs, HTML to text.
            let text = match corpus::decode(content) {
                Ok(d) => d.text,
                Err(_) => String::new(),
            };
            let (text, _) = nuls::replace(text);
            decoded.push(match input.format {
                Format::Text => text,
                Format::Html => corpus::html_to_text(&text),
            });
        }
        phases[1].best = phases[1].best.min(t.secs());

        pages.clear();
        let t = Clock::now();
        for text in &decoded {
            pages.push(corpus::parse_page(text));
        }
        phases[2].best = phases[2].best.min(t.secs());

        let t = Clock::now();
        documents = 0;
        for page in &pages {
            for doc in &page.documents {
                let r = prepare::resolve(doc, &gazetteer);
                checksum += r.mentions.len() + r.parties.len();
                documents += 1;
            }
        }
        phases[3].best = phases[3].best.min(t.secs());

        let t = Clock::now();
        for (input, content) in inputs.iter().zip(&contents) {
            let p = prepare::prepare(input, content.clone(), &gazetteer);
            checksum += p.resolved.len();
        }
        phases[4].best = phases[4].best.min(t.secs());
    }

    println!(
        "corpus {}: {} files, {} documents, {:.1} MB; gazetteer built in {:.3} s; best of {rounds} rounds",
        corpus.display(),
        inputs.len(),
        documents,
        bytes as f64 / 1e6,
        build_s
    );
    println!(
        "{:<14} {:>10} {:>10} {:>10}",
        "phase", "cpu s", "us/doc", "MB/s"
    );
    for p in &phases {
        println!(
            "{:<14} {:>10.3} {:>10.1} {:>10.1}",
            p.name,
            p.best,
            p.best * 1e6 / documents.max(1) as f64,
            bytes as f64 / 1e6 / p.best
        );
    }
    // Keeps the work observable so the optimiser cannot drop it.
    if checksum == 0 {
        println!("(nothing prepared)");
    }
    Ok(())
}
