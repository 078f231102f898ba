//! Summary metrics over the records of a run: running mean and standard deviation
//! (Welford), and an observer that averages the cooperation rate over late steps.

use std::convert::Infallible;

use crate::classic::observer::{Observer, StepRecord};

/// Running mean and variance of a sequence (Welford's algorithm; numerically stable, exact
/// order of the sequence).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RunningStats {
    count: u64,
    mean: f64,
    m2: f64,
}

impl RunningStats {
    /// Adds one value.
    pub fn push(&mut self, x: f64) {
        self.count += 1;
        let delta = x - self.mean;
        self.mean += delta / self.count as f64;
        self.m2 += delta * (x - self.mean);
    }

    /// Number of values.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Mean (0 when empty).
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// Sample standard deviation (0 with fewer than two values).
    pub fn sd(&self) -> f64 {
        if self.count < 2 {
            0.0
        } else {
            (self.m2 / (self.count - 1) as f64).sqrt()
        }
    }
}

/// Observer of the cooperation rate from step `from` on (the stationary part of a run).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LateCoopRate {
    /// First step included.
    pub from: u64,
    /// Statistics of `coop_rate` over the included steps.
    pub stats: RunningStats,
    /// The last record seen.
    pub last: Option<StepRecord>,
}

impl LateCoopRate {
    /// Averages from step `from` on.
    pub fn from_step(from: u64) -> LateCoopRate {
        LateCoopRate {
            from,
            ..LateCoopRate::default()
        }
    }
}

impl Observer for LateCoopRate {
    type Error = Infallible;

    fn on_step(&mut self, record: &StepRecord) -> Result<(), Infallible> {
        if record.step >= self.from {
            self.stats.push(record.coop_rate);
        }
        self.last = Some(*record);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welford_matches_two_pass() {
        let xs = [0.3, 0.1, 0.4, 0.15, 0.9, 0.26];
        let mut s = RunningStats::default();
        xs.iter().for_each(|&x| s.push(x));
        let mean = xs.iter().sum::<f64>() / 6.0;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 5.0;
        assert!((s.mean() - mean).abs() < 1e-15);
        assert!((s.sd() - var.sqrt()).abs() < 1e-15);
        assert_eq!(s.count(), 6);
    }
}
