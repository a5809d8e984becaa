//! What `archdb datasette` reads from the database: the names of its tables
//! and views (a canned query must not hide one), the data dictionary, and the
//! columns each report returns.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, Result};
use rusqlite::Connection;

use crate::report::Report;

/// One row of `data_dictionary`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Description {
    /// The table or view; empty for the database itself.
    pub(crate) object: String,
    /// The column; empty for the table or view itself.
    pub(crate) column: String,
    /// `database`, `table`, `view` or `column`.
    pub(crate) kind: String,
    pub(crate) text: String,
}

impl Description {
    #[cfg(test)]
    pub(crate) fn new(object: &str, column: &str, kind: &str, text: &str) -> Self {
        Description {
            object: object.into(),
            column: column.into(),
            kind: kind.into(),
            text: text.into(),
        }
    }
}

/// The parts of a database the metadata is built from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Schema {
    /// Every table and view.
    pub(crate) objects: BTreeSet<String>,
    pub(crate) dictionary: Vec<Description>,
    /// The columns each report returns, by report name (those that prepare).
    pub(crate) report_columns: BTreeMap<String, Vec<String>>,
}

impl Schema {
    /// The description of `object` (`column` empty: of the object itself).
    pub(crate) fn describe(&self, object: &str, column: &str) -> Option<&str> {
        self.dictionary
            .iter()
            .find(|d| d.object == object && d.column == column)
            .map(|d| d.text.as_str())
    }

    /// The described columns of `object`.
    pub(crate) fn columns_of<'a>(
        &'a self,
        object: &'a str,
    ) -> impl Iterator<Item = &'a Description> {
        self.dictionary
            .iter()
            .filter(move |d| d.object == object && !d.column.is_empty())
    }

    /// Every table and view the dictionary describes, by name.
    pub(crate) fn described_objects(&self) -> BTreeSet<&str> {
        self.dictionary
            .iter()
            .filter(|d| !d.object.is_empty())
            .map(|d| d.object.as_str())
            .collect()
    }
}

/// Reads the names, the dictionary and the reports' columns from `conn`.
pub(crate) fn read_schema(conn: &Connection, reports: &[Report]) -> Result<Schema> {
    let objects = conn
        .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<BTreeSet<_>>>()?;
    let dictionary = conn
        .prepare(
            "SELECT object, column_name, kind, description FROM data_dictionary
             ORDER BY object, kind = 'column', column_name",
        )?
        .query_map([], |r| {
            Ok(Description {
                object: r.get(0)?,
                column: r.get(1)?,
                kind: r.get(2)?,
                text: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading data_dictionary")?;
    let mut report_columns = BTreeMap::new();
    for report in reports {
        // A report that does not prepare (a user's, for another schema)
        // still becomes a canned query; Datasette shows its error.
        if let Ok(stmt) = conn.prepare(&report.sql) {
            let columns = stmt.column_names().map(String::from).collect();
            report_columns.insert(report.name.clone(), columns);
        }
    }
    Ok(Schema {
        objects,
        dictionary,
        report_columns,
    })
}
