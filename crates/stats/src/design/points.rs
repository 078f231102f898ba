//! A design's size and points: the grid's row-major product, the Latin hypercube sample and
//! the Saltelli blocks on a Sobol sequence.

use super::{Design, DesignError, Dimension, Level, SaltelliBlock, MAX_POINTS};
use crate::sampling::{latin_hypercube, SobolSequence, SOBOL_MAX_DIMENSIONS};

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
