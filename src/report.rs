//! Stored reports: finding `reports/*.sql` (embedded in the binary, plus the
//! user's `--reports` folders), reading their header comment, binding
//! parameters and running them on a read-only connection.
//!
//! A report file starts with a header comment:
//!
//! ```sql
//! -- title: Positions held at a date
//! -- description: Everyone in office on the given day, with the state and host country.
//! -- param: date | date | 1940-12-27 | The day to look at (YYYY-MM-DD)
//! SELECT ... WHERE :date BETWEEN ...
//! ```
//!
//! A `param` line is `name | type | default | description`; the type is
//! `text`, `integer` or `date`, or one of the text types whose values are
//! checked against the database before the report runs (see
//! [`crate::param_values`]): `country`, `person`, `entity` (a person or a
//! country), `kind` (a document kind), `classification`, `role`, `office`,
//! `archive`, and `one_of(a, b, c)`. A text type may name extra literal values in brackets:
//! `country(none, any)`. A default of `null` binds SQL NULL (the report's "no
//! filter" case). Parameters are bound as `:name`, never spliced into the SQL.
//! A `date` parameter named `from` or `to` is a range bound and also takes a
//! year (`1939`) or a month (`1939-05`), read as its first or last day.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use include_dir::{include_dir, Dir};
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::calendar;
use crate::db;
use crate::error::{usage, SqlError, UsageError};
use crate::param_values::{self, ValueError};
use crate::render::Rows;

static BUILTIN_REPORTS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/reports");

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub name: String,
    pub title: String,
    pub description: String,
    pub params: Vec<Param>,
    pub sql: String,
    /// Where it came from: `builtin` or the file's path.
    pub origin: String,
    /// The report's own time limit in seconds (`-- timeout: 120`), for
    /// reports known to be slow on a large corpus; `--timeout` overrides it.
    pub timeout: Option<f64>,
    /// How the report is drawn (`-- chart: bar x=year y=documents`), if it is.
    pub chart: Option<crate::chart::Spec>,
}

/// Seconds a statement may run when neither `--timeout` nor the report says otherwise.
const DEFAULT_TIMEOUT: f64 = 5.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub kind: ParamKind,
    /// `None` binds NULL.
    pub default: Option<String>,
    pub description: String,
    /// Which values a text parameter accepts, checked against the database
    /// before the report runs; `None` for free text, integers and dates.
    pub domain: Option<Domain>,
}

/// How a value is bound: the SQL-facing type shown in listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum ParamKind {
    Text,
    Integer,
    Date,
}

