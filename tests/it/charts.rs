//! `archdb report NAME --format svg|png|bars`: every chart of every shipped
//! report, drawn from the reports' test corpus, shows one mark per value the
//! report returns; PNGs have the promised size and are not blank.

use crate::common;

use std::collections::HashSet;

use archdb::chart::spec::{Kind, Spec};
use common::TestEnv;
use quick_xml::events::Event;
use serde_json::Value;

/// The shipped reports that declare a chart.
fn charted() -> Vec<(String, String, Spec)> {
    archdb::report::load_reports(&[])
        .unwrap()
        .into_iter()
        .filter_map(|r| r.chart.map(|c| (r.name, r.title, c)))
        .collect()
}

fn rows(env: &TestEnv, name: &str, params: &[&str]) -> Vec<Value> {
    let mut args = vec!["report", name, "--format", "json"];
    for p in params {
        args.extend(["-p", p]);
    }
    serde_json::from_str::<Value>(&env.ok(&args))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn cell(row: &Value, column: &str) -> String {
    match &row[column] {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// How many values the chart must draw, counted from the report's JSON rows
/// by the rules of the `-- chart:` line (only, top, series), not by the
/// chart module; and how many series (legend entries) there are.
fn expected_marks(spec: &Spec, rows: &[Value]) -> (usize, usize) {
    let rows: Vec<&Value> = rows
        .iter()
        .filter(|r| spec.only.as_ref().is_none_or(|(c, v)| &cell(r, c) == v))
        .collect();
    let category = |r: &Value| {
        spec.x
            .iter()
            .map(|c| cell(r, c))
            .collect::<Vec<_>>()
            .join("\u{1}")
    };
    match &spec.series {
        None => {
            let shown = spec.top.map_or(rows.len(), |t| t.min(rows.len()));
            (shown * spec.y.len(), spec.y.len())
        }
        Some(series) => {
            let mut names: Vec<String> = Vec::new();
            for r in &rows {
                if !names.contains(&cell(r, series)) {
                    names.push(cell(r, series));
                }
            }
            let top = spec.top.unwrap_or(usize::MAX);
            if spec.kind == Kind::Line {
                let total = |n: &String| -> f64 {
                    rows.iter()
                        .filter(|r| &cell(r, series) == n)
                        .map(|r| r[&spec.y[0]].as_f64().unwrap_or(0.0))
                        .sum()
                };
                let mut ranked: Vec<(usize, f64)> = names.iter().map(total).enumerate().collect();
                ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                let kept: HashSet<String> = ranked
                    .iter()
                    .take(top)
                    .map(|(i, _)| names[*i].clone())
                    .collect();
                let marks = rows
                    .iter()
                    .filter(|r| kept.contains(&cell(r, series)))
                    .count();
                (marks, kept.len())
            } else {
                let mut categories: Vec<String> = Vec::new();
                for r in &rows {
                    if !categories.contains(&category(r)) {
                        categories.push(category(r));
                    }
                }
                categories.truncate(top);
                let kept: Vec<&&Value> = rows
                    .iter()
                    .filter(|r| categories.contains(&category(r)))
                    .collect();
                let series_shown: HashSet<String> = kept.iter().map(|r| cell(r, series)).collect();
                (kept.len(), series_shown.len())
            }
        }
    }
}

/// Counts the SVG's filled rectangles and circles in the chart palette, and
/// collects its text, parsing it as XML (a parse error fails the test).
fn svg_marks(svg: &str) -> (usize, usize, String) {
    let palette = archdb::chart::draw::palette_hex();
    let mut reader = quick_xml::Reader::from_str(svg);
    let (mut rects, mut circles, mut text) = (0, 0, String::new());
    let mut saw_svg = false;
    loop {
        match reader.read_event().expect("the SVG is well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_vec();
                saw_svg |= name == b"svg";
                let fill = e
                    .try_get_attribute("fill")
                    .unwrap()
                    .map(|a| a.unescape_value().unwrap().to_uppercase());
                let in_palette = fill.is_some_and(|f| palette.contains(&f));
                match name.as_slice() {
                    b"rect" if in_palette => rects += 1,
                    b"circle" if in_palette => circles += 1,
                    _ => {}
                }
            }
            Event::Text(t) => {
                text.push_str(&t.unescape().unwrap());
                text.push('\n');
            }
            _ => {}
        }
    }
    assert!(saw_svg, "no <svg> element");
    (rects, circles, text)
}

fn check_svg(env: &TestEnv, name: &str, title: &str, spec: &Spec, params: &[&str]) {
    let rows = rows(env, name, params);
    let (marks, series) = expected_marks(spec, &rows);
    let mut args = vec!["report", name, "--format", "svg"];
    for p in params {
        args.extend(["-p", p]);
    }
    let svg = env.ok(&args);
    let (rects, circles, text) = svg_marks(&svg);
    let legend = if series > 1 { series } else { 0 };
    match spec.kind {
        Kind::Line => {
            assert_eq!(circles, marks, "{name} {params:?}: one marker per value");
            assert_eq!(
                rects, legend,
                "{name} {params:?}: one legend swatch per series"
            );
        }
        _ => assert_eq!(
            rects,
            marks + legend,
            "{name} {params:?}: one bar per value, one swatch per series"
        ),
    }
    assert!(
        marks > 0 || text.contains("no rows"),
        "{name}: nothing drawn and no word why"
    );
    assert!(
        text.contains(title),
        "{name}: the title {title:?} is missing:\n{text}"
    );
    assert!(
        marks == 0 || text.contains(&spec.unit()),
        "{name}: the value axis is not labelled {:?}",
        spec.unit()
    );
    for p in params {
        assert!(
            text.contains(p),
            "{name}: the subtitle does not name {p}:\n{text}"
        );
    }
}

#[test]
fn every_chart_has_one_mark_per_value() {
    let env = TestEnv::seeded_with_report_fixtures();
    let charts = charted();
    for name in [
        "overview",
        "classification_by_year",
        "country_by_year",
        "mentions_by_country",
        "mentions_by_person",
        "correspondence",
        "co_mentions",
    ] {
        assert!(
            charts.iter().any(|c| c.0 == name),
            "{name} declares no chart"
        );
    }
    for (name, title, spec) in &charts {
        check_svg(&env, name, title, spec, &[]);
    }
    // With parameters: fewer rows, and the subtitle names them.
    let with = |name: &str| charts.iter().find(|c| c.0 == name).unwrap();
    let (n, t, s) = with("mentions_by_country");
    check_svg(&env, n, t, s, &["from=1939-01-01"]);
    let (n, t, s) = with("country_by_year");
    check_svg(&env, n, t, s, &["country=germany"]);
    let (n, t, s) = with("classification_by_year");
    check_svg(&env, n, t, s, &["kind=telegram"]);
    let (n, t, s) = with("correspondence");
    check_svg(&env, n, t, s, &["party=vinogradov"]);
    // No rows at all: the chart says so instead of failing.
    let (n, t, s) = with("co_mentions");
    check_svg(&env, n, t, s, &["from=1800-01-01", "to=1800-12-31"]);
}

#[test]
fn every_png_has_the_size_and_is_not_blank() {
    let env = TestEnv::seeded_with_report_fixtures();
    let palette: Vec<[u8; 3]> = archdb::chart::draw::palette_hex()
        .iter()
        .map(|h| {
            let v = u32::from_str_radix(&h[1..], 16).unwrap();
            [(v >> 16) as u8, (v >> 8) as u8, v as u8]
        })
        .collect();
    for (name, _, _) in charted() {
        let file = env.path(&format!("{name}.png"));
        env.ok(&[
            "report",
            &name,
            "--format",
            "png",
            "--output",
            file.to_str().unwrap(),
        ]);
        let decoder =
            png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&file).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut pixels).unwrap();
        assert_eq!((info.width, info.height), (800, 500), "{name}");
        assert_eq!(info.color_type, png::ColorType::Rgb, "{name}");
        let pixels: Vec<[u8; 3]> = pixels[..info.buffer_size()]
            .chunks(3)
            .map(|p| [p[0], p[1], p[2]])
            .collect();
        let inked = pixels.iter().filter(|p| **p != [255, 255, 255]).count();
        let coloured = pixels.iter().filter(|p| palette.contains(p)).count();
        // Text and axes alone ink about 1%; the marks add their own colour.
        assert!(
            inked * 100 > pixels.len(),
            "{name}: {inked} of {} pixels inked",
            pixels.len()
        );
        assert!(
            coloured > 200,
            "{name}: only {coloured} pixels in the palette"
        );
        let dark = pixels.iter().filter(|p| p.iter().all(|c| *c < 80)).count();
        assert!(dark > 500, "{name}: hardly any text ({dark} dark pixels)");
    }
}

