//! Hostile and broken corpus files. Each case seeds a folder holding a good
//! page plus the bad file into a database that already holds data and a
//! user's annotation, and checks the documented outcome (README,
//! "Guarantees"): either the file is kept with a warning naming it (and the
//! line, where there is one) and everything else is seeded, or the seed
//! stops with a message naming the file and the database is unchanged.
//! Large inputs are generated here in temp folders, never committed.

use crate::common;

use std::path::PathBuf;

use common::{bundled_page, seed, TestEnv};

/// A database seeded from the bundled corpus with one user annotation, and
/// a corpus folder holding a copy of the good page as `good.txt`.
fn setup() -> (TestEnv, PathBuf) {
    let env = TestEnv::seeded();
    env.conn()
        .execute(
            "INSERT INTO annotations (source_path, seq, author, note) VALUES ('good.txt', 1, 'vk', 'keep me')",
            [],
        )
        .unwrap();
    let corpus = env.path("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("good.txt"), bundled_page()).unwrap();
    (env, corpus)
}

#[derive(Debug)]
struct Warned {
    file: String,
    line: Option<i64>,
    code: String,
    message: String,
}

fn warnings(env: &TestEnv) -> Vec<Warned> {
    let conn = env.conn();
    let mut stmt = conn
        .prepare(
            "SELECT coalesce(s.path, '(not read)'), w.line, w.code, w.message
             FROM warnings w LEFT JOIN sources s ON s.id = w.source_id ORDER BY w.id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok(Warned {
            file: r.get(0)?,
            line: r.get(1)?,
            code: r.get(2)?,
            message: r.get(3)?,
        })
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// The warning with `code` about `file`; panics listing all warnings if none.
fn warning(env: &TestEnv, file: &str, code: &str) -> Warned {
    let all = warnings(env);
    let found = all
        .iter()
        .position(|w| w.code == code && (w.file == file || w.message.contains(file)));
    match found {
        Some(i) => all.into_iter().nth(i).unwrap(),
        None => panic!("no {code} warning about {file}; warnings: {all:#?}"),
    }
}

fn one<T: rusqlite::types::FromSql>(env: &TestEnv, sql: &str, param: &str) -> T {
    env.conn()
        .query_row(sql, [param], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql} [{param}]: {e}"))
}

fn documents_of(env: &TestEnv, file: &str) -> i64 {
    one(
        env,
        "SELECT count(*) FROM documents d JOIN sources s ON s.id = d.source_id WHERE s.path = ?1",
        file,
    )
}

/// The stored bytes of `file` (sources.content).
fn content_of(env: &TestEnv, file: &str) -> Vec<u8> {
    one(env, "SELECT content FROM sources WHERE path = ?1", file)
}

/// The good page was seeded and the user's note survived.
fn assert_rest_seeded(env: &TestEnv) {
    assert_eq!(
        documents_of(env, "good.txt"),
        1,
        "the good page is seeded beside the bad file"
    );
    let note: String = one(env, "SELECT note FROM annotations WHERE author = ?1", "vk");
    assert_eq!(note, "keep me");
    assert_eq!(common::integrity(&env.db), "ok");
}

/// The user-facing view of the same warnings: `archdb report warnings`.
fn assert_reported(env: &TestEnv, file: &str, code: &str) {
    let out = env.ok(&[
        "report",
        "warnings",
        "--param",
        &format!("code={code}"),
        "--format",
        "csv",
    ]);
    assert!(
        out.lines().skip(1).any(|l| l.contains(file)),
        "report warnings does not name {file}:\n{out}"
    );
}

#[test]
fn an_empty_file_is_kept_with_a_no_document_warning() {
    let (env, corpus) = setup();
    std::fs::write(corpus.join("empty.txt"), b"").unwrap();
    seed(&env, &corpus);
    assert_eq!(content_of(&env, "empty.txt"), b"");
    assert_eq!(documents_of(&env, "empty.txt"), 0);
    warning(&env, "empty.txt", "no_document");
    assert_reported(&env, "empty.txt", "no_document");
    assert_rest_seeded(&env);
}

#[test]
fn a_file_with_no_recognisable_document_is_kept_with_its_text_and_a_warning() {
    let (env, corpus) = setup();
    let text =
        "Shopping list for the delegation\nbread, tea, two pencils\n\nnothing here is a heading\n";
    std::fs::write(corpus.join("list.txt"), text).unwrap();
    seed(&env, &corpus);
    let stored: String = one(&env, "SELECT text FROM sources WHERE path = ?1", "list.txt");
    assert_eq!(
        stored, text,
        "the text is kept although no document was found"
    );
    // The parser's choice: text it cannot place is kept as a document of kind
    // `other` with a warning on line 1, or reported as no document at all.
    let w = warnings(&env);
    let named = |code: &str| w.iter().any(|w| w.file == "list.txt" && w.code == code);
    if documents_of(&env, "list.txt") == 0 {
        assert!(named("no_document"), "{w:#?}");
    } else {
        let kind: String = one(
            &env,
            "SELECT kind FROM documents d JOIN sources s ON s.id = d.source_id WHERE s.path = ?1",
            "list.txt",
        );
        assert_eq!(kind, "other");
        assert!(
            w.iter().any(|w| w.file == "list.txt"
                && w.code == "heading_unrecognized"
                && w.line == Some(1)),
            "{w:#?}"
        );
    }
    assert_rest_seeded(&env);
}

#[test]
fn a_binary_file_is_kept_byte_for_byte_with_an_undecodable_warning() {
    let (env, corpus) = setup();
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    std::fs::write(corpus.join("scan.txt"), &bytes).unwrap();
    seed(&env, &corpus);
    assert_eq!(content_of(&env, "scan.txt"), bytes);
    assert_eq!(documents_of(&env, "scan.txt"), 0);
    let w = warning(&env, "scan.txt", "undecodable");
    assert!(w.message.contains("binary"), "{w:?}");
    assert_rest_seeded(&env);
}

#[test]
fn nul_bytes_in_a_text_page_do_not_break_the_page_or_the_mention_offsets() {
    let (env, corpus) = setup();
    let page = String::from_utf8(bundled_page()).unwrap();
    let damaged = page
        .replacen("Eden, of course", "Eden\0, of course", 1)
        .replacen("Secret", "Sec\0ret", 1);
    std::fs::write(corpus.join("nul.txt"), &damaged).unwrap();
    seed(&env, &corpus);
    assert_eq!(
        content_of(&env, "nul.txt"),
        damaged.as_bytes(),
        "the bytes are kept as read"
    );
    assert_eq!(documents_of(&env, "nul.txt"), 1);
    let w = warning(&env, "nul.txt", "nul_bytes");
    let line = 1 + damaged[..damaged.find('\0').unwrap()].matches('\n').count() as i64;
    assert_eq!(w.line, Some(line), "{w:?}");
    // Offsets still slice the stored body in SQLite (a NUL would cut it short).
    let bad: i64 = one(
        &env,
        "SELECT count(*) FROM mentions m JOIN mention_texts t ON t.mention_id = m.id
         JOIN documents d ON d.id = m.document_id JOIN sources s ON s.id = d.source_id
         WHERE s.path = ?1 AND substr(t.text, m.char_start + 1, m.char_end - m.char_start) IS NOT m.surface",
        "nul.txt",
    );
    assert_eq!(bad, 0);
    assert_rest_seeded(&env);
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning_on_its_line() {
    let (env, corpus) = setup();
    let page = bundled_page();
    let at = page.windows(4).position(|w| w == b"Eden").unwrap();
    let mut damaged = page.clone();
    damaged.insert(at + 2, 0xFF);
    std::fs::write(corpus.join("broken.txt"), &damaged).unwrap();
    seed(&env, &corpus);
    assert_eq!(content_of(&env, "broken.txt"), damaged);
    assert_eq!(documents_of(&env, "broken.txt"), 1);
    let w = warning(&env, "broken.txt", "utf8_invalid_bytes");
    let line = 1 + page[..at].iter().filter(|&&b| b == b'\n').count() as i64;
    assert_eq!(w.line, Some(line), "{w:?}");
    assert_rest_seeded(&env);
}

#[test]
fn windows_1251_text_is_decoded_with_a_warning() {
    let (env, corpus) = setup();
    // Windows-1251 bytes of "Телеграмма полпреда СССР в Турции" etc., typed here as bytes.
    let russian = "Телеграмма полпреда СССР в Турции Я. З. Сурица в НКИД\n\n7 декабря 1939 г.\n\nСекретно. Министр принял меня сегодня.\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(russian);
    assert!(!unmappable);
    std::fs::write(corpus.join("cp1251.txt"), &bytes).unwrap();
    seed(&env, &corpus);
    let (encoding, text): (String, String) = env
        .conn()
        .query_row(
            "SELECT encoding, text FROM sources WHERE path = 'cp1251.txt'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(encoding.to_ascii_lowercase(), "windows-1251");
    assert_eq!(text, russian, "decoded back to the same Cyrillic");
    let w = warnings(&env);
    assert!(
        w.iter()
            .any(|w| w.file == "cp1251.txt" && w.message.to_lowercase().contains("windows-1251")),
        "{w:#?}"
    );
    assert_rest_seeded(&env);
}

#[test]
fn a_50_mb_file_is_stored_unparsed_with_a_warning() {
    let (env, corpus) = setup();
    let page = bundled_page();
    let mut big = Vec::with_capacity(50 << 20);
    while big.len() < 50 << 20 {
        big.extend_from_slice(&page);
    }
    std::fs::write(corpus.join("huge.txt"), &big).unwrap();
    let out = seed(&env, &corpus);
    assert!(out.contains("2 files"), "{out}");
    let bytes: i64 = one(
        &env,
        "SELECT bytes FROM sources WHERE path = ?1",
        "huge.txt",
    );
    assert_eq!(bytes as usize, big.len());
    let stored: i64 = one(
        &env,
        "SELECT length(content) FROM sources WHERE path = ?1",
        "huge.txt",
    );
    assert_eq!(stored as usize, big.len(), "nothing of it is lost");
    assert_eq!(documents_of(&env, "huge.txt"), 0);
    let w = warning(&env, "huge.txt", "file_too_large");
    assert!(w.message.contains(&big.len().to_string()), "{w:?}");
    assert_rest_seeded(&env);
}

#[test]
fn a_single_10_mb_line_is_parsed_and_kept() {
    let (env, corpus) = setup();
    let sentence = "Eden spoke at length of Turkey, the Balkans and japan, and asked twice about the Straits. ";
    let mut line = String::from(
        "Telegram of the plenipotentiary representative of the USSR in Turkey to the NKID ",
    );
    while line.len() < 10 << 20 {
        line.push_str(sentence);
    }
    line.push('\n');
    std::fs::write(corpus.join("oneline.txt"), &line).unwrap();
    seed(&env, &corpus);
    let text: i64 = one(
        &env,
        "SELECT length(text) FROM sources WHERE path = ?1",
        "oneline.txt",
    );
    assert_eq!(
        text as usize,
        line.chars().count(),
        "the whole line is stored"
    );
    // Whatever the parser made of it, every byte is in a document or in boilerplate.
    let tiled: i64 = one(
        &env,
        "SELECT coalesce(sum(raw_end - raw_start), 0) FROM (
             SELECT raw_start, raw_end, source_id FROM documents UNION ALL
             SELECT raw_start, raw_end, source_id FROM boilerplate) x JOIN sources s ON s.id = x.source_id
         WHERE s.path = ?1",
        "oneline.txt",
    );
    assert_eq!(tiled as usize, line.len());
    assert_rest_seeded(&env);
}

#[test]
fn deeply_nested_html_is_stored_unparsed_and_unclosed_html_is_parsed() {
    let (env, corpus) = setup();
    let deep = format!(
        "<html><body>{}Telegram of the envoy</body></html>",
        "<div>".repeat(100_000)
    );
    std::fs::write(corpus.join("deep.htm"), &deep).unwrap();
    // The good page as old-style HTML: paragraphs never closed, <b> left open, no </html>.
    let page = String::from_utf8(bundled_page()).unwrap();
    let mut unclosed = String::from("<html><head><title>Selected documents</title><body><b>");
    for line in page.lines() {
        unclosed.push_str("<p>");
        unclosed.push_str(&line.replace('&', "&amp;").replace('<', "&lt;"));
        unclosed.push('\n');
    }
    std::fs::write(corpus.join("unclosed.htm"), &unclosed).unwrap();
    seed(&env, &corpus);
    assert_eq!(content_of(&env, "deep.htm"), deep.as_bytes());
    warning(&env, "deep.htm", "html_too_deep");
    assert_eq!(
        documents_of(&env, "unclosed.htm"),
        1,
        "unclosed markup still gives the document"
    );
    let date: String = one(
        &env,
        "SELECT d.date_from FROM documents d JOIN sources s ON s.id = d.source_id WHERE s.path = ?1",
        "unclosed.htm",
    );
    assert_eq!(date, "1940-12-27");
    assert_rest_seeded(&env);
}

#[cfg(unix)]
#[test]
fn symlink_loops_dangling_links_and_pipes_are_skipped_with_a_warning() {
    let (env, corpus) = setup();
    std::os::unix::fs::symlink("loop-b.txt", corpus.join("loop-a.txt")).unwrap();
    std::os::unix::fs::symlink("loop-a.txt", corpus.join("loop-b.txt")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", corpus.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink(&corpus, corpus.join("self")).unwrap();
    let fifo = corpus.join("pipe.txt");
    let made = common::require("mkfifo", "coreutils").is_some_and(|mkfifo| {
        std::process::Command::new(mkfifo)
            .arg(&fifo)
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    });
    let out = seed(&env, &corpus); // returns at all: the pipe was not opened
    let skipped = if made { 5 } else { 4 };
    assert!(out.contains(&format!("({skipped} skipped)")), "{out}");
    for (name, why) in [
        ("loop-a.txt", "link loop"),
        ("loop-b.txt", "link loop"),
        ("dangling.txt", "dangling"),
        ("self", "symbolic link to a folder"),
        ("pipe.txt", "not a regular file"),
    ] {
        if name == "pipe.txt" && !made {
            continue;
        }
        let w = warning(&env, name, "skipped_file");
        assert!(
            w.message.starts_with(name) && w.message.contains(why),
            "{w:?}"
        );
    }
    assert_reported(&env, "loop-a.txt", "skipped_file");
    assert_rest_seeded(&env);
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_file_stops_the_seed_naming_it_and_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let (env, corpus) = setup();
    let before = env.dump();
    // chmod 000 does not stop root from reading, so the file that fails to
    // read is a link to /proc/self/mem, whose first page no process can read
    // (EIO) whoever runs the test.
    std::os::unix::fs::symlink("/proc/self/mem", corpus.join("unreadable.txt")).unwrap();
    let err = env.fails(&["seed", "--corpus", corpus.to_str().unwrap()], 1);
    assert!(
        err.contains("unreadable.txt") && err.contains("readable"),
        "{err}"
    );
    common::assert_same_text(
        &before,
        &env.dump(),
        "database after a seed stopped by an unreadable file",
    );
    std::fs::remove_file(corpus.join("unreadable.txt")).unwrap();

    // A 0000 file: a normal user's seed stops as above; root reads it anyway
    // (documented in the README), so it is seeded.
    let locked = corpus.join("locked.txt");
    std::fs::write(&locked, bundled_page()).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = env.run(&["seed", "--corpus", corpus.to_str().unwrap()]);
    if is_root() {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(documents_of(&env, "locked.txt"), 1);
    } else {
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr).contains("locked.txt"));
        common::assert_same_text(
            &before,
            &env.dump(),
            "database after a seed stopped by a 0000 file",
        );
    }
}

#[test]
fn duplicate_files_are_both_kept_and_the_later_names_the_earlier() {
    let (env, corpus) = setup();
    std::fs::write(corpus.join("copy-of-good.txt"), bundled_page()).unwrap();
    seed(&env, &corpus);
    assert_eq!(documents_of(&env, "good.txt"), 1);
    assert_eq!(documents_of(&env, "copy-of-good.txt"), 1);
    // Path order: copy-of-good.txt comes first, so good.txt is the duplicate.
    let w = warning(&env, "good.txt", "duplicate_source");
    assert_eq!(w.file, "good.txt");
    assert!(
        w.message.contains("copy-of-good.txt"),
        "names the other file: {w:?}"
    );
    assert_eq!(
        warnings(&env)
            .iter()
            .filter(|w| w.code == "duplicate_source")
            .count(),
        1
    );
    assert_rest_seeded(&env);
}

/// A page in the collection's layout, written for these tests.
fn page_with(date_line: &str, citation: &str) -> String {
    format!(
        "Selected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941\n\n\
         Marx-Engels |  Lenin  | Stalin |  Home Page\n\n\
         Download PDF\n\n\
         Telegram of the plenipotentiary representative of the USSR in Turkey A. V. Terentyev to the people's commissariat of foreign affairs\n\n\
         {date_line}\n\n\
         The minister told me today that the Turkish government will answer our note on the Straits within the week.\n\n\
         Terentyev\n\n\
         {citation}\n"
    )
}

fn line_of(text: &str, needle: &str) -> i64 {
    1 + text[..text.find(needle).unwrap()].matches('\n').count() as i64
}

#[test]
fn an_impossible_date_warns_on_its_line_and_keeps_the_document() {
    let (env, corpus) = setup();
    let text = page_with(
        "February 30, 1940 secret",
        "avp rf, f. 059, op. 1, p. 330, d. 2259, l. 12.",
    );
    std::fs::write(corpus.join("feb30.txt"), &text).unwrap();
    seed(&env, &corpus);
    assert_eq!(documents_of(&env, "feb30.txt"), 1);
    let (date_text, from, to, precision): (String, Option<String>, Option<String>, String) = env
        .conn()
        .query_row(
            "SELECT d.date_text, d.date_from, d.date_to, d.date_precision FROM documents d
             JOIN sources s ON s.id = d.source_id WHERE s.path = 'feb30.txt'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert!(date_text.contains("February 30, 1940"), "{date_text}");
    for day in [&from, &to].into_iter().flatten() {
        assert!(
            archdb::report::is_iso_day(day),
            "stored date {day} is not a real day"
        );
        assert!(day.starts_with("1940-02"), "{day}");
    }
    assert_ne!(precision, "day");
    let w = warning(&env, "feb30.txt", "date_impossible");
    assert_eq!(w.line, Some(line_of(&text, "February 30")), "{w:?}");
    assert_rest_seeded(&env);
}

#[test]
fn a_citation_with_letters_for_numbers_warns_and_is_kept_as_printed() {
    let (env, corpus) = setup();
    let citation = "avp rf, f. O59, op. 2a, p. 33O, d. XII, l. 12‐14.";
    let text = page_with("March 3, 1938", citation);
    std::fs::write(corpus.join("letters.txt"), &text).unwrap();
    seed(&env, &corpus);
    assert_eq!(documents_of(&env, "letters.txt"), 1);
    let (as_printed, fond, delo): (String, Option<String>, Option<String>) = env
        .conn()
        .query_row(
            "SELECT c.as_printed, c.fond, c.delo FROM citations c JOIN documents d ON d.id = c.document_id
             JOIN sources s ON s.id = d.source_id WHERE s.path = 'letters.txt'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert!(
        as_printed.contains("f. O59, op. 2a, p. 33O, d. XII"),
        "kept as printed: {as_printed}"
    );
    assert_ne!(
        fond.as_deref(),
        Some("59"),
        "a letter O is not silently read as 0"
    );
    assert_ne!(
        fond.as_deref(),
        Some("059"),
        "a letter O is not silently read as 0"
    );
    let _ = delo;
    let w = warning(&env, "letters.txt", "citation_field_not_numeric");
    assert_eq!(w.line, Some(line_of(&text, "avp rf")), "{w:?}");
    assert_rest_seeded(&env);
}
