//! Every README example (`$ archdb ...` in a code block) is run and its
//! output compared with what the README shows, so the README cannot go
//! stale. Other changes alter report outputs; to accept the new outputs,
//! run `ARCHDB_BLESS=1 cargo test --locked --test it readme::` and review the
//! README diff.
//!
//! How a block is run: a block whose command is `archdb seed ...` runs in a
//! fresh folder (its corpus paths are the repository's); every other block
//! runs on a database seeded from `tests/fixtures/reports`. Output is
//! stdout then stderr, with `COLUMNS=80`, trimmed the way the README
//! trims it: a `--format csv` output to its header and five rows, any other
//! to 40 lines, each line to 150 characters. Timings (`0.15 s`) are not
//! compared.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{BIN, ROOT};

/// Splits a command line as a POSIX shell would for the quoting the README uses.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    word.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => word.extend(chars.next()),
                        other => word.push(other),
                    }
                }
            }
            '#' if !in_word => break,
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

fn run(dir: &Path, args: &[String]) -> String {
    // Corpus paths in the README are the repository's.
    let args: Vec<String> = args
        .iter()
        .map(|a| {
            let path = Path::new(ROOT).join(a);
            if a.contains('/') && path.exists() {
                path.display().to_string()
            } else {
                a.clone()
            }
        })
        .collect();
    let out = Command::new(BIN)
        .args(&args)
        .current_dir(dir)
        .env_remove("ARCHDB_DB")
        .env_remove("ARCHDB_REPORTS")
        .env("COLUMNS", "80")
        .output()
        .expect("running archdb");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    text
}

/// The output as the README shows it.
fn trim(args: &[String], output: &str) -> Vec<String> {
    let csv = args.windows(2).any(|w| w[0] == "--format" && w[1] == "csv");
    let lines: Vec<&str> = output.lines().collect();
    let (keep, unit) = if csv { (6, "rows") } else { (40, "lines") };
    let mut shown: Vec<String> = lines
        .iter()
        .take(keep)
        .map(|l| {
            if l.chars().count() > 150 {
                format!("{}...", l.chars().take(147).collect::<String>())
            } else {
                l.to_string()
            }
        })
        .collect();
    if lines.len() > keep {
        shown.push(format!("... ({} more {unit})", lines.len() - keep));
    }
    shown
}

fn without_timings(lines: &[String]) -> Vec<String> {
    let timing = regex::Regex::new(r"\d+\.\d+ s\b").unwrap();
    lines
        .iter()
        .map(|l| timing.replace_all(l, "_ s").into_owned())
        .collect()
}

struct Example {
    /// Index of the `$ archdb` line in the README.
    at: usize,
    /// Index just past its output.
    end: usize,
    args: Vec<String>,
}

fn examples(lines: &[&str]) -> Vec<Example> {
    let mut found = Vec::new();
    let mut in_block = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.starts_with("```") {
            in_block = !in_block;
            i += 1;
            continue;
        }
        if in_block && line.starts_with("$ archdb ") {
            let mut end = i + 1;
            while end < lines.len()
                && !lines[end].starts_with("$ ")
                && !lines[end].starts_with("```")
            {
                end += 1;
            }
            let words = shell_words(&line[2..]);
            found.push(Example {
                at: i,
                end,
                args: words[1..].to_vec(),
            });
            i = end;
            continue;
        }
        i += 1;
    }
    found
}

#[test]
fn readme_examples_show_real_output() {
    let path = PathBuf::from(ROOT).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    let found = examples(&lines);
    assert!(found.len() >= 20, "only {} examples found", found.len());
    let shared = tempfile::tempdir().unwrap();
    let seeded = run(
        shared.path(),
        &[
            "seed".into(),
            "--corpus".into(),
            "tests/fixtures/reports".into(),
        ],
    );
    assert!(seeded.starts_with("seeded"), "{seeded}");
    let bless = std::env::var_os("ARCHDB_BLESS").is_some_and(|v| v == "1");
    let mut out: Vec<String> = Vec::new();
    let mut next = 0;
    let mut stale = Vec::new();
    for example in &found {
        let fresh = tempfile::tempdir().unwrap();
        let dir = if example.args.first().map(String::as_str) == Some("seed") {
            fresh.path()
        } else {
            shared.path()
        };
        let actual = trim(&example.args, &run(dir, &example.args));
        let shown: Vec<String> = lines[example.at + 1..example.end]
            .iter()
            .map(|s| s.to_string())
            .collect();
        out.extend(lines[next..=example.at].iter().map(|s| s.to_string()));
        if without_timings(&actual) == without_timings(&shown) {
            out.extend(shown);
        } else {
            stale.push(format!(
                "README line {}: `{}`\n--- README shows:\n{}\n--- archdb prints:\n{}",
                example.at + 1,
                lines[example.at],
                shown.join("\n"),
                actual.join("\n")
            ));
            out.extend(actual);
        }
        next = example.end;
    }
    out.extend(lines[next..].iter().map(|s| s.to_string()));
    if bless {
        let mut text = out.join("\n");
        text.push('\n');
        std::fs::write(&path, text).unwrap();
        return;
    }
    assert!(
        stale.is_empty(),
        "{} README examples differ from real output (if the new output is right, run \
         `ARCHDB_BLESS=1 cargo test --locked --test it readme::` and review the README diff):\n\n{}",
        stale.len(),
        stale.join("\n\n")
    );
}

#[test]
fn shell_words_reads_the_readme_quoting() {
    assert_eq!(
        shell_words(r#"archdb report search -p 'query="the Straits" NOT Germany' --format csv"#),
        [
            "archdb",
            "report",
            "search",
            "-p",
            "query=\"the Straits\" NOT Germany",
            "--format",
            "csv"
        ]
    );
    assert_eq!(
        shell_words(r#"archdb query "select kind from documents"   # a comment"#),
        ["archdb", "query", "select kind from documents"]
    );
}

/// Every Markdown file of the repository's own (README, docs, test and
/// bench READMEs) points only at files inside the repository.
#[test]
fn documents_point_only_inside_the_repository() {
    let link = regex::Regex::new(r"\]\(([^)#\s]+)(?:#[^)]*)?\)").unwrap();
    let mut files = vec![PathBuf::from(ROOT).join("README.md")];
    for dir in [
        "docs",
        "tests/fixtures",
        "tests/fixtures/mentions",
        "benches",
        "seed/reference",
    ] {
        if let Ok(entries) = std::fs::read_dir(PathBuf::from(ROOT).join(dir)) {
            files.extend(
                entries
                    .map(|e| e.unwrap().path())
                    .filter(|p| p.extension().is_some_and(|x| x == "md")),
            );
        }
    }
    assert!(files.len() >= 4, "{files:?}");
    let root = PathBuf::from(ROOT).canonicalize().unwrap();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for outside in ["../shared", "CORPUS.md", "/work/"] {
            assert!(
                !text.contains(outside),
                "{} mentions {outside}",
                file.display()
            );
        }
        for captures in link.captures_iter(&text) {
            let target = &captures[1];
            // `[Iden](person:eden)` in the show examples is no link; URLs are not files.
            if target.contains(':') {
                continue;
            }
            let path = file.parent().unwrap().join(target);
            let resolved = path.canonicalize().unwrap_or_else(|_| {
                panic!("{}: link to {target} points at nothing", file.display())
            });
            assert!(
                resolved.starts_with(&root),
                "{}: {target} is outside the repository",
                file.display()
            );
        }
    }
}
