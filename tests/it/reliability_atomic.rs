//! Seeding is atomic and safe to run beside readers and other seeds: a
//! seed killed mid-way leaves the previous database as it was; readers see
//! the old data or the new, never a mix; a second seed waits or fails
//! cleanly; the user's tables and annotations survive a re-seed.

use crate::common;

use std::os::unix::process::ExitStatusExt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common as rc; // the helpers that were tests/reliability_common
use common::{one, TestEnv, PAGE};
use rusqlite::{Connection, OpenFlags};

/// A seeded database holding the user's own rows too.
fn seeded_with_user_rows() -> TestEnv {
    let env = TestEnv::seeded();
    env.conn()
        .execute_batch(&format!(
            "INSERT INTO annotations (source_path, seq, author, note) VALUES ('{PAGE}', 1, 'vk', 'compare with the British record');
             CREATE TABLE my_people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, remark TEXT);
             INSERT INTO my_people (name, remark) VALUES ('Iden', 'Eden, mistranslated'), ('Immaysky', 'Maisky');
             CREATE VIEW my_secret_documents AS SELECT id, heading FROM documents WHERE classification = 'secret';"
        ))
        .unwrap();
    env
}

fn read_only(db: &std::path::Path) -> Connection {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    conn
}

#[test]
fn a_seed_killed_mid_way_leaves_the_previous_database_and_the_next_seed_succeeds() {
    let env = seeded_with_user_rows();
    let before = env.dump();
    let corpus = rc::write_corpus(env.dir.path(), "big", 3000);

    let mut child = rc::spawn_seed(&env.db, &["--corpus", corpus.to_str().unwrap()], false);
    // 2 MB of WAL is far more than clearing the bundled data takes: the
    // seed is inside its transaction, writing generated pages.
    rc::wait_for_wal(&env.db, 2 << 20, &mut child);
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert_eq!(
        status.signal(),
        Some(9),
        "the seed was killed, not finished: {status}"
    );
    let wal = std::fs::metadata(rc::wal_path(&env.db))
        .map(|m| m.len())
        .unwrap_or(0);
    assert!(wal > 0, "the killed seed left uncommitted pages in the WAL");

    common::assert_same_text(&before, &env.dump(), "database after a killed seed");
    assert_eq!(rc::integrity(&env.db), "ok");
    assert_eq!(rc::foreign_key_problems(&env.db), 0);

    let out = env.ok(&["seed", "--corpus", corpus.to_str().unwrap()]);
    assert!(out.contains("3000 files"), "{out}");
    let conn = env.conn();
    let (sources, ..) = rc::counts(&conn).unwrap();
    assert_eq!(sources, 3000);
    let note: String = one(&env, "SELECT note FROM annotations WHERE author = 'vk'");
    assert_eq!(note, "compare with the British record");
    drop(conn);
    assert_eq!(rc::integrity(&env.db), "ok");
}

#[test]
fn readers_during_a_seed_see_the_old_or_the_new_data_never_a_mix() {
    // The sqlite3 shell reads mid-seed too; without it only that read is skipped.
    let sqlite3 = common::require("sqlite3", "sqlite3");
    let env = seeded_with_user_rows();
    let corpus = rc::write_corpus(env.dir.path(), "pages", 600);
    let old = rc::counts(&env.conn()).unwrap();

    // A reader that holds one snapshot open for the whole seed: the seed
    // must not fail because of it, and it must keep seeing the old data.
    let holder = read_only(&env.db);
    holder.execute_batch("BEGIN").unwrap();
    assert_eq!(rc::counts(&holder).unwrap(), old);

    let done = Arc::new(AtomicBool::new(false));
    let poller = {
        let (db, done) = (env.db.clone(), done.clone());
        std::thread::spawn(move || {
            let conn = read_only(&db);
            let mut seen = Vec::new();
            while !done.load(Ordering::SeqCst) {
                seen.push(rc::counts(&conn).expect("a reader is never refused during a seed"));
            }
            seen
        })
    };
    let mut child = rc::spawn_seed(&env.db, &["--corpus", corpus.to_str().unwrap()], true);
    rc::wait_for_wal(&env.db, 256 << 10, &mut child);
    let mid: String = match &sqlite3 {
        Some(sqlite3) => std::process::Command::new(sqlite3)
            .arg(&env.db)
            .arg("SELECT count(*) FROM sources")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .expect("running sqlite3"),
        None => "1".into(), // no sqlite3 shell: the rusqlite readers still check
    };
    let output = child.wait_with_output().unwrap();
    done.store(true, Ordering::SeqCst);
    assert!(
        output.status.success(),
        "seed failed beside readers: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let seen = poller.join().unwrap();

    assert_eq!(
        rc::counts(&holder).unwrap(),
        old,
        "an open read snapshot keeps the old data"
    );
    holder.execute_batch("COMMIT").unwrap();
    let new = rc::counts(&holder).unwrap();
    assert_eq!(new.0, 600);
    assert_ne!(new, old);
    assert!(
        mid == "1" || mid == "600",
        "sqlite3 saw {mid} sources mid-seed"
    );
    assert!(!seen.is_empty());
    for s in &seen {
        assert!(
            *s == old || *s == new,
            "a reader saw a mix: {s:?} (old {old:?}, new {new:?})"
        );
    }
}

#[test]
fn a_second_seed_waits_for_the_first() {
    let env = TestEnv::seeded();
    // Another writer holds the write lock for a while, as a running seed does.
    let writer = env.conn();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(1500));
        writer.execute_batch("COMMIT").unwrap();
    });
    let start = Instant::now();
    let out = env.ok(&["seed"]);
    let waited = start.elapsed();
    releaser.join().unwrap();
    assert!(out.starts_with("seeded"), "{out}");
    assert!(
        waited >= Duration::from_millis(1400),
        "the seed finished in {waited:?}: it did not wait for the lock"
    );
    assert_eq!(rc::integrity(&env.db), "ok");
}

