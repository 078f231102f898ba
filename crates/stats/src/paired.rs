//! Paired comparison of two arms run on common random numbers: replication `k` of arm A and
//! replication `k` of arm B share their random streams, so the differences `a_k − b_k` carry the
//! effect with the shared noise removed.
//!
//! # Example
//! ```
//! use asocia_stats::paired::{compare_paired, PairedOptions};
//! let a = [0.61, 0.55, 0.70, 0.58];
//! let b = [0.52, 0.50, 0.66, 0.58];
//! let c = compare_paired(&a, &b, &PairedOptions::default()).unwrap();
//! assert!((c.diff - 0.045).abs() < 1e-12);
//! assert_eq!((c.share_a_greater, c.share_ties, c.share_b_greater), (0.75, 0.25, 0.0));
//! assert!(c.boot_ci_low <= c.diff && c.diff <= c.boot_ci_high);
//! ```

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::dist::quantile_sorted;
use crate::summary::{check_level, t_interval, Accumulator};
use crate::{nan_as_empty, StatsError};

/// Settings of a paired comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairedOptions {
    /// Confidence level of both intervals, in `(0, 1)`. Default 0.95.
    pub level: f64,
    /// Bootstrap resamples B; 0 skips the bootstrap (its bounds are then NaN). Default 2000.
    pub resamples: usize,
    /// Seed of the ChaCha8 stream that draws the resamples. Default 0.
    pub seed: u64,
}

impl Default for PairedOptions {
    fn default() -> Self {
        Self {
            level: 0.95,
            resamples: 2000,
            seed: 0,
        }
    }
}

/// The comparison of arm A with arm B: one row of `asocia compare`'s table.
///
/// Fields that cannot be computed are NaN and serialise as *none* (empty CSV field): with one
/// pair, `sd_diff`, `se_diff`, both intervals and `cohen_dz`. When every difference is exactly 0,
/// `diff` is 0 and both intervals are exactly `[0, 0]`; more generally, when every difference is
/// the same value `c`, both intervals are exactly `[c, c]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairedComparison {
    /// Number of pairs.
    pub n: u64,
    /// Mean of arm A.
    #[serde(serialize_with = "nan_as_empty")]
    pub mean_a: f64,
    /// Mean of arm B.
    #[serde(serialize_with = "nan_as_empty")]
    pub mean_b: f64,
    /// Mean of the differences `a − b` (equal to `mean_a − mean_b` up to rounding).
    #[serde(serialize_with = "nan_as_empty")]
    pub diff: f64,
    /// Sample standard deviation of the differences.
    #[serde(serialize_with = "nan_as_empty")]
    pub sd_diff: f64,
    /// Standard error of the mean difference.
    #[serde(serialize_with = "nan_as_empty")]
    pub se_diff: f64,
    /// Lower bound of the Student-t interval of the mean difference (`n − 1` df).
    #[serde(serialize_with = "nan_as_empty")]
    pub t_ci_low: f64,
    /// Upper bound of the Student-t interval.
    #[serde(serialize_with = "nan_as_empty")]
    pub t_ci_high: f64,
    /// Lower bound of the percentile bootstrap interval of the mean difference.
    #[serde(serialize_with = "nan_as_empty")]
    pub boot_ci_low: f64,
    /// Upper bound of the percentile bootstrap interval.
    #[serde(serialize_with = "nan_as_empty")]
    pub boot_ci_high: f64,
    /// Cohen's `d_z = diff / sd_diff`. When `sd_diff = 0`: 0 if `diff = 0`, otherwise `+∞` or
    /// `−∞` with the sign of `diff` (the arms differ by a constant: an effect with no noise).
    #[serde(serialize_with = "nan_as_empty")]
    pub cohen_dz: f64,
    /// Share of pairs with `a > b`.
    pub share_a_greater: f64,
    /// Share of pairs with `a == b`, counted apart (common random numbers make exact ties
    /// common when a policy does not bite).
    pub share_ties: f64,
    /// Share of pairs with `a < b`. The three shares sum to 1.
    pub share_b_greater: f64,
}

