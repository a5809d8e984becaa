//! Issue 12: tables a person reads. Every report is rendered at 80, 100 and
//! 160 columns; no word of any cell or header may be split across lines,
//! and no line may be wider than asked unless one word alone is.

use crate::common;

use std::collections::HashSet;

use common::{report_names, TestEnv};

/// Box-drawing characters of the grid and the record layout.
const FRAME: &[char] = &[
    '│', '┆', '─', '┌', '┐', '└', '┘', '┬', '┴', '╞', '╡', '╪', '═',
];

/// Every whitespace-separated word of every cell (as the CSV format writes
/// it, which is the text a table shows) and the column names.
fn words_of(csv_text: &str) -> (HashSet<String>, Vec<String>) {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let columns: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let mut words: HashSet<String> = columns.iter().cloned().collect();
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            words.extend(cell.split_whitespace().map(str::to_string));
        }
    }
    (words, columns)
}

fn check(name: &str, width: usize, out: &str, words: &HashSet<String>, columns: &[String]) {
    for line in out.lines() {
        let tokens: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || FRAME.contains(&c))
            .filter(|t| !t.is_empty())
            .collect();
        if line.starts_with("─[ ")
            || (line.starts_with('(') && line.ends_with(" rows)"))
            || line.ends_with(" row)")
        {
            continue;
        }
        for token in &tokens {
            let shortened = token
                .strip_suffix('…')
                .is_some_and(|p| columns.iter().any(|c| c.starts_with(p)));
            assert!(
                words.contains(*token) || shortened,
                "{name} at {width} columns: {token:?} is not a whole word of the report (split?)\n{out}"
            );
        }
        let wide = line.chars().count() > width;
        assert!(
            !wide || tokens.iter().any(|t| t.chars().count() > width / 2),
            "{name} at {width} columns: line wider than {width}: {line}\n{out}"
        );
    }
}

#[test]
fn every_report_at_80_100_and_160_columns_splits_no_word() {
    let env = TestEnv::seeded_with_report_fixtures();
    for name in report_names(&env) {
        let all: &[&str] = if env
            .ok(&["report", &name, "--describe"])
            .contains("--param limit=")
        {
            &["-p", "limit=0"]
        } else {
            &[]
        };
        let csv_text = env.ok(&[&["report", name.as_str(), "--format", "csv"], all].concat());
        let (words, columns) = words_of(&csv_text);
        for width in [80usize, 100, 160] {
            let w = width.to_string();
            let out = env.ok(&[&["report", name.as_str(), "--max-width", &w], all].concat());
            check(&name, width, &out, &words, &columns);
        }
    }
}

#[test]
fn a_piped_table_honours_columns() {
    let env = TestEnv::seeded_with_report_fixtures();
    let out = common::archdb(&env.db)
        .args(["report", "documents"])
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 100 && widest > 90, "widest line {widest}\n{text}");
    let narrow = env.ok(&["report", "documents", "--max-width", "80"]);
    assert!(narrow.lines().all(|l| l.chars().count() <= 80), "{narrow}");
}

#[test]
fn columns_are_sized_by_content() {
    let env = TestEnv::seeded_with_report_fixtures();
    let out = env.ok(&["report", "timeline", "--max-width", "160"]);
    // The id column is as wide as its widest id, not a share of the width.
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .starts_with("│ id ┆ date       ┆ kind         ┆"),
        "{out}"
    );
}

#[test]
fn show_wraps_its_text_to_the_width() {
    let env = TestEnv::seeded_with_report_fixtures();
    let out = env.ok(&["show", "5", "--max-width", "80"]);
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    let one_line: String = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let wide = env.ok(&["show", "5", "--max-width", "1000"]);
    assert_eq!(
        one_line,
        wide.split_whitespace().collect::<Vec<_>>().join(" "),
        "same words"
    );
    assert!(wide.lines().any(|l| l.chars().count() > 80), "{wide}");
}
