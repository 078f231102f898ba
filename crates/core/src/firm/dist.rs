//! Random variates for the firm economy: standard normals (Box–Muller), gamma (Marsaglia–
//! Tsang) and the initial-attribute [`Distribution`]s, all from explicit uniform words so that
//! the step loop controls exactly which stream words each draw consumes.

use rand::Rng;

use super::config::Distribution;

/// A uniform `f64` in `(0, 1]` from a 64-bit word (never 0, so its logarithm is finite).
#[inline(always)]
pub(crate) fn open_unit(x: u64) -> f64 {
    ((x >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A standard normal from two 64-bit words (Box–Muller, cosine branch).
#[inline(always)]
pub(crate) fn normal(x: u64, y: u64) -> f64 {
    let r = (-2.0 * open_unit(x).ln()).sqrt();
    r * (std::f64::consts::TAU * crate::rng::unit_f64(y)).cos()
}

/// A standard normal from one 64-bit word by inversion (Acklam's rational approximation of
/// the normal quantile, relative error below 1.2·10⁻⁹): no transcendental function in the
/// central 95 %, which makes it the cheap choice for the per-step shocks.
#[inline]
pub(crate) fn normal_inv(x: u64) -> f64 {
    // Midpoint of one of 2^53 equal cells: strictly inside (0, 1).
    let p = ((x >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64);
    asocia_stats::dist::normal_quantile(p)
}

/// A Gamma(shape, 1) variate (Marsaglia & Tsang 2000; shape < 1 by the `U^{1/shape}` boost).
fn gamma<R: Rng>(shape: f64, rng: &mut R) -> f64 {
    if shape < 1.0 {
        let u = open_unit(rng.next_u64());
        return gamma(shape + 1.0, rng) * u.powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let z = normal(rng.next_u64(), rng.next_u64());
        let v = 1.0 + c * z;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = open_unit(rng.next_u64());
        if u.ln() < 0.5 * z * z + d - d * v + d * v.ln() {
            return d * v;
        }
    }
}

impl Distribution {
    /// One draw for firm `id` from `rng` (a stream reserved for this firm and attribute).
    pub(crate) fn sample<R: Rng>(&self, id: usize, rng: &mut R) -> f64 {
        match self {
            Distribution::Constant { value } => *value,
            Distribution::Uniform { min, max } => {
                min + (max - min) * crate::rng::unit_f64(rng.next_u64())
            }
            Distribution::Normal { mean, sd } => mean + sd * normal(rng.next_u64(), rng.next_u64()),
            Distribution::Lognormal { mean, sd } => {
                // Parameters of the underlying normal from the mean and sd of the variable.
                let s2 = (1.0 + (sd / mean).powi(2)).ln();
                let mu = mean.ln() - s2 / 2.0;
                (mu + s2.sqrt() * normal(rng.next_u64(), rng.next_u64())).exp()
            }
            Distribution::Beta { alpha, beta } => {
                let x = gamma(*alpha, rng);
                let y = gamma(*beta, rng);
                if x + y > 0.0 {
                    x / (x + y)
                } else {
                    0.5
                }
            }
            Distribution::Given { values } => match values.get(id) {
                Some(v) => *v,
                None if values.is_empty() => 0.0,
                None => values.iter().sum::<f64>() / values.len() as f64,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn moments(d: &Distribution) -> (f64, f64) {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|i| d.sample(i, &mut rng)).collect();
        let m = xs.iter().sum::<f64>() / n as f64;
        let v = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1) as f64;
        (m, v.sqrt())
    }

    #[test]
    fn inverse_normal_has_the_right_quantiles_and_moments() {
        let at = |p: f64| normal_inv(((p * (1u64 << 53) as f64) as u64) << 11);
        assert!((at(0.975) - 1.959_964).abs() < 1e-5);
        assert!((at(0.5)).abs() < 1e-9);
        assert!((at(0.01) + 2.326_348).abs() < 1e-5);
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let xs: Vec<f64> = (0..200_000).map(|_| normal_inv(rng.next_u64())).collect();
        let m = xs.iter().sum::<f64>() / xs.len() as f64;
        let v = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / xs.len() as f64;
        assert!(m.abs() < 0.01 && (v - 1.0).abs() < 0.01, "{m} {v}");
    }

    #[test]
    fn moments_match_the_parameters() {
        let (m, s) = moments(&Distribution::Normal { mean: 2.0, sd: 3.0 });
        assert!((m - 2.0).abs() < 0.03 && (s - 3.0).abs() < 0.03, "{m} {s}");
        let (m, s) = moments(&Distribution::Lognormal { mean: 5.0, sd: 2.0 });
        assert!((m - 5.0).abs() < 0.03 && (s - 2.0).abs() < 0.05, "{m} {s}");
        // Beta(2, 5): mean 2/7, variance αβ/((α+β)²(α+β+1)) = 10/392.
        let (m, s) = moments(&Distribution::Beta {
            alpha: 2.0,
            beta: 5.0,
        });
        assert!((m - 2.0 / 7.0).abs() < 0.005, "{m}");
        assert!((s - (10.0f64 / 392.0).sqrt()).abs() < 0.005, "{s}");
        // Shape below one takes the boost branch: Beta(0.5, 0.5) has mean 1/2, sd 1/√8.
        let (m, s) = moments(&Distribution::Beta {
            alpha: 0.5,
            beta: 0.5,
        });
        assert!((m - 0.5).abs() < 0.005 && (s - 8f64.sqrt().recip()).abs() < 0.005);
        let (m, _) = moments(&Distribution::Uniform { min: 1.0, max: 3.0 });
        assert!((m - 2.0).abs() < 0.01);
    }
}