#[test]
fn a_second_seed_that_cannot_get_the_lock_fails_clearly_and_changes_nothing() {
    let env = TestEnv::seeded();
    let before = env.dump();
    let writer = env.conn();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = std::process::Command::new(common::BIN)
        .arg("--db")
        .arg(&env.db)
        .arg("seed")
        .env(archdb::db::BUSY_TIMEOUT_ENV, "300") // the real default is 10 s
        .output()
        .unwrap();
    writer.execute_batch("ROLLBACK").unwrap();
    drop(writer);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is another seed running?") && err.contains("locked"),
        "{err}"
    );
    common::assert_same_text(
        &before,
        &env.dump(),
        "database after a seed that could not lock it",
    );
}

#[test]
fn two_real_seeds_at_once_leave_one_complete_result() {
    let env = TestEnv::seeded();
    let corpus = rc::write_corpus(env.dir.path(), "pages", 1500);
    let mut first = rc::spawn_seed(&env.db, &["--corpus", corpus.to_str().unwrap()], true);
    rc::wait_for_wal(&env.db, 256 << 10, &mut first);
    let second = env.run(&["seed"]); // bundled corpus, default 10 s busy timeout
    let first = first.wait_with_output().unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let (sources, ..) = rc::counts(&env.conn()).unwrap();
    if second.status.success() {
        // It waited for the first to commit, then replaced its data.
        assert_eq!(sources, 1);
    } else {
        let err = String::from_utf8_lossy(&second.stderr);
        assert!(err.contains("is another seed running?"), "{err}");
        assert_eq!(sources, 1500, "the first seed's data is complete");
    }
    assert_eq!(rc::integrity(&env.db), "ok");
    assert_eq!(rc::foreign_key_problems(&env.db), 0);
}

#[test]
fn user_tables_views_and_annotations_survive_a_reseed_of_another_corpus() {
    let env = seeded_with_user_rows();
    let corpus = rc::write_corpus(env.dir.path(), "pages", 5);
    std::fs::write(corpus.join(PAGE), common::bundled_page()).unwrap();
    env.ok(&["seed", "--corpus", corpus.to_str().unwrap()]);
    env.ok(&["seed"]);
    let conn = env.conn();
    let people: Vec<String> = common::first_column(
        &conn,
        "SELECT name || ':' || remark FROM my_people ORDER BY id",
    );
    assert_eq!(people, ["Iden:Eden, mistranslated", "Immaysky:Maisky"]);
    let note: String = one(&env, "SELECT note FROM annotations WHERE author = 'vk'");
    assert_eq!(note, "compare with the British record");
    let in_view: i64 = one(&env, "SELECT count(*) FROM my_secret_documents");
    let secret: i64 = one(
        &env,
        "SELECT count(*) FROM documents WHERE classification = 'secret'",
    );
    assert_eq!(
        in_view, secret,
        "the user's view still reads the new documents"
    );
}

#[test]
fn a_user_foreign_key_to_documents_stops_the_seed_with_advice_and_keeps_everything() {
    let env = seeded_with_user_rows();
    env.conn()
        .execute_batch(
            "CREATE TABLE my_links (id INTEGER PRIMARY KEY, document_id INTEGER REFERENCES documents (id), note TEXT);
             INSERT INTO my_links (document_id, note) SELECT id, 'see also the Turkish record' FROM documents;",
        )
        .unwrap();
    let before = env.dump();
    // An unchanged corpus is not rewritten (incremental seed), so the link
    // would survive: change the page so its document must be replaced, and
    // put a new page first so the replacement cannot take the old id.
    let corpus = env.path("changed");
    std::fs::create_dir(&corpus).unwrap();
    let page = PAGE;
    let mut text = common::bundled_page();
    text.extend_from_slice(b"\n");
    std::fs::write(corpus.join(page), &text).unwrap();
    std::fs::write(corpus.join("0000_first.txt"), &text).unwrap();
    let err = env.fails(&["seed", "--corpus", corpus.to_str().unwrap()], 1);
    assert!(
        err.contains("FOREIGN KEY") && err.contains("(source_path, seq)"),
        "{err}"
    );
    common::assert_same_text(
        &before,
        &env.dump(),
        "database after a seed blocked by a user's foreign key",
    );
}
