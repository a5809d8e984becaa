//! Drawing a dataset with plotters, on an SVG or a bitmap backend, with the
//! font shipped in the binary (assets/fonts/DejaVuSans.ttf) so that a PNG
//! looks the same on every machine.

use std::sync::OnceLock;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{register_font, FontStyle};

use super::data::Dataset;
use super::spec::{Kind, Spec};
use super::ChartError;

/// DejaVu Sans (Bitstream Vera licence, assets/fonts/DejaVuSans-LICENSE.txt):
/// covers the Latin, Turkish and Cyrillic letters of the collection's names.
static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// The family the font is registered under; an SVG names it, so a viewer
/// falls back to its own sans-serif.
const FAMILY: &str = "sans-serif";

/// Tableau 10: distinguishable, and readable in greyscale print by lightness.
const PALETTE: [RGBColor; 10] = [
    RGBColor(0x4e, 0x79, 0xa7),
    RGBColor(0xf2, 0x8e, 0x2b),
    RGBColor(0xe1, 0x57, 0x59),
    RGBColor(0x76, 0xb7, 0xb2),
    RGBColor(0x59, 0xa1, 0x4f),
    RGBColor(0xed, 0xc9, 0x48),
    RGBColor(0xb0, 0x7a, 0xa1),
    RGBColor(0xff, 0x9d, 0xa7),
    RGBColor(0x9c, 0x75, 0x5f),
    RGBColor(0xba, 0xb0, 0xac),
];

/// The colour of series `index`.
pub(crate) fn colour(index: usize) -> RGBColor {
    PALETTE[index % PALETTE.len()]
}

/// The hex colours of the palette, as an SVG writes them (for tests).
pub fn palette_hex() -> Vec<String> {
    PALETTE
        .iter()
        .map(|c| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2))
        .collect()
}

const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
const GREY: RGBColor = RGBColor(0x55, 0x55, 0x55);
const TITLE_SIZE: f64 = 22.0;
const SUBTITLE_SIZE: f64 = 15.0;
const AXIS_SIZE: f64 = 16.0;
const LABEL_SIZE: f64 = 14.0;

fn font_ready() -> Result<(), ChartError> {
    static READY: OnceLock<bool> = OnceLock::new();
    let ok = *READY.get_or_init(|| register_font(FAMILY, FontStyle::Normal, FONT).is_ok());
    if ok {
        Ok(())
    } else {
        Err(ChartError::Font)
    }
}

fn draw_error<E: std::error::Error + Send + Sync>(err: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(err.to_string())
}

/// What one chart shows, with the texts around it.
pub(crate) struct Figure<'a> {
    pub(crate) spec: &'a Spec,
    pub(crate) data: &'a Dataset,
    pub(crate) title: &'a str,
    pub(crate) subtitle: Option<String>,
}

/// Draws `figure` on a backend's whole area.
pub(crate) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &Figure<'_>,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    font_ready()?;
    root.fill(&WHITE).map_err(draw_error)?;
    let (width, _) = root.dim_in_pixel();
    let (head, body) = root.split_vertically(if figure.subtitle.is_some() { 64 } else { 42 });
    let centre = (width as i32 / 2, 10);
    let title_style =
        TextStyle::from((FAMILY, TITLE_SIZE).into_font()).pos(Pos::new(HPos::Center, VPos::Top));
    head.draw_text(
        &fit(&head, figure.title, &title_style, width - 20),
        &title_style,
        centre,
    )
    .map_err(draw_error)?;
    if let Some(subtitle) = &figure.subtitle {
        let style = TextStyle::from((FAMILY, SUBTITLE_SIZE).into_font())
            .color(&GREY)
            .pos(Pos::new(HPos::Center, VPos::Top));
        head.draw_text(
            &fit(&head, subtitle, &style, width - 20),
            &style,
            (centre.0, 40),
        )
        .map_err(draw_error)?;
    }
    let plot = if figure.data.series.len() > 1 {
        legend(&body, figure.data, figure.spec.kind)?
    } else {
        body
    };
    if figure.data.categories.is_empty() {
        let style = TextStyle::from((FAMILY, AXIS_SIZE).into_font())
            .color(&GREY)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let (w, h) = plot.dim_in_pixel();
        plot.draw_text(
            "The report returned no rows.",
            &style,
            (w as i32 / 2, h as i32 / 2),
        )
        .map_err(draw_error)?;
        return Ok(());
    }
    match figure.spec.kind {
        Kind::Bar | Kind::Line => columns(&plot, figure),
        Kind::HBar => rows(&plot, figure),
    }
}

