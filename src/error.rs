//! The errors callers tell apart: a mistake in how archdb was asked (exit
//! code 2), and the SQLite failures of a report's or a query's statement,
//! told apart by SQLite's result code, never by the wording of its message.

use std::time::Duration;

use rusqlite::{ffi, ErrorCode};

/// An error in how archdb was called (exit code 2), as opposed to a failure
/// while doing the work (exit code 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// `err`, with its causes, as a [`UsageError`].
pub(crate) fn usage(err: anyhow::Error) -> anyhow::Error {
    anyhow::Error::new(UsageError(format!("{err:#}")))
}

/// Why a report's or query's statement returned no rows.
///
/// The SQLite error is shown in the message, not chained as a source: the
/// message already says what it says.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SqlError {
    #[error("refused: more than one SQL statement; a report or query is a single statement")]
    MultipleStatements,
    #[error(
        "refused: this statement would change the database; reports and queries are read-only (use a SQL client on a copy to experiment)"
    )]
    WouldWrite,
    /// `SQLITE_INTERRUPT`: the progress handler stopped the statement at its time limit.
    #[error("stopped: the statement ran longer than {} s (raise it with --timeout SECONDS)", .0.as_secs_f64())]
    TimedOut(Duration),
    /// `SQLITE_AUTH`: the authorizer refused an ATTACH or a pragma that sets
    /// something; or a call of `load_extension`.
    #[error("refused: reports and queries may not ATTACH databases or change pragmas ({0})")]
    NotAuthorized(rusqlite::Error),
    /// `SQLITE_READONLY`: the connection is read-only.
    #[error("refused: the database is opened read-only for reports and queries ({0})")]
    ReadOnly(rusqlite::Error),
    /// Anything else SQLite said while preparing or stepping the statement.
    #[error("SQL error: {0}")]
    Other(rusqlite::Error),
    /// Binding a value or reading a column.
    #[error(transparent)]
    Sqlite(rusqlite::Error),
}

impl SqlError {
    /// Classifies an error of preparing or stepping a statement that ran
    /// with a time limit of `timeout`. `loads_extension`: the statement
    /// called `load_extension`, which SQLite refuses (extension loading is
    /// off) with a plain `SQLITE_ERROR`, no code of its own.
    pub(crate) fn of_statement(
        error: rusqlite::Error,
        timeout: Duration,
        loads_extension: bool,
    ) -> SqlError {
        let failure = match &error {
            rusqlite::Error::MultipleStatement => return SqlError::MultipleStatements,
            rusqlite::Error::SqliteFailure(failure, _) => failure,
            _ => return SqlError::Other(error),
        };
        match failure.code {
            ErrorCode::OperationInterrupted => SqlError::TimedOut(timeout),
            ErrorCode::AuthorizationForStatementDenied => SqlError::NotAuthorized(error),
            ErrorCode::Unknown if loads_extension && failure.extended_code == ffi::SQLITE_ERROR => {
                SqlError::NotAuthorized(error)
            }
            ErrorCode::ReadOnly => SqlError::ReadOnly(error),
            _ => SqlError::Other(error),
        }
    }
}

/// Whether `error` is a violated FOREIGN KEY constraint
/// (`SQLITE_CONSTRAINT_FOREIGNKEY`), immediate or deferred to the commit.
pub(crate) fn is_foreign_key_violation(error: &rusqlite::Error) -> bool {
    matches!(
        error,
        rusqlite::Error::SqliteFailure(failure, _)
            if failure.code == ErrorCode::ConstraintViolation
                && failure.extended_code == ffi::SQLITE_CONSTRAINT_FOREIGNKEY
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn a_foreign_key_failure_is_told_by_its_code() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             CREATE TABLE parent (id INTEGER PRIMARY KEY);
             CREATE TABLE child (parent_id INTEGER REFERENCES parent (id));
             CREATE TABLE plain (x NOT NULL);",
        )
        .unwrap();
        let err = conn
            .execute("INSERT INTO child VALUES (1)", [])
            .unwrap_err();
        assert!(is_foreign_key_violation(&err), "{err}");
        let err = conn
            .execute("INSERT INTO plain VALUES (NULL)", [])
            .unwrap_err();
        assert!(!is_foreign_key_violation(&err), "{err}");
    }

    #[test]
    fn a_read_only_connection_refuses_by_code() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x); PRAGMA query_only = ON;")
            .unwrap();
        let err = conn.execute("INSERT INTO t VALUES (1)", []).unwrap_err();
        let err = SqlError::of_statement(err, Duration::from_secs(1), false);
        assert!(matches!(err, SqlError::ReadOnly(_)), "{err}");
        assert!(err
            .to_string()
            .starts_with("refused: the database is opened read-only"));
    }
}
