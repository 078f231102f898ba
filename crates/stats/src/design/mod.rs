//! Parameter designs over named dimensions: full factorial grids, Latin hypercube samples and the
//! Saltelli scheme on a Sobol sequence, each producing one row of [`Level`]s per run.
//!
//! A [`Dimension`] is a key (a scenario path such as `network.n`) and its values: an explicit
//! list of levels, or a numeric [`Range`]. Grids need every range to be gridded (a step or a
//! number of points); sampling designs (Latin hypercube, Sobol) use only a range's bounds and
//! scale. A dimension flagged `integer` yields [`Level::Int`] levels.
//!
//! # Example
//! ```
//! use asocia_stats::design::{Design, Dimension, Level};
//! let design = Design::Grid(vec![
//!     Dimension::list("game", ["pd", "snowdrift"]),
//!     Dimension::step("b", 1.0, 1.5, 0.25),
//! ]);
//! assert_eq!(design.len().unwrap(), 6);
//! let points = design.points().unwrap();
//! // The first dimension varies slowest.
//! assert_eq!(points[0], vec![Level::from("pd"), Level::Float(1.0)]);
//! assert_eq!(points[1], vec![Level::from("pd"), Level::Float(1.25)]);
//! assert_eq!(points[3], vec![Level::from("snowdrift"), Level::Float(1.0)]);
//! ```

mod dimension;
mod error;
mod points;

pub use error::DesignError;

use std::fmt;

use serde::Serialize;

/// Most levels one gridded range may produce; a guard against a step typed in the wrong unit.
pub const MAX_LEVELS: usize = 1_000_000;

/// Most points a design may produce.
pub const MAX_POINTS: usize = u32::MAX as usize;

/// Relative tolerance, in steps, for deciding that `stop` lies on the grid of a stepped range.
const ON_GRID_TOLERANCE: f64 = 1e-9;

/// One value of one dimension in one design point.
///
/// Serialises as the bare value (`3`, `0.5`, `true`, `"pd"`); displays the same way, floats in
/// Rust's shortest round-trip form.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Level {
    /// An integer, e.g. a number of firms.
    Int(i64),
    /// A real number.
    Float(f64),
    /// A switch.
    Bool(bool),
    /// A name, e.g. a game preset or an update rule.
    Str(String),
}

impl Level {
    /// The numeric value of an `Int` or `Float` level; `None` for `Bool` and `Str`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Level::Int(i) => Some(*i as f64),
            Level::Float(x) => Some(*x),
            Level::Bool(_) | Level::Str(_) => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Level::Int(i) => write!(f, "{i}"),
            Level::Float(x) => write!(f, "{x}"),
            Level::Bool(b) => write!(f, "{b}"),
            Level::Str(s) => f.write_str(s),
        }
    }
}

impl From<i64> for Level {
    fn from(v: i64) -> Self {
        Level::Int(v)
    }
}

impl From<f64> for Level {
    fn from(v: f64) -> Self {
        Level::Float(v)
    }
}

impl From<bool> for Level {
    fn from(v: bool) -> Self {
        Level::Bool(v)
    }
}

impl From<&str> for Level {
    fn from(v: &str) -> Self {
        Level::Str(v.to_owned())
    }
}

impl From<String> for Level {
    fn from(v: String) -> Self {
        Level::Str(v)
    }
}

/// How a range is spread between its bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Scale {
    /// Evenly in the value.
    Linear,
    /// Evenly in `log10` of the value; both bounds must be positive.
    Log,
}

/// Which values of a range a grid takes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Spacing {
    /// `start, start + step, …` up to `stop`, inclusive of `stop` when it falls on the grid
    /// (within 1e-9 steps). On a [`Scale::Log`] range the step is in decades (`log10` units):
    /// `0.01..=100` with step 1 gives 0.01, 0.1, 1, 10, 100. Its sign must match
    /// `stop − start`; when `start == stop` the range is the single value `start`.
    Step(f64),
    /// `n` evenly spaced points including both bounds (`n = 1` gives `start` alone).
    Count(usize),
    /// No grid: the range is only sampled (Latin hypercube, Sobol). A grid refuses it.
    Continuous,
}

/// A numeric range of one dimension.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    /// First bound (first grid value).
    pub start: f64,
    /// Second bound (last grid value when on the grid).
    pub stop: f64,
    /// Linear or logarithmic.
    pub scale: Scale,
    /// Grid spacing; ignored by sampling designs, which draw in `[start, stop)` on the scale.
    pub spacing: Spacing,
}

/// The values a dimension takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum DimValues {
    /// Explicit levels, in the given order.
    List(Vec<Level>),
    /// A numeric range.
    Range(Range),
}

/// One named dimension of a design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dimension {
    /// The parameter it sets, e.g. `network.n` or `game.b`.
    pub key: String,
    /// Its values.
    pub values: DimValues,
    /// Integer-valued parameter: numeric levels are rounded to the nearest integer (half away
    /// from zero) and produced as [`Level::Int`]. In a grid, levels that round to the same
    /// integer are kept once (first occurrence). A sampled linear range draws each integer in
    /// `[ceil(min), floor(max)]` with equal probability; a sampled log range rounds the drawn
    /// value and clamps it into that interval.
    pub integer: bool,
}

/// The block of the Saltelli scheme a Sobol-design point belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SaltelliBlock {
    /// Matrix A (Sobol dimensions `1..=d`).
    A,
    /// Matrix B (Sobol dimensions `d+1..=2d`).
    B,
    /// Matrix `AB_i`: the rows of A with column `i` (0-based, in dimension order) from B.
    AB(usize),
}

/// A parameter design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Design {
    /// Full factorial over every dimension's [`levels`](Dimension::levels), in row-major
    /// order: the **first dimension varies slowest**, the last fastest (like nested loops
    /// written in dimension order). Its length is the product of the level counts.
    Grid(Vec<Dimension>),
    /// A Latin hypercube sample of `n` points over range dimensions (see
    /// [`latin_hypercube`](crate::sampling::latin_hypercube) for the draw order).
    LatinHypercube {
        /// Range dimensions; spacing is ignored.
        dims: Vec<Dimension>,
        /// Number of points (and of strata per dimension).
        n: usize,
        /// Seed of the ChaCha8 stream.
        seed: u64,
    },
    /// The Saltelli scheme on a Sobol sequence of `2d` dimensions for `d` range dimensions:
    /// `n` base rows of A (Sobol dimensions `1..=d`) and B (dimensions `d+1..=2d`), then the `d`
    /// matrices `AB_i`; `n·(d+2)` points in **block order** `A, B, AB_1, …, AB_d`, each block in
    /// base-row order. Point `k` is row `k mod n` of block `k / n` ([`Design::block_of`]).
    /// `n` a power of two keeps the Sobol net balanced. `d ≤ 64`. Without a seed the first base
    /// row is the sequence's first point, the origin: every dimension at its lower bound
    /// (`start`).
    Sobol {
        /// Range dimensions; spacing is ignored.
        dims: Vec<Dimension>,
        /// Number of base samples N.
        n: usize,
        /// `None`: the plain Joe–Kuo sequence; `Some(seed)`: with a seeded random digital shift.
        seed: Option<u64>,
    },
}
