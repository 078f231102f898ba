//! Line plots: [`timeseries`] (a metric over steps, bands) and [`response_curve`] (a metric
//! against a parameter, error bars or bands, optional log x axis).

use std::path::Path;

use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::render::{self, DrawErr, Entry, Figure, Mark};
use crate::style::{self, fmt_tick, series_colour, INK, LIGHT};
use crate::{CiStyle, PlotError, PlotSpec, Point, Series, Written};

/// Draws a metric over steps: one line per series with its confidence interval as a shaded band
/// (points whose interval is `None` or not finite break the band), and a legend. Writes
/// `dir/name.svg` and `dir/name.png`.
///
/// Non-finite points are skipped; a series with none left is listed in the legend as
/// "(no data)". Errors: [`PlotError::NoData`] if no series has a finite point,
/// [`PlotError::InvalidName`], [`PlotError::Shape`] for a bad size or y range, and I/O or
/// drawing failures.
pub fn timeseries(
    dir: &Path,
    name: &str,
    spec: &PlotSpec,
    series: &[Series],
) -> Result<Written, PlotError> {
    let spec = PlotSpec {
        log_x: false,
        ..spec.clone()
    };
    lines("timeseries", dir, name, &spec, series, CiStyle::Band, false)
}

/// Draws a metric against one parameter: one line per series (e.g. a graph family) with markers
/// and its confidence intervals as error bars or a band ([`CiStyle`]), and a legend. With
/// `spec.log_x` the x axis is log10 and points with x ≤ 0 are skipped. Writes `dir/name.svg` and
/// `dir/name.png`.
///
/// Errors as for [`timeseries`].
pub fn response_curve(
    dir: &Path,
    name: &str,
    spec: &PlotSpec,
    series: &[Series],
    ci: CiStyle,
) -> Result<Written, PlotError> {
    lines("response_curve", dir, name, spec, series, ci, true)
}

/// The points of one series that can be drawn, with its index (for its colour and marker).
struct Drawn {
    index: usize,
    points: Vec<Point>,
}

struct Lines<'a> {
    spec: &'a PlotSpec,
    series: &'a [Series],
    drawn: Vec<Drawn>,
    ci: CiStyle,
    markers: bool,
    x: (f64, f64),
    y: (f64, f64),
}

fn lines(
    plot: &'static str,
    dir: &Path,
    name: &str,
    spec: &PlotSpec,
    series: &[Series],
    ci: CiStyle,
    markers: bool,
) -> Result<Written, PlotError> {
    render::check(plot, name, spec)?;
    let drawn: Vec<Drawn> = series
        .iter()
        .enumerate()
        .map(|(index, s)| Drawn {
            index,
            points: s
                .points
                .iter()
                .copied()
                .filter(|p| p.is_finite() && (!spec.log_x || p.x > 0.0))
                .collect(),
        })
        .filter(|d| !d.points.is_empty())
        .collect();
    let no_data = || PlotError::NoData {
        plot,
        name: name.to_string(),
    };
    let all = || drawn.iter().flat_map(|d| d.points.iter());
    let x = if spec.log_x {
        let lo = all().map(|p| p.x).fold(f64::INFINITY, f64::min);
        let hi = all().map(|p| p.x).fold(f64::NEG_INFINITY, f64::max);
        if lo > hi {
            return Err(no_data());
        }
        // A few percent of a decade of room on each side; a single x gets a decade around it.
        let pad = if hi > lo {
            (hi / lo).powf(0.03)
        } else {
            10f64.sqrt()
        };
        (lo / pad, hi * pad)
    } else {
        let pad = if markers { 0.03 } else { 0.0 };
        style::padded_range(all().map(|p| p.x), pad).ok_or_else(no_data)?
    };
    let y = match spec.y_range {
        Some(r) => r,
        None => {
            let ends = all().flat_map(|p| {
                let (lo, hi) = p.finite_ci().unwrap_or((p.y, p.y));
                [p.y, lo, hi]
            });
            style::padded_range(ends, 0.05).ok_or_else(no_data)?
        }
    };
    let fig = Lines {
        spec,
        series,
        drawn,
        ci,
        markers,
        x,
        y,
    };
    render::write(dir, name, spec, &fig)
}

impl Figure for Lines<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawErr> {
        let entries: Vec<Entry> = self
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let empty = !self.drawn.iter().any(|d| d.index == i);
                Entry {
                    label: if empty {
                        format!("{} (no data)", s.label)
                    } else {
                        s.label.clone()
                    },
                    colour: series_colour(i),
                    mark: match (self.markers, self.ci) {
                        (true, _) => Mark::Marker(i),
                        (false, CiStyle::Band) => Mark::Band,
                        (false, CiStyle::Bars) => Mark::Line,
                    },
                }
            })
            .collect();
        let chart_area = render::with_legend(area, &entries)?;
        let (x0, x1) = self.x;
        if self.spec.log_x {
            self.draw_in(root, &chart_area, (x0..x1).log_scale())
        } else {
            self.draw_in(root, &chart_area, x0..x1)
        }
    }
}