/// Cuts `text` with an ellipsis so that it fits `width` pixels in `style`.
fn fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
    width: u32,
) -> String {
    let wide = |t: &str| area.estimate_text_size(t, style).map(|s| s.0).unwrap_or(0);
    if wide(text) <= width {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let cut: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
        if wide(&cut) <= width {
            return cut;
        }
    }
    "…".to_string()
}

/// Draws the legend on the right and returns the area left for the plot.
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Dataset,
    kind: Kind,
) -> Result<DrawingArea<DB, Shift>, ChartError>
where
    DB::ErrorType: 'static,
{
    let (width, _) = area.dim_in_pixel();
    let style =
        TextStyle::from((FAMILY, LABEL_SIZE).into_font()).pos(Pos::new(HPos::Left, VPos::Center));
    let widest = data
        .series
        .iter()
        .map(|s| {
            area.estimate_text_size(&s.name, &style)
                .map(|t| t.0)
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0);
    let legend_width = (widest + 44).min(width * 3 / 10);
    let (plot, side) = area.split_horizontally(width - legend_width);
    for (index, series) in data.series.iter().enumerate() {
        let y = 30 + 24 * index as i32;
        let swatch = match kind {
            Kind::Line => Rectangle::new([(6, y - 2), (26, y + 2)], colour(index).filled()),
            _ => Rectangle::new([(8, y - 7), (22, y + 7)], colour(index).filled()),
        };
        side.draw(&swatch).map_err(draw_error)?;
        let name = fit(&side, &series.name, &style, legend_width.saturating_sub(40));
        side.draw_text(&name, &style, (32, y)).map_err(draw_error)?;
    }
    Ok(plot)
}

/// A linear axis whose ticks are exactly the given points (category
/// centres, round values), without the minor grid lines.
struct Axis {
    range: std::ops::Range<f64>,
    ticks: Vec<f64>,
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.range.end - self.range.start;
        let share = if span > 0.0 {
            (value - self.range.start) / span
        } else {
            0.0
        };
        limit.0 + (share * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.range.clone()
    }
}

fn axis(range: std::ops::Range<f64>, ticks: Vec<f64>) -> Axis {
    Axis { range, ticks }
}

/// Ticks for a value axis from 0: a round step, at most about 8 ticks.
fn value_ticks(max: f64) -> (f64, Vec<f64>) {
    let max = if max > 0.0 { max } else { 1.0 };
    let raw = max / 6.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude)
        .max(if max >= 1.0 { 1.0 } else { 0.0 });
    let step = if step > 0.0 { step } else { raw };
    let top = (max / step).ceil() * step;
    let ticks = (0..=(top / step).round() as usize)
        .map(|i| i as f64 * step)
        .collect();
    (top, ticks)
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        let whole = format!("{value:.0}");
        // Thousands apart: 12,500.
        let mut out = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 && c != '-' {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        format!("{value:.1}")
    }
}

/// The category axis's name: the value `only=` keeps (`year`), else the x columns.
fn category_name(spec: &Spec) -> String {
    match &spec.only {
        Some((_, value)) => value.replace('_', " "),
        None if spec.directed => spec.x.join(" → ").replace('_', " "),
        None => spec.x.join(" & ").replace('_', " "),
    }
}

/// Every `step`-th category label, so labels do not overlap.
fn label_step<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    labels: &[String],
    room: u32,
) -> usize {
    let style = TextStyle::from((FAMILY, LABEL_SIZE).into_font());
    let widest = labels
        .iter()
        .map(|l| area.estimate_text_size(l, &style).map(|s| s.0).unwrap_or(0))
        .max()
        .unwrap_or(1)
        + 10;
    let fits = (room / widest.max(1)).max(1) as usize;
    labels.len().div_ceil(fits).max(1)
}

