//! `--format bars`: a quick look in the terminal, one horizontal bar of
//! Unicode blocks per value, fitted to the width.

use std::fmt::Write;

use super::draw::Figure;

/// Eighths of a block, for the bar's last character.
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// The figure as text at most `width` characters wide.
pub(crate) fn bars(figure: &Figure<'_>, width: usize) -> String {
    let data = figure.data;
    let several = data.series.len() > 1;
    let mut lines: Vec<(String, f64)> = Vec::new();
    for (i, category) in data.categories.iter().enumerate() {
        for series in &data.series {
            // With several series a zero is left out: the bars are for looking, the rows say the rest.
            if let Some(value) = series.values[i].filter(|v| !several || *v != 0.0) {
                let label = if several {
                    format!("{category} · {}", series.name)
                } else {
                    category.clone()
                };
                lines.push((label, value));
            }
        }
    }
    let width = width.max(30);
    let mut out = String::new();
    let _ = writeln!(out, "{}", cut(figure.title, width));
    if let Some(subtitle) = &figure.subtitle {
        let _ = writeln!(out, "{}", cut(subtitle, width));
    }
    let _ = writeln!(out, "{}:", cut(&figure.spec.unit(), width - 1));
    if lines.is_empty() {
        out.push_str("The report returned no rows.\n");
        return out;
    }
    let numbers: Vec<String> = lines.iter().map(|(_, v)| number(*v)).collect();
    let number_width = numbers.iter().map(|n| n.chars().count()).max().unwrap_or(1);
    let label_width = lines
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let bar_width = width.saturating_sub(label_width + number_width + 3).max(1);
    let max = lines.iter().map(|(_, v)| *v).fold(0.0, f64::max);
    for ((label, value), number) in lines.iter().zip(&numbers) {
        let label = cut(label, label_width);
        let pad = label_width - label.chars().count();
        let _ = writeln!(
            out,
            "{label}{:pad$} {} {number:>number_width$}",
            "",
            bar(*value, max, bar_width),
        );
    }
    out
}

/// A bar `value / max` of `width` characters, padded with spaces to `width`.
fn bar(value: f64, max: f64, width: usize) -> String {
    let eighths = if max > 0.0 {
        ((value.max(0.0) / max) * (width * 8) as f64).round() as usize
    } else {
        0
    };
    let mut text = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        text.push(EIGHTHS[eighths % 8]);
    }
    // A value above zero is never an empty bar.
    if text.is_empty() && value > 0.0 {
        text.push('▏');
    }
    let used = text.chars().count();
    text + &" ".repeat(width.saturating_sub(used))
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// At most `width` characters, an ellipsis marking a cut.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{data::Series, Dataset, Spec};

    #[test]
    fn bars_fit_the_width_and_scale_to_the_largest() {
        let spec = Spec::parse("hbar x=country y=mentions").unwrap();
        let data = Dataset {
            categories: vec![
                "United Kingdom of Great Britain and Northern Ireland".into(),
                "Turkey".into(),
            ],
            series: vec![Series {
                name: "mentions".into(),
                values: vec![Some(3.0), Some(12.0)],
            }],
            note: None,
        };
        let figure = Figure {
            spec: &spec,
            data: &data,
            title: "Mentions by country",
            subtitle: None,
        };
        let out = bars(&figure, 60);
        assert!(out.lines().all(|l| l.chars().count() <= 60), "{out}");
        let turkey = out.lines().find(|l| l.starts_with("Turkey")).unwrap();
        let uk = out.lines().find(|l| l.starts_with("United")).unwrap();
        let blocks = |l: &str| l.chars().filter(|c| *c == '█').count();
        assert!(blocks(turkey) > 3 * blocks(uk), "{out}");
        assert!(uk.contains('…') && uk.trim_end().ends_with(" 3"), "{out}");
    }

    #[test]
    fn a_small_value_is_still_visible() {
        assert_eq!(bar(1.0, 1000.0, 10).trim_end(), "▏");
        assert_eq!(bar(0.0, 10.0, 4), "    ");
        assert_eq!(bar(10.0, 10.0, 4), "████");
    }
}