impl Lines<'_> {
    fn draw_in<DB, XS>(
        &self,
        root: &DrawingArea<DB, Shift>,
        area: &DrawingArea<DB, Shift>,
        xs: XS,
    ) -> Result<(), DrawErr>
    where
        DB: DrawingBackend,
        XS: AsRangedCoord<Value = f64>,
        XS::CoordDescType: ValueFormatter<f64>,
    {
        let (y0, y1) = self.y;
        let mut chart = ChartBuilder::on(area)
            .margin(8)
            .margin_right(24)
            .x_label_area_size(64)
            .y_label_area_size(96)
            .build_cartesian_2d(xs, y0..y1)?;
        let (xspan, yspan) = (self.x.1 - self.x.0, y1 - y0);
        let xfmt = |v: &f64| fmt_tick(*v, xspan);
        let yfmt = |v: &f64| fmt_tick(*v, yspan);
        chart
            .configure_mesh()
            .x_desc(self.spec.x_label.as_str())
            .y_desc(self.spec.y_label.as_str())
            .x_label_formatter(&xfmt)
            .y_label_formatter(&yfmt)
            .x_labels(10)
            .y_labels(8)
            .axis_desc_style(style::text(style::AXIS, INK))
            .label_style(style::text(style::TICK, INK))
            .axis_style(INK.stroke_width(1))
            .bold_line_style(LIGHT.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .draw()?;
        let n = self.drawn.len();
        for (k, d) in self.drawn.iter().enumerate() {
            let colour = series_colour(d.index);
            if self.ci == CiStyle::Band {
                for run in ci_runs(&d.points) {
                    let band: Vec<(f64, f64)> = run
                        .iter()
                        .filter_map(|p| p.finite_ci().map(|(_, hi)| (p.x, hi)))
                        .chain(
                            run.iter()
                                .rev()
                                .filter_map(|p| p.finite_ci().map(|(lo, _)| (p.x, lo))),
                        )
                        .collect();
                    chart.draw_series(std::iter::once(Polygon::new(
                        band,
                        colour.mix(0.22).filled(),
                    )))?;
                }
            }
            if !self.markers {
                chart.draw_series(LineSeries::new(
                    d.points.iter().map(|p| (p.x, p.y)),
                    colour.stroke_width(style::LINE),
                ))?;
                continue;
            }
            // Markers (and bars) in pixels, nudged apart so that series at the same x stay
            // visible; clamped to the plotting area.
            let dodge = if self.ci == CiStyle::Bars && n > 1 {
                ((2 * k) as i32 - (n as i32 - 1)) * 4
            } else {
                0
            };
            let (px, py) = chart.plotting_area().get_pixel_range();
            let clamp_y = |y: i32| y.clamp(py.start, py.end);
            let at = |x: f64, y: f64| {
                let (bx, by) = chart.backend_coord(&(x, y));
                (bx + dodge, clamp_y(by))
            };
            let path: Vec<(i32, i32)> = d.points.iter().map(|p| at(p.x, p.y)).collect();
            root.draw(&PathElement::new(
                path.clone(),
                colour.stroke_width(style::LINE),
            ))?;
            if self.ci == CiStyle::Bars {
                for p in &d.points {
                    if let Some((lo, hi)) = p.finite_ci() {
                        let (x, ylo) = at(p.x, lo);
                        let (_, yhi) = at(p.x, hi);
                        let s = colour.stroke_width(2);
                        root.draw(&PathElement::new(vec![(x, ylo), (x, yhi)], s))?;
                        root.draw(&PathElement::new(vec![(x - 6, ylo), (x + 6, ylo)], s))?;
                        root.draw(&PathElement::new(vec![(x - 6, yhi), (x + 6, yhi)], s))?;
                    }
                }
            }
            for &(x, y) in &path {
                if px.contains(&(x - dodge)) && py.contains(&y) {
                    render::marker(root, d.index, (x, y), colour)?;
                }
            }
        }
        Ok(())
    }
}

/// The maximal runs of consecutive points with a finite interval, two points or longer (a band
/// needs a width; a lone interval is left out rather than drawn as a sliver).
fn ci_runs(points: &[Point]) -> Vec<&[Point]> {
    points
        .split(|p| p.finite_ci().is_none())
        .filter(|run| run.len() >= 2)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_break_at_missing_intervals() {
        let p = |x: f64, ci: Option<(f64, f64)>| Point { x, y: 0.5, ci };
        let pts = [
            p(0.0, Some((0.4, 0.6))),
            p(1.0, Some((0.4, 0.6))),
            p(2.0, None),
            p(3.0, Some((0.4, f64::NAN))),
            p(4.0, Some((0.4, 0.6))),
            p(5.0, Some((0.4, 0.6))),
            p(6.0, Some((0.4, 0.6))),
        ];
        let runs = ci_runs(&pts);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].len(), 2);
        assert_eq!(runs[1].len(), 3);
    }
}
