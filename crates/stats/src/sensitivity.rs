//! Global sensitivity analysis: Sobol first-order and total indices from the outputs of a
//! Saltelli-scheme design, with bootstrap intervals; and main effects of grid designs.
//!
//! For `d` dimensions and `N` base rows the model is run on A, B and the `d` matrices `AB_i`
//! (the rows of A with column `i` taken from B), see [`Design::Sobol`](crate::design::Design).
//! With `f̄` the mean and `V` the variance of the `2N` outputs `f(A) ∪ f(B)` (divisor `2N`):
//!
//! * first order (Saltelli et al. 2010, eq. (b) of their table 2, on centred outputs):
//!   `S_i = mean_j( (f(B)_j − f̄) · (f(AB_i)_j − f(A)_j) ) / V`
//! * total (Jansen 1999): `S_Ti = mean_j( (f(A)_j − f(AB_i)_j)² ) / (2V)`
//!
//! Both are invariant to adding a constant to the output: `f(AB_i) − f(A)`, `f(B) − f̄` and `V`
//! do not change. (Without the centring, the first-order estimate carries
//! `c · mean(f(AB_i) − f(A)) / V` for an output shifted by `c`, zero only in expectation: an
//! output with a large mean, such as a count of firms, got indices of ±15 and intervals of
//! ±400.) The outputs are first taken relative to one of them, so that large means lose no
//! digits in the sums. Both estimators are unbiased for the numerator but may fall slightly
//! outside `[0, 1]` by sampling error; they are reported as computed, not clipped. An interval
//! wider than that range (see [`SobolIndex::wide_intervals`]) says the base rows are too few.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::design::Level;
use crate::dist::quantile_sorted;
use crate::paired::check_finite;
use crate::summary::{check_level, Accumulator};
use crate::{nan_as_empty, StatsError};

/// Model outputs on a Saltelli design, split by block; every vector has the same length N, in
/// base-row order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SaltelliOutputs {
    /// Outputs on the rows of A.
    pub f_a: Vec<f64>,
    /// Outputs on the rows of B.
    pub f_b: Vec<f64>,
    /// `f_ab[i]`: outputs on the rows of `AB_i`, one vector per dimension.
    pub f_ab: Vec<Vec<f64>>,
}

impl SaltelliOutputs {
    /// Split outputs given in the order of [`Design::points`](crate::design::Design::points) for
    /// a Sobol design of `dimensions` dimensions: blocks `A, B, AB_1, …, AB_d` of `N` each.
    ///
    /// # Errors
    /// [`StatsError::NotSaltelliShape`] unless `y.len()` is a positive multiple of
    /// `dimensions + 2` (with `dimensions ≥ 1`).
    pub fn from_design_order(y: &[f64], dimensions: usize) -> Result<Self, StatsError> {
        let blocks = dimensions + 2;
        let n = y.len() / blocks;
        if dimensions == 0 || n == 0 || n * blocks != y.len() {
            return Err(StatsError::NotSaltelliShape {
                len: y.len(),
                dimensions,
            });
        }
        let mut chunks = y.chunks_exact(n).map(<[f64]>::to_vec);
        let f_a = chunks.next().expect("d + 2 ≥ 3 blocks");
        let f_b = chunks.next().expect("d + 2 ≥ 3 blocks");
        Ok(Self {
            f_a,
            f_b,
            f_ab: chunks.collect(),
        })
    }

    /// Number of base rows N.
    pub fn n(&self) -> usize {
        self.f_a.len()
    }

    /// Number of dimensions d.
    pub fn dimensions(&self) -> usize {
        self.f_ab.len()
    }
}

/// Settings of the Sobol index estimates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SobolOptions {
    /// Confidence level of the bootstrap intervals, in `(0, 1)`. Default 0.95.
    pub level: f64,
    /// Bootstrap resamples of the N base rows; 0 skips the intervals (NaN). Default 1000.
    pub resamples: usize,
    /// Seed of the ChaCha8 stream that draws the resamples. Default 0.
    pub seed: u64,
}

impl Default for SobolOptions {
    fn default() -> Self {
        Self {
            level: 0.95,
            resamples: 1000,
            seed: 0,
        }
    }
}

