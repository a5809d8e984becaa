//! From a report's rows to what a chart draws: categories along one axis and
//! one or more series of values, exactly the rows' values (no aggregation).

use rusqlite::types::Value;
use thiserror::Error;

use super::spec::{Kind, Spec};
use crate::render::{text, Rows};

/// What a chart draws.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dataset {
    /// Category labels, in the report's row order (years with gaps filled in).
    pub(crate) categories: Vec<String>,
    pub(crate) series: Vec<Series>,
    /// What was left out, for the subtitle (`first 20 of 35 rows`).
    pub(crate) note: Option<String>,
}

/// One colour: a name for the legend and one value per category (`None`
/// where the report has no row for that category).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Series {
    pub(crate) name: String,
    pub(crate) values: Vec<Option<f64>>,
}

impl Dataset {
    /// How many values are drawn: one mark each.
    #[cfg(test)]
    fn marks(&self) -> usize {
        self.series
            .iter()
            .map(|s| s.values.iter().filter(|v| v.is_some()).count())
            .sum()
    }

    /// The largest value, or of the stacked totals when `stacked`.
    pub(crate) fn max(&self, stacked: bool) -> f64 {
        let per_category = (0..self.categories.len()).map(|i| {
            let values = self.series.iter().filter_map(|s| s.values[i]);
            if stacked {
                values.filter(|v| *v > 0.0).sum::<f64>()
            } else {
                values.fold(0.0, f64::max)
            }
        });
        per_category.fold(0.0, f64::max)
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DataError {
    #[error("the chart reads column {column:?}, which the report does not return (its columns: {columns})")]
    NoColumn { column: String, columns: String },
    #[error("the chart's value column {column:?} holds {value:?} in row {row}, not a number")]
    NotANumber {
        column: String,
        value: String,
        row: usize,
    },
}

/// Builds the dataset the spec asks for from the report's rows.
pub(crate) fn dataset(spec: &Spec, rows: &Rows) -> Result<Dataset, DataError> {
    let index = |name: &str| {
        rows.columns
            .iter()
            .position(|c| c == name)
            .ok_or_else(|| DataError::NoColumn {
                column: name.to_string(),
                columns: rows.columns.join(", "),
            })
    };
    for column in spec.columns() {
        index(column)?;
    }
    let x: Vec<usize> = spec.x.iter().map(|c| index(c)).collect::<Result<_, _>>()?;
    let y: Vec<usize> = spec.y.iter().map(|c| index(c)).collect::<Result<_, _>>()?;
    let series_col = spec.series.as_deref().map(index).transpose()?;
    let only = match &spec.only {
        Some((column, wanted)) => Some((index(column)?, wanted.as_str())),
        None => None,
    };
    let joiner = if spec.directed { " → " } else { " & " };

    // (category, series, value) for every drawn value, in row order.
    let mut points: Vec<(String, String, f64)> = Vec::new();
    let mut seen_labels: Vec<String> = Vec::new();
    for (number, row) in rows.rows.iter().enumerate() {
        if let Some((column, wanted)) = only {
            if text(&row[column]) != wanted {
                continue;
            }
        }
        let parts: Vec<String> = x.iter().map(|&i| label(&row[i])).collect();
        let mut label = parts.join(joiner);
        if series_col.is_none() {
            // Without series every row is its own category, even when two rows read alike.
            let repeats = seen_labels.iter().filter(|l| **l == label).count();
            seen_labels.push(label.clone());
            if repeats > 0 {
                label = format!("{label} ({})", repeats + 1);
            }
        }
        for (k, &i) in y.iter().enumerate() {
            let value = number_of(&row[i]).ok_or_else(|| DataError::NotANumber {
                column: spec.y[k].clone(),
                value: text(&row[i]),
                row: number + 1,
            })?;
            let series = match series_col {
                Some(s) => label_or(&row[s], "(none)").replace('_', " "),
                None if y.len() > 1 => spec.y[k].replace('_', " "),
                None => spec.unit(),
            };
            points.push((label.clone(), series, value));
        }
    }

    let mut series_names = unique(points.iter().map(|p| p.1.clone()));
    let mut categories = unique(points.iter().map(|p| p.0.clone()));
    let mut note = None;
    if let Some(top) = spec.top {
        // Lines: the series with the largest totals; bars: the first categories.
        let by_series = spec.series.is_some() && spec.kind == Kind::Line;
        if by_series && series_names.len() > top {
            let total = |name: &String| -> f64 {
                points.iter().filter(|p| &p.1 == name).map(|p| p.2).sum()
            };
            // Stable: ties keep the report's order.
            let mut ranked: Vec<(f64, usize)> = series_names
                .iter()
                .enumerate()
                .map(|(i, n)| (total(n), i))
                .collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let keep: Vec<usize> = ranked.iter().take(top).map(|r| r.1).collect();
            note = Some(format!(
                "the {top} of {} {} with the highest totals",
                series_names.len(),
                plural(spec.series.as_deref().unwrap_or("series")),
            ));
            series_names = (0..series_names.len())
                .filter(|i| keep.contains(i))
                .map(|i| series_names[i].clone())
                .collect();
            points.retain(|p| series_names.contains(&p.1));
            categories = unique(points.iter().map(|p| p.0.clone()));
        } else if !by_series && categories.len() > top {
            let what = if spec.series.is_some() { "" } else { " rows" };
            note = Some(format!("the first {top} of {}{what}", categories.len()));
            categories.truncate(top);
            points.retain(|p| categories.contains(&p.0));
        }
    }
    let categories = fill_years(categories);
    let series = series_names
        .into_iter()
        .map(|name| {
            let mut values = vec![None; categories.len()];
            for (category, s, value) in &points {
                if s == &name {
                    if let Some(i) = categories.iter().position(|c| c == category) {
                        values[i] = Some(*value);
                    }
                }
            }
            Series { name, values }
        })
        .collect();
    Ok(Dataset {
        categories,
        series,
        note,
    })
}

fn plural(word: &str) -> String {
    match word {
        "country" => "countries".to_string(),
        "series" => "series".to_string(),
        w => format!("{w}s"),
    }
}

/// Distinct values in first-seen order.
fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

/// Years with no row still get their place on the axis, so that a gap in
/// the collection shows as a gap, not as two neighbouring bars.
/// Categories that are not all years (`(undated)` aside) are left alone.
fn fill_years(categories: Vec<String>) -> Vec<String> {
    let year = |c: &String| c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit());
    let years: Vec<i32> = categories
        .iter()
        .filter(|c| year(c))
        .filter_map(|c| c.parse().ok())
        .collect();
    let others: Vec<&String> = categories.iter().filter(|c| !year(c)).collect();
    let sorted = years.windows(2).all(|w| w[0] < w[1]);
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return categories;
    };
    if years.len() < 2 || !sorted || others.len() > 1 || last - first > 200 {
        return categories;
    }
    let mut filled: Vec<String> = (*first..=*last).map(|y| y.to_string()).collect();
    filled.extend(others.into_iter().cloned());
    filled
}