/// A chart builder on `area` with the margins of every chart here.
fn builder<'a, 'b, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
) -> ChartBuilder<'a, 'b, DB> {
    let mut builder = ChartBuilder::on(area);
    builder
        .margin_left(8)
        .margin_right(24)
        .margin_top(8)
        .margin_bottom(6)
        .x_label_area_size(52);
    builder
}

/// Where the bars of a bar chart stand, series after series: across the
/// category axis, in 0.15 to 0.85 of the category's slot, stacked bars the
/// width of that band, one on another, and grouped ones a share of it each,
/// side by side from the low end (`low_first`) or from the high end.
struct Bars {
    /// How many series share a band when grouped (at least 1).
    m: f64,
    stacked: bool,
    low_first: bool,
    /// The height of each category's stack so far.
    base: Vec<f64>,
}

/// One bar: `from` to `to` across the category axis, `start` to `start + value` along the value axis.
struct Bar {
    from: f64,
    to: f64,
    start: f64,
    value: f64,
}

impl Bars {
    fn new(categories: usize, series: usize, stacked: bool, low_first: bool) -> Bars {
        Bars {
            m: series.max(1) as f64,
            stacked,
            low_first,
            base: vec![0.0; categories],
        }
    }

    /// The bars of series `k`, one for each category that has a value;
    /// `slot` gives the low end of category `i`'s slot.
    fn of(&mut self, k: usize, values: &[Option<f64>], slot: impl Fn(usize) -> f64) -> Vec<Bar> {
        let mut bars = Vec::new();
        for (i, value) in values.iter().enumerate() {
            let Some(value) = *value else { continue };
            let slot = slot(i);
            let (from, to, start) = if self.stacked {
                (slot + 0.15, slot + 0.85, self.base[i])
            } else {
                let w = 0.7 / self.m;
                if self.low_first {
                    let from = slot + 0.15 + w * k as f64;
                    (from, from + w, 0.0)
                } else {
                    let to = slot + 0.85 - w * k as f64;
                    (to - w, to, 0.0)
                }
            };
            if self.stacked {
                self.base[i] += value.max(0.0);
            }
            bars.push(Bar {
                from,
                to,
                start,
                value,
            });
        }
        bars
    }
}

/// Bars or lines over categories along the horizontal axis.
fn columns<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &Figure<'_>,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    let data = figure.data;
    let spec = figure.spec;
    let stacked = spec.stack && spec.kind == Kind::Bar;
    let n = data.categories.len();
    // A little headroom, so the highest mark is not drawn on the frame.
    let (top, ticks) = value_ticks(data.max(stacked) * 1.05);
    let (width, _) = area.dim_in_pixel();
    let step = label_step(area, &data.categories, width.saturating_sub(110));
    let keys: Vec<f64> = (0..n).step_by(step).map(|i| i as f64 + 0.5).collect();
    let tick_style = TextStyle::from((FAMILY, LABEL_SIZE).into_font());
    let tick_width = area
        .estimate_text_size(&number(top), &tick_style)
        .map(|s| s.0)
        .unwrap_or(40);
    let mut chart = builder(area)
        .y_label_area_size(tick_width + 42)
        .build_cartesian_2d(axis(0f64..n as f64, keys), axis(0f64..top, ticks))
        .map_err(draw_error)?;
    let categories = &data.categories;
    let category = |x: &f64| {
        let i = x.floor() as usize;
        categories.get(i).cloned().unwrap_or_default()
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(GRID)
        .x_label_formatter(&category)
        .y_label_formatter(&|y| number(*y))
        .x_desc(category_name(spec))
        .y_desc(spec.unit())
        .axis_desc_style((FAMILY, AXIS_SIZE))
        .label_style((FAMILY, LABEL_SIZE))
        .draw()
        .map_err(draw_error)?;
    match spec.kind {
        Kind::Line => {
            for (k, series) in data.series.iter().enumerate() {
                let colour = colour(k);
                // A category without a row breaks the line rather than inventing a value.
                let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
                for (i, value) in series.values.iter().enumerate() {
                    match (value, runs.last_mut()) {
                        (Some(v), Some(run)) => run.push((i as f64 + 0.5, *v)),
                        _ => runs.push(Vec::new()),
                    }
                }
                for run in runs.into_iter().filter(|r| r.len() > 1) {
                    chart
                        .draw_series(LineSeries::new(run, colour.stroke_width(3)))
                        .map_err(draw_error)?;
                }
                let marks = series.values.iter().enumerate().filter_map(|(i, v)| {
                    v.map(|v| Circle::new((i as f64 + 0.5, v), 4, colour.filled()))
                });
                chart.draw_series(marks).map_err(draw_error)?;
            }
        }
        _ => {
            let mut bars = Bars::new(n, data.series.len(), stacked, true);
            for (k, series) in data.series.iter().enumerate() {
                let colour = colour(k);
                let rects = bars
                    .of(k, &series.values, |i| i as f64)
                    .into_iter()
                    .map(|b| {
                        Rectangle::new(
                            [(b.from, b.start), (b.to, b.start + b.value)],
                            colour.filled(),
                        )
                    });
                chart.draw_series(rects).map_err(draw_error)?;
            }
        }
    }
    Ok(())
}