/// Sobol indices of one dimension: one row of a sensitivity table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SobolIndex {
    /// The dimension's key.
    pub key: String,
    /// First-order index `S_i` (Saltelli 2010, centred outputs).
    pub first: f64,
    /// Lower bound of the percentile bootstrap interval of `S_i`.
    #[serde(serialize_with = "nan_as_empty")]
    pub first_ci_low: f64,
    /// Upper bound of that interval.
    #[serde(serialize_with = "nan_as_empty")]
    pub first_ci_high: f64,
    /// Total index `S_Ti` (Jansen).
    pub total: f64,
    /// Lower bound of the percentile bootstrap interval of `S_Ti`.
    #[serde(serialize_with = "nan_as_empty")]
    pub total_ci_low: f64,
    /// Upper bound of that interval.
    #[serde(serialize_with = "nan_as_empty")]
    pub total_ci_high: f64,
}

/// Width of the `[0, 1]` range of an index: an interval wider than this says nothing of where
/// the index lies in that range.
pub const WIDE_INTERVAL: f64 = 1.0;

impl SobolIndex {
    /// The intervals wider than [`WIDE_INTERVAL`], as `(index, ci_low, ci_high)` with `index`
    /// `"first"` or `"total"` (the names of `sensitivity.csv`). Missing intervals (NaN, no
    /// resamples) are never wide.
    pub fn wide_intervals(&self) -> impl Iterator<Item = (&'static str, f64, f64)> {
        [
            ("first", self.first_ci_low, self.first_ci_high),
            ("total", self.total_ci_low, self.total_ci_high),
        ]
        .into_iter()
        .filter(|&(_, lo, hi)| hi - lo > WIDE_INTERVAL)
    }
}

/// First-order and total Sobol indices of each dimension, in the order of `keys`.
///
/// The bootstrap draws `resamples` sets of N base-row indices with replacement from
/// `ChaCha8Rng::seed_from_u64(seed)` (one set shared by all dimensions and by the variance, as
/// the rows are), recomputes every index, and takes type-7 percentiles. Resamples whose outputs
/// all coincide (zero variance) are left out of the percentiles. Bootstrap intervals treat the
/// base rows as independent draws, so for a Sobol (quasi-random) design they are conservative.
///
/// # Errors
/// `keys.len() ≠ d`, blocks of different lengths, fewer than 2 base rows, a non-finite output,
/// zero output variance, a level outside `(0, 1)`.
pub fn sobol_indices(
    keys: &[String],
    outputs: &SaltelliOutputs,
    opts: &SobolOptions,
) -> Result<Vec<SobolIndex>, StatsError> {
    check_level(opts.level)?;
    let n = outputs.n();
    let d = outputs.dimensions();
    if keys.len() != d {
        return Err(StatsError::LengthMismatch {
            left: keys.len(),
            right: d,
        });
    }
    for v in std::iter::once(&outputs.f_b).chain(&outputs.f_ab) {
        if v.len() != n {
            return Err(StatsError::LengthMismatch {
                left: n,
                right: v.len(),
            });
        }
    }
    if n < 2 {
        return Err(StatsError::NotEnoughSamples { n, needed: 2 });
    }
    check_finite("f(A)", &outputs.f_a)?;
    check_finite("f(B)", &outputs.f_b)?;
    for v in &outputs.f_ab {
        check_finite("f(AB_i)", v)?;
    }
    let outputs = &relative_to_first(outputs);
    let all: Vec<usize> = (0..n).collect();
    let (first, total) = estimate(outputs, &all).ok_or(StatsError::ZeroVariance)?;

    let mut boot_first = vec![Vec::with_capacity(opts.resamples); d];
    let mut boot_total = vec![Vec::with_capacity(opts.resamples); d];
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let mut rows = vec![0_usize; n];
    for _ in 0..opts.resamples {
        for r in rows.iter_mut() {
            *r = rng.random_range(0..n);
        }
        if let Some((f, t)) = estimate(outputs, &rows) {
            for i in 0..d {
                boot_first[i].push(f[i]);
                boot_total[i].push(t[i]);
            }
        }
    }
    let alpha = 1.0 - opts.level;
    let interval = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (
            quantile_sorted(&v, 0.5 * alpha),
            quantile_sorted(&v, 1.0 - 0.5 * alpha),
        )
    };
    Ok(keys
        .iter()
        .zip(boot_first.into_iter().zip(boot_total))
        .enumerate()
        .map(|(i, (key, (bf, bt)))| {
            let (first_ci_low, first_ci_high) = interval(bf);
            let (total_ci_low, total_ci_high) = interval(bt);
            SobolIndex {
                key: key.clone(),
                first: first[i],
                first_ci_low,
                first_ci_high,
                total: total[i],
                total_ci_low,
                total_ci_high,
            }
        })
        .collect())
}

