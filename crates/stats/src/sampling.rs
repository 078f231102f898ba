//! Low-discrepancy and stratified samples of the unit hypercube: the Sobol sequence with Joe–Kuo
//! direction numbers, and Latin hypercube samples.
//!
//! The Sobol generator is written here (about sixty lines and a table) rather than taken from
//! `sobol_burley`: the Saltelli scheme wants the plain, documented sequence whose first points can
//! be checked against Joe and Kuo's published generator (and SciPy's `qmc.Sobol(scramble=False)`),
//! with an optional seeded random digital shift that keeps its net properties. `sobol_burley`
//! only offers Owen-scrambled points and 256 dimensions of its own table.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Joe and Kuo's direction numbers (file `new-joe-kuo-6.21201`, search criterion D(6)) for
/// dimensions 2 to 128: `(degree s, coefficients a, initial m_1..m_s)`. Dimension 1 is the van der
/// Corput sequence and needs none.
const JOE_KUO: [(u32, u32, &[u32]); 127] = [
    (1, 0, &[1]),
    (2, 1, &[1, 3]),
    (3, 1, &[1, 3, 1]),
    (3, 2, &[1, 1, 1]),
    (4, 1, &[1, 1, 3, 3]),
    (4, 4, &[1, 3, 5, 13]),
    (5, 2, &[1, 1, 5, 5, 17]),
    (5, 4, &[1, 1, 5, 5, 5]),
    (5, 7, &[1, 1, 7, 11, 19]),
    (5, 11, &[1, 1, 5, 1, 1]),
    (5, 13, &[1, 1, 1, 3, 11]),
    (5, 14, &[1, 3, 5, 5, 31]),
    (6, 1, &[1, 3, 3, 9, 7, 49]),
    (6, 13, &[1, 1, 1, 15, 21, 21]),
    (6, 16, &[1, 3, 1, 13, 27, 49]),
    (6, 19, &[1, 1, 1, 15, 7, 5]),
    (6, 22, &[1, 3, 1, 15, 13, 25]),
    (6, 25, &[1, 1, 5, 5, 19, 61]),
    (7, 1, &[1, 3, 7, 11, 23, 15, 103]),
    (7, 4, &[1, 3, 7, 13, 13, 15, 69]),
    (7, 7, &[1, 1, 3, 13, 7, 35, 63]),
    (7, 8, &[1, 3, 5, 9, 1, 25, 53]),
    (7, 14, &[1, 3, 1, 13, 9, 35, 107]),
    (7, 19, &[1, 3, 1, 5, 27, 61, 31]),
    (7, 21, &[1, 1, 5, 11, 19, 41, 61]),
    (7, 28, &[1, 3, 5, 3, 3, 13, 69]),
    (7, 31, &[1, 1, 7, 13, 1, 19, 1]),
    (7, 32, &[1, 3, 7, 5, 13, 19, 59]),
    (7, 37, &[1, 1, 3, 9, 25, 29, 41]),
    (7, 41, &[1, 3, 5, 13, 23, 1, 55]),
    (7, 42, &[1, 3, 7, 3, 13, 59, 17]),
    (7, 50, &[1, 3, 1, 3, 5, 53, 69]),
    (7, 55, &[1, 1, 5, 5, 23, 33, 13]),
    (7, 56, &[1, 1, 7, 7, 1, 61, 123]),
    (7, 59, &[1, 1, 7, 9, 13, 61, 49]),
    (7, 62, &[1, 3, 3, 5, 3, 55, 33]),
    (8, 14, &[1, 3, 1, 15, 31, 13, 49, 245]),
    (8, 21, &[1, 3, 5, 15, 31, 59, 63, 97]),
    (8, 22, &[1, 3, 1, 11, 11, 11, 77, 249]),
    (8, 38, &[1, 3, 1, 11, 27, 43, 71, 9]),
    (8, 47, &[1, 1, 7, 15, 21, 11, 81, 45]),
    (8, 49, &[1, 3, 7, 3, 25, 31, 65, 79]),
    (8, 50, &[1, 3, 1, 1, 19, 11, 3, 205]),
    (8, 52, &[1, 1, 5, 9, 19, 21, 29, 157]),
    (8, 56, &[1, 3, 7, 11, 1, 33, 89, 185]),
    (8, 67, &[1, 3, 3, 3, 15, 9, 79, 71]),
    (8, 70, &[1, 3, 7, 11, 15, 39, 119, 27]),
    (8, 84, &[1, 1, 3, 1, 11, 31, 97, 225]),
    (8, 97, &[1, 1, 1, 3, 23, 43, 57, 177]),
    (8, 103, &[1, 3, 7, 7, 17, 17, 37, 71]),
    (8, 115, &[1, 3, 1, 5, 27, 63, 123, 213]),
    (8, 122, &[1, 1, 3, 5, 11, 43, 53, 133]),
    (9, 8, &[1, 3, 5, 5, 29, 17, 47, 173, 479]),
    (9, 13, &[1, 3, 3, 11, 3, 1, 109, 9, 69]),
    (9, 16, &[1, 1, 1, 5, 17, 39, 23, 5, 343]),
    (9, 22, &[1, 3, 1, 5, 25, 15, 31, 103, 499]),
    (9, 25, &[1, 1, 1, 11, 11, 17, 63, 105, 183]),
    (9, 44, &[1, 1, 5, 11, 9, 29, 97, 231, 363]),
    (9, 47, &[1, 1, 5, 15, 19, 45, 41, 7, 383]),
    (9, 52, &[1, 3, 7, 7, 31, 19, 83, 137, 221]),
    (9, 55, &[1, 1, 1, 3, 23, 15, 111, 223, 83]),
    (9, 59, &[1, 1, 5, 13, 31, 15, 55, 25, 161]),
    (9, 62, &[1, 1, 3, 13, 25, 47, 39, 87, 257]),
    (9, 67, &[1, 1, 1, 11, 21, 53, 125, 249, 293]),
    (9, 74, &[1, 1, 7, 11, 11, 7, 57, 79, 323]),
    (9, 81, &[1, 1, 5, 5, 17, 13, 81, 3, 131]),
    (9, 82, &[1, 1, 7, 13, 23, 7, 65, 251, 475]),
    (9, 87, &[1, 3, 5, 1, 9, 43, 3, 149, 11]),
    (9, 91, &[1, 1, 3, 13, 31, 13, 13, 255, 487]),
    (9, 94, &[1, 3, 3, 1, 5, 63, 89, 91, 127]),
    (9, 103, &[1, 1, 3, 3, 1, 19, 123, 127, 237]),
    (9, 104, &[1, 1, 5, 7, 23, 31, 37, 243, 289]),
    (9, 109, &[1, 1, 5, 11, 17, 53, 117, 183, 491]),
    (9, 122, &[1, 1, 1, 5, 1, 13, 13, 209, 345]),
    (9, 124, &[1, 1, 3, 15, 1, 57, 115, 7, 33]),
    (9, 137, &[1, 3, 1, 11, 7, 43, 81, 207, 175]),
    (9, 138, &[1, 3, 1, 1, 15, 27, 63, 255, 49]),
    (9, 143, &[1, 3, 5, 3, 27, 61, 105, 171, 305]),
    (9, 145, &[1, 1, 5, 3, 1, 3, 57, 249, 149]),
    (9, 152, &[1, 1, 3, 5, 5, 57, 15, 13, 159]),
    (9, 157, &[1, 1, 1, 11, 7, 11, 105, 141, 225]),
    (9, 167, &[1, 3, 3, 5, 27, 59, 121, 101, 271]),
    (9, 173, &[1, 3, 5, 9, 11, 49, 51, 59, 115]),
    (9, 176, &[1, 1, 7, 1, 23, 45, 125, 71, 419]),
    (9, 181, &[1, 1, 3, 5, 23, 5, 105, 109, 75]),
    (9, 182, &[1, 1, 7, 15, 7, 11, 67, 121, 453]),
    (9, 185, &[1, 3, 7, 3, 9, 13, 31, 27, 449]),
    (9, 191, &[1, 3, 1, 15, 19, 39, 39, 89, 15]),
    (9, 194, &[1, 1, 1, 1, 1, 33, 73, 145, 379]),
    (9, 199, &[1, 3, 1, 15, 15, 43, 29, 13, 483]),
    (9, 218, &[1, 1, 7, 3, 19, 27, 85, 131, 431]),
    (9, 220, &[1, 3, 3, 3, 5, 35, 23, 195, 349]),
    (9, 227, &[1, 3, 3, 7, 9, 27, 39, 59, 297]),
    (9, 229, &[1, 1, 3, 9, 11, 17, 13, 241, 157]),
    (9, 230, &[1, 3, 7, 15, 25, 57, 33, 189, 213]),
    (9, 234, &[1, 1, 7, 1, 9, 55, 73, 83, 217]),
    (9, 236, &[1, 3, 3, 13, 19, 27, 23, 113, 249]),
    (9, 241, &[1, 3, 5, 3, 23, 43, 3, 253, 479]),
    (9, 244, &[1, 1, 5, 5, 11, 5, 45, 117, 217]),
    (9, 253, &[1, 3, 3, 7, 29, 37, 33, 123, 147]),
    (10, 4, &[1, 3, 1, 15, 5, 5, 37, 227, 223, 459]),
    (10, 13, &[1, 1, 7, 5, 5, 39, 63, 255, 135, 487]),
    (10, 19, &[1, 3, 1, 7, 9, 7, 87, 249, 217, 599]),
    (10, 22, &[1, 1, 3, 13, 9, 47, 7, 225, 363, 247]),
    (10, 50, &[1, 3, 7, 13, 19, 13, 9, 67, 9, 737]),
    (10, 55, &[1, 3, 5, 5, 19, 59, 7, 41, 319, 677]),
    (10, 64, &[1, 1, 5, 3, 31, 63, 15, 43, 207, 789]),
    (10, 69, &[1, 1, 7, 9, 13, 39, 3, 47, 497, 169]),
    (10, 98, &[1, 3, 1, 7, 21, 17, 97, 19, 415, 905]),
    (10, 107, &[1, 3, 7, 1, 3, 31, 71, 111, 165, 127]),
    (10, 115, &[1, 1, 5, 11, 1, 61, 83, 119, 203, 847]),
    (10, 121, &[1, 3, 3, 13, 9, 61, 19, 97, 47, 35]),
    (10, 127, &[1, 1, 7, 7, 15, 29, 63, 95, 417, 469]),
    (10, 134, &[1, 3, 1, 9, 25, 9, 71, 57, 213, 385]),
    (10, 140, &[1, 3, 5, 13, 31, 47, 101, 57, 39, 341]),
    (10, 145, &[1, 1, 3, 3, 31, 57, 125, 173, 365, 551]),
    (10, 152, &[1, 3, 7, 1, 13, 57, 67, 157, 451, 707]),
    (10, 158, &[1, 1, 1, 7, 21, 13, 105, 89, 429, 965]),
    (10, 161, &[1, 1, 5, 9, 17, 51, 45, 119, 157, 141]),
    (10, 171, &[1, 3, 7, 7, 13, 45, 91, 9, 129, 741]),
    (10, 181, &[1, 3, 7, 1, 23, 57, 67, 141, 151, 571]),
    (10, 194, &[1, 1, 3, 11, 17, 47, 93, 107, 375, 157]),
    (10, 199, &[1, 3, 3, 5, 11, 21, 43, 51, 169, 915]),
    (10, 203, &[1, 1, 5, 3, 15, 55, 101, 67, 455, 625]),
    (10, 208, &[1, 3, 5, 9, 1, 23, 29, 47, 345, 595]),
    (10, 227, &[1, 3, 7, 7, 5, 49, 29, 155, 323, 589]),
    (10, 242, &[1, 3, 3, 7, 5, 41, 127, 61, 261, 717]),
];

