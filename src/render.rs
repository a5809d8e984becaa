//! One function that turns rows into table / csv / tsv / json / jsonl /
//! markdown, shared by every command that prints rows.

use std::io::Write;

use anyhow::Result;
use rusqlite::types::Value;

/// Rows as a statement returned them, column names first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table fitted to the terminal width.
    Table,
    /// Comma-separated, with a header row.
    Csv,
    /// Tab-separated, with a header row.
    Tsv,
    /// A JSON array of objects keyed by column name.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// A GitHub-flavoured Markdown table.
    Markdown,
    /// The report's chart as SVG (reports with a `-- chart:` line).
    Svg,
    /// The report's chart as an 800x500 PNG (reports with a `-- chart:` line).
    Png,
    /// The report's chart as horizontal bars of Unicode blocks in the terminal.
    Bars,
}

impl Format {
    /// Whether this format draws a report's chart rather than printing rows.
    pub(crate) fn is_chart(self) -> bool {
        matches!(self, Format::Svg | Format::Png | Format::Bars)
    }
}

/// The formats that print rows, for error messages.
pub(crate) const ROW_FORMATS: &str = "table, csv, tsv, json, jsonl, markdown";

/// Writes `rows` to `out` in `format`. `max_width` bounds the table format
/// (wrapping long text); `None` fits the terminal when there is one.
pub(crate) fn render(
    rows: &Rows,
    format: Format,
    max_width: Option<u16>,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        Format::Table => write_table(rows, max_width, out),
        Format::Csv => write_delimited(rows, b',', out),
        Format::Tsv => write_delimited(rows, b'\t', out),
        Format::Json => write_json(rows, out),
        Format::Jsonl => write_jsonl(rows, out),
        Format::Markdown => write_markdown(rows, out),
        Format::Svg | Format::Png | Format::Bars => anyhow::bail!(
            "--format svg, png and bars draw a stored report that declares a chart; here use one of {ROW_FORMATS}"
        ),
    }
}

/// A value as a table, CSV or chart label shows it.
pub(crate) fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(s) => s.clone(),
        Value::Blob(b) => format!("<{} bytes>", b.len()),
    }
}

fn json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => (*i).into(),
        Value::Real(f) => serde_json::Number::from_f64(*f)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
        Value::Text(s) => s.clone().into(),
        Value::Blob(b) => format!("<{} bytes>", b.len()).into(),
    }
}

fn object(columns: &[String], row: &[Value]) -> serde_json::Map<String, serde_json::Value> {
    columns.iter().cloned().zip(row.iter().map(json)).collect()
}

fn write_table(rows: &Rows, max_width: Option<u16>, out: &mut dyn Write) -> Result<()> {
    let cells: Vec<Vec<String>> = rows
        .rows
        .iter()
        .map(|row| row.iter().map(text).collect())
        .collect();
    let width = crate::table::target_width(max_width);
    write!(
        out,
        "{}",
        crate::table::layout(&rows.columns, &cells, width)
    )?;
    writeln!(
        out,
        "({} row{})",
        rows.rows.len(),
        if rows.rows.len() == 1 { "" } else { "s" }
    )?;
    Ok(())
}

/// csv and serde_json wrap the writer's io::Error in their own types, which
/// hides a closed pipe from main's check (`| head` must exit 0 quietly).
/// serde_json's `From` gives the io::Error back; csv's wraps it again, so
/// it is unwrapped here.
fn io_error(err: csv::Error) -> std::io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

fn write_delimited(rows: &Rows, delimiter: u8, out: &mut dyn Write) -> Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out);
    writer.write_record(&rows.columns).map_err(io_error)?;
    for row in &rows.rows {
        writer
            .write_record(row.iter().map(text))
            .map_err(io_error)?;
    }
    writer.flush()?;
    Ok(())
}

fn write_json(rows: &Rows, out: &mut dyn Write) -> Result<()> {
    let array: Vec<serde_json::Value> = rows
        .rows
        .iter()
        .map(|row| serde_json::Value::Object(object(&rows.columns, row)))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &array).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

