//! The levels of one dimension: explicit lists, gridded ranges, and the value a sampled
//! range takes at a point of the unit interval.

use super::{
    DesignError, DimValues, Dimension, Level, Range, Scale, Spacing, MAX_LEVELS, ON_GRID_TOLERANCE,
};

impl Dimension {
    /// A dimension of explicit levels.
    pub fn list<L: Into<Level>>(
        key: impl Into<String>,
        levels: impl IntoIterator<Item = L>,
    ) -> Self {
        Self {
            key: key.into(),
            values: DimValues::List(levels.into_iter().map(Into::into).collect()),
            integer: false,
        }
    }

    /// A linear range `start, start + step, …, stop` (stop included when on the grid).
    pub fn step(key: impl Into<String>, start: f64, stop: f64, step: f64) -> Self {
        Self::range(key, start, stop, Scale::Linear, Spacing::Step(step))
    }

    /// `n` evenly spaced values from `start` to `stop`, both included.
    pub fn linspace(key: impl Into<String>, start: f64, stop: f64, n: usize) -> Self {
        Self::range(key, start, stop, Scale::Linear, Spacing::Count(n))
    }

    /// `n` values from `start` to `stop`, both included, evenly spaced in `log10`.
    pub fn logspace(key: impl Into<String>, start: f64, stop: f64, n: usize) -> Self {
        Self::range(key, start, stop, Scale::Log, Spacing::Count(n))
    }

    /// A continuous linear interval, for sampling designs.
    pub fn interval(key: impl Into<String>, start: f64, stop: f64) -> Self {
        Self::range(key, start, stop, Scale::Linear, Spacing::Continuous)
    }

    /// A continuous logarithmic interval, for sampling designs.
    pub fn log_interval(key: impl Into<String>, start: f64, stop: f64) -> Self {
        Self::range(key, start, stop, Scale::Log, Spacing::Continuous)
    }

    /// Any range.
    pub fn range(
        key: impl Into<String>,
        start: f64,
        stop: f64,
        scale: Scale,
        spacing: Spacing,
    ) -> Self {
        Self {
            key: key.into(),
            values: DimValues::Range(Range {
                start,
                stop,
                scale,
                spacing,
            }),
            integer: false,
        }
    }

    /// The same dimension flagged integer-valued (see [`Dimension::integer`]).
    #[must_use]
    pub fn integer(mut self) -> Self {
        self.integer = true;
        self
    }

    /// The levels a grid takes along this dimension, in order.
    pub fn levels(&self) -> Result<Vec<Level>, DesignError> {
        let key = || self.key.clone();
        let levels = match &self.values {
            DimValues::List(list) => {
                if list.is_empty() {
                    return Err(DesignError::EmptyRange { key: key() });
                }
                if self.integer {
                    list.iter()
                        .map(|l| match l {
                            Level::Int(_) => Ok(l.clone()),
                            Level::Float(x) => self.to_int(*x),
                            other => Err(DesignError::NotNumeric {
                                key: key(),
                                level: other.to_string(),
                            }),
                        })
                        .collect::<Result<Vec<_>, _>>()?
                } else {
                    list.clone()
                }
            }
            DimValues::Range(r) => {
                let values = self.grid_values(r)?;
                if self.integer {
                    values
                        .into_iter()
                        .map(|x| self.to_int(x))
                        .collect::<Result<Vec<_>, _>>()?
                } else {
                    values.into_iter().map(Level::Float).collect()
                }
            }
        };
        if self.integer {
            let mut unique: Vec<Level> = Vec::with_capacity(levels.len());
            for l in levels {
                if !unique.contains(&l) {
                    unique.push(l);
                }
            }
            return Ok(unique);
        }
        Ok(levels)
    }

    fn to_int(&self, x: f64) -> Result<Level, DesignError> {
        let r = x.round();
        if !r.is_finite() {
            return Err(DesignError::NonFinite {
                key: self.key.clone(),
            });
        }
        // i64 spans ±9.22e18; 2^63 itself is not representable.
        if r.abs() >= 9.223_372_036_854_775e18 {
            return Err(DesignError::IntegerOverflow {
                key: self.key.clone(),
                value: x,
            });
        }
        Ok(Level::Int(r as i64))
    }