/// The outputs minus `f(A)_0`: the same indices, computed on numbers of the size of the
/// outputs' spread rather than of their mean (and exactly so for outputs that differ by an
/// exactly representable constant).
fn relative_to_first(out: &SaltelliOutputs) -> SaltelliOutputs {
    let pivot = out.f_a[0];
    let rel = |v: &Vec<f64>| v.iter().map(|x| x - pivot).collect::<Vec<f64>>();
    SaltelliOutputs {
        f_a: rel(&out.f_a),
        f_b: rel(&out.f_b),
        f_ab: out.f_ab.iter().map(rel).collect(),
    }
}

/// First-order and total indices over the base rows `rows` (with repetition), on outputs
/// centred by the mean of `f(A)` and `f(B)` over those rows; `None` when those outputs have
/// zero variance. Sums run in `rows` order.
fn estimate(out: &SaltelliOutputs, rows: &[usize]) -> Option<(Vec<f64>, Vec<f64>)> {
    let m = rows.len() as f64;
    let mut sum = 0.0;
    for &j in rows {
        sum += out.f_a[j] + out.f_b[j];
    }
    let mean = sum / (2.0 * m);
    let mut ss = 0.0;
    for &j in rows {
        ss += (out.f_a[j] - mean).powi(2) + (out.f_b[j] - mean).powi(2);
    }
    let var = ss / (2.0 * m);
    if var <= 0.0 || !var.is_finite() {
        return None;
    }
    let mut first = Vec::with_capacity(out.f_ab.len());
    let mut total = Vec::with_capacity(out.f_ab.len());
    for f_ab in &out.f_ab {
        let (mut s1, mut st) = (0.0, 0.0);
        for &j in rows {
            s1 += (out.f_b[j] - mean) * (f_ab[j] - out.f_a[j]);
            st += (out.f_a[j] - f_ab[j]).powi(2);
        }
        first.push(s1 / m / var);
        total.push(st / (2.0 * m) / var);
    }
    Some((first, total))
}

/// Mean output at one level of one dimension, and its deviation from the grand mean.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MainEffect {
    /// The dimension's key.
    pub key: String,
    /// The level.
    pub level: Level,
    /// Number of points at that level.
    pub n: u64,
    /// Mean output over those points.
    pub mean: f64,
    /// `mean − grand mean` (the grand mean is over all points).
    pub effect: f64,
}

/// Main effects of each dimension: for each dimension (in `keys` order) and each of its levels
/// (in order of first appearance in `points`), the mean output at that level and its deviation
/// from the grand mean.
///
/// Meant for grids (few levels, every level crossed with all others, so the effects of one
/// dimension weighted by `n` sum to zero); for sampled designs every value is its own level.
/// Replications are passed as repeated points.
///
/// # Errors
/// `points` and `y` of different lengths, a row with other than `keys.len()` levels, no points,
/// a non-finite output.
pub fn main_effects(
    keys: &[String],
    points: &[Vec<Level>],
    y: &[f64],
) -> Result<Vec<MainEffect>, StatsError> {
    if points.len() != y.len() {
        return Err(StatsError::LengthMismatch {
            left: points.len(),
            right: y.len(),
        });
    }
    if y.is_empty() {
        return Err(StatsError::Empty);
    }
    if let Some(row) = points.iter().find(|r| r.len() != keys.len()) {
        return Err(StatsError::LengthMismatch {
            left: keys.len(),
            right: row.len(),
        });
    }
    check_finite("y", y)?;
    let grand = y.iter().copied().collect::<Accumulator>().mean();
    let mut effects = Vec::new();
    for (k, key) in keys.iter().enumerate() {
        let mut groups: Vec<(Level, Accumulator)> = Vec::new();
        for (row, &v) in points.iter().zip(y) {
            let level = &row[k];
            match groups.iter_mut().find(|(l, _)| l == level) {
                Some((_, acc)) => acc.push(v),
                None => {
                    let mut acc = Accumulator::default();
                    acc.push(v);
                    groups.push((level.clone(), acc));
                }
            }
        }
        effects.extend(groups.into_iter().map(|(level, acc)| MainEffect {
            key: key.clone(),
            level,
            n: acc.n(),
            mean: acc.mean(),
            effect: acc.mean() - grand,
        }));
    }
    Ok(effects)
}
