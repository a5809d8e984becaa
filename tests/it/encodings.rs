//! Issue 12: an English page whose citation and signature are in Russian,
//! saved as Windows-1251, is read as Windows-1251 (not windows-1252 or
//! KOI8-U), its Cyrillic citation parsed into the same fields as a Latin
//! one; the warning names the choice and its confidence; `seed --encoding`
//! forces a code page.

use crate::common;

use common::TestEnv;

/// A page in the collection's style (written for this test): English text,
/// a Russian signature and a Russian citation.
const PAGE: &str = "Selected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941

Telegram of the plenipotentiary representative of the USSR in Turkey Ya. Z. Surits in the NKID of the USSR

March 2, 1924 secret

The minister received me today and spoke at length about the Straits. He said that the Turkish government wants to keep good relations with the USSR and will not join any combination directed against us.

Суриц

АВП РФ. Ф. 05. Оп. 18. П. 140. Д. 120. Л. 48-49.
";

fn seed_page(env: &TestEnv, bytes: &[u8], extra: &[&str]) -> String {
    let corpus = env.path("pages");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("surits_1924.txt"), bytes).unwrap();
    let mut args = vec!["seed", "--corpus", corpus.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = env.run(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stderr).unwrap()
}

fn one(env: &TestEnv, sql: &str) -> String {
    common::one(env, sql)
}

#[test]
fn a_windows_1251_page_with_a_russian_citation_is_read_as_windows_1251() {
    let env = TestEnv::new();
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(PAGE);
    assert!(!unmappable);
    let stderr = seed_page(&env, &bytes, &[]);
    assert_eq!(one(&env, "SELECT encoding FROM sources"), "windows-1251");
    assert_eq!(one(&env, "SELECT text FROM sources"), PAGE);
    assert_eq!(
        one(&env, "SELECT citation FROM citation_strings"),
        "AVP RF, f. 05, op. 18, p. 140, d. 120, l. 48-49"
    );
    assert_eq!(one(&env, "SELECT signature FROM documents"), "Суриц");
    let message = one(
        &env,
        "SELECT message FROM warnings WHERE code = 'encoding_not_utf8'",
    );
    assert!(
        message.contains("decoded as windows-1251") && message.contains("with confidence 1.00"),
        "{message}"
    );
    assert!(stderr.contains("surits_1924.txt:"), "{stderr}");
}

#[test]
fn seed_encoding_forces_a_code_page() {
    let env = TestEnv::new();
    let (bytes, _, _) = encoding_rs::KOI8_R.encode(PAGE);
    seed_page(&env, &bytes, &["--encoding", "koi8-r"]);
    assert_eq!(one(&env, "SELECT encoding FROM sources"), "KOI8-R");
    assert_eq!(one(&env, "SELECT text FROM sources"), PAGE);
    let message = one(
        &env,
        "SELECT message FROM warnings WHERE code = 'encoding_not_utf8'",
    );
    assert!(message.contains("as --encoding asked"), "{message}");
    // The same bytes forced to another code page: read as asked (the re-seed
    // does not reuse the rows read with KOI8-R).
    seed_page(&env, &bytes, &["--encoding", "cp1251"]);
    assert_eq!(one(&env, "SELECT encoding FROM sources"), "windows-1251");
    assert_ne!(one(&env, "SELECT text FROM sources"), PAGE);
    // And detected again without the flag.
    seed_page(&env, &bytes, &[]);
    assert_eq!(one(&env, "SELECT encoding FROM sources"), "KOI8-R");
}

#[test]
fn an_unknown_encoding_is_a_usage_error() {
    let env = TestEnv::new();
    let err = env.fails(&["seed", "--encoding", "ebcdic"], 2);
    assert!(
        err.contains("unknown encoding \"ebcdic\"") && err.contains("koi8-r"),
        "{err}"
    );
}

/// Every fixture page, saved in each code page archdb detects (characters
/// the code page lacks written as `?`), reads back as it was saved.
#[test]
fn every_fixture_page_in_every_code_page_reads_back() {
    use archdb::corpus::Codepage;
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut pages = Vec::new();
    for dir in [
        root.to_string(),
        format!("{root}/mentions"),
        format!("{root}/reports"),
    ] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                pages.push(path);
            }
        }
    }
    assert!(pages.len() > 30, "{} pages", pages.len());
    let mut checked = 0;
    for path in &pages {
        let text = std::fs::read_to_string(path).unwrap();
        for codepage in Codepage::DETECTED {
            let bytes: Vec<u8> = match codepage {
                Codepage::Latin1 => text
                    .chars()
                    .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
                    .collect(),
                other => {
                    let encoding =
                        encoding_rs::Encoding::for_label(other.name().as_bytes()).unwrap();
                    let (bytes, _, _) = encoding.encode(&text);
                    bytes.into_owned()
                }
            };
            if std::str::from_utf8(&bytes).is_ok() {
                continue; // nothing outside ASCII left: read as UTF-8
            }
            let saved = codepage.decode(&bytes);
            let read = archdb::corpus::decode(&bytes).unwrap();
            assert!(
                read.text == saved,
                "{} saved as {}, read as {}",
                path.display(),
                codepage.name(),
                read.encoding
            );
            checked += 1;
        }
    }
    assert!(checked > 60, "only {checked} non-ASCII encodings");
}