/// Number of dimensions the Sobol generator supports (the Joe–Kuo table carried here).
pub const SOBOL_MAX_DIMENSIONS: usize = JOE_KUO.len() + 1;

/// Bits of each coordinate; the sequence has `2^32` points.
const BITS: usize = 32;

/// Direction numbers `v_1..v_32` of one dimension, scaled to 32-bit integers.
fn directions(dimension: usize) -> [u32; BITS] {
    let mut v = [0_u32; BITS];
    if dimension == 0 {
        for (j, vj) in v.iter_mut().enumerate() {
            *vj = 1 << (BITS - 1 - j);
        }
        return v;
    }
    let (s, a, m) = JOE_KUO[dimension - 1];
    let s = s as usize;
    debug_assert_eq!(m.len(), s);
    for j in 0..BITS {
        if j < s {
            v[j] = m[j] << (BITS - 1 - j);
        } else {
            // Bratley–Fox recurrence with the primitive polynomial's inner coefficients `a`.
            let mut x = v[j - s] ^ (v[j - s] >> s);
            for k in 1..s {
                if (a >> (s - 1 - k)) & 1 == 1 {
                    x ^= v[j - k];
                }
            }
            v[j] = x;
        }
    }
    v
}

/// Errors of the samplers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SamplingError {
    /// More dimensions were asked of the Sobol generator than its table carries.
    #[error(
        "the Sobol generator supports at most {max} dimensions, and {requested} were asked for"
    )]
    TooManyDimensions {
        /// Dimensions asked for.
        requested: usize,
        /// [`SOBOL_MAX_DIMENSIONS`].
        max: usize,
    },
    /// A sample of zero dimensions was asked for.
    #[error("a sample needs at least one dimension")]
    NoDimensions,
}