#[test]
fn bars_fit_the_width_with_one_line_per_value() {
    let env = TestEnv::seeded_with_report_fixtures();
    let out = env.ok(&[
        "report",
        "mentions_by_person",
        "--format",
        "bars",
        "--max-width",
        "60",
    ]);
    assert!(out.lines().all(|l| l.chars().count() <= 60), "{out}");
    let rows = rows(&env, "mentions_by_person", &[]);
    let bars: Vec<&str> = out
        .lines()
        .filter(|l| l.contains('█') || l.contains('▏'))
        .collect();
    assert_eq!(bars.len(), rows.len().min(20), "{out}");
    let first = cell(&rows[0], "person");
    assert!(bars[0].starts_with(&first), "{out}");
    assert!(
        bars[0].trim_end().ends_with(&cell(&rows[0], "mentions")),
        "{out}"
    );
    // The longest bar is the largest value.
    let blocks = |l: &str| l.chars().filter(|c| *c == '█').count();
    assert!(bars.iter().all(|b| blocks(b) <= blocks(bars[0])), "{out}");
}

#[test]
fn a_report_without_a_chart_says_which_formats_it_has() {
    let env = TestEnv::seeded_with_report_fixtures();
    for format in ["svg", "png", "bars"] {
        let err = env.fails(&["report", "documents", "--format", format, "-o", "x"], 2);
        assert!(
            err.contains("report documents declares no chart")
                && err.contains("table, csv, tsv, json, jsonl, markdown")
                && err.contains("overview"),
            "{err}"
        );
    }
    let err = env.fails(&["query", "select 1", "--format", "svg"], 2);
    assert!(err.contains("stored report that declares a chart"), "{err}");
}

