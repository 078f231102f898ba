//! Statistics of asocia, for `asocia sweep` and `asocia compare`: pure computation, no I/O.
//!
//! * [`design`]: parameter designs over named dimensions — full factorial grids, Latin
//!   hypercube samples, and the Saltelli scheme on a Sobol sequence.
//! * [`summary`]: streaming, mergeable Welford accumulators and [`Summary`] rows with Student-t
//!   confidence intervals.
//! * [`paired`]: comparison of two arms paired by replication on common random numbers (t and
//!   percentile bootstrap intervals, Cohen's `d_z`, shares of wins and ties).
//! * [`sensitivity`]: Sobol first-order and total indices with bootstrap intervals, and main
//!   effects of grid designs.
//! * [`sampling`]: the Sobol sequence (Joe–Kuo direction numbers) and Latin hypercube samples of
//!   the unit cube.
//! * [`dist`]: Student's t distribution and sample quantiles.
//!
//! Every random draw comes from a `ChaCha8Rng` seeded by the caller, and every reduction runs in
//! a fixed order, so equal inputs give equal bits.
//!
//! # Example
//! ```
//! use asocia_stats::design::{Design, Dimension};
//! use asocia_stats::sensitivity::{sobol_indices, SaltelliOutputs, SobolOptions};
//!
//! let design = Design::Sobol {
//!     dims: vec![Dimension::interval("x", 0.0, 1.0), Dimension::interval("z", 0.0, 1.0)],
//!     n: 1024,
//!     seed: None,
//! };
//! let y: Vec<f64> = design
//!     .points()
//!     .unwrap()
//!     .iter()
//!     .map(|p| p[0].as_f64().unwrap()) // the output depends on x only
//!     .collect();
//! let outputs = SaltelliOutputs::from_design_order(&y, 2).unwrap();
//! let s = sobol_indices(&design.keys(), &outputs, &SobolOptions::default()).unwrap();
//! assert!((s[0].first - 1.0).abs() < 0.01 && s[1].total.abs() < 1e-12);
//! ```
#![deny(missing_docs)]

pub mod design;
pub mod dist;
pub mod paired;
pub mod sampling;
pub mod sensitivity;
pub mod summary;

pub use design::{Design, DesignError, Dimension, Level};
pub use paired::{compare_paired, PairedComparison, PairedOptions};
pub use sensitivity::{main_effects, sobol_indices, MainEffect, SaltelliOutputs, SobolIndex};
pub use summary::{Accumulator, Summary};

/// Errors of the summaries, comparisons and sensitivity estimates.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum StatsError {
    /// A confidence level outside `(0, 1)`.
    #[error("confidence level {level} is not between 0 and 1")]
    InvalidLevel {
        /// The level given.
        level: f64,
    },
    /// Two inputs that must have the same length do not.
    #[error("lengths differ: {left} and {right}")]
    LengthMismatch {
        /// Length of the first input.
        left: usize,
        /// Length of the second input.
        right: usize,
    },
    /// An empty input.
    #[error("no values to analyse")]
    Empty,
    /// Too few values for the statistic.
    #[error("{n} values given, at least {needed} needed")]
    NotEnoughSamples {
        /// Values given.
        n: usize,
        /// Values needed.
        needed: usize,
    },
    /// An infinite or NaN input.
    #[error("value {index} of {sample} is not a finite number")]
    NonFinite {
        /// Which input (`a`, `b`, `f(A)`, `y`, …).
        sample: &'static str,
        /// Its 0-based position.
        index: usize,
    },
    /// The outputs do not vary, so variance-based indices are undefined.
    #[error("the outputs do not vary; sensitivity indices are undefined")]
    ZeroVariance,
    /// Outputs that cannot come from a Saltelli design of this many dimensions.
    #[error("{len} outputs cannot be split into d + 2 = {} equal blocks", dimensions + 2)]
    NotSaltelliShape {
        /// Number of outputs.
        len: usize,
        /// Dimensions d.
        dimensions: usize,
    },
}

/// Serialise NaN as *none* (an empty CSV field, JSON `null`) and other floats as themselves.
fn nan_as_empty<S: serde::Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    if x.is_nan() {
        s.serialize_none()
    } else {
        s.serialize_f64(*x)
    }
}