/// The Sobol sequence in Gray-code order (Antonov–Saleev), as generated by Joe and Kuo's
/// reference program and by SciPy's `qmc.Sobol(scramble=False)`: the first points of dimension 1
/// are 0, 0.5, 0.75, 0.25, 0.375, …
///
/// With [`SobolSequence::with_digital_shift`] every coordinate's 32 bits are XOR-ed with a seeded
/// random word per dimension (a random digital shift), which keeps the (t, m, s)-net structure and
/// makes the first point no longer the origin.
///
/// # Example
/// ```
/// use asocia_stats::sampling::SobolSequence;
/// let mut sobol = SobolSequence::new(2).unwrap();
/// assert_eq!(sobol.next_point(), vec![0.0, 0.0]);
/// assert_eq!(sobol.next_point(), vec![0.5, 0.5]);
/// assert_eq!(sobol.next_point(), vec![0.75, 0.25]);
/// ```
#[derive(Debug, Clone)]
pub struct SobolSequence {
    /// Direction numbers, one row of 32 per dimension.
    directions: Vec<[u32; BITS]>,
    /// Integer coordinates of the next point to return (before the shift).
    state: Vec<u32>,
    /// Digital shift per dimension (all zero when unshifted).
    shift: Vec<u32>,
    /// Index of the next point to return.
    index: u64,
}

