//! Issue 12: the README's "Getting the whole collection" recipe, run as
//! written (only the site's address replaced) against a local web server
//! on 127.0.0.1 that serves fixture pages in the site's layout: a folder
//! `Soviet Archives/Foreign Policy/` of `.htm` pages and a PDF of the whole.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{self, BIN, ROOT};

const SITE: &str = "http://marxistleninists.org/";
const PAGES: [&str; 4] = [
    "01_turkey_1939_telegrams.htm",
    "02_iran_no_blank_lines.htm",
    "06_conversations.htm",
    "09_cyrillic_and_numbers.htm",
];

/// The shell block under the README's "Getting the whole collection".
fn recipe() -> String {
    let readme = std::fs::read_to_string(format!("{ROOT}/README.md")).unwrap();
    let section = readme
        .split("## Getting the whole collection")
        .nth(1)
        .expect("README has a section \"Getting the whole collection\"");
    let block = section
        .split("```sh\n")
        .nth(1)
        .expect("a ```sh block in it");
    block.split("\n```").next().unwrap().to_string()
}

/// `python3 -m http.server` on a free port of 127.0.0.1, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new("python3")
            .args([
                "-u",
                "-m",
                "http.server",
                "0",
                "--bind",
                "127.0.0.1",
                "--directory",
            ])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 runs (the tests need it; .ci/run installs it)");
        let stdout = child.stdout.take().unwrap();
        // "Serving HTTP on 127.0.0.1 port 40123 (http://127.0.0.1:40123/) ..."
        let line = BufReader::new(stdout).lines().next().unwrap().unwrap();
        let port = line
            .split(" port ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        Server { child, port }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_readme_recipe_downloads_the_pages_and_seeds_them() {
    // The recipe is a bash script calling wget; python3 serves the pages.
    let tools = [
        common::require("bash", "bash"),
        common::require("wget", "wget"),
        common::require("python3", "python3"),
    ];
    if tools.iter().any(Option::is_none) {
        return;
    }
    let script = recipe();
    assert!(
        script.contains(SITE) && script.contains("archdb seed --corpus"),
        "{script}"
    );
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    let folder = site.join("Soviet Archives/Foreign Policy");
    std::fs::create_dir_all(&folder).unwrap();
    for page in PAGES {
        std::fs::copy(format!("{ROOT}/tests/fixtures/{page}"), folder.join(page)).unwrap();
    }
    std::fs::write(
        folder.join("Soviet Foreign Policy 1919-1941.pdf"),
        b"%PDF-1.4 not a page",
    )
    .unwrap();
    let server = Server::start(&site);
    let script = script.replace(SITE, &format!("http://127.0.0.1:{}/", server.port));
    // `archdb` on PATH is this build; `~` is the test's folder.
    let bin = work.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(BIN, bin.join("archdb")).unwrap();
    let home = work.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let started = Instant::now();
    let out = Command::new("bash")
        .args(["-euo", "pipefail", "-c", &script])
        .current_dir(&home)
        .env("HOME", &home)
        .env("PATH", path)
        .env_remove("ARCHDB_DB")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the recipe failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(started.elapsed() < Duration::from_secs(120));
    let mut fetched: Vec<String> = std::fs::read_dir(home.join("soviet-pages"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    fetched.sort();
    assert_eq!(fetched, PAGES, "the pages, and only the pages");
    // The seed read them all, as it does the same pages from a folder on disk.
    let conn = rusqlite::Connection::open(home.join("archdb.sqlite")).unwrap();
    let (sources, documents): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM documents)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(sources, PAGES.len() as i64);
    let direct = tempfile::tempdir().unwrap();
    let seeded = Command::new(BIN)
        .args(["--db"])
        .arg(direct.path().join("direct.sqlite"))
        .args(["seed", "--corpus"])
        .arg(&folder)
        .output()
        .unwrap();
    assert!(seeded.status.success());
    let expected: i64 = rusqlite::Connection::open(direct.path().join("direct.sqlite"))
        .unwrap()
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert!(
        documents > 4 && documents == expected,
        "{documents} documents, {expected} expected"
    );
}
