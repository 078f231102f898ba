//! The plain data the plot functions draw: specs, series, grids, forest rows, written paths.

use std::path::PathBuf;

/// Title, axis labels and size of one plot.
#[derive(Clone, Debug, PartialEq)]
pub struct PlotSpec {
    /// The title, drawn at the top (e.g. "Cooperation over time — scenario default"). Shrunk
    /// to fit the width, never below a 17.7 px font.
    pub title: String,
    /// An optional second line under the title, smaller (e.g. "20 runs; bands: 95% CI").
    pub subtitle: Option<String>,
    /// The x axis label with its unit, e.g. "step".
    pub x_label: String,
    /// The y axis label with its unit, e.g. "cooperation rate (share of firms)".
    pub y_label: String,
    /// Image width in pixels (SVG and PNG alike). Default 1000.
    pub width: u32,
    /// Image height in pixels. Default 600.
    pub height: u32,
    /// A fixed y range (or value range for a heat map's colour scale); `None` fits the data.
    pub y_range: Option<(f64, f64)>,
    /// A log10 x axis ([`response_curve`](crate::response_curve) only); points with x ≤ 0 are
    /// then skipped.
    pub log_x: bool,
}

impl PlotSpec {
    /// A 1000×600 spec with these labels, no subtitle, a fitted y range and a linear x axis.
    pub fn new(
        title: impl Into<String>,
        x_label: impl Into<String>,
        y_label: impl Into<String>,
    ) -> PlotSpec {
        PlotSpec {
            title: title.into(),
            subtitle: None,
            x_label: x_label.into(),
            y_label: y_label.into(),
            width: 1000,
            height: 600,
            y_range: None,
            log_x: false,
        }
    }

    /// Sets the subtitle.
    pub fn with_subtitle(mut self, subtitle: impl Into<String>) -> PlotSpec {
        self.subtitle = Some(subtitle.into());
        self
    }

    /// Sets the image size in pixels.
    pub fn with_size(mut self, width: u32, height: u32) -> PlotSpec {
        self.width = width;
        self.height = height;
        self
    }

    /// Fixes the y range (e.g. `(0.0, 1.0)` for a rate).
    pub fn with_y_range(mut self, lo: f64, hi: f64) -> PlotSpec {
        self.y_range = Some((lo, hi));
        self
    }

    /// Uses a log10 x axis.
    pub fn with_log_x(mut self) -> PlotSpec {
        self.log_x = true;
        self
    }
}

/// One point of a series: `y` at `x`, with an optional confidence interval `(lo, hi)` for `y`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// The position on the x axis (a step, a parameter value).
    pub x: f64,
    /// The value (usually a mean over runs).
    pub y: f64,
    /// The interval around `y`, low then high (usually a 95% CI); `None` draws no interval.
    pub ci: Option<(f64, f64)>,
}

impl Point {
    /// A point without an interval.
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y, ci: None }
    }

    /// A point with the interval `lo..=hi` around `y`.
    pub fn with_ci(x: f64, y: f64, lo: f64, hi: f64) -> Point {
        Point {
            x,
            y,
            ci: Some((lo, hi)),
        }
    }

    /// Whether `x` and `y` are finite (only such points are drawn).
    pub fn is_finite(&self) -> bool {
        self.x.is_finite() && self.y.is_finite()
    }

    /// The interval if both ends are finite.
    pub fn finite_ci(&self) -> Option<(f64, f64)> {
        self.ci.filter(|(lo, hi)| lo.is_finite() && hi.is_finite())
    }
}

/// One line of a time series or response curve: a label for the legend and its points.
///
/// Points are drawn in the order given (sort them by `x`); non-finite points are skipped.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The legend label (an arm, a group, a graph family).
    pub label: String,
    /// The points, in x order.
    pub points: Vec<Point>,
}

impl Series {
    /// A series with this label and these points.
    pub fn new(label: impl Into<String>, points: Vec<Point>) -> Series {
        Series {
            label: label.into(),
            points,
        }
    }
}

/// How [`response_curve`](crate::response_curve) draws confidence intervals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CiStyle {
    /// A vertical error bar with caps at each point, series nudged apart a few pixels so that
    /// bars at the same x do not hide each other. Best for a few x values.
    #[default]
    Bars,
    /// A shaded band, as in a time series. Best for many x values.
    Band,
}

/// A metric over a grid of two parameters.
///
/// Invariant (checked by [`heatmap`](crate::heatmap)): `values.len() == xs.len() * ys.len()`;
/// `values[j * xs.len() + i]` is the value at `(xs[i], ys[j])` (row-major, one row per y).
/// Cells are drawn in the order of `xs` and `ys`, equally sized whatever the spacing, and
/// labelled with the parameter values. NaN cells are drawn grey.
#[derive(Clone, Debug, PartialEq)]
pub struct Heat {
    /// The x parameter's values, one per column.
    pub xs: Vec<f64>,
    /// The y parameter's values, one per row (the first at the bottom).
    pub ys: Vec<f64>,
    /// The values, `xs.len() * ys.len()` of them, row-major by y.
    pub values: Vec<f64>,
    /// The colour bar's label, with its unit (e.g. "final cooperation rate").
    pub value_label: String,
}

/// One row of a forest plot: a difference between two arms with its interval.
#[derive(Clone, Debug, PartialEq)]
pub struct ForestRow {
    /// The row label, e.g. "coop_rate: reciprocity − baseline".
    pub label: String,
    /// The difference (point estimate).
    pub diff: f64,
    /// The interval's low end (NaN: no interval drawn).
    pub lo: f64,
    /// The interval's high end (NaN: no interval drawn).
    pub hi: f64,
}

impl ForestRow {
    /// A row with this label, difference and interval.
    pub fn new(label: impl Into<String>, diff: f64, lo: f64, hi: f64) -> ForestRow {
        ForestRow {
            label: label.into(),
            diff,
            lo,
            hi,
        }
    }
}

/// The two files a plot function wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// `DIR/NAME.svg`.
    pub svg: PathBuf,
    /// `DIR/NAME.png`.
    pub png: PathBuf,
}