impl ParamKind {
    pub(crate) fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The values a typed text parameter accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Domain {
    pub of: DomainKind,
    /// Literal values accepted besides the domain's own (`none`, `any`), or
    /// the whole list for `one_of`; lower case.
    pub extra: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DomainKind {
    /// A country key, name or alias (`turkey`, `Republic of Turkey`, `the Turks`).
    Country,
    /// A person key, name, surname or alias.
    Person,
    /// A person (key, name or surname) or a country (key or name).
    Entity,
    /// A document kind (`telegram` ...).
    DocumentKind,
    /// A classification (`none`, `secret` ...).
    Classification,
    /// A party's role (`author` ...).
    Role,
    /// An office key, title or wording (`envoy`, `plenipotentiary representative`).
    Office,
    /// An archive's name as citations give it (`AVP RF`, `RGASPI`).
    Archive,
    /// Only the listed values.
    OneOf,
}

impl Domain {
    /// The type as written in a header (`country(none, any)`).
    pub(crate) fn header_name(&self) -> String {
        let base = match self.of {
            DomainKind::Country => "country",
            DomainKind::Person => "person",
            DomainKind::Entity => "entity",
            DomainKind::DocumentKind => "kind",
            DomainKind::Classification => "classification",
            DomainKind::Role => "role",
            DomainKind::Office => "office",
            DomainKind::Archive => "archive",
            DomainKind::OneOf => "one_of",
        };
        if self.extra.is_empty() {
            base.to_string()
        } else {
            format!("{base}({})", self.extra.join(", "))
        }
    }
}

impl Param {
    /// `date=1940-12-27 (date)` style summary for listings and error messages.
    pub(crate) fn summary(&self) -> String {
        format!(
            "{}={} ({})",
            self.name,
            self.default.as_deref().unwrap_or("null"),
            self.kind.as_str()
        )
    }
}

/// Reads a report's header. `origin` names the file in error messages.
pub(crate) fn parse_report(name: &str, text: &str, origin: &str) -> Result<Report> {
    let mut title = None;
    let mut description = Vec::new();
    let mut params = Vec::new();
    let mut timeout = None;
    let mut chart = None;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        let Some(comment) = line.strip_prefix("--") else {
            if line.is_empty() {
                continue;
            }
            break; // the header ends where the SQL starts
        };
        let comment = comment.trim();
        if let Some(value) = comment.strip_prefix("title:") {
            title = Some(value.trim().to_string());
        } else if let Some(value) = comment.strip_prefix("description:") {
            description.push(value.trim().to_string());
        } else if let Some(value) = comment.strip_prefix("timeout:") {
            let seconds = value
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|s| *s > 0.0 && s.is_finite());
            timeout = Some(seconds.ok_or_else(|| {
                anyhow!(
                    "{origin}:{}: expected `-- timeout: SECONDS` (a positive number), got {:?}",
                    index + 1,
                    value.trim()
                )
            })?);
        } else if let Some(value) = comment.strip_prefix("chart:") {
            chart = Some(crate::chart::Spec::parse(value).map_err(|e| {
                anyhow!(
                    "{origin}:{}: {e}; expected `-- chart: bar|hbar|line x=COLUMN y=COLUMN [series=COLUMN] ...`",
                    index + 1
                )
            })?);
        } else if let Some(value) = comment.strip_prefix("param:") {
            params.push(parse_param(value).with_context(|| {
                format!(
                    "{origin}:{}: expected `-- param: name | text|integer|date | default | description`",
                    index + 1
                )
            })?);
        }
    }
    let title = title.ok_or_else(|| {
        anyhow!("{origin}: the header has no `-- title:` line; add one at the top of the file")
    })?;
    Ok(Report {
        name: name.to_string(),
        title,
        description: description.join(" "),
        params,
        sql: text.to_string(),
        origin: origin.to_string(),
        timeout,
        chart,
    })
}

fn parse_param(spec: &str) -> Result<Param> {
    let fields: Vec<&str> = spec.split('|').map(str::trim).collect();
    let [name, kind, default, description] = fields[..] else {
        bail!(
            "a param line has four fields separated by `|`, found {}",
            fields.len()
        );
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        bail!("parameter name {name:?} must be letters, digits and underscores");
    }
    let (kind, domain) = parse_type(name, kind)?;
    let default = (!default.eq_ignore_ascii_case("null")).then(|| default.to_string());
    let param = Param {
        name: name.to_string(),
        kind,
        default,
        description: description.to_string(),
        domain,
    };
    if let Some(value) = &param.default {
        check_value(&param, value)?;
    }
    Ok(param)
}

/// Reads a param line's type: `text`, `integer`, `date`, or a typed text
/// such as `country`, `country(none, any)` or `one_of(a, b)`.
fn parse_type(name: &str, spec: &str) -> Result<(ParamKind, Option<Domain>)> {
    let (base, extra) = match spec.split_once('(') {
        Some((base, rest)) => {
            let list = rest.strip_suffix(')').ok_or_else(|| {
                anyhow!("parameter {name}: type {spec:?} opens a bracket it does not close")
            })?;
            let extra: Vec<String> = list
                .split(',')
                .map(|v| v.trim().to_lowercase())
                .filter(|v| !v.is_empty())
                .collect();
            (base.trim(), extra)
        }
        None => (spec, Vec::new()),
    };
    let of = match base {
        "text" | "integer" | "date" if !extra.is_empty() => {
            bail!("parameter {name}: type {base} takes no list of values")
        }
        "text" => return Ok((ParamKind::Text, None)),
        "integer" => return Ok((ParamKind::Integer, None)),
        "date" => return Ok((ParamKind::Date, None)),
        "country" => DomainKind::Country,
        "person" => DomainKind::Person,
        "entity" => DomainKind::Entity,
        "kind" => DomainKind::DocumentKind,
        "classification" => DomainKind::Classification,
        "role" => DomainKind::Role,
        "office" => DomainKind::Office,
        "archive" => DomainKind::Archive,
        "one_of" if extra.is_empty() => {
            bail!("parameter {name}: one_of needs its values, e.g. one_of(person, country)")
        }
        "one_of" => DomainKind::OneOf,
        other => bail!(
            "parameter {name}: unknown type {other:?} (text, integer, date, country, person, entity, kind, classification, role, office, archive or one_of(...))"
        ),
    };
    Ok((ParamKind::Text, Some(Domain { of, extra })))
}