impl SobolSequence {
    /// The unshifted sequence in `dimensions` dimensions (1 to [`SOBOL_MAX_DIMENSIONS`]).
    pub fn new(dimensions: usize) -> Result<Self, SamplingError> {
        if dimensions == 0 {
            return Err(SamplingError::NoDimensions);
        }
        if dimensions > SOBOL_MAX_DIMENSIONS {
            return Err(SamplingError::TooManyDimensions {
                requested: dimensions,
                max: SOBOL_MAX_DIMENSIONS,
            });
        }
        Ok(Self {
            directions: (0..dimensions).map(directions).collect(),
            state: vec![0; dimensions],
            shift: vec![0; dimensions],
            index: 0,
        })
    }

    /// The sequence with a random digital shift drawn from `ChaCha8Rng::seed_from_u64(seed)`
    /// (one `u32` per dimension, in dimension order).
    pub fn with_digital_shift(dimensions: usize, seed: u64) -> Result<Self, SamplingError> {
        let mut s = Self::new(dimensions)?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        for w in &mut s.shift {
            *w = rng.random::<u32>();
        }
        Ok(s)
    }

    /// Number of dimensions.
    pub fn dimensions(&self) -> usize {
        self.directions.len()
    }

    /// The next point, each coordinate in `[0, 1)`.
    ///
    /// # Panics
    /// After `2^32` points, when the sequence is exhausted.
    pub fn next_point(&mut self) -> Vec<f64> {
        assert!(
            self.index < 1 << BITS,
            "the Sobol sequence has only 2^32 points"
        );
        const SCALE: f64 = 1.0 / 4_294_967_296.0;
        let point = self
            .state
            .iter()
            .zip(&self.shift)
            .map(|(&x, &s)| f64::from(x ^ s) * SCALE)
            .collect();
        // Gray-code step: flip the direction number of the lowest zero bit of the index.
        let c = (!self.index).trailing_zeros() as usize;
        if c < BITS {
            for (x, v) in self.state.iter_mut().zip(&self.directions) {
                *x ^= v[c];
            }
        }
        self.index += 1;
        point
    }