    fn check_bounds(&self, r: &Range) -> Result<(), DesignError> {
        if !r.start.is_finite() || !r.stop.is_finite() {
            return Err(DesignError::NonFinite {
                key: self.key.clone(),
            });
        }
        if r.scale == Scale::Log && (r.start <= 0.0 || r.stop <= 0.0) {
            return Err(DesignError::LogNonPositive {
                key: self.key.clone(),
                start: r.start,
                stop: r.stop,
            });
        }
        Ok(())
    }

    fn grid_values(&self, r: &Range) -> Result<Vec<f64>, DesignError> {
        self.check_bounds(r)?;
        let (a, b) = match r.scale {
            Scale::Linear => (r.start, r.stop),
            Scale::Log => (r.start.log10(), r.stop.log10()),
        };
        let back = |t: f64| match r.scale {
            Scale::Linear => t,
            Scale::Log => 10_f64.powf(t),
        };
        let too_many = |count: usize| DesignError::TooManyLevels {
            key: self.key.clone(),
            count,
            max: MAX_LEVELS,
        };
        match r.spacing {
            Spacing::Continuous => Err(DesignError::NotGridded {
                key: self.key.clone(),
            }),
            Spacing::Count(0) => Err(DesignError::EmptyRange {
                key: self.key.clone(),
            }),
            Spacing::Count(n) => {
                if n > MAX_LEVELS {
                    return Err(too_many(n));
                }
                if n == 1 {
                    return Ok(vec![r.start]);
                }
                let last = n - 1;
                Ok((0..n)
                    .map(|i| match i {
                        0 => r.start,
                        i if i == last => r.stop,
                        i => back(a + (b - a) * i as f64 / last as f64),
                    })
                    .collect())
            }
            Spacing::Step(h) => {
                if !h.is_finite() {
                    return Err(DesignError::NonFinite {
                        key: self.key.clone(),
                    });
                }
                if h == 0.0 {
                    return Err(DesignError::ZeroStep {
                        key: self.key.clone(),
                    });
                }
                if b != a && (b - a).signum() != h.signum() {
                    return Err(DesignError::WrongStepSign {
                        key: self.key.clone(),
                        start: r.start,
                        stop: r.stop,
                        step: h,
                    });
                }
                let k = (b - a) / h;
                if k + 1.0 > MAX_LEVELS as f64 {
                    return Err(too_many(if k < 1e18 { k as usize + 1 } else { usize::MAX }));
                }
                let count = (k + ON_GRID_TOLERANCE).floor() as usize + 1;
                let stop_on_grid = (k - (count - 1) as f64).abs() <= ON_GRID_TOLERANCE;
                Ok((0..count)
                    .map(|i| {
                        if i == 0 {
                            r.start
                        } else if i == count - 1 && stop_on_grid {
                            r.stop
                        } else {
                            back(a + h * i as f64)
                        }
                    })
                    .collect())
            }
        }
    }

    /// Check that a sampling design can draw from this dimension.
    pub(super) fn check_sampled(&self) -> Result<(), DesignError> {
        let DimValues::Range(r) = &self.values else {
            return Err(DesignError::NotARange {
                key: self.key.clone(),
            });
        };
        self.check_bounds(r)?;
        if self.integer {
            let (lo, hi) = int_bounds(r);
            if lo > hi {
                return Err(DesignError::EmptyRange {
                    key: self.key.clone(),
                });
            }
            self.to_int(lo)?;
            self.to_int(hi)?;
        }
        Ok(())
    }

    /// The level at unit coordinate `u ∈ [0, 1)`; the dimension must have passed
    /// `check_sampled`.
    pub(super) fn sample(&self, u: f64) -> Level {
        let DimValues::Range(r) = &self.values else {
            unreachable!("checked by check_sampled");
        };
        let x = match r.scale {
            Scale::Linear => r.start + u * (r.stop - r.start),
            Scale::Log => {
                let (a, b) = (r.start.log10(), r.stop.log10());
                10_f64.powf(a + u * (b - a))
            }
        };
        if !self.integer {
            return Level::Float(x);
        }
        let (lo, hi) = int_bounds(r);
        let v = match r.scale {
            Scale::Linear => (lo + (u * (hi - lo + 1.0)).floor()).min(hi),
            Scale::Log => x.round().clamp(lo, hi),
        };
        Level::Int(v as i64)
    }
}

/// The integers `[ceil(min), floor(max)]` a sampled integer range may take, as floats.
fn int_bounds(r: &Range) -> (f64, f64) {
    (r.start.min(r.stop).ceil(), r.start.max(r.stop).floor())
}