impl PairedComparison {
    /// Probability of superiority with ties counted as half: `share_a_greater + share_ties / 2`.
    pub fn prob_superiority(&self) -> f64 {
        self.share_a_greater + 0.5 * self.share_ties
    }
}

/// Checks that `a` and `b` are paired samples: equal, non-zero lengths and finite values.
fn check_pairs(a: &[f64], b: &[f64]) -> Result<(), StatsError> {
    if a.len() != b.len() {
        return Err(StatsError::LengthMismatch {
            left: a.len(),
            right: b.len(),
        });
    }
    if a.is_empty() {
        return Err(StatsError::Empty);
    }
    check_finite("a", a)?;
    check_finite("b", b)
}

/// Compare paired samples `a` and `b` (`a[k]` and `b[k]` from the same replication).
///
/// The bootstrap resamples the `n` differences with replacement `resamples` times, each index
/// drawn uniformly from `ChaCha8Rng::seed_from_u64(seed)`, and takes the type-7 percentiles
/// `(1 − level)/2` and `(1 + level)/2` of the resampled means: the same inputs and options give
/// the same bits. When all differences are equal there is nothing to resample and the interval is
/// that value.
///
/// # Errors
/// Different lengths, empty samples, a non-finite value, a level outside `(0, 1)`.
pub fn compare_paired(
    a: &[f64],
    b: &[f64],
    opts: &PairedOptions,
) -> Result<PairedComparison, StatsError> {
    check_level(opts.level)?;
    check_pairs(a, b)?;
    let n = a.len();
    let diffs: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
    let acc_a: Accumulator = a.iter().copied().collect();
    let acc_b: Accumulator = b.iter().copied().collect();
    let acc_d: Accumulator = diffs.iter().copied().collect();
    let diff = acc_d.mean();
    let sd_diff = acc_d.sd();
    let se_diff = sd_diff / (n as f64).sqrt();
    let (t_ci_low, t_ci_high) = t_interval(diff, se_diff, n as u64, opts.level);
    let (boot_ci_low, boot_ci_high) = if n < 2 || opts.resamples == 0 {
        (f64::NAN, f64::NAN)
    } else if sd_diff == 0.0 {
        (diff, diff)
    } else {
        bootstrap_mean_interval(&diffs, opts)
    };
    let cohen_dz = if n < 2 {
        f64::NAN
    } else if sd_diff == 0.0 {
        if diff == 0.0 {
            0.0
        } else {
            f64::INFINITY.copysign(diff)
        }
    } else {
        diff / sd_diff
    };
    let greater = a.iter().zip(b).filter(|(x, y)| x > y).count();
    let ties = a.iter().zip(b).filter(|(x, y)| x == y).count();
    let nf = n as f64;
    Ok(PairedComparison {
        n: n as u64,
        mean_a: acc_a.mean(),
        mean_b: acc_b.mean(),
        diff,
        sd_diff,
        se_diff,
        t_ci_low,
        t_ci_high,
        boot_ci_low,
        boot_ci_high,
        cohen_dz,
        share_a_greater: greater as f64 / nf,
        share_ties: ties as f64 / nf,
        share_b_greater: (n - greater - ties) as f64 / nf,
    })
}

/// `Err(NonFinite)` at the first infinite or NaN value.
pub(crate) fn check_finite(sample: &'static str, xs: &[f64]) -> Result<(), StatsError> {
    match xs.iter().position(|x| !x.is_finite()) {
        Some(index) => Err(StatsError::NonFinite { sample, index }),
        None => Ok(()),
    }
}