/// The shipped reports plus those in `extra_dirs` (which may replace a
/// shipped report of the same name), sorted by name.
pub fn load_reports(extra_dirs: &[PathBuf]) -> Result<Vec<Report>> {
    let mut reports = Vec::new();
    for file in BUILTIN_REPORTS.files() {
        let path = file.path();
        if path.extension().and_then(|e| e.to_str()) != Some("sql") {
            continue;
        }
        let name = report_name(path)?;
        let text = file
            .contents_utf8()
            .ok_or_else(|| anyhow!("built-in report {} is not UTF-8", path.display()))?;
        reports.push(parse_report(
            &name,
            text,
            &format!("reports/{}", path.display()),
        )?);
    }
    for dir in extra_dirs {
        let entries = std::fs::read_dir(dir).with_context(|| {
            format!(
                "reading reports folder {} (from --reports / ARCHDB_REPORTS)",
                dir.display()
            )
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("sql"))
            .collect();
        paths.sort();
        for path in paths {
            let name = report_name(&path)?;
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading report {}", path.display()))?;
            let report = parse_report(&name, &text, &path.display().to_string())?;
            reports.retain(|r| r.name != name);
            reports.push(report);
        }
    }
    reports.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(reports)
}

fn report_name(path: &Path) -> Result<String> {
    path.file_stem()
        .and_then(|s| s.to_str())
        .map(str::to_string)
        .ok_or_else(|| anyhow!("report file name {} is not valid UTF-8", path.display()))
}

/// Finds a report by name, or says which exist.
pub(crate) fn find<'a>(reports: &'a [Report], name: &str) -> Result<&'a Report> {
    reports.iter().find(|r| r.name == name).ok_or_else(|| {
        let names: Vec<&str> = reports.iter().map(|r| r.name.as_str()).collect();
        let close = crate::param_values::closest(name, names.iter().map(|n| (*n, *n)));
        let hint = if close.is_empty() {
            String::new()
        } else {
            format!("did you mean {}? ", close.join(" or "))
        };
        anyhow!(
            "no report named {name:?}; {hint}the reports are: {} (run `archdb report` for titles)",
            names.join(", ")
        )
    })
}

/// Splits `KEY=VALUE` as given to `--param`.
fn split_assignment(text: &str) -> Result<(String, String)> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| anyhow!("--param expects KEY=VALUE, got {text:?}"))?;
    Ok((key.trim().to_string(), value.to_string()))
}

/// Checks the given values against the report's parameters and returns
/// what to bind, defaults filled in.
///
/// `-p date=1939` (a year, a month or a day) on a report that takes a range
/// (`from` and `to`) but no `date` stands for that whole period.
fn bind_values(report: &Report, given: &[(String, String)]) -> Result<Vec<(String, Value)>> {
    let takes = || {
        if report.params.is_empty() {
            "it takes no parameters".to_string()
        } else {
            let list: Vec<String> = report.params.iter().map(Param::summary).collect();
            format!("it takes: {}", list.join(", "))
        }
    };
    let given = spread_period(report, given);
    for (key, _) in &given {
        if !report.params.iter().any(|p| &p.name == key) {
            bail!(
                "report {} has no parameter {key:?}; {}",
                report.name,
                takes()
            );
        }
    }
    let mut values = Vec::new();
    for param in &report.params {
        let value = match given.iter().rev().find(|(k, _)| k == &param.name) {
            Some((_, v)) => Some(v.clone()),
            None => param.default.clone(),
        };
        let bound = match value {
            // `--param from=` clears a default: like Datasette's empty form
            // field, an empty value means "no value" for every type.
            None => Value::Null,
            Some(v) if v.is_empty() => Value::Null,
            // What is wrong comes first, the list of parameters after it.
            Some(v) => check_value(param, &v)
                .map_err(|e| anyhow!("{e} (report {}: {})", report.name, takes()))?,
        };
        values.push((format!(":{}", param.name), bound));
    }
    Ok(values)
}

