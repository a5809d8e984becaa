//! The `-- chart:` line of a report's header: how the report is drawn.
//!
//! ```sql
//! -- chart: bar x=year y=documents series=kind
//! -- chart: line x=year y=mentions series=country top=8
//! -- chart: hbar x=author,recipient y=documents top=15 directed
//! ```
//!
//! The first word is the kind of chart: `bar` (vertical bars), `hbar`
//! (horizontal bars, for ranked lists with long names) or `line`. Then
//! `key=value` words, in any order:
//!
//! | key | meaning |
//! |---|---|
//! | `x` | the column (or columns, comma-separated, joined into one label) along the category axis |
//! | `y` | the column of values; several comma-separated columns draw one series each |
//! | `series` | a column whose values name the series (one line or bar colour per value) |
//! | `only` | `COLUMN:VALUE`: draw only the rows where COLUMN equals VALUE |
//! | `top` | draw the first N categories (or, with `series`, the N series with the largest totals) |
//! | `unit` | what the values count, for the value axis (default: the `y` column's name) |
//!
//! and the flags `stack` (stack the series of a bar chart) and `directed`
//! (join `x` columns with an arrow, `A → B`, instead of `A & B`).

use thiserror::Error;

/// How a report is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub kind: Kind,
    /// Category columns; more than one are joined into one label.
    pub x: Vec<String>,
    /// Value columns; more than one make one series each.
    pub y: Vec<String>,
    /// A column naming the series of each row (long format).
    pub series: Option<String>,
    /// Keep only rows where the column equals the value.
    pub only: Option<(String, String)>,
    /// At most this many categories (or series, with `series`).
    pub top: Option<usize>,
    /// What the values count, for the value axis.
    pub unit: Option<String>,
    /// Stack the series of a bar chart instead of placing them side by side.
    pub stack: bool,
    /// Join the `x` columns with an arrow (who wrote to whom).
    pub directed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum Kind {
    /// Vertical bars over the categories.
    Bar,
    /// Horizontal bars, one line per category: for ranked lists with long names.
    #[strum(serialize = "hbar")]
    HBar,
    /// Lines with a marker per value.
    Line,
}

/// What is wrong with a `-- chart:` line (the caller adds file and line).
#[derive(Debug, Error, PartialEq, Eq)]
pub enum SpecError {
    #[error("the chart kind must be bar, hbar or line, got {0:?}")]
    Kind(String),
    #[error("unknown chart setting {0:?}; the settings are x=, y=, series=, only=, top=, unit=, stack and directed")]
    Unknown(String),
    #[error("the chart needs {0}=COLUMN")]
    Missing(&'static str),
    #[error("{0} must be {1}, got {2:?}")]
    Value(&'static str, &'static str, String),
    #[error("series= and several y= columns both make series; use one of them")]
    TwoSeries,
}

impl Spec {
    /// Reads the text after `-- chart:`.
    pub(crate) fn parse(text: &str) -> Result<Spec, SpecError> {
        let mut words = text.split_whitespace();
        let word = words.next().unwrap_or("");
        let kind = word
            .parse()
            .map_err(|_| SpecError::Kind(word.to_string()))?;
        let mut spec = Spec {
            kind,
            x: Vec::new(),
            y: Vec::new(),
            series: None,
            only: None,
            top: None,
            unit: None,
            stack: false,
            directed: false,
        };
        for word in words {
            let (key, value) = word.split_once('=').unwrap_or((word, ""));
            match (key, value) {
                ("stack", "") => spec.stack = true,
                ("directed", "") => spec.directed = true,
                ("x", v) => spec.x = columns("x", v)?,
                ("y", v) => spec.y = columns("y", v)?,
                ("series", v) => spec.series = Some(column("series", v)?),
                ("unit", v) if !v.is_empty() => spec.unit = Some(v.replace('_', " ")),
                ("only", v) => {
                    let (column, wanted) = v
                        .split_once(':')
                        .filter(|(c, _)| !c.is_empty())
                        .ok_or_else(|| SpecError::Value("only", "COLUMN:VALUE", v.into()))?;
                    spec.only = Some((column.to_string(), wanted.to_string()));
                }
                ("top", v) => {
                    let n = v.parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(|| {
                        SpecError::Value("top", "a whole number above 0", v.into())
                    })?;
                    spec.top = Some(n);
                }
                _ => return Err(SpecError::Unknown(word.to_string())),
            }
        }
        if spec.x.is_empty() {
            return Err(SpecError::Missing("x"));
        }
        if spec.y.is_empty() {
            return Err(SpecError::Missing("y"));
        }
        if spec.series.is_some() && spec.y.len() > 1 {
            return Err(SpecError::TwoSeries);
        }
        Ok(spec)
    }