fn write_jsonl(rows: &Rows, out: &mut dyn Write) -> Result<()> {
    for row in &rows.rows {
        serde_json::to_writer(&mut *out, &object(&rows.columns, row))
            .map_err(std::io::Error::from)?;
        writeln!(out)?;
    }
    Ok(())
}

fn markdown_cell(value: &Value) -> String {
    text(value).replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn write_markdown(rows: &Rows, out: &mut dyn Write) -> Result<()> {
    let header: Vec<String> = rows.columns.iter().map(|c| c.replace('|', "\\|")).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    writeln!(out, "|{}", " --- |".repeat(rows.columns.len()))?;
    for row in &rows.rows {
        let cells: Vec<String> = row.iter().map(markdown_cell).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// Shows the words a search marked `**like this**` in `column` in the
/// terminal's bold, for a table printed to a terminal; elsewhere (a pipe, a
/// file, another format) the plain markers stay.
pub(crate) fn bold_marked(rows: &mut Rows, column: &str) {
    let Some(index) = rows.columns.iter().position(|c| c == column) else {
        return;
    };
    for row in &mut rows.rows {
        if let Some(Value::Text(text)) = row.get_mut(index) {
            *text = bold(text);
        }
    }
}

/// `a **b** c` as `a \x1b[1mb\x1b[22m c`; an unpaired marker stays as it is.
fn bold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("**") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("**") else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str("\x1b[1m");
        out.push_str(&after[..end]);
        out.push_str("\x1b[22m");
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn marked_words_become_bold_and_unpaired_markers_stay() {
        assert_eq!(
            super::bold("…the **Straits** and **Germany**… **odd"),
            "…the \x1b[1mStraits\x1b[22m and \x1b[1mGermany\x1b[22m… **odd"
        );
        let mut rows = super::Rows {
            columns: vec!["id".into(), "snippet".into()],
            rows: vec![vec![1.into(), "a **b**".to_string().into()]],
        };
        super::bold_marked(&mut rows, "snippet");
        assert_eq!(rows.rows[0][1], "a \x1b[1mb\x1b[22m".to_string().into());
    }

    use super::*;

    fn sample() -> Rows {
        Rows {
            columns: vec!["name".into(), "count".into(), "note".into()],
            rows: vec![
                vec![Value::Text("Turkey".into()), Value::Integer(3), Value::Null],
                vec![
                    Value::Text("a, \"quoted\" | pipe".into()),
                    Value::Integer(1),
                    Value::Real(0.5),
                ],
            ],
        }
    }

    fn rendered(format: Format) -> String {
        let mut out = Vec::new();
        render(&sample(), format, Some(80), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_quotes_fields_and_has_a_header() {
        assert_eq!(
            rendered(Format::Csv),
            "name,count,note\nTurkey,3,\n\"a, \"\"quoted\"\" | pipe\",1,0.5\n"
        );
    }

    #[test]
    fn tsv_uses_tabs() {
        assert!(rendered(Format::Tsv).starts_with("name\tcount\tnote\nTurkey\t3\t\n"));
    }

    #[test]
    fn json_is_an_array_of_objects_with_typed_values() {
        let parsed: serde_json::Value = serde_json::from_str(&rendered(Format::Json)).unwrap();
        assert_eq!(parsed[0]["name"], "Turkey");
        assert_eq!(parsed[0]["count"], 3);
        assert!(parsed[0]["note"].is_null());
        assert_eq!(parsed[1]["note"], 0.5);
    }

    #[test]
    fn jsonl_is_one_object_per_line() {
        let out = rendered(Format::Jsonl);
        assert_eq!(out.lines().count(), 2);
        assert_eq!(
            out.lines().next().unwrap(),
            r#"{"name":"Turkey","count":3,"note":null}"#
        );
    }

    #[test]
    fn markdown_escapes_pipes() {
        let out = rendered(Format::Markdown);
        assert!(
            out.starts_with("| name | count | note |\n| --- | --- | --- |\n"),
            "{out}"
        );
        assert!(out.contains(r#"a, "quoted" \| pipe"#), "{out}");
    }

    #[test]
    fn table_respects_max_width_and_counts_rows() {
        let out = rendered(Format::Table);
        assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
        assert!(out.trim_end().ends_with("(2 rows)"));
    }
}
