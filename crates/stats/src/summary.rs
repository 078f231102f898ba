//! Streaming summaries: a mergeable Welford accumulator and the [`Summary`] row it yields (mean,
//! standard deviation, standard error, Student-t confidence interval, extremes).
//!
//! # Determinism
//! Pushing the same values in the same order, and merging the same shards in the same order,
//! gives the same bits. Floating-point merging is not associative in the last bits, so sweeps
//! that summarise shards in parallel must merge them in a fixed order (e.g. by shard index), never
//! in completion order.
//!
//! # Missing values
//! A NaN pushed into an accumulator makes its mean, sd, min and max NaN: a metric that can be
//! undefined (a rate with no firms left) should be filtered before it is summarised, so that
//! the missing runs are counted by the caller rather than silently dropped here.

use serde::Serialize;

use crate::dist::student_t_quantile;
use crate::{nan_as_empty, StatsError};

/// Running count, mean, sum of squared deviations (M2), minimum and maximum of a stream of values
/// (Welford 1962), mergeable with Chan, Golub and LeVeque's pairwise update.
///
/// # Example
/// ```
/// use asocia_stats::summary::Accumulator;
/// let acc: Accumulator = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0].into_iter().collect();
/// let s = acc.summary();
/// assert_eq!(s.n, 8);
/// assert_eq!(s.mean, 5.0);
/// assert!((s.ci_high - 6.787_487_918).abs() < 1e-8);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Accumulator {
    n: u64,
    mean: f64,
    /// Sum of squared deviations from the running mean; never negative.
    m2: f64,
    /// +∞ while empty; NaN once a NaN was pushed.
    min: f64,
    /// −∞ while empty; NaN once a NaN was pushed.
    max: f64,
}

impl Default for Accumulator {
    fn default() -> Self {
        Self {
            n: 0,
            mean: 0.0,
            m2: 0.0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }
}

/// Minimum that keeps a NaN once seen.
fn nan_min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.min(b)
    }
}

/// Maximum that keeps a NaN once seen.
fn nan_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.max(b)
    }
}

impl Accumulator {
    /// Add one value.
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        let delta = x - self.mean;
        self.mean += delta / self.n as f64;
        self.m2 += delta * (x - self.mean);
        self.min = nan_min(self.min, x);
        self.max = nan_max(self.max, x);
    }

    /// Fold `other` into `self`, as if its values had been pushed after `self`'s (up to rounding;
    /// see the module docs on determinism).
    pub fn merge(&mut self, other: &Accumulator) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = *other;
            return;
        }
        let (na, nb) = (self.n as f64, other.n as f64);
        let n = self.n + other.n;
        let delta = other.mean - self.mean;
        self.mean += delta * (nb / n as f64);
        self.m2 += other.m2 + delta * delta * (na * nb / n as f64);
        self.n = n;
        self.min = nan_min(self.min, other.min);
        self.max = nan_max(self.max, other.max);
    }

    /// Number of values.
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Mean; NaN when empty.
    pub fn mean(&self) -> f64 {
        if self.n == 0 {
            f64::NAN
        } else {
            self.mean
        }
    }

    /// Sample variance (divisor `n − 1`); NaN when `n < 2`.
    pub fn variance(&self) -> f64 {
        if self.n < 2 {
            f64::NAN
        } else {
            self.m2.max(0.0) / (self.n - 1) as f64
        }
    }

    /// Sample standard deviation (divisor `n − 1`); NaN when `n < 2`.
    pub fn sd(&self) -> f64 {
        self.variance().sqrt()
    }

    /// Smallest value; NaN when empty.
    pub fn min(&self) -> f64 {
        if self.n == 0 {
            f64::NAN
        } else {
            self.min
        }
    }

    /// Largest value; NaN when empty.
    pub fn max(&self) -> f64 {
        if self.n == 0 {
            f64::NAN
        } else {
            self.max
        }
    }

    /// The summary with a 95% confidence interval.
    pub fn summary(&self) -> Summary {
        self.summary_at(0.95)
            .expect("0.95 is a valid confidence level")
    }

    /// The summary with a two-sided confidence interval at `level` (in `(0, 1)`, e.g. 0.9).
    pub fn summary_at(&self, level: f64) -> Result<Summary, StatsError> {
        check_level(level)?;
        let sd = self.sd();
        let se = sd / (self.n as f64).sqrt();
        let (ci_low, ci_high) = t_interval(self.mean(), se, self.n, level);
        Ok(Summary {
            n: self.n,
            mean: self.mean(),
            sd,
            se,
            ci_low,
            ci_high,
            min: self.min(),
            max: self.max(),
        })
    }
}

impl Extend<f64> for Accumulator {
    fn extend<I: IntoIterator<Item = f64>>(&mut self, iter: I) {
        for x in iter {
            self.push(x);
        }
    }
}

impl FromIterator<f64> for Accumulator {
    fn from_iter<I: IntoIterator<Item = f64>>(iter: I) -> Self {
        let mut acc = Self::default();
        acc.extend(iter);
        acc
    }
}

/// `Err` unless `0 < level < 1`.
pub(crate) fn check_level(level: f64) -> Result<(), StatsError> {
    if level > 0.0 && level < 1.0 {
        Ok(())
    } else {
        Err(StatsError::InvalidLevel { level })
    }
}

/// `mean ± t_{(1+level)/2, n−1} · se`; NaN bounds when `n < 2`, exactly `[mean, mean]` when
/// `se = 0`.
pub(crate) fn t_interval(mean: f64, se: f64, n: u64, level: f64) -> (f64, f64) {
    if n < 2 {
        return (f64::NAN, f64::NAN);
    }
    if se == 0.0 {
        return (mean, mean);
    }
    let t = student_t_quantile(0.5 + 0.5 * level, (n - 1) as f64);
    (mean - t * se, mean + t * se)
}

/// Summary of one sample: one row of a sweep's summary table.
///
/// With `n = 1`, `sd`, `se`, `ci_low` and `ci_high` are NaN (one value says nothing about
/// spread); with `n = 0` everything but `n` is NaN. NaN fields serialise as *none*: an empty
/// field in CSV, `null` in JSON. When all values are equal the interval is exactly
/// `[mean, mean]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    /// Number of values.
    pub n: u64,
    /// Mean.
    #[serde(serialize_with = "nan_as_empty")]
    pub mean: f64,
    /// Sample standard deviation (divisor `n − 1`).
    #[serde(serialize_with = "nan_as_empty")]
    pub sd: f64,
    /// Standard error of the mean, `sd / √n`.
    #[serde(serialize_with = "nan_as_empty")]
    pub se: f64,
    /// Lower bound of the Student-t confidence interval of the mean (`n − 1` df).
    #[serde(serialize_with = "nan_as_empty")]
    pub ci_low: f64,
    /// Upper bound of that interval.
    #[serde(serialize_with = "nan_as_empty")]
    pub ci_high: f64,
    /// Smallest value.
    #[serde(serialize_with = "nan_as_empty")]
    pub min: f64,
    /// Largest value.
    #[serde(serialize_with = "nan_as_empty")]
    pub max: f64,
}

impl Summary {
    /// Summary of a slice at the 95% level.
    pub fn of(values: &[f64]) -> Summary {
        values.iter().copied().collect::<Accumulator>().summary()
    }
}