    /// Every column the chart reads, to check against the report's columns.
    pub(crate) fn columns(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self.x.iter().chain(&self.y).map(String::as_str).collect();
        all.extend(self.series.as_deref());
        all.extend(self.only.as_ref().map(|(c, _)| c.as_str()));
        all
    }

    /// The value axis's label.
    pub fn unit(&self) -> String {
        self.unit
            .clone()
            .unwrap_or_else(|| self.y.join(", ").replace('_', " "))
    }
}

fn column(key: &'static str, value: &str) -> Result<String, SpecError> {
    if !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(value.to_string())
    } else {
        Err(SpecError::Value(key, "a column name", value.to_string()))
    }
}

fn columns(key: &'static str, value: &str) -> Result<Vec<String>, SpecError> {
    value.split(',').map(|c| column(key, c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_by_name() {
        for (word, kind) in [
            ("bar", Kind::Bar),
            ("hbar", Kind::HBar),
            ("line", Kind::Line),
        ] {
            let spec = Spec::parse(&format!("{word} x=a y=b"));
            assert_eq!(spec.map(|s| s.kind), Ok(kind));
        }
        for word in ["h_bar", "Bar", "pie"] {
            let spec = Spec::parse(&format!("{word} x=a y=b"));
            assert_eq!(spec.map(|s| s.kind), Err(SpecError::Kind(word.to_string())));
        }
    }

    #[test]
    fn a_full_line_is_read() {
        let spec =
            Spec::parse("hbar x=author,recipient y=documents top=15 directed unit=letters_sent")
                .unwrap();
        assert_eq!(spec.kind, Kind::HBar);
        assert_eq!(spec.x, ["author", "recipient"]);
        assert_eq!(spec.y, ["documents"]);
        assert_eq!(spec.top, Some(15));
        assert!(spec.directed && !spec.stack);
        assert_eq!(spec.unit(), "letters sent");
    }

    #[test]
    fn only_and_series_and_stack() {
        let spec =
            Spec::parse("line x=value y=documents only=dimension:year series=kind stack").unwrap();
        assert_eq!(spec.only, Some(("dimension".into(), "year".into())));
        assert_eq!(spec.series.as_deref(), Some("kind"));
        assert!(spec.stack);
        assert_eq!(spec.columns(), ["value", "documents", "kind", "dimension"]);
        assert_eq!(spec.unit(), "documents");
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(
            Spec::parse("pie x=a y=b"),
            Err(SpecError::Kind("pie".into()))
        );
        assert_eq!(Spec::parse("bar y=b"), Err(SpecError::Missing("x")));
        assert_eq!(Spec::parse("bar x=a"), Err(SpecError::Missing("y")));
        assert_eq!(
            Spec::parse("bar x=a y=b colour=red"),
            Err(SpecError::Unknown("colour=red".into()))
        );
        assert!(matches!(
            Spec::parse("bar x=a y=b top=0"),
            Err(SpecError::Value("top", ..))
        ));
        assert!(matches!(
            Spec::parse("bar x=a y=b only=year"),
            Err(SpecError::Value("only", ..))
        ));
        assert!(matches!(
            Spec::parse("bar x=a; y=b"),
            Err(SpecError::Value("x", ..))
        ));
        assert_eq!(
            Spec::parse("bar x=a y=b,c series=d"),
            Err(SpecError::TwoSeries)
        );
    }
}
