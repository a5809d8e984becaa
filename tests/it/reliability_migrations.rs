//! Migrations are safe: an older database is upgraded in place keeping its
//! data; a newer one, an edited migration, a file that is not SQLite, a
//! foreign SQLite database, a read-only file and a missing folder are
//! refused with a clear message and the file is left byte for byte as it was.

use crate::common;

use std::path::Path;

use common::{one, TestEnv};
use refinery::{Migration, Runner, Target};

/// The migrations in `migrations/`, sorted by version, built the way
/// `embed_migrations!` builds them (same name, same SQL, same checksum).
fn migrations_on_disk() -> Vec<Migration> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut migrations: Vec<Migration> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_str().unwrap().to_string();
            Migration::unapplied(&stem, &std::fs::read_to_string(&p).unwrap()).unwrap()
        })
        .collect();
    migrations.sort_by_key(|m| m.version());
    assert!(!migrations.is_empty());
    migrations
}

fn label(m: &Migration) -> String {
    format!("V{}__{}", m.version(), m.name())
}

/// The database file and its WAL companions, byte for byte.
fn snapshot(db: &Path) -> Vec<Option<Vec<u8>>> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut p = db.as_os_str().to_owned();
            p.push(suffix);
            std::fs::read(std::path::PathBuf::from(p)).ok()
        })
        .collect()
}

fn assert_unchanged(before: &[Option<Vec<u8>>], db: &Path, what: &str) {
    let after = snapshot(db);
    for (i, suffix) in ["", "-wal", "-shm", "-journal"].iter().enumerate() {
        assert!(
            before[i] == after[i],
            "{what}: {}{suffix} changed",
            db.display()
        );
    }
}

fn versions(env: &TestEnv) -> Vec<i64> {
    common::first_column(
        &env.conn(),
        "SELECT version FROM refinery_schema_history ORDER BY version",
    )
}

/// Applies the first of `all` only, to a new database: an old archdb's.
fn migrate_to_first(env: &TestEnv, all: &[Migration]) {
    Runner::new(all)
        .set_target(Target::Version(all[0].version()))
        .run(&mut env.conn())
        .unwrap();
}

/// Records a migration one past the newest of `all`, as a newer archdb
/// would have; its version.
fn record_future_migration(env: &TestEnv, all: &[Migration]) -> i32 {
    let future = all.last().unwrap().version() + 1;
    env.conn()
        .execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum)
             VALUES (?1, 'from_the_future', '2031-01-01T00:00:00Z', '42')",
            [future],
        )
        .unwrap();
    future
}

fn integrity_ok(env: &TestEnv) {
    assert_eq!(common::integrity(&env.db), "ok");
}

