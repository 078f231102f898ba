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

use std::fmt;

use serde::Serialize;

use crate::sampling::{latin_hypercube, SobolSequence, SOBOL_MAX_DIMENSIONS};

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
    fn check_sampled(&self) -> Result<(), DesignError> {
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
    fn sample(&self, u: f64) -> Level {
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
    /// [`latin_hypercube`] for the draw order).
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

impl Design {
    /// The dimensions of the design.
    pub fn dims(&self) -> &[Dimension] {
        match self {
            Design::Grid(dims)
            | Design::LatinHypercube { dims, .. }
            | Design::Sobol { dims, .. } => dims,
        }
    }

    /// The keys of the dimensions, in the order of the columns of [`Design::points`].
    pub fn keys(&self) -> Vec<String> {
        self.dims().iter().map(|d| d.key.clone()).collect()
    }

    /// Check the design without producing its points; returns its number of points.
    pub fn len(&self) -> Result<usize, DesignError> {
        let dims = self.dims();
        if dims.is_empty() {
            return Err(DesignError::NoDimensions);
        }
        for (i, d) in dims.iter().enumerate() {
            if dims[..i].iter().any(|e| e.key == d.key) {
                return Err(DesignError::DuplicateKey { key: d.key.clone() });
            }
        }
        let count = match self {
            Design::Grid(dims) => {
                let mut total: usize = 1;
                for d in dims {
                    total = total
                        .checked_mul(d.levels()?.len())
                        .filter(|&t| t <= MAX_POINTS)
                        .ok_or(DesignError::TooLarge { max: MAX_POINTS })?;
                }
                total
            }
            Design::LatinHypercube { dims, n, .. } => {
                for d in dims {
                    d.check_sampled()?;
                }
                if *n == 0 {
                    return Err(DesignError::ZeroSamples);
                }
                if *n > MAX_POINTS {
                    return Err(DesignError::TooLarge { max: MAX_POINTS });
                }
                *n
            }
            Design::Sobol { dims, n, .. } => {
                for d in dims {
                    d.check_sampled()?;
                }
                if 2 * dims.len() > SOBOL_MAX_DIMENSIONS {
                    return Err(DesignError::TooManyDimensions {
                        requested: dims.len(),
                        max: SOBOL_MAX_DIMENSIONS / 2,
                    });
                }
                if *n == 0 {
                    return Err(DesignError::ZeroSamples);
                }
                n.checked_mul(dims.len() + 2)
                    .filter(|&t| t <= MAX_POINTS)
                    .ok_or(DesignError::TooLarge { max: MAX_POINTS })?
            }
        };
        Ok(count)
    }

    /// Whether the design has no points: `Ok(false)` for every valid design, since designs
    /// without points (no dimensions, an empty range, `n = 0`) are errors.
    pub fn is_empty(&self) -> Result<bool, DesignError> {
        self.len().map(|n| n == 0)
    }

    /// Every point of the design, one row of levels per point, columns in dimension order.
    /// The same design always gives the same points (seeded draws, fixed order).
    pub fn points(&self) -> Result<Vec<Vec<Level>>, DesignError> {
        let len = self.len()?;
        let rows = match self {
            Design::Grid(dims) => {
                let levels = dims
                    .iter()
                    .map(Dimension::levels)
                    .collect::<Result<Vec<_>, _>>()?;
                let mut rows = Vec::with_capacity(len);
                let mut idx = vec![0_usize; dims.len()];
                for _ in 0..len {
                    rows.push(
                        idx.iter()
                            .zip(&levels)
                            .map(|(&i, l)| l[i].clone())
                            .collect(),
                    );
                    // Odometer: the last dimension turns fastest.
                    for k in (0..idx.len()).rev() {
                        idx[k] += 1;
                        if idx[k] < levels[k].len() {
                            break;
                        }
                        idx[k] = 0;
                    }
                }
                rows
            }
            Design::LatinHypercube { dims, n, seed } => latin_hypercube(*n, dims.len(), *seed)
                .into_iter()
                .map(|u| map_unit(dims, &u))
                .collect(),
            Design::Sobol { dims, n, seed } => {
                let d = dims.len();
                let mut seq = match seed {
                    None => SobolSequence::new(2 * d),
                    Some(s) => SobolSequence::with_digital_shift(2 * d, *s),
                }
                .expect("dimension count checked by len");
                let base = seq.take_points(*n);
                let mut rows = Vec::with_capacity(len);
                rows.extend(base.iter().map(|p| map_unit(dims, &p[..d])));
                rows.extend(base.iter().map(|p| map_unit(dims, &p[d..])));
                for i in 0..d {
                    rows.extend(base.iter().map(|p| {
                        let mut u = p[..d].to_vec();
                        u[i] = p[d + i];
                        map_unit(dims, &u)
                    }));
                }
                rows
            }
        };
        debug_assert_eq!(rows.len(), len);
        Ok(rows)
    }

    /// For a Sobol design, the Saltelli block of point `index` and its base row; `None` for other
    /// designs or an index past the end.
    pub fn block_of(&self, index: usize) -> Option<(SaltelliBlock, usize)> {
        let Design::Sobol { dims, n, .. } = self else {
            return None;
        };
        if *n == 0 || index >= n * (dims.len() + 2) {
            return None;
        }
        let row = index % n;
        let block = match index / n {
            0 => SaltelliBlock::A,
            1 => SaltelliBlock::B,
            k => SaltelliBlock::AB(k - 2),
        };
        Some((block, row))
    }
}

fn map_unit(dims: &[Dimension], u: &[f64]) -> Vec<Level> {
    dims.iter().zip(u).map(|(d, &x)| d.sample(x)).collect()
}

/// What is wrong with a design or one of its dimensions.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DesignError {
    /// The design has no dimensions.
    #[error("the design has no dimensions")]
    NoDimensions,
    /// Two dimensions set the same key.
    #[error("dimension `{key}` appears twice")]
    DuplicateKey {
        /// The repeated key.
        key: String,
    },
    /// A list with no levels, a range of zero points, or an integer range with no integer in it.
    #[error("dimension `{key}` has no values")]
    EmptyRange {
        /// The dimension.
        key: String,
    },
    /// A bound or step is infinite or NaN.
    #[error("dimension `{key}` has a bound or step that is not a finite number")]
    NonFinite {
        /// The dimension.
        key: String,
    },
    /// A step of zero.
    #[error("dimension `{key}` has a step of 0")]
    ZeroStep {
        /// The dimension.
        key: String,
    },
    /// The step points away from `stop`.
    #[error(
        "dimension `{key}` steps by {step} from {start}, which never reaches {stop}; \
         the step must have the sign of stop − start"
    )]
    WrongStepSign {
        /// The dimension.
        key: String,
        /// Start of the range.
        start: f64,
        /// Stop of the range.
        stop: f64,
        /// The step given.
        step: f64,
    },
    /// A log-scale range with a bound that is zero or negative.
    #[error("dimension `{key}` is on a log scale but its bounds {start} and {stop} are not both positive")]
    LogNonPositive {
        /// The dimension.
        key: String,
        /// Start of the range.
        start: f64,
        /// Stop of the range.
        stop: f64,
    },
    /// A gridded range would have more than [`MAX_LEVELS`] levels.
    #[error("dimension `{key}` would have {count} levels, more than the {max} allowed")]
    TooManyLevels {
        /// The dimension.
        key: String,
        /// Levels it would have.
        count: usize,
        /// [`MAX_LEVELS`].
        max: usize,
    },
    /// A continuous range in a grid.
    #[error("dimension `{key}` is a continuous range; a grid needs a step or a number of points")]
    NotGridded {
        /// The dimension.
        key: String,
    },
    /// A list of levels in a sampling design.
    #[error(
        "dimension `{key}` is a list of levels; Latin hypercube and Sobol designs need ranges"
    )]
    NotARange {
        /// The dimension.
        key: String,
    },
    /// An integer dimension with a boolean or string level.
    #[error("dimension `{key}` is integer-valued but has the level `{level}`")]
    NotNumeric {
        /// The dimension.
        key: String,
        /// The offending level.
        level: String,
    },
    /// An integer dimension with a value outside the range of `i64`.
    #[error("dimension `{key}` is integer-valued but {value} does not fit a 64-bit integer")]
    IntegerOverflow {
        /// The dimension.
        key: String,
        /// The value.
        value: f64,
    },
    /// A sampling design with `n = 0`.
    #[error("a sampling design needs at least one sample")]
    ZeroSamples,
    /// A Sobol design with more dimensions than the Sobol table supports (it needs `2d`).
    #[error("a Sobol design supports at most {max} dimensions, and has {requested}")]
    TooManyDimensions {
        /// Dimensions of the design.
        requested: usize,
        /// Most supported.
        max: usize,
    },
    /// The design would have more than [`MAX_POINTS`] points.
    #[error("the design would have more than {max} points")]
    TooLarge {
        /// [`MAX_POINTS`].
        max: usize,
    },
}