/// Replaces `date=PERIOD` by `from=PERIOD` and `to=PERIOD` where the report
/// takes a date range and no `date`.
fn spread_period(report: &Report, given: &[(String, String)]) -> Vec<(String, String)> {
    let has = |name: &str| {
        report
            .params
            .iter()
            .any(|p| p.name == name && p.kind == ParamKind::Date)
    };
    if has("date") || !has("from") || !has("to") {
        return given.to_vec();
    }
    let mut out = Vec::new();
    for (key, value) in given {
        if key == "date" {
            out.push(("from".to_string(), value.clone()));
            out.push(("to".to_string(), value.clone()));
        } else {
            out.push((key.clone(), value.clone()));
        }
    }
    out
}

fn check_value(param: &Param, value: &str) -> Result<Value> {
    match param.kind {
        ParamKind::Text => Ok(Value::Text(value.to_string())),
        ParamKind::Integer => value
            .trim()
            .parse::<i64>()
            .map(Value::Integer)
            .map_err(|_| anyhow!("{} must be a whole number, got {value:?}", param.name)),
        ParamKind::Date => {
            let bound = match param.name.as_str() {
                "from" => Some(PeriodEnd::First),
                "to" => Some(PeriodEnd::Last),
                _ => None,
            };
            if is_iso_day(value) {
                Ok(Value::Text(value.to_string()))
            } else if let Some(day) = bound.and_then(|end| period_day(value, end)) {
                Ok(Value::Text(day))
            } else if bound.is_some() {
                bail!(
                    "{} must be YYYY-MM-DD, YYYY-MM or YYYY, got '{value}'",
                    param.name
                )
            } else if period_day(value, PeriodEnd::First).is_some() {
                bail!(
                    "{} must be YYYY-MM-DD, got '{value}': this report needs one day, not a year or a month",
                    param.name
                )
            } else {
                bail!("{} must be YYYY-MM-DD, got '{value}'", param.name)
            }
        }
    }
}

/// Which day of a year or month a range bound stands for.
#[derive(Debug, Clone, Copy)]
enum PeriodEnd {
    First,
    Last,
}

/// `1939` or `1939-05` as its first or last day (`1939-12-31`, `1939-05-31`).
fn period_day(value: &str, end: PeriodEnd) -> Option<String> {
    // A year or a month: more than one day.
    let (first, last) = calendar::date_window(value.trim()).filter(|(a, b)| a != b)?;
    Some(
        match end {
            PeriodEnd::First => first,
            PeriodEnd::Last => last,
        }
        .to_string(),
    )
}

/// A real calendar day written `YYYY-MM-DD`.
pub fn is_iso_day(text: &str) -> bool {
    calendar::parse_day(text).is_some()
}

/// A report with its parameters bound: what [`Bound::run`] runs.
#[derive(Debug)]
pub struct Bound<'r> {
    report: &'r Report,
    /// The `KEY=VALUE` pairs as given, in order.
    given: Vec<(String, String)>,
    /// What is bound to each `:name`, defaults filled in.
    values: Vec<(String, Value)>,
}

/// Binds `params`, each `KEY=VALUE` as given to `--param`, to the report's
/// parameters; the others take their defaults. A malformed pair, a
/// parameter the report does not take or a value of the wrong type is a
/// [`UsageError`].
pub fn bind<'r>(report: &'r Report, params: &[String]) -> Result<Bound<'r>> {
    let given = params
        .iter()
        .map(|p| split_assignment(p))
        .collect::<Result<Vec<_>>>()
        .map_err(usage)?;
    let values = bind_values(report, &given).map_err(usage)?;
    Ok(Bound {
        report,
        given,
        values,
    })
}

