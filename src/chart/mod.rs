//! Charts of the stored reports (issue 14): a report declares how it is
//! drawn in its header (`-- chart: bar x=year y=documents`, see [`spec`]),
//! and `archdb report NAME --format svg|png|bars` draws exactly its rows.

mod bars;
pub(crate) mod dashboards;
mod data;
pub mod draw;
pub mod spec;

use plotters::prelude::{BitMapBackend, IntoDrawingArea, SVGBackend};
use thiserror::Error;

pub(crate) use data::{dataset, Dataset};
pub(crate) use spec::Spec;

use std::io::Write;

use crate::render::{Format, Rows};
use crate::report::Report;

/// The parameters given on the command line as `name=value`, in the
/// report's order, the last of a repeated one, empty ones left out.
pub(crate) fn given(report: &Report, given: &[(String, String)]) -> Vec<String> {
    report
        .params
        .iter()
        .filter_map(|p| {
            let (_, value) = given.iter().rev().find(|(k, _)| k == &p.name)?;
            (!value.is_empty()).then(|| format!("{}={value}", p.name))
        })
        .collect()
}

/// The size of an SVG or PNG chart, in pixels: readable on a screen and,
/// scaled, in print.
const WIDTH: u32 = 800;
const HEIGHT: u32 = 500;

#[derive(Debug, Error)]
pub enum ChartError {
    #[error(transparent)]
    Data(#[from] data::DataError),
    #[error("the font shipped in the binary could not be read")]
    Font,
    #[error("drawing the chart: {0}")]
    Draw(String),
    #[error("encoding the PNG: {0}")]
    Png(#[from] png::EncodingError),
    #[error("writing the chart: {0}")]
    Io(#[from] std::io::Error),
    #[error("--format {0:?} prints rows; a chart is drawn as svg, png or bars")]
    NotAChart(Format),
}

/// A report's chart: its declaration, title and the parameters it ran with.
pub struct Chart<'a> {
    pub spec: &'a Spec,
    pub title: &'a str,
    /// The parameters given, `from=1939-01-01, country=turkey`; empty for none.
    pub parameters: Vec<String>,
}

impl Chart<'_> {
    fn figure<'d>(&'d self, data: &'d Dataset) -> draw::Figure<'d> {
        let mut parts = self.parameters.clone();
        parts.extend(data.note.clone());
        draw::Figure {
            spec: self.spec,
            data,
            title: self.title,
            subtitle: (!parts.is_empty()).then(|| parts.join(" · ")),
        }
    }

    /// The chart as an SVG document.
    pub(crate) fn svg(&self, rows: &Rows) -> Result<String, ChartError> {
        let data = dataset(self.spec, rows)?;
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
            draw::draw(&root, &self.figure(&data))?;
            root.present()
                .map_err(|e| ChartError::Draw(e.to_string()))?;
        }
        Ok(out)
    }

    /// The chart as a PNG file's bytes.
    pub(crate) fn png(&self, rows: &Rows) -> Result<Vec<u8>, ChartError> {
        let data = dataset(self.spec, rows)?;
        let mut pixels = vec![255u8; (WIDTH * HEIGHT * 3) as usize];
        {
            let root = BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT)).into_drawing_area();
            draw::draw(&root, &self.figure(&data))?;
            root.present()
                .map_err(|e| ChartError::Draw(e.to_string()))?;
        }
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            encoder.set_compression(png::Compression::Best);
            let mut writer = encoder.write_header()?;
            writer.write_image_data(&pixels)?;
            writer.finish()?;
        }
        Ok(out)
    }

    /// Writes the chart in `format` (svg, png or bars `width` characters wide).
    pub fn write(
        &self,
        rows: &Rows,
        format: Format,
        width: usize,
        out: &mut dyn Write,
    ) -> Result<(), ChartError> {
        match format {
            Format::Svg => out.write_all(self.svg(rows)?.as_bytes())?,
            Format::Png => out.write_all(&self.png(rows)?)?,
            Format::Bars => out.write_all(self.bars(rows, width)?.as_bytes())?,
            other => return Err(ChartError::NotAChart(other)),
        }
        Ok(())
    }

    /// Horizontal bars of Unicode blocks for a terminal `width` characters wide.
    pub(crate) fn bars(&self, rows: &Rows, width: usize) -> Result<String, ChartError> {
        let data = dataset(self.spec, rows)?;
        let figure = self.figure(&data);
        Ok(bars::bars(&figure, width))
    }
}
