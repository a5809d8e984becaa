//! Opening the database file: for writing (pragmas, the embedded refinery
//! migrations) and read-only (reports, queries and every other reader).
//!
//! Opening for writing checks everything it can *before* writing a byte:
//! the folder exists, the path is a file whose permission bits allow
//! writing, the file is SQLite, and its schema history agrees with the
//! migrations compiled into this binary (no version from a newer archdb, no
//! edited migration, no foreign database). Refinery would report some of
//! these itself, but only after creating its history table, with its own
//! wording, and it panics on a history row it cannot read; so the history is
//! read here first and refinery's runner only runs when there is something
//! to apply, all of it in one transaction.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use refinery::Migration;
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// How long a connection waits for another writer (a concurrent seed)
/// before giving up with "database is locked".
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Overrides [`BUSY_TIMEOUT`] in milliseconds. For scripts that would rather
/// fail fast than wait, and for the tests of the "second seed gives up" path.
pub const BUSY_TIMEOUT_ENV: &str = "ARCHDB_BUSY_TIMEOUT_MS";

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Refinery's history table (its default name).
const HISTORY: &str = "refinery_schema_history";

/// Removes the `-wal` and `-shm` files a read-only command leaves beside
/// the database, where SQLite allows it: a read-only connection cannot
/// checkpoint, so closing it leaves them behind. A connection that may
/// write, opened and closed after the read-only one is gone, lets SQLite
/// itself checkpoint the (empty) log and delete both, and only when no
/// other connection (a running seed) uses them. Nothing when the file's
/// permission bits forbid writing, or on any error: the read went well.
pub(crate) fn tidy_after_reading(path: &Path) {
    let sidecar = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    if !sidecar("-wal").exists() && !sidecar("-shm").exists() {
        return;
    }
    let writable = std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly());
    if !writable {
        return;
    }
    let Ok(conn) = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return;
    };
    // The log is only opened on first access; reading the schema does it.
    let _ = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    });
    let _ = conn.close();
}

/// Opens (creating if needed) the database for writing and brings its
/// schema up to date.
pub fn open_for_write(path: &Path) -> Result<Connection> {
    check_target(path)?;
    let mut conn =
        Connection::open(path).with_context(|| format!("opening database {}", path.display()))?;
    conn.busy_timeout(busy_timeout())?;
    let known = embedded::migrations::runner().get_migrations().clone();
    // Read-only checks first: a refused database is left byte for byte as it was.
    let pending = check_history(&conn, path, &known)?;
    set_page_size_if_new(&conn)?;
    configure(&conn, path)?;
    if !pending.is_empty() {
        migrate(&mut conn, path, &known, &pending)?;
    }
    Ok(conn)
}

/// Opens an existing database for reports and ad-hoc queries: read-only at
/// the SQLite level (`SQLITE_OPEN_READ_ONLY` plus `query_only`), so no
/// statement can change it whatever it says.
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    ensure_exists(path)?;
    check_is_sqlite(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )
    .with_context(|| format!("opening database {} read-only", path.display()))?;
    conn.busy_timeout(busy_timeout())?;
    conn.pragma_update(None, "query_only", true)?;
    check_is_archdb(&conn, path)?;
    // The same history check as a seed makes: a database of a newer archdb,
    // or with an edited migration, is refused; an older one would fail on a
    // missing table or column, so say how to upgrade it instead.
    let known = embedded::migrations::runner().get_migrations().clone();
    let pending = check_history(&conn, path, &known)?;
    if let Some(first) = pending
        .first()
        .and_then(|v| known.iter().find(|m| m.version() == *v))
    {
        bail!(
            "{} was made by an older archdb: its schema lacks migration {} and later; \
             run `archdb seed --db {}` once to upgrade it in place (your own tables and annotations are kept)",
            path.display(),
            label(first),
            path.display()
        );
    }
    Ok(conn)
}

/// Every command but `seed` needs a database that exists already; opening
/// a missing path would silently create an empty one.
fn ensure_exists(path: &Path) -> Result<()> {
    if !path.exists() {
        bail!(
            "database {} does not exist yet; run `archdb seed` first (or pass --db PATH / set ARCHDB_DB to an existing one)",
            path.display()
        );
    }
    Ok(())
}

fn busy_timeout() -> Duration {
    std::env::var(BUSY_TIMEOUT_ENV)
        .ok()
        .and_then(|ms| ms.trim().parse::<u64>().ok())
        .map_or(BUSY_TIMEOUT, Duration::from_millis)
}

