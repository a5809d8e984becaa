//! Lays out rows as a text table for a person to read in a terminal of a
//! given width: columns sized by their content, text wrapped only at spaces,
//! so a date, a number, an id or a file name is never cut in two. A header
//! too wide for its column is shortened with `…` rather than broken. When
//! the frame leaves too little room for the longest word of every column,
//! the columns stand two spaces apart without it; when even that does not
//! fit, each row is printed as a record (`column │ value` lines), as
//! `psql -x` does.

use unicode_width::UnicodeWidthStr;

/// Where the width of a table comes from when `--max-width` is not given:
/// `COLUMNS` (honoured when output is piped), then the terminal, then this.
const DEFAULT_WIDTH: usize = 160;

/// The width to lay tables out in: `max_width`, else `COLUMNS`, else the
/// terminal's width, else [`DEFAULT_WIDTH`].
pub(crate) fn target_width(max_width: Option<u16>) -> usize {
    if let Some(width) = max_width {
        return usize::from(width);
    }
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0)
    {
        return columns;
    }
    comfy_table::Table::new()
        .width()
        .map(usize::from)
        .unwrap_or(DEFAULT_WIDTH)
}

/// The display width of `text` in terminal columns.
pub(crate) fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` wrapped to `limit` columns at spaces only; a line break in the
/// text is kept. A word wider than `limit` stands alone on its line, whole.
pub(crate) fn wrap(text: &str, limit: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && width(&line) + 1 + width(word) > limit {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// A text of labelled lines (`heading:         ...`, `  author          ...`)
/// wrapped to `limit` at spaces, each continuation indented to where its
/// line's value starts, so a label column stays clear.
pub(crate) fn wrap_labelled(text: &str, limit: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    // Labels head the text; after its first blank line comes running text
    // (a document's body), where `Saracoglu said: ...` is no label.
    let mut labelled = true;
    for line in text.lines() {
        if line.trim().is_empty() {
            labelled = false;
        }
        if width(line) <= limit {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let indent = if labelled {
            value_start(line)
        } else {
            line.len() - line.trim_start_matches(' ').len()
        };
        let (head, value) = line.split_at(indent);
        let room = limit.saturating_sub(width(head)).max(20);
        for (i, part) in wrap(value, room).iter().enumerate() {
            if i == 0 {
                out.push_str(head);
            } else {
                out.push_str(&" ".repeat(width(head)));
            }
            out.push_str(part);
            out.push('\n');
        }
    }
    out
}

/// Where the value of a labelled line starts: after `label:` and its
/// padding, or after an indented label padded with two or more spaces
/// (`  author          Name`); the indentation of any other line.
fn value_start(line: &str) -> usize {
    let bytes = line.as_bytes();
    let spaces_from = |i: usize| bytes[i..].iter().take_while(|b| **b == b' ').count();
    let lead = spaces_from(0);
    // A label: letters, digits, `_` and single spaces.
    let mut end = lead;
    while end < bytes.len()
        && (bytes[end].is_ascii_alphanumeric()
            || bytes[end] == b'_'
            || (bytes[end] == b' ' && bytes.get(end + 1).is_some_and(|b| *b != b' ')))
    {
        end += 1;
    }
    if end > lead && bytes.get(end) == Some(&b':') {
        end + 1 + spaces_from(end + 1)
    } else if end > lead && lead > 0 && spaces_from(end) >= 2 {
        end + spaces_from(end)
    } else {
        lead
    }
}

/// `rows` (cells as text) under `columns`, at most `limit` columns wide
/// where the words allow it.
pub(crate) fn layout(columns: &[String], rows: &[Vec<String>], limit: usize) -> String {
    let n = columns.len();
    if n == 0 {
        return String::new();
    }
    let overhead = 3 * n + 1; // "│ " + " ┆ " between columns + " │"
    let mut longest_word = vec![1usize; n];
    let mut natural = vec![1usize; n];
    for row in rows {
        for (c, cell) in row.iter().enumerate().take(n) {
            for word in cell.split_whitespace() {
                longest_word[c] = longest_word[c].max(width(word));
            }
            for line in cell.split('\n') {
                natural[c] = natural[c].max(width(line.trim()));
            }
        }
    }
    // A header fits whole when there is room; it is shortened, not broken, when there is not.
    let header_floor: Vec<usize> = columns.iter().map(|h| width(h).min(4)).collect();
    let min: Vec<usize> = (0..n)
        .map(|c| longest_word[c].max(header_floor[c]))
        .collect();
    let wanted: Vec<usize> = (0..n).map(|c| natural[c].max(width(&columns[c]))).collect();
    let floor: usize = min.iter().sum();
    let budget = limit.saturating_sub(overhead);
    if floor <= budget {
        return grid(columns, rows, &share(&min, &wanted, budget));
    }
    // Without the frame, columns two spaces apart.
    let budget = limit.saturating_sub(2 * (n - 1));
    if floor <= budget {
        return plain(columns, rows, &share(&min, &wanted, budget));
    }
    records(columns, rows, limit)
}

/// Column widths between `min` and `wanted` adding up to at most `budget`
/// (which is at least the sum of `min`): every column starts at its
/// minimum; those that lack little get all they want, the others share
/// what is left in proportion to what they lack.
fn share(min: &[usize], wanted: &[usize], budget: usize) -> Vec<usize> {
    if wanted.iter().sum::<usize>() <= budget {
        return wanted.to_vec();
    }
    let mut widths = min.to_vec();
    let mut spare = budget.saturating_sub(min.iter().sum());
    let lack = |c: usize| wanted[c].saturating_sub(min[c]);
    let mut order: Vec<usize> = (0..min.len()).collect();
    order.sort_by_key(|&c| lack(c));
    let mut open = order.len();
    let mut rest = Vec::new();
    for c in order {
        if rest.is_empty() && lack(c) <= spare / open {
            widths[c] = wanted[c];
            spare -= lack(c);
            open -= 1;
        } else {
            rest.push(c);
        }
    }
    let total: usize = rest.iter().map(|&c| lack(c)).sum();
    for &c in &rest {
        widths[c] += (spare * lack(c)).checked_div(total).unwrap_or(0);
    }
    // What rounding left over completes the columns closest to their width.
    let mut left = budget.saturating_sub(widths.iter().sum());
    rest.sort_by_key(|&c| wanted[c].saturating_sub(widths[c]));
    for c in rest {
        let more = wanted[c].saturating_sub(widths[c]).min(left);
        widths[c] += more;
        left -= more;
    }
    widths
}

/// A header as it fits in `limit` columns: whole, wrapped at its spaces,
/// or shortened with `…`.
fn header_lines(header: &str, limit: usize) -> Vec<String> {
    if width(header) <= limit {
        return vec![header.to_string()];
    }
    if header.split_whitespace().all(|w| width(w) <= limit) {
        return wrap(header, limit);
    }
    let mut short = String::new();
    for ch in header.chars() {
        if width(&short) + width(ch.encode_utf8(&mut [0; 4])) + 1 > limit {
            break;
        }
        short.push(ch);
    }
    short.push('…');
    vec![short]
}

fn pad(text: &str, limit: usize) -> String {
    format!("{text}{}", " ".repeat(limit.saturating_sub(width(text))))
}

fn rule(widths: &[usize], left: &str, fill: &str, middle: &str, right: &str) -> String {
    let parts: Vec<String> = widths.iter().map(|w| fill.repeat(w + 2)).collect();
    format!("{left}{}{right}\n", parts.join(middle))
}

/// The lines of one row of cells (each cell its lines), each line the
/// cells' lines padded to their column's width, blank where a cell has
/// fewer lines than the row.
fn lines(cells: &[Vec<String>], widths: &[usize]) -> Vec<Vec<String>> {
    let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    (0..height)
        .map(|i| {
            cells
                .iter()
                .zip(widths)
                .map(|(lines, w)| pad(lines.get(i).map(String::as_str).unwrap_or(""), *w))
                .collect()
        })
        .collect()
}

/// The headers as cells, each fitted to its column's width.
fn header_cells(columns: &[String], widths: &[usize]) -> Vec<Vec<String>> {
    columns
        .iter()
        .zip(widths)
        .map(|(h, w)| header_lines(h, *w))
        .collect()
}

/// A row's values as cells, each wrapped to its column's width.
fn row_cells(row: &[String], widths: &[usize]) -> Vec<Vec<String>> {
    widths
        .iter()
        .enumerate()
        .map(|(c, w)| wrap(row.get(c).map(String::as_str).unwrap_or(""), *w))
        .collect()
}

fn block(cells: &[Vec<String>], widths: &[usize], out: &mut String) {
    for parts in lines(cells, widths) {
        out.push_str(&format!("│ {} │\n", parts.join(" ┆ ")));
    }
}

fn grid(columns: &[String], rows: &[Vec<String>], widths: &[usize]) -> String {
    let mut out = rule(widths, "┌", "─", "┬", "┐");
    block(&header_cells(columns, widths), widths, &mut out);
    out.push_str(&rule(widths, "╞", "═", "╪", "╡"));
    for row in rows {
        block(&row_cells(row, widths), widths, &mut out);
    }
    out.push_str(&rule(widths, "└", "─", "┴", "┘"));
    out
}

/// The grid without its frame, for a width the frame does not fit in:
/// columns two spaces apart under a rule; a blank line between rows when a
/// row takes more than one line.
fn plain(columns: &[String], rows: &[Vec<String>], widths: &[usize]) -> String {
    let mut out = String::new();
    let emit = |cells: &[Vec<String>], out: &mut String| {
        for parts in lines(cells, widths) {
            out.push_str(parts.join("  ").trim_end());
            out.push('\n');
        }
    };
    emit(&header_cells(columns, widths), &mut out);
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    out.push_str(&rule.join("  "));
    out.push('\n');
    let cells: Vec<Vec<Vec<String>>> = rows.iter().map(|row| row_cells(row, widths)).collect();
    let tall = cells
        .iter()
        .any(|row| row.iter().any(|lines| lines.len() > 1));
    for (i, row) in cells.iter().enumerate() {
        if tall && i > 0 {
            out.push('\n');
        }
        emit(row, &mut out);
    }
    out
}

/// Each row as a record: a `─[ N ]─` line, then `column │ value` lines with
/// the values wrapped at spaces.
fn records(columns: &[String], rows: &[Vec<String>], limit: usize) -> String {
    let label = columns.iter().map(|c| width(c)).max().unwrap_or(0);
    let value_width = limit.saturating_sub(label + 3).max(1);
    let mut out = String::new();
    if rows.is_empty() {
        out.push_str(&format!("({})\n", columns.join(", ")));
    }
    for (index, row) in rows.iter().enumerate() {
        let title = format!("─[ {} ]", index + 1);
        out.push_str(&title);
        out.push_str(&"─".repeat(limit.saturating_sub(width(&title))));
        out.push('\n');
        for (c, column) in columns.iter().enumerate() {
            let value = row.get(c).map(String::as_str).unwrap_or("");
            for (i, line) in wrap(value, value_width).iter().enumerate() {
                let name = if i == 0 { column.as_str() } else { "" };
                out.push_str(format!("{} │ {line}", pad(name, label)).trim_end());
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn labelled_lines_wrap_under_their_value() {
        let text = "heading:         Telegram of the plenipotentiary representative of the USSR\n  author          Alexei Terentyev [person:terentyev], plenipotentiary representative\nplain body text that is long enough to wrap somewhere\n\nSaracoglu said: the government will sign the declaration soon\n";
        let out = wrap_labelled(text, 40);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "heading:         Telegram of the");
        assert_eq!(lines[1], "                 plenipotentiary");
        assert!(
            lines.contains(&"  author          Alexei Terentyev"),
            "{out}"
        );
        assert!(
            lines.contains(&"                  [person:terentyev],"),
            "{out}"
        );
        assert!(
            out.lines()
                .any(|l| l.starts_with("plain body text that is long")),
            "{out}"
        );
        // In the body, after the blank line, `said:` is no label.
        assert!(lines.contains(&"the declaration soon"), "{out}");
        assert!(out.lines().all(|l| width(l) <= 40), "{out}");
    }

    #[test]
    fn wrap_breaks_only_at_spaces() {
        assert_eq!(
            wrap("Telegram of the NKID 103_ankara_1939.txt", 10),
            vec!["Telegram", "of the", "NKID", "103_ankara_1939.txt"]
        );
        assert_eq!(wrap("a\nb c", 10), vec!["a", "b c"]);
    }

    #[test]
    fn columns_are_sized_by_content_not_equally() {
        let rows = vec![vec![
            "1".to_string(),
            "1921-04-06".to_string(),
            "Letter of the peopleʹs commissar for foreign affairs of the RSFSR".to_string(),
        ]];
        let out = layout(&cols(&["id", "date", "heading"]), &rows, 50);
        assert!(out.contains("│ id ┆ date       ┆"), "{out}");
        assert!(out.contains("1921-04-06"), "{out}");
        assert!(out.lines().all(|l| width(l) <= 50), "{out}");
    }

    #[test]
    fn a_long_header_is_shortened_not_broken() {
        let rows = vec![vec!["5".to_string(), "x".repeat(68)]];
        let out = layout(&cols(&["document_id", "note"]), &rows, 80);
        assert!(out.contains("docu…"), "{out}");
        assert!(!out.contains("document_id"), "{out}");
    }

    #[test]
    fn without_room_for_the_frame_columns_stand_apart() {
        let rows = vec![vec![
            "1921-04-06".to_string(),
            "top_secret_special_folder".to_string(),
        ]];
        let out = layout(&cols(&["date", "classification"]), &rows, 40);
        assert_eq!(
            out,
            "date        classification\n──────────  ──────────────────────────\n1921-04-06  top_secret_special_folder\n"
                .replace("──────────────────────────", &"─".repeat(25))
        );
    }

    #[test]
    fn words_too_wide_for_a_grid_give_records() {
        let rows = vec![vec![
            "103_ankara_1939.txt".to_string(),
            "classification".to_string(),
        ]];
        let out = layout(&cols(&["file", "what"]), &rows, 20);
        assert!(out.starts_with("─[ 1 ]"), "{out}");
        assert!(out.contains("file │ 103_ankara_1939.txt"), "{out}");
    }
}