#[test]
fn a_database_of_the_first_migration_only_is_upgraded_keeping_user_rows() {
    let env = TestEnv::new();
    let all = migrations_on_disk();
    migrate_to_first(&env, &all);
    env.conn()
        .execute_batch(
            "INSERT INTO annotations (source_path, seq, author, note) VALUES ('000_8e37452bcfcc29b4.txt', 1, 'vk', 'Iden = Eden');
             CREATE TABLE my_reading_list (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
             INSERT INTO my_reading_list (title) VALUES ('Maisky diaries'), ('Foreign policy of the USSR');",
        )
        .unwrap();
    assert_eq!(versions(&env), [i64::from(all[0].version())]);

    let out = env.ok(&["seed"]);
    assert!(out.contains("1 document,"), "{out}");
    let expected: Vec<i64> = all.iter().map(|m| i64::from(m.version())).collect();
    assert_eq!(
        versions(&env),
        expected,
        "every migration is recorded after the upgrade"
    );
    let note: String = one(&env, "SELECT note FROM annotations WHERE author = 'vk'");
    assert_eq!(note, "Iden = Eden");
    let titles: i64 = one(&env, "SELECT count(*) FROM my_reading_list");
    assert_eq!(titles, 2, "a user table survives the upgrade and the seed");
    let heading: String = one(
        &env,
        "SELECT heading FROM annotations_documents WHERE author = 'vk'",
    );
    assert!(
        heading.contains("Maisky"),
        "the note is joined to its document: {heading}"
    );
    integrity_ok(&env);
}

#[test]
fn a_database_from_a_newer_archdb_is_refused_naming_both_versions_and_left_unchanged() {
    let env = TestEnv::seeded();
    let all = migrations_on_disk();
    let newest = all.last().unwrap();
    let future = record_future_migration(&env, &all);
    let before = snapshot(&env.db);
    let err = env.fails(&["seed"], 1);
    assert!(err.contains("newer archdb"), "{err}");
    assert!(
        err.contains(&format!("V{future}__from_the_future")),
        "names the database's version: {err}"
    );
    assert!(
        err.contains(&label(newest)),
        "names the binary's highest version: {err}"
    );
    assert_unchanged(&before, &env.db, "after a refused newer database");
}

#[test]
fn an_edited_applied_migration_is_reported_by_name_and_nothing_is_applied() {
    for tampered in ["12345", "not a checksum"] {
        let env = TestEnv::seeded();
        let first = &migrations_on_disk()[0];
        env.conn()
            .execute(
                "UPDATE refinery_schema_history SET checksum = ?1 WHERE version = ?2",
                rusqlite::params![tampered, first.version()],
            )
            .unwrap();
        let before = snapshot(&env.db);
        let err = env.fails(&["seed"], 1); // 1, not 101: refinery would panic on "not a checksum"
        assert!(
            err.contains(&format!("migration {}", label(first))),
            "{err}"
        );
        assert!(
            err.contains("never be edited") && err.contains(tampered),
            "{err}"
        );
        assert_unchanged(&before, &env.db, "after a refused edited migration");
    }
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_by_every_command_and_left_unchanged() {
    let env = TestEnv::new();
    std::fs::write(
        &env.db,
        "Telegram of the plenipotentiary, saved under the wrong name\n",
    )
    .unwrap();
    let before = snapshot(&env.db);
    let err = env.fails(&["seed"], 1);
    assert!(
        err.contains("is not a SQLite database") && err.contains("archdb.sqlite"),
        "{err}"
    );
    for args in [&["query", "SELECT 1"][..], &["report", "overview"][..]] {
        let err = env.fails(args, 1);
        assert!(err.contains("is not a SQLite database"), "{args:?}: {err}");
    }
    assert_unchanged(&before, &env.db, "after commands on a text file");
}

#[test]
fn a_damaged_sqlite_file_is_an_error_not_a_panic() {
    let env = TestEnv::seeded();
    // Keep the 100-byte header, overwrite the first page's schema with noise.
    let mut bytes = std::fs::read(&env.db).unwrap();
    for (i, b) in bytes.iter_mut().enumerate().skip(100).take(3000) {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(&env.db, &bytes).unwrap();
    let out = env.run(&["seed"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("archdb.sqlite"), "{err}");
}

#[test]
fn a_sqlite_database_of_another_program_is_refused_and_left_unchanged() {
    let env = TestEnv::new();
    env.conn()
        .execute_batch("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('x');")
        .unwrap();
    let before = snapshot(&env.db);
    let err = env.fails(&["seed"], 1);
    assert!(
        err.contains("not an archdb one") && err.contains("moz_places"),
        "{err}"
    );
    assert_unchanged(&before, &env.db, "after a refused foreign database");
}

#[cfg(unix)]
#[test]
fn a_read_only_database_file_is_refused_for_seeding_but_still_queried() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::seeded();
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = snapshot(&env.db);
    // archdb judges by the permission bits, so this holds for root too (who
    // could otherwise write to a 0444 file).
    let err = env.fails(&["seed"], 1);
    assert!(
        err.contains("is read-only") && err.contains("chmod u+w"),
        "{err}"
    );
    assert_unchanged(&before, &env.db, "after a refused read-only database");
    let out = env.ok(&[
        "query",
        "SELECT count(*) AS n FROM sources",
        "--format",
        "csv",
    ]);
    assert_eq!(out, "n\n1\n");
}

#[test]
fn a_missing_folder_or_a_folder_as_database_is_a_clear_error() {
    let env = TestEnv::new();
    let folder = env.path("a-folder");
    std::fs::create_dir(&folder).unwrap();
    for (db, says) in [
        (
            env.path("no-such-folder").join("archdb.sqlite"),
            "no-such-folder does not exist",
        ),
        (folder, "is a folder"),
    ] {
        let out = common::archdb(&db).arg("seed").output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{err}");
    }
    assert!(!env.path("no-such-folder").exists());
}

#[test]
fn reports_and_queries_refuse_a_newer_database_and_point_an_older_one_to_seed() {
    let env = TestEnv::seeded();
    let all = migrations_on_disk();
    record_future_migration(&env, &all);
    for args in [
        &["query", "SELECT count(*) FROM documents"][..],
        &["report", "overview"][..],
    ] {
        let err = env.fails(args, 1);
        assert!(err.contains("newer archdb"), "{args:?}: {err}");
    }

    let old = TestEnv::new();
    migrate_to_first(&old, &all);
    if all.len() > 1 {
        let err = old.fails(&["query", "SELECT count(*) FROM documents"], 1);
        assert!(
            err.contains("older archdb")
                && err.contains(&label(&all[1]))
                && err.contains("archdb seed"),
            "{err}"
        );
        old.ok(&["seed"]);
        assert_eq!(
            old.ok(&[
                "query",
                "SELECT count(*) AS n FROM documents",
                "--format",
                "csv"
            ]),
            "n\n1\n"
        );
    }
}