/// Everything about the path that can be told without opening it.
fn check_target(path: &Path) -> Result<()> {
    if path.is_dir() {
        bail!(
            "{} is a folder, not a database file; pass --db with a file path",
            path.display()
        );
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            bail!(
                "cannot create database {}: folder {} does not exist; create it or pass another --db",
                path.display(),
                dir.display()
            );
        }
    }
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(()); // a new database
    };
    // Judged from the permission bits, not by trying: root may write to a
    // file marked read-only, and a user who made the file read-only meant it.
    if meta.permissions().readonly() {
        bail!(
            "database {} is read-only (no write permission on the file); archdb did not change it. \
             Make it writable (chmod u+w {}) or seed another file with --db PATH",
            path.display(),
            path.display()
        );
    }
    check_is_sqlite(path)
}

/// A non-empty file that does not start with SQLite's magic bytes is some
/// other kind of file; SQLite would only say "file is not a database" at
/// the first statement.
fn check_is_sqlite(path: &Path) -> Result<()> {
    let mut head = Vec::with_capacity(16);
    let file = std::fs::File::open(path)
        .with_context(|| format!("opening database {}", path.display()))?;
    file.take(16)
        .read_to_end(&mut head)
        .with_context(|| format!("reading database {}", path.display()))?;
    if !head.is_empty() && head.as_slice() != SQLITE_MAGIC {
        let preview: String = String::from_utf8_lossy(&head)
            .chars()
            .map(|c| if c.is_control() { '.' } else { c })
            .collect();
        bail!(
            "{} is not a SQLite database (it starts with {preview:?}, not \"SQLite format 3\"); archdb did not change it. \
             Pass --db with the path of an archdb database or of a new file",
            path.display()
        );
    }
    Ok(())
}

/// One row of refinery's history table, read leniently (all text) so that
/// a damaged row becomes a message, not a panic inside refinery.
#[derive(Debug)]
struct Applied {
    version: i64,
    name: String,
    applied_on: String,
    checksum: String,
}

impl Applied {
    fn label(&self) -> String {
        format!("V{}__{}", self.version, self.name)
    }
}

fn label(m: &Migration) -> String {
    format!("V{}__{}", m.version(), m.name())
}

fn as_text(value: Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        Value::Text(t) => t,
        Value::Blob(b) => String::from_utf8_lossy(&b).into_owned(),
    }
}

/// Compares the database's schema history with `known` (the migrations of
/// this binary) without writing anything, and returns the versions still to
/// apply. Errors name the database, the migrations and what to do.
fn check_history(conn: &Connection, path: &Path, known: &[Migration]) -> Result<Vec<i32>> {
    let all_pending = || known.iter().map(Migration::version).collect::<Vec<_>>();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut stmt| stmt.query_map([], |row| row.get(0))?.collect())
        .with_context(|| {
            format!(
                "{} is not a usable SQLite database (damaged, or not a database); archdb did not change it",
                path.display()
            )
        })?;
    if !tables.iter().any(|t| t == HISTORY) {
        if tables.is_empty() {
            return Ok(all_pending());
        }
        let shown: Vec<&str> = tables.iter().take(5).map(String::as_str).collect();
        bail!(
            "{} is a SQLite database but not an archdb one: it has tables ({}{}) and no {HISTORY}; \
             archdb will not add its tables to it and did not change it. Pass --db with a new path",
            path.display(),
            shown.join(", "),
            if tables.len() > shown.len() { ", ..." } else { "" }
        );
    }

    let mut applied = Vec::new();
    let mut stmt = conn
        .prepare(&format!(
            "SELECT version, name, applied_on, checksum FROM {HISTORY}"
        ))
        .with_context(|| {
            format!(
                "reading the schema history ({HISTORY}) of {}",
                path.display()
            )
        })?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let version = match row.get::<_, Value>(0)? {
            Value::Integer(v) => v,
            other => bail!(
                "the schema history ({HISTORY}) of {} holds a version that is not a number ({other:?}); \
                 the table was edited by hand. archdb did not change the database",
                path.display()
            ),
        };
        applied.push(Applied {
            version,
            name: as_text(row.get(1)?),
            applied_on: as_text(row.get(2)?),
            checksum: as_text(row.get(3)?),
        });
    }
    applied.sort_by_key(|a| a.version);

    let highest_known = known.iter().max_by_key(|m| m.version());
    let binary = match highest_known {
        Some(m) => label(m),
        None => "no migrations".to_string(),
    };
    let unknown: Vec<&Applied> = applied
        .iter()
        .filter(|a| !known.iter().any(|m| i64::from(m.version()) == a.version))
        .collect();
    if let Some(newest) = applied.last().filter(|_| !unknown.is_empty()) {
        let newer = highest_known.is_none_or(|m| newest.version > i64::from(m.version()));
        let unknown_list: Vec<String> = unknown.iter().map(|a| a.label()).collect();
        if newer {
            bail!(
                "{} was made by a newer archdb: its schema is at migration {} but this archdb {} knows migrations only up to {binary} \
                 (unknown to it: {}). archdb did not change the database; use the newer archdb with it, or seed a new database with --db PATH",
                path.display(),
                newest.label(),
                env!("CARGO_PKG_VERSION"),
                unknown_list.join(", ")
            );
        }
        bail!(
            "{} has migration {} applied, which this archdb {} (migrations up to {binary}) does not know; \
             it was made by a different build of archdb. archdb did not change the database",
            path.display(),
            unknown_list.join(", "),
            env!("CARGO_PKG_VERSION")
        );
    }

    for a in &applied {
        let Some(m) = known.iter().find(|m| i64::from(m.version()) == a.version) else {
            continue; // cannot happen: unknown versions were refused above
        };
        let expected = m.checksum().to_string();
        if a.name != m.name() || a.checksum.trim() != expected {
            bail!(
                "migration {} as applied to {} differs from the one built into this archdb ({}): \
                 {HISTORY} records name {:?} and checksum {:?}, this archdb has checksum {expected}. \
                 An applied migration must never be edited (add a new migrations/V<n>__<name>.sql instead); \
                 restore the original file or use the archdb that made this database. Nothing was applied and the database was not changed",
                a.label(),
                path.display(),
                label(m),
                a.name,
                a.checksum
            );
        }
        if !looks_like_rfc3339(&a.applied_on) {
            bail!(
                "the schema history ({HISTORY}) of {} has an unreadable applied_on {:?} for migration {}; \
                 the table was edited by hand. Nothing was applied and the database was not changed",
                path.display(),
                a.applied_on,
                a.label()
            );
        }
    }

    let newest_applied = applied.last().map_or(i64::MIN, |a| a.version);
    let pending: Vec<i32> = known
        .iter()
        .map(Migration::version)
        .filter(|v| !applied.iter().any(|a| a.version == i64::from(*v)))
        .collect();
    if let Some(skipped) = pending.iter().find(|v| i64::from(**v) < newest_applied) {
        bail!(
            "{} has migration V{newest_applied} applied but not the earlier V{skipped}, which this archdb has; \
             its schema history is inconsistent. Nothing was applied and the database was not changed",
            path.display()
        );
    }
    Ok(pending)
}

