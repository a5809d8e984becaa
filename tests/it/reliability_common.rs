//! Helpers shared by the reliability tests: a generated corpus in the
//! collection's style (written for these tests, not copied), running the
//! binary in the background, and small SQL probes.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One corpus page (site header, two documents), different for every `i`.
pub fn page(i: usize) -> String {
    let year = 1921 + i % 20;
    let month = MONTHS[i % 12];
    let day = 1 + i % 28;
    let (envoy, country, city) = [
        ("Ya. Z. Surits", "Turkey", "Angora"),
        ("A. V. Terentyev", "Turkey", "Ankara"),
        ("I. M. Maisky", "Great Britain", "London"),
        ("S. I. Aralov", "Turkey", "Angora"),
        ("M. M. Litvinov", "the USSR", "Moscow"),
    ][i % 5];
    let mut text = String::with_capacity(6000);
    text.push_str(
        "Selected Secret Documents from Soviet Foreign Policy Documents Archives - 1919 to 1941\n\n\
         Marx-Engels |  Lenin  | Stalin |  Home Page\n\n\
         Concentrated on 1st and  2nd WW Correspondence and Meetings related to Turkey, Balkans and Iran.\n\n\
         Download PDF\n \n",
    );
    text.push_str(&format!(
        "\nTelegram of the plenipotentiary representative of the USSR in {country} {envoy} to the people's commissariat of foreign affairs\n\n\
         {month} {day}, {year} secret\n\n"
    ));
    for p in 0..4 {
        text.push_str(&format!(
            "{p}. In {city} the minister received me on the {day}th and spoke at length of the railway question, \
             of the grain deliveries and of the frontier commission number {i}. He repeated twice that Germany \
             and japan were watching the Balkans closely, and that the middle east would not stay quiet for long. \
             I answered that the USSR keeps to its policy of peace and asked him to put his proposals in writing.\n\n"
        ));
    }
    text.push_str(&format!(
        "Plenipotentiary\n\navp rf, f. 0{}, op. {}, p. {}, d. {}, l. {}‐{}.\n\n..............\n\n",
        59 + i % 7,
        i % 40,
        100 + i % 90,
        i,
        10 + i % 50,
        12 + i % 50
    ));
    text.push_str(&format!(
        "Recording of the conversation of the people's commissar for foreign affairs M. M. Litvinov with the ambassador of {country}\n\n\
         {day} {} {year}\n\n\
         The ambassador came at his own request. He said that his government wished to settle the matter of the \
         consulates before the end of the month. I replied that we had no objections in principle, but the \
         details must be worked out by the commission. (page {i})\n\n\
         M. Litvinov\n\nAVP RF, f. 05, op. {}, p. {}, d. {}, l. {}.\n",
        MONTHS[(i + 5) % 12].to_lowercase(),
        i % 13,
        i % 77,
        i % 500,
        1 + i % 300
    ));
    text
}

/// Writes `count` generated pages into a new folder `name` under `parent`.
pub fn write_corpus(parent: &Path, name: &str, count: usize) -> PathBuf {
    let dir = parent.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..count {
        std::fs::write(dir.join(format!("{i:05}.txt")), page(i)).unwrap();
    }
    dir
}

/// Starts `archdb --db DB seed [args]` in the background, output discarded
/// unless `capture`.
pub fn spawn_seed(db: &Path, args: &[&str], capture: bool) -> Child {
    let out = || {
        if capture {
            Stdio::piped()
        } else {
            Stdio::null()
        }
    };
    Command::new(env!("CARGO_BIN_EXE_archdb"))
        .arg("--db")
        .arg(db)
        .arg("seed")
        .args(args)
        .env_remove("ARCHDB_DB")
        .env_remove("ARCHDB_BUSY_TIMEOUT_MS")
        .stdout(out())
        .stderr(out())
        .spawn()
        .expect("starting archdb seed")
}

pub fn wal_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push("-wal");
    PathBuf::from(p)
}

/// Waits until the database's WAL holds at least `bytes` (the seed is
/// writing inside its transaction). Panics if `child` exits first: the
/// corpus was too small to catch the seed mid-way.
pub fn wait_for_wal(db: &Path, bytes: u64, child: &mut Child) {
    let start = Instant::now();
    loop {
        let size = std::fs::metadata(wal_path(db))
            .map(|m| m.len())
            .unwrap_or(0);
        if size >= bytes {
            return;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the seed finished ({status}) before its WAL reached {bytes} bytes; generate a bigger corpus");
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the seed never started writing"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Counts that change between the bundled corpus and a generated one, read
/// in one statement so they come from one snapshot.
pub const COUNTS: &str = "SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM documents),
    (SELECT count(*) FROM warnings), (SELECT count(*) FROM seed_runs), (SELECT count(*) FROM countries)";

pub type Counts = (i64, i64, i64, i64, i64);

pub fn counts(conn: &rusqlite::Connection) -> rusqlite::Result<Counts> {
    conn.query_row(COUNTS, [], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
}

pub fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

pub fn foreign_key_problems(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("PRAGMA foreign_key_check").unwrap();
    let mut rows = stmt.query([]).unwrap();
    let mut n = 0;
    while rows.next().unwrap().is_some() {
        n += 1;
    }
    n
}