fn label(value: &Value) -> String {
    label_or(value, "(none)")
}

fn label_or(value: &Value, empty: &str) -> String {
    match text(value) {
        t if t.is_empty() => empty.to_string(),
        t => t,
    }
}

/// A value as a number: NULL counts as 0 (a count of nothing).
fn number_of(value: &Value) -> Option<f64> {
    match value {
        Value::Null => Some(0.0),
        Value::Integer(i) => Some(*i as f64),
        Value::Real(f) => Some(*f),
        Value::Text(s) => s.trim().parse().ok(),
        Value::Blob(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(columns: &[&str], data: &[&[Value]]) -> Rows {
        Rows {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: data.iter().map(|r| r.to_vec()).collect(),
        }
    }

    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    fn i(n: i64) -> Value {
        Value::Integer(n)
    }

    #[test]
    fn only_keeps_the_wanted_rows_and_years_gaps_are_filled() {
        let spec = Spec::parse("bar x=value y=documents only=dimension:year").unwrap();
        let r = rows(
            &["dimension", "value", "documents"],
            &[
                &[t("kind"), t("note"), i(4)],
                &[t("year"), t("1921"), i(1)],
                &[t("year"), t("1923"), i(2)],
                &[t("year"), t("(undated)"), i(1)],
            ],
        );
        let d = dataset(&spec, &r).unwrap();
        assert_eq!(d.categories, ["1921", "1922", "1923", "(undated)"]);
        assert_eq!(d.series.len(), 1);
        assert_eq!(d.series[0].values, [Some(1.0), None, Some(2.0), Some(1.0)]);
        assert_eq!(d.marks(), 3);
        assert_eq!(d.series[0].name, "documents");
    }

    #[test]
    fn several_y_columns_are_series_and_stack() {
        let spec = Spec::parse("bar x=year y=secret,top_secret stack").unwrap();
        let r = rows(
            &["year", "secret", "top_secret"],
            &[&[t("1939"), i(1), i(2)], &[t("1940"), i(3), Value::Null]],
        );
        let d = dataset(&spec, &r).unwrap();
        assert_eq!(d.series[1].name, "top secret");
        assert_eq!(d.marks(), 4);
        assert_eq!(d.max(true), 3.0);
        assert_eq!(d.max(false), 3.0);
    }

    #[test]
    fn top_keeps_the_largest_series() {
        let spec = Spec::parse("line x=year y=mentions series=country top=1").unwrap();
        let r = rows(
            &["year", "country", "mentions"],
            &[
                &[t("1939"), t("Turkey"), i(1)],
                &[t("1939"), t("Germany"), i(2)],
                &[t("1941"), t("Turkey"), i(5)],
            ],
        );
        let d = dataset(&spec, &r).unwrap();
        assert_eq!(d.series.len(), 1);
        assert_eq!(d.series[0].name, "Turkey");
        assert_eq!(d.categories, ["1939", "1940", "1941"]);
        assert_eq!(
            d.note.as_deref(),
            Some("the 1 of 2 countries with the highest totals")
        );
    }

    #[test]
    fn top_keeps_the_first_rows_and_labels_join() {
        let spec = Spec::parse("hbar x=author,recipient y=documents top=1 directed").unwrap();
        let r = rows(
            &["author", "recipient", "documents"],
            &[&[t("A"), t("B"), i(3)], &[t("C"), t("D"), i(1)]],
        );
        let d = dataset(&spec, &r).unwrap();
        assert_eq!(d.categories, ["A → B"]);
        assert_eq!(d.note.as_deref(), Some("the first 1 of 2 rows"));
    }

    #[test]
    fn bars_with_series_keep_the_first_categories_and_rows_that_read_alike_stay_apart() {
        let spec = Spec::parse("hbar x=author,recipient y=documents series=as_role top=1 directed")
            .unwrap();
        let r = rows(
            &["author", "recipient", "as_role", "documents"],
            &[
                &[t("A"), t("B"), t("recipient"), i(3)],
                &[t("A"), t("B"), t("copy_recipient"), i(2)],
                &[t("C"), t("D"), t("recipient"), i(1)],
            ],
        );
        let d = dataset(&spec, &r).unwrap();
        assert_eq!(d.categories, ["A → B"]);
        assert_eq!(d.series[1].name, "copy recipient");
        assert_eq!(d.marks(), 2);
        let spec = Spec::parse("hbar x=author y=documents").unwrap();
        let d = dataset(&spec, &r).unwrap();
        assert_eq!(d.categories, ["A", "A (2)", "C"]);
        assert_eq!(d.marks(), 3);
    }

    #[test]
    fn a_missing_column_or_a_word_for_a_number_is_named() {
        let spec = Spec::parse("bar x=year y=count").unwrap();
        let r = rows(&["year", "documents"], &[&[t("1939"), i(1)]]);
        let err = dataset(&spec, &r).unwrap_err();
        assert!(
            err.to_string().contains("\"count\"") && err.to_string().contains("year, documents")
        );
        let spec = Spec::parse("bar x=year y=documents").unwrap();
        let r = rows(&["year", "documents"], &[&[t("1939"), t("many")]]);
        assert!(matches!(
            dataset(&spec, &r),
            Err(DataError::NotANumber { row: 1, .. })
        ));
    }
}