    /// The next `n` points, one row per point.
    pub fn take_points(&mut self, n: usize) -> Vec<Vec<f64>> {
        (0..n).map(|_| self.next_point()).collect()
    }
}

/// A Latin hypercube sample of `n` points in `[0, 1)^dimensions`, one row per point.
///
/// For each dimension in order, a uniformly random permutation `π` of `0..n` (Fisher–Yates) is
/// drawn, then for each point `i` in order a jitter `U ∈ [0, 1)`; coordinate `i` is
/// `(π(i) + U) / n`. Every one of the `n` equal strata of every dimension holds exactly one
/// point. All draws come from `ChaCha8Rng::seed_from_u64(seed)` in that order, so a seed fixes the
/// sample.
pub fn latin_hypercube(n: usize, dimensions: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut rows = vec![Vec::with_capacity(dimensions); n];
    let mut perm: Vec<usize> = (0..n).collect();
    for _ in 0..dimensions {
        for i in (1..n).rev() {
            let j = rng.random_range(0..=i);
            perm.swap(i, j);
        }
        for (row, &stratum) in rows.iter_mut().zip(&perm) {
            let u: f64 = rng.random::<f64>();
            // Clamp guards against (k + U)/n rounding up to 1 for huge n.
            let x = ((stratum as f64 + u) / n as f64).min(1.0 - f64::EPSILON / 2.0);
            row.push(x);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_degrees_match_lengths() {
        for (s, a, m) in JOE_KUO {
            assert_eq!(m.len(), s as usize);
            assert!(a < 1 << (s - 1));
            for (j, &mj) in m.iter().enumerate() {
                assert!(
                    mj % 2 == 1 && mj < 1 << (j + 1),
                    "m must be odd and below 2^j"
                );
            }
        }
    }

    #[test]
    fn errors() {
        assert_eq!(
            SobolSequence::new(0).unwrap_err(),
            SamplingError::NoDimensions
        );
        assert!(matches!(
            SobolSequence::new(SOBOL_MAX_DIMENSIONS + 1),
            Err(SamplingError::TooManyDimensions { .. })
        ));
        assert!(SobolSequence::new(SOBOL_MAX_DIMENSIONS).is_ok());
    }
}