#[test]
fn a_broken_chart_line_names_the_file_and_line() {
    let env = TestEnv::seeded_with_report_fixtures();
    let dir = env.reports(
        "mine",
        &[(
            "mine.sql",
            "-- title: Mine\n-- description: d\n-- chart: pie x=a y=b\nSELECT 1 AS a, 2 AS b",
        )],
    );
    let err = env.fails(&["report", "--reports", &dir], 1);
    assert!(
        err.contains("mine.sql:3") && err.contains("bar, hbar or line"),
        "{err}"
    );
    // A chart naming a column the report does not return.
    env.reports(
        "mine",
        &[(
            "mine.sql",
            "-- title: Mine\n-- description: d\n-- chart: bar x=a y=c\nSELECT 1 AS a, 2 AS b",
        )],
    );
    let err = env.fails(&["report", "mine", "--reports", &dir, "--format", "svg"], 1);
    assert!(err.contains("\"c\"") && err.contains("a, b"), "{err}");
}

/// The README's gallery is what docs/gallery.sh makes today: the charts
/// (drawn with the font in the binary, so the same bytes on any machine) and
/// the network. Graphviz's picture of the network is left out: it depends
/// on the Graphviz version.
#[test]
fn the_gallery_is_current() {
    let env = TestEnv::seeded_with_report_fixtures();
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let cases: [(&str, Vec<&str>); 3] = [
        (
            "mentions_by_country.png",
            vec!["report", "mentions_by_country", "--format", "png"],
        ),
        (
            "classification_by_year.png",
            vec!["report", "classification_by_year", "--format", "png"],
        ),
        (
            "correspondence.gexf",
            vec!["network", "correspondence", "--format", "gexf"],
        ),
    ];
    for (file, mut args) in cases {
        let made = env.path(file);
        args.extend(["--output", made.to_str().unwrap()]);
        env.ok(&args);
        let committed = std::fs::read(docs.join(file)).unwrap();
        assert!(
            std::fs::read(&made).unwrap() == committed,
            "docs/{file} is not what `archdb {}` makes today; run docs/gallery.sh and commit the result",
            args.join(" ")
        );
    }
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let script = std::fs::read_to_string(docs.join("gallery.sh")).unwrap();
    for file in [
        "mentions_by_country.png",
        "classification_by_year.png",
        "correspondence.png",
        "correspondence.gexf",
    ] {
        assert!(
            readme.contains(&format!("docs/{file}")) && script.contains(&format!("docs/{file}")),
            "{file}"
        );
    }
}