/// Horizontal bars, the first category at the top, its value at the bar's end.
fn rows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &Figure<'_>,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    let data = figure.data;
    let spec = figure.spec;
    let n = data.categories.len();
    let (top, ticks) = value_ticks(data.max(spec.stack) * 1.08);
    let (width, _) = area.dim_in_pixel();
    let label_style = TextStyle::from((FAMILY, LABEL_SIZE).into_font());
    let room = width * 2 / 5;
    let labels: Vec<String> = data
        .categories
        .iter()
        .map(|c| fit(area, c, &label_style, room))
        .collect();
    let widest = labels
        .iter()
        .map(|l| {
            area.estimate_text_size(l, &label_style)
                .map(|s| s.0)
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0);
    let keys: Vec<f64> = (0..n).map(|i| i as f64 + 0.5).collect();
    let mut chart = builder(area)
        .y_label_area_size(widest + 14)
        .build_cartesian_2d(axis(0f64..top, ticks), axis(0f64..n as f64, keys))
        .map_err(draw_error)?;
    // Row i sits at n - i - 0.5: the report's first row on top.
    let label_of = |y: &f64| {
        let from_bottom = y.floor() as usize;
        labels
            .get(n.wrapping_sub(from_bottom + 1))
            .cloned()
            .unwrap_or_default()
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .bold_line_style(GRID)
        .y_label_formatter(&label_of)
        .x_label_formatter(&|x| number(*x))
        .x_desc(spec.unit())
        .axis_desc_style((FAMILY, AXIS_SIZE))
        .label_style((FAMILY, LABEL_SIZE))
        .draw()
        .map_err(draw_error)?;
    let mut bars = Bars::new(n, data.series.len(), spec.stack, false);
    for (k, series) in data.series.iter().enumerate() {
        let colour = colour(k);
        let mut rects = Vec::new();
        let mut values = Vec::new();
        for b in bars.of(k, &series.values, |i| (n - i - 1) as f64) {
            rects.push(Rectangle::new(
                [(b.start, b.from), (b.start + b.value, b.to)],
                colour.filled(),
            ));
            values.push(((b.start + b.value, (b.from + b.to) / 2.0), number(b.value)));
        }
        chart.draw_series(rects).map_err(draw_error)?;
        let value_style = TextStyle::from((FAMILY, LABEL_SIZE).into_font())
            .color(&GREY)
            .pos(Pos::new(HPos::Left, VPos::Center));
        chart
            .draw_series(values.into_iter().map(|(at, text)| {
                EmptyElement::at(at) + Text::new(text, (5, 0), value_style.clone())
            }))
            .map_err(draw_error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_ticks_are_round_and_cover_the_maximum() {
        let (top, ticks) = value_ticks(3.0);
        assert!(
            top >= 3.0 && ticks.iter().all(|t| t.fract() == 0.0),
            "{ticks:?}"
        );
        let (top, ticks) = value_ticks(1234.0);
        assert!(top >= 1234.0 && ticks.len() <= 9, "{top} {ticks:?}");
        assert_eq!(ticks[1], 500.0);
        let (top, _) = value_ticks(0.0);
        assert!(top > 0.0);
    }

    #[test]
    fn numbers_have_thousands_separators() {
        assert_eq!(number(12500.0), "12,500");
        assert_eq!(number(100.0), "100");
        assert_eq!(number(2.5), "2.5");
    }
}