/// `2026-11-28T04:29:41.123Z`-like: what refinery writes and must parse back.
fn looks_like_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 20
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
}

/// Bytes per database page for a new file. Most of the database is page
/// text stored as long values (about 6 KB per document, twice): with 4 KiB
/// pages each spans overflow chains and the seed writes them through
/// several times as many system calls. 16 KiB pages cut the seed's writer
/// CPU by about 5-10% (benches/README.md) and keep index lookups cheap.
const PAGE_SIZE: i64 = 16 * 1024;

/// Sets [`PAGE_SIZE`] on a file that has no pages yet; the page size of an
/// existing database stays as it is (changing it would need a VACUUM).
fn set_page_size_if_new(conn: &Connection) -> Result<()> {
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |row| row.get(0))?;
    if pages == 0 {
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    }
    Ok(())
}

fn configure(conn: &Connection, path: &Path) -> Result<()> {
    // WAL: readers see the old data or the new, never a mix, and are not
    // blocked by a running seed.
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .with_context(|| {
            format!(
                "{} is not a usable SQLite database (is it read-only?)",
                path.display()
            )
        })?;
    if !mode.eq_ignore_ascii_case("wal") {
        bail!(
            "could not switch {} to WAL mode (got {mode})",
            path.display()
        );
    }
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// Applies the pending migrations in one transaction (grouped): an upgrade
/// that fails or is killed leaves the schema as it was.
fn migrate(conn: &mut Connection, path: &Path, known: &[Migration], pending: &[i32]) -> Result<()> {
    let result = refinery::Runner::new(known).set_grouped(true).run(conn);
    if let Err(err) = result {
        // Another archdb may have applied the same migrations between our
        // check and our run (two first seeds at once); that is success.
        if check_history(conn, path, known).is_ok_and(|left| left.is_empty()) {
            return Ok(());
        }
        let list: Vec<String> = pending.iter().map(|v| format!("V{v}")).collect();
        return Err(anyhow::Error::new(err)).with_context(|| {
            format!(
                "upgrading the schema of {} (applying {}); nothing was applied, the upgrade runs in one transaction",
                path.display(),
                list.join(", ")
            )
        });
    }
    Ok(())
}

fn check_is_archdb(conn: &Connection, path: &Path) -> Result<()> {
    let has_documents: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents')",
            [],
            |row| row.get(0),
        )
        .with_context(|| format!("{} is not a SQLite database", path.display()))?;
    if !has_documents {
        bail!(
            "{} is not an archdb database (it has no documents table); run `archdb seed --db {}` to build one",
            path.display(),
            path.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn migration(name: &str, sql: &str) -> Migration {
        Migration::unapplied(name, sql).unwrap()
    }

    fn v1() -> Migration {
        migration("V1__first", "CREATE TABLE a (x);")
    }

    fn v2() -> Migration {
        migration("V2__second", "ALTER TABLE a ADD COLUMN y;")
    }

    /// A database with `migrations` applied by refinery itself.
    fn applied(migrations: &[Migration]) -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        refinery::Runner::new(migrations).run(&mut conn).unwrap();
        conn
    }

    fn err(conn: &Connection, known: &[Migration]) -> String {
        format!(
            "{:#}",
            check_history(conn, Path::new("t.sqlite"), known).unwrap_err()
        )
    }

    #[test]
    fn an_empty_database_needs_every_migration() {
        let conn = Connection::open_in_memory().unwrap();
        assert_eq!(
            check_history(&conn, Path::new("t"), &[v1(), v2()]).unwrap(),
            [1, 2]
        );
    }

    #[test]
    fn an_older_database_needs_the_newer_migrations_only() {
        let conn = applied(&[v1()]);
        assert_eq!(
            check_history(&conn, Path::new("t"), &[v1(), v2()]).unwrap(),
            [2]
        );
        let conn = applied(&[v1(), v2()]);
        assert!(check_history(&conn, Path::new("t"), &[v1(), v2()])
            .unwrap()
            .is_empty());
    }

    #[test]
    fn a_newer_database_is_refused_naming_both_versions() {
        let conn = applied(&[v1(), v2()]);
        let text = err(&conn, &[v1()]);
        assert!(
            text.contains("newer archdb")
                && text.contains("V2__second")
                && text.contains("V1__first"),
            "{text}"
        );
    }

    #[test]
    fn an_edited_migration_is_refused_naming_it() {
        let conn = applied(&[v1()]);
        let text = err(&conn, &[migration("V1__first", "CREATE TABLE a (x, z);")]);
        assert!(
            text.contains("migration V1__first") && text.contains("never be edited"),
            "{text}"
        );
        let text = err(&conn, &[migration("V1__renamed", "CREATE TABLE a (x);")]);
        assert!(text.contains("V1__renamed"), "{text}");
    }

    #[test]
    fn damaged_history_rows_are_errors_not_panics() {
        let conn = applied(&[v1()]);
        conn.execute(
            "UPDATE refinery_schema_history SET checksum = 'not a number'",
            [],
        )
        .unwrap();
        assert!(err(&conn, &[v1()]).contains("\"not a number\""));
        let conn = applied(&[v1()]);
        conn.execute(
            "UPDATE refinery_schema_history SET applied_on = 'yesterday'",
            [],
        )
        .unwrap();
        assert!(err(&conn, &[v1()]).contains("unreadable applied_on"));
        let conn = applied(&[v1()]);
        conn.execute("UPDATE refinery_schema_history SET version = 'one'", [])
            .unwrap();
        assert!(err(&conn, &[v1()]).contains("not a number"));
    }

    #[test]
    fn a_gap_in_the_history_is_refused() {
        let v3 = migration("V3__third", "CREATE TABLE c (x);");
        let conn = applied(&[v1(), v3.clone()]);
        assert!(err(&conn, &[v1(), v2(), v3]).contains("not the earlier V2"));
    }

    #[test]
    fn a_foreign_database_is_refused() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE moz_places (url)").unwrap();
        let text = err(&conn, &[v1()]);
        assert!(
            text.contains("not an archdb one") && text.contains("moz_places"),
            "{text}"
        );
    }

    #[test]
    fn a_failing_upgrade_applies_nothing() {
        let mut conn = applied(&[v1()]);
        let broken = migration("V3__broken", "CREATE TABLE c (x); THIS IS NOT SQL;");
        let known = [v1(), v2(), broken];
        let pending = check_history(&conn, Path::new("t"), &known).unwrap();
        assert_eq!(pending, [2, 3]);
        let err = migrate(&mut conn, Path::new("t.sqlite"), &known, &pending).unwrap_err();
        assert!(format!("{err:#}").contains("applying V2, V3"), "{err:#}");
        // V2's column and V3's table were rolled back with the failure.
        let columns: i64 = conn
            .query_row("SELECT count(*) FROM pragma_table_info('a')", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(columns, 1);
        let c: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'c'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(c, 0);
        assert_eq!(
            check_history(&conn, Path::new("t"), &known).unwrap(),
            [2, 3]
        );
    }

    #[test]
    fn rfc3339_shape() {
        assert!(looks_like_rfc3339("2026-11-28T04:29:41.123456789Z"));
        assert!(looks_like_rfc3339("2026-11-28T04:29:41+00:00"));
        assert!(!looks_like_rfc3339("yesterday"));
        assert!(!looks_like_rfc3339(""));
    }
}