/// Percentile bootstrap interval of the mean of `xs`.
fn bootstrap_mean_interval(xs: &[f64], opts: &PairedOptions) -> (f64, f64) {
    let n = xs.len();
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let mut means: Vec<f64> = (0..opts.resamples)
        .map(|_| {
            // Running mean, as Welford's: exact when every drawn value is the same.
            let mut mean = 0.0;
            for k in 1..=n {
                let x = xs[rng.random_range(0..n)];
                mean += (x - mean) / k as f64;
            }
            mean
        })
        .collect();
    means.sort_by(f64::total_cmp);
    let alpha = 1.0 - opts.level;
    (
        quantile_sorted(&means, 0.5 * alpha),
        quantile_sorted(&means, 1.0 - 0.5 * alpha),
    )
}

/// A paired difference relative to arm B: `value = mean(a − b) / mean(b)` with its interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RelativeDifference {
    /// `mean(a − b) / mean(b)`; NaN when `mean(b) = 0`.
    pub value: f64,
    /// Lower end of the interval; NaN when `mean(b) = 0` or with one replication.
    pub ci_low: f64,
    /// Upper end of the interval.
    pub ci_high: f64,
}

/// The mean paired difference relative to the mean of `b`, `R = mean(a − b) / mean(b)`, with
/// the delta-method interval of a ratio of means (the ratio estimator): `R ± t_{(1+level)/2,
/// n−1} · sd(e) / (√n · |mean(b)|)` with residuals `e_k = (a_k − b_k) − R · b_k`. Both means
/// come from the same replications, so the interval accounts for the noise in `mean(b)` as well
/// as in the difference.
///
/// Undefined (all NaN) when `mean(b) = 0`; the interval is NaN with one replication and `[R, R]`
/// when every residual is 0 (a constant ratio).
///
/// # Errors
/// Different lengths, empty samples, a non-finite value, a level outside `(0, 1)`.
pub fn relative_difference(
    a: &[f64],
    b: &[f64],
    level: f64,
) -> Result<RelativeDifference, StatsError> {
    check_level(level)?;
    check_pairs(a, b)?;
    let mean_b = b.iter().copied().collect::<Accumulator>().mean();
    if mean_b == 0.0 {
        return Ok(RelativeDifference {
            value: f64::NAN,
            ci_low: f64::NAN,
            ci_high: f64::NAN,
        });
    }
    let mean_d = a
        .iter()
        .zip(b)
        .map(|(x, y)| x - y)
        .collect::<Accumulator>()
        .mean();
    let value = mean_d / mean_b;
    let residuals: Accumulator = a.iter().zip(b).map(|(x, y)| (x - y) - value * y).collect();
    let n = a.len();
    let se = residuals.sd() / ((n as f64).sqrt() * mean_b.abs());
    let (ci_low, ci_high) = t_interval(value, se, n as u64, level);
    Ok(RelativeDifference {
        value,
        ci_low,
        ci_high,
    })
}

/// The ratio of two means over the same replications, `R = mean(x) / mean(y)`, with the
/// delta-method interval of a ratio of means: `R ± t_{(1+level)/2, n−1} · sd(e) / (√n ·
/// |mean(y)|)`, `e_i = x_i − R·y_i`. What a comparison's cost per outcome is: `x` the paired
/// differences of an outcome, `y` those of the public money spent, so that `R` is the
/// outcome gained per unit of money (the noise of both means is in the interval).
///
/// Undefined (all NaN) when `mean(y) = 0`; the interval is NaN with one replication.
///
/// # Errors
/// Different lengths, empty samples, a non-finite value, a level outside `(0, 1)`.
pub fn ratio_of_means(x: &[f64], y: &[f64], level: f64) -> Result<RelativeDifference, StatsError> {
    check_level(level)?;
    check_pairs(x, y)?;
    let mean_y = y.iter().copied().collect::<Accumulator>().mean();
    if mean_y == 0.0 {
        return Ok(RelativeDifference {
            value: f64::NAN,
            ci_low: f64::NAN,
            ci_high: f64::NAN,
        });
    }
    let value = x.iter().copied().collect::<Accumulator>().mean() / mean_y;
    let residuals: Accumulator = x.iter().zip(y).map(|(a, b)| a - value * b).collect();
    let n = x.len();
    let se = residuals.sd() / ((n as f64).sqrt() * mean_y.abs());
    let (ci_low, ci_high) = t_interval(value, se, n as u64, level);
    Ok(RelativeDifference {
        value,
        ci_low,
        ci_high,
    })
}

