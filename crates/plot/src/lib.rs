//! Report-ready plots of asocia results, drawn with `plotters` as SVG and PNG.
//!
//! Four plot kinds, each a function that writes `NAME.svg` and `NAME.png` into a folder and
//! returns both paths ([`Written`]):
//!
//! - [`timeseries`]: a metric over steps, one line per series (arm or group) with a shaded
//!   confidence band;
//! - [`response_curve`]: a metric against one parameter, one line per series, with error bars or
//!   a band, optionally on a log x axis;
//! - [`heatmap`]: a metric over a grid of two parameters, with a colour bar;
//! - [`forest`]: differences between arms with their confidence intervals, one row each, and a
//!   line at zero.
//!
//! The functions take plain data ([`Series`], [`Heat`], [`ForestRow`]) and a [`PlotSpec`] with
//! the title and axis labels (units included, as the caller words them). They never panic on bad
//! numbers: non-finite points are skipped, and a plot with nothing left to draw is
//! [`PlotError::NoData`]. [`timeseries_from_csv`] turns a result folder's `timeseries.csv` into
//! one [`Series`] (mean and 95% CI per step over runs); [`timeseries_from_csv_where`] does so
//! for one group of a firm-economy time series.
//!
//! Text in PNGs is drawn with a font embedded in this crate (a subset of DejaVu Sans, licence in
//! `fonts/LICENSE-DejaVu.txt`), so no system fonts or fontconfig are needed. SVGs name
//! `sans-serif` and leave the font to the viewer. Colours follow the Okabe–Ito palette (lines)
//! and viridis (heat maps), both readable with the common colour-vision deficiencies.
//!
//! # Example
//!
//! ```no_run
//! use asocia_plot::{timeseries, PlotSpec, Point, Series};
//!
//! let spec = PlotSpec::new(
//!     "Cooperation over time — scenario default",
//!     "step",
//!     "cooperation rate (share of firms)",
//! );
//! let series = vec![Series::new(
//!     "baseline",
//!     (0..100).map(|t| Point::with_ci(t as f64, 0.5, 0.45, 0.55)).collect(),
//! )];
//! let written = timeseries(std::path::Path::new("out/plots"), "coop_rate", &spec, &series)?;
//! println!("{}", written.png.display());
//! # Ok::<(), asocia_plot::PlotError>(())
//! ```

#![deny(missing_docs)]

mod cells;
mod data;
mod font;
mod forest;
mod heatmap;
mod input;
mod png;
mod render;
mod series;
mod style;

pub use data::{CiStyle, ForestRow, Heat, PlotSpec, Point, Series, Written};
pub use forest::forest;
pub use heatmap::heatmap;
pub use input::{timeseries_from_csv, timeseries_from_csv_where};
pub use series::{response_curve, timeseries};
pub use style::PALETTE;

use std::path::PathBuf;

/// Why a plot could not be drawn or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PlotError {
    /// Nothing finite to draw: no series, no points, or only NaN/infinite values.
    #[error("{plot} `{name}`: no data to plot")]
    NoData {
        /// The plot kind (`timeseries`, `response_curve`, `heatmap`, `forest`).
        plot: &'static str,
        /// The file name the plot would have had.
        name: String,
    },
    /// The data's shape is inconsistent (e.g. a heat map whose values do not fill its grid).
    #[error("{plot} `{name}`: {message}")]
    Shape {
        /// The plot kind.
        plot: &'static str,
        /// The file name the plot would have had.
        name: String,
        /// What is inconsistent.
        message: String,
    },
    /// The file name is empty or contains a path separator or `..`.
    #[error("invalid plot name `{0}`: use a plain file stem such as `coop_rate`")]
    InvalidName(String),
    /// The embedded font could not be registered with plotters.
    #[error("the embedded font could not be loaded")]
    Font,
    /// Creating the output folder or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The folder or file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// plotters failed while drawing or encoding the file.
    #[error("{}: drawing failed: {message}", path.display())]
    Draw {
        /// The file being drawn.
        path: PathBuf,
        /// plotters' error message.
        message: String,
    },
    /// Reading a CSV input failed (missing file, bad header, unparsable number).
    #[error("{}: {message}", path.display())]
    Csv {
        /// The CSV file.
        path: PathBuf,
        /// What went wrong, with the line where known.
        message: String,
    },
}
