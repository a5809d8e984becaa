//! The only place that opens a SQLite connection: pragmas, the embedded
//! refinery migrations, and the read-only connection reports run on.

use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use rusqlite::{Connection, OpenFlags};

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// How long a connection waits for another writer (a concurrent seed)
/// before giving up with "database is locked".
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens (creating if needed) the database for writing and brings its
/// schema up to date.
pub fn open_for_write(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            bail!(
                "cannot create database {}: folder {} does not exist; create it or pass another --db",
                path.display(),
                dir.display()
            );
        }
    }
    let mut conn =
        Connection::open(path).with_context(|| format!("opening database {}", path.display()))?;
    configure(&conn, path)?;
    migrate(&mut conn, path)?;
    Ok(conn)
}

/// Opens an existing database for reports and ad-hoc queries: read-only at
/// the SQLite level (`SQLITE_OPEN_READ_ONLY` plus `query_only`), so no
/// statement can change it whatever it says.
pub fn open_read_only(path: &Path) -> Result<Connection> {
    ensure_exists(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )
    .with_context(|| format!("opening database {} read-only", path.display()))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "query_only", true)?;
    check_is_archdb(&conn, path)?;
    Ok(conn)
}

/// Every command but `seed` needs a database that exists already; opening
/// a missing path would silently create an empty one.
pub fn ensure_exists(path: &Path) -> Result<()> {
    if !path.exists() {
        bail!(
            "database {} does not exist yet; run `archdb seed` first (or pass --db PATH / set ARCHDB_DB to an existing one)",
            path.display()
        );
    }
    Ok(())
}

fn configure(conn: &Connection, path: &Path) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // WAL: readers see the old data or the new, never a mix, and are not
    // blocked by a running seed.
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .with_context(|| {
            format!(
                "{} is not a usable SQLite database (is it another kind of file, or read-only?)",
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

fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    embedded::migrations::runner()
        .run(conn)
        .with_context(|| format!("upgrading the schema of {}", path.display()))?;
    Ok(())
}

/// The migrations compiled into this binary, as (version, name).
pub fn known_migrations() -> Vec<(i32, String)> {
    embedded::migrations::runner()
        .get_migrations()
        .iter()
        .map(|m| (m.version(), m.name().to_string()))
        .collect()
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
