//! What is wrong with a design or one of its dimensions.

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
    /// A gridded range would have more than [`MAX_LEVELS`](super::MAX_LEVELS) levels.
    #[error("dimension `{key}` would have {count} levels, more than the {max} allowed")]
    TooManyLevels {
        /// The dimension.
        key: String,
        /// Levels it would have.
        count: usize,
        /// [`MAX_LEVELS`](super::MAX_LEVELS).
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
    /// The design would have more than [`MAX_POINTS`](super::MAX_POINTS) points.
    #[error("the design would have more than {max} points")]
    TooLarge {
        /// [`MAX_POINTS`](super::MAX_POINTS).
        max: usize,
    },
}