impl Bound<'_> {
    /// The `KEY=VALUE` pairs as given.
    pub(crate) fn given(&self) -> &[(String, String)] {
        &self.given
    }

    /// Runs the report on the database at `db_path` and returns its rows:
    /// checks typed values against the database, then runs the statement
    /// on a read-only, guarded connection under a time limit (`timeout`,
    /// else the report's own, else [`DEFAULT_TIMEOUT`]).
    ///
    /// A time limit that is not a positive number, or a filter value that
    /// matches nothing in the database, is a [`UsageError`]; any other
    /// failure names the report.
    pub fn run(&self, db_path: &Path, timeout: Option<f64>) -> Result<Rows> {
        let report = self.report;
        let timeout = timeout.or(report.timeout).unwrap_or(DEFAULT_TIMEOUT);
        let rows = read_only(db_path, &report.sql, &self.values, timeout, |conn| {
            param_values::check(conn, report, &self.values).map_err(|e| match e {
                ValueError::NoMatch { .. } => usage(e.into()),
                other => other.into(),
            })
        });
        match rows {
            Err(err) if err.downcast_ref::<UsageError>().is_some() => Err(err),
            rows => {
                rows.with_context(|| format!("running report {} ({})", report.name, report.origin))
            }
        }
    }
}

/// Runs one ad-hoc statement the way [`Bound::run`] runs a report:
/// read-only, guarded, within `timeout` (else [`DEFAULT_TIMEOUT`]).
pub(crate) fn query(db_path: &Path, sql: &str, timeout: Option<f64>) -> Result<Rows> {
    let timeout = timeout.unwrap_or(DEFAULT_TIMEOUT);
    read_only(db_path, sql, &[], timeout, |_| Ok(()))
}

/// Runs `sql` on a read-only connection, after `check` has looked at the
/// database (the filter values of a report).
fn read_only(
    db_path: &Path,
    sql: &str,
    values: &[(String, Value)],
    timeout: f64,
    check: impl FnOnce(&Connection) -> Result<()>,
) -> Result<Rows> {
    if !(timeout > 0.0 && timeout.is_finite()) {
        return Err(usage(anyhow!(
            "--timeout must be a positive number of seconds, got {timeout}"
        )));
    }
    let timeout = Duration::from_secs_f64(timeout);
    let mut conn = db::open_read_only(db_path)?;
    let rows = check(&conn)
        .and_then(|()| guard(&mut conn, timeout))
        .and_then(|guard| Ok(run_sql(&conn, sql, values, &guard)?));
    drop(conn);
    db::tidy_after_reading(db_path);
    rows
}

/// The limits put on a read-only connection, and what its authorizer saw.
struct Guard {
    timeout: Duration,
    /// Set when a statement calls `load_extension`, which SQLite itself
    /// refuses (extension loading is off) with a plain `SQLITE_ERROR`.
    loads_extension: Arc<AtomicBool>,
}

/// Guards a read-only connection: no ATTACH, no pragma that sets anything
/// (both fail to prepare with `SQLITE_AUTH`), no statement that runs longer
/// than `timeout` (`SQLITE_INTERRUPT`).
fn guard(conn: &mut Connection, timeout: Duration) -> Result<Guard> {
    let loads_extension = Arc::new(AtomicBool::new(false));
    let seen = Arc::clone(&loads_extension);
    conn.authorizer(Some(move |ctx: AuthContext<'_>| match ctx.action {
        AuthAction::Attach { .. } | AuthAction::Detach { .. } => Authorization::Deny,
        AuthAction::Function { function_name } => {
            if function_name.eq_ignore_ascii_case("load_extension") {
                seen.store(true, Ordering::Relaxed);
            }
            Authorization::Allow
        }
        // The listed pragmas only read, whatever their argument; every other
        // pragma may set something (`PRAGMA user_version = 5`).
        AuthAction::Pragma {
            pragma_name,
            pragma_value,
        } => {
            let reads = READ_PRAGMAS.contains(&pragma_name)
                || (pragma_value.is_none() && READ_ONLY_WITHOUT_VALUE.contains(&pragma_name));
            if reads {
                Authorization::Allow
            } else {
                Authorization::Deny
            }
        }
        _ => Authorization::Allow,
    }))?;
    let start = Instant::now();
    conn.progress_handler(10_000, Some(move || start.elapsed() > timeout))?;
    Ok(Guard {
        timeout,
        loads_extension,
    })
}