#[cfg(test)]
mod relative_tests {
    use super::*;

    #[test]
    fn ratio_of_means_by_hand() {
        // x = [2, 4, 3], y = [1, 2, 3]: R = 3 / 2 = 1.5. Residuals 2 − 1.5 = 0.5, 4 − 3 = 1,
        // 3 − 4.5 = −1.5: mean 0, sd = √((0.25 + 1 + 2.25)/2) = √1.75 = 1.3228756555; se =
        // 1.3228756555 / (√3 · 2) = 0.3818813079; t(2) 0.975 = 4.3026527297: half-width
        // 1.6431026519.
        let r = ratio_of_means(&[2.0, 4.0, 3.0], &[1.0, 2.0, 3.0], 0.95).unwrap();
        assert!((r.value - 1.5).abs() < 1e-15);
        assert!((r.ci_low - (1.5 - 1.643_102_652)).abs() < 1e-8, "{r:?}");
        assert!((r.ci_high - (1.5 + 1.643_102_652)).abs() < 1e-8, "{r:?}");
        // No money spent on average: undefined.
        let r = ratio_of_means(&[1.0, 2.0], &[1.0, -1.0], 0.95).unwrap();
        assert!(r.value.is_nan() && r.ci_low.is_nan());
        // A ratio that is the same in every replication has a zero-width interval.
        let r = ratio_of_means(&[2.0, 4.0], &[1.0, 2.0], 0.95).unwrap();
        assert_eq!((r.value, r.ci_low, r.ci_high), (2.0, 2.0, 2.0));
    }

    #[test]
    fn relative_difference_by_hand() {
        // a = [3, 5, 4], b = [2, 4, 3]: differences all 1, mean(b) = 3, R = 1/3. Residuals
        // 1 − 2/3 = 1/3, 1 − 4/3 = −1/3, 1 − 1 = 0: sd = √((1/9 + 1/9)/2) = 1/3; se =
        // (1/3)/(√3 · 3) = 0.0641500299; t(2) 0.975 = 4.3026527297; half-width 0.2760153013.
        let r = relative_difference(&[3.0, 5.0, 4.0], &[2.0, 4.0, 3.0], 0.95).unwrap();
        assert!((r.value - 1.0 / 3.0).abs() < 1e-15);
        assert!((r.ci_low - 0.057_318_032_027_740_94).abs() < 1e-9, "{r:?}");
        assert!((r.ci_high - 0.609_348_634_638_925_6).abs() < 1e-9, "{r:?}");
    }

    #[test]
    fn relative_difference_edge_cases() {
        // mean(b) = 0: undefined.
        let r = relative_difference(&[1.0, 2.0], &[-1.0, 1.0], 0.95).unwrap();
        assert!(r.value.is_nan() && r.ci_low.is_nan() && r.ci_high.is_nan());
        // a = 2b exactly: R = 1 with no spread, the interval is [1, 1].
        let r = relative_difference(&[2.0, 4.0, 6.0], &[1.0, 2.0, 3.0], 0.95).unwrap();
        assert_eq!((r.value, r.ci_low, r.ci_high), (1.0, 1.0, 1.0));
        // One replication: a value, no interval.
        let r = relative_difference(&[3.0], &[2.0], 0.95).unwrap();
        assert_eq!(r.value, 0.5);
        assert!(r.ci_low.is_nan());
        assert!(relative_difference(&[], &[], 0.95).is_err());
        assert!(relative_difference(&[1.0], &[1.0, 2.0], 0.95).is_err());
        assert!(relative_difference(&[f64::NAN], &[1.0], 0.95).is_err());
    }
}
