//! Time to draw each shipped chart from its report's rows, in process, so
//! that the report's own time and process start are left out:
//!
//!     cargo bench --locked --bench chart -- benches/out/archdb-100000.sqlite
//!
//! Prints, per charted report, the rows, the report's time and the median
//! time of 11 renders as SVG, PNG and terminal bars. benches/charts.sh
//! measures the whole command instead.

use std::time::{Duration, Instant};

use archdb::chart::Chart;
use archdb::render::Format;

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

fn main() -> anyhow::Result<()> {
    let db = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .unwrap_or_else(|| "benches/out/archdb-100000.sqlite".to_string());
    let db = std::path::Path::new(&db);
    println!("| report | rows | report ms | svg ms | png ms | bars ms |");
    println!("|---|---:|---:|---:|---:|---:|");
    for report in archdb::report::load_reports(&[])? {
        let Some(spec) = &report.chart else { continue };
        let start = Instant::now();
        let rows = archdb::report::bind(&report, &[])?.run(db, Some(120.0))?;
        let report_ms = start.elapsed().as_secs_f64() * 1000.0;
        let chart = Chart {
            spec,
            title: &report.title,
            parameters: Vec::new(),
        };
        let mut cells = Vec::new();
        for format in [Format::Svg, Format::Png, Format::Bars] {
            let mut times = Vec::new();
            for _ in 0..11 {
                let mut out = Vec::new();
                let start = Instant::now();
                chart.write(&rows, format, 100, &mut out)?;
                times.push(start.elapsed());
            }
            cells.push(format!("{:.1}", median(times)));
        }
        println!(
            "| {} | {} | {report_ms:.0} | {} |",
            report.name,
            rows.rows.len(),
            cells.join(" | ")
        );
    }
    Ok(())
}