/// Pragmas that only read schema information, allowed in `query`.
const READ_PRAGMAS: &[&str] = &[
    "table_info",
    "table_xinfo",
    "table_list",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
    "database_list",
    "collation_list",
    "function_list",
    // FTS5 asks for it on every MATCH to know whether its cache is stale.
    "data_version",
];

/// Pragmas that read a setting when given no value (`PRAGMA user_version`)
/// and change it when given one (`PRAGMA user_version = 5`).
const READ_ONLY_WITHOUT_VALUE: &[&str] = &[
    "user_version",
    "schema_version",
    "application_id",
    "page_count",
    "page_size",
    "freelist_count",
    "encoding",
    "foreign_keys",
    "journal_mode",
    "compile_options",
];

/// Runs one read-only statement with named values bound.
fn run_sql(
    conn: &Connection,
    sql: &str,
    values: &[(String, Value)],
    guard: &Guard,
) -> Result<Rows, SqlError> {
    let mut stmt = conn
        .prepare(sql)
        .map_err(|e| SqlError::of_statement(e, guard.timeout, false))?;
    if !stmt.readonly() {
        return Err(SqlError::WouldWrite);
    }
    let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
    for (name, value) in values {
        // A report may not use every parameter it declares.
        if let Some(index) = stmt.parameter_index(name).map_err(SqlError::Sqlite)? {
            stmt.raw_bind_parameter(index, value)
                .map_err(SqlError::Sqlite)?;
        }
    }
    let mut rows = stmt.raw_query();
    let mut out = Vec::new();
    let loads_extension = guard.loads_extension.load(Ordering::Relaxed);
    while let Some(row) = rows
        .next()
        .map_err(|e| SqlError::of_statement(e, guard.timeout, loads_extension))?
    {
        let mut values = Vec::with_capacity(columns.len());
        for i in 0..columns.len() {
            values.push(row.get::<_, Value>(i).map_err(SqlError::Sqlite)?);
        }
        out.push(values);
    }
    Ok(Rows { columns, rows: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn param_kinds_are_listed_by_name() {
        let kinds = [ParamKind::Text, ParamKind::Integer, ParamKind::Date];
        assert_eq!(kinds.map(ParamKind::as_str), ["text", "integer", "date"]);
    }

    const SAMPLE: &str = "-- title: Positions held at a date\n\
        -- description: Everyone in office\n\
        -- description: on the given day.\n\
        -- param: date | date | 1940-12-27 | The day\n\
        -- param: country | text | null | A country key\n\
        SELECT :date AS d, :country AS c\n";

    #[test]
    fn header_is_read() {
        let report = parse_report("held", SAMPLE, "test").unwrap();
        assert_eq!(report.title, "Positions held at a date");
        assert_eq!(report.description, "Everyone in office on the given day.");
        assert_eq!(report.params.len(), 2);
        assert_eq!(report.params[0].kind, ParamKind::Date);
        assert_eq!(report.params[0].default.as_deref(), Some("1940-12-27"));
        assert_eq!(report.params[1].default, None);
    }

    #[test]
    fn a_report_may_set_its_own_timeout() {
        let r = parse_report("slow", "-- title: Slow\n-- timeout: 120\nSELECT 1", "t").unwrap();
        assert_eq!(r.timeout, Some(120.0));
        assert_eq!(parse_report("x", SAMPLE, "t").unwrap().timeout, None);
        let err = parse_report(
            "bad",
            "-- title: Bad\n-- timeout: soon\nSELECT 1",
            "bad.sql",
        )
        .unwrap_err();
        assert!(err.to_string().contains("bad.sql:2"), "{err}");
    }

    #[test]
    fn a_report_may_declare_its_chart() {
        let r = parse_report(
            "c",
            "-- title: C\n-- chart: bar x=year y=documents\nSELECT 1",
            "t",
        )
        .unwrap();
        assert_eq!(r.chart.map(|c| c.y), Some(vec!["documents".to_string()]));
        let err =
            parse_report("c", "-- title: C\n-- chart: pie x=a y=b\nSELECT 1", "c.sql").unwrap_err();
        assert!(
            err.to_string().contains("c.sql:2") && err.to_string().contains("pie"),
            "{err}"
        );
    }

    #[test]
    fn missing_title_is_an_error_naming_the_file() {
        let err = parse_report("x", "SELECT 1", "reports/x.sql").unwrap_err();
        assert!(err.to_string().contains("reports/x.sql"), "{err}");
    }

    #[test]
    fn bad_param_line_names_file_and_line() {
        let err = parse_report(
            "x",
            "-- title: X\n-- param: date | day | 1 | d\nSELECT 1",
            "x.sql",
        )
        .unwrap_err();
        assert!(format!("{err:#}").contains("x.sql:2"), "{err:#}");
    }

    #[test]
    fn dates_are_checked() {
        let report = parse_report("held", SAMPLE, "test").unwrap();
        let err = bind_values(&report, &[("date".into(), "1940-13-01".into())]).unwrap_err();
        assert!(
            format!("{err:#}").contains("date must be YYYY-MM-DD, got '1940-13-01'"),
            "{err:#}"
        );
        assert!(bind_values(&report, &[("date".into(), "1940-02-29".into())]).is_ok());
        assert!(bind_values(&report, &[("date".into(), "1941-02-29".into())]).is_err());
    }

    #[test]
    fn unknown_parameter_lists_the_real_ones() {
        let report = parse_report("held", SAMPLE, "test").unwrap();
        let err = bind_values(&report, &[("dat".into(), "1940-01-01".into())]).unwrap_err();
        let text = format!("{err:#}");
        assert!(
            text.contains("date=1940-12-27 (date)") && text.contains("country=null (text)"),
            "{text}"
        );
    }

    #[test]
    fn defaults_fill_in_and_null_binds_null() {
        let report = parse_report("held", SAMPLE, "test").unwrap();
        let values = bind_values(&report, &[]).unwrap();
        assert_eq!(
            values[0],
            (":date".to_string(), Value::Text("1940-12-27".into()))
        );
        assert_eq!(values[1], (":country".to_string(), Value::Null));
    }

    #[test]
    fn values_are_bound_not_spliced() {
        let mut conn = Connection::open_in_memory().unwrap();
        let guard = guard(&mut conn, Duration::from_secs(5)).unwrap();
        let report = parse_report("held", SAMPLE, "test").unwrap();
        let values = bind_values(
            &report,
            &[("country".into(), "x'; DROP TABLE t; --".into())],
        )
        .unwrap();
        let rows = run_sql(&conn, &report.sql, &values, &guard).unwrap();
        assert_eq!(rows.rows[0][1], Value::Text("x'; DROP TABLE t; --".into()));
    }

    #[test]
    fn writes_attach_and_pragmas_are_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x)").unwrap();
        let guard = guard(&mut conn, Duration::from_secs(5)).unwrap();
        for sql in [
            "INSERT INTO t VALUES (1)",
            "ATTACH 'other.db' AS o",
            "PRAGMA foreign_keys = OFF",
        ] {
            let err = run_sql(&conn, sql, &[], &guard).unwrap_err();
            assert!(err.to_string().starts_with("refused"), "{sql}: {err}");
        }
        assert!(run_sql(&conn, "PRAGMA user_version = 5", &[], &guard).is_err());
        let info = run_sql(&conn, "PRAGMA table_info(t)", &[], &guard).unwrap();
        assert_eq!(info.rows.len(), 1);
    }

    #[test]
    fn two_statements_are_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        let guard = guard(&mut conn, Duration::from_secs(5)).unwrap();
        let err = run_sql(&conn, "SELECT 1; SELECT 2", &[], &guard).unwrap_err();
        assert!(err.to_string().contains("more than one"), "{err}");
    }

    #[test]
    fn a_runaway_statement_is_stopped() {
        let mut conn = Connection::open_in_memory().unwrap();
        let guard = guard(&mut conn, Duration::from_millis(100)).unwrap();
        let sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n";
        let err = run_sql(&conn, sql, &[], &guard).unwrap_err();
        assert!(err.to_string().contains("--timeout"), "{err}");
    }

    #[test]
    fn every_shipped_report_has_a_valid_header() {
        let reports = load_reports(&[]).unwrap();
        assert!(reports.len() >= 8, "only {} reports", reports.len());
        for report in &reports {
            assert!(
                !report.description.is_empty(),
                "{} has no description",
                report.name
            );
            bind_values(report, &[]).unwrap();
        }
    }
}
