//! The logistic function from a table, shared by the decisions and Fermi learning.

/// The logistic function `1 / (1 + e^{−x})` from a table: linear interpolation on a grid of
/// step 1/256 over `[−40, 40]` (absolute error below 2·10⁻⁷), exactly 0 at and below −40 and
/// exactly 1 at and above 40 (where the true value is closer to them than the 2^−32
/// resolution of the draws).
///
/// The hot path ([`Logistic::at`]) takes the table position `(x + 40) · 256` directly, so a
/// caller folds the scaling into a per-firm affine map of trust; the position is clamped, so
/// the lookup needs neither branches nor bounds checks. Each cell holds its left value and
/// the step to the right one, so a lookup reads one pair.
#[derive(Debug)]
pub(crate) struct Logistic {
    pub(crate) cells: Box<Cells>,
}

/// The cells of a [`Logistic`] table: `[σ at the cell's left end, right end − left end]`,
/// padded to a power of two so that a masked index needs no bounds check.
pub(crate) type Cells = [[f64; 2]; Logistic::CELLS];

impl Logistic {
    const RANGE: f64 = 40.0;
    /// Grid points per unit of `x`.
    pub(crate) const STEPS: f64 = 256.0;
    /// The last grid position, `2 · RANGE · STEPS`.
    pub(crate) const MAX_POS: f64 = 2.0 * Self::RANGE * Self::STEPS;
    /// Cells in the table: the `2 · 40 · 256 + 1` used ones, padded to a power of two.
    const CELLS: usize = 1 << 15;

    /// The table, built once per process and shared by every run.
    pub(crate) fn shared() -> &'static Logistic {
        static TABLE: std::sync::OnceLock<Logistic> = std::sync::OnceLock::new();
        TABLE.get_or_init(Logistic::new)
    }

    fn new() -> Logistic {
        let last = Self::MAX_POS as usize;
        let mut value: Vec<f64> = (0..=last + 1)
            .map(|k| {
                let x = k as f64 / Self::STEPS - Self::RANGE;
                1.0 / (1.0 + (-x).exp())
            })
            .collect();
        // The ends are exact, so that clamped positions give exactly 0 and 1.
        value[0] = 0.0;
        value[last] = 1.0;
        value[last + 1] = 1.0;
        let mut cells = Box::new([[1.0, 0.0]; Self::CELLS]);
        for (k, cell) in cells.iter_mut().enumerate().take(last + 1) {
            *cell = [value[k], value[k + 1] - value[k]];
        }
        Logistic { cells }
    }

    /// The table position of `x`: `pos(x) = (x + 40) · 256`, so `σ(x) = at(pos(x))`.
    #[inline(always)]
    pub(crate) fn pos(x: f64) -> f64 {
        (x + Self::RANGE) * Self::STEPS
    }

    /// The table itself, for hot loops that keep it in a register.
    #[inline(always)]
    pub(crate) fn table(&self) -> &Cells {
        &self.cells
    }

    /// `σ(x)` at table position `pos` (see [`Logistic::pos`]; clamped to the table).
    #[inline(always)]
    pub(crate) fn at(&self, pos: f64) -> f64 {
        Logistic::at_in(&self.cells, pos)
    }

    /// [`Logistic::at`] in a table obtained from [`Logistic::table`].
    #[inline(always)]
    pub(crate) fn at_in(cells: &Cells, pos: f64) -> f64 {
        /// 1.5 · 2^52: adding it to a number in `[−2^51, 2^51)` rounds that number to an
        /// integer `m` (to nearest, ties to even), and the sum's representation is this
        /// constant's plus `m`.
        const ROUND: f64 = 6_755_399_441_055_744.0;
        let pos = pos.clamp(0.0, Self::MAX_POS);
        // The cell k = floor(pos) and the fraction pos − k, without a float-to-integer
        // conversion (x86-64 pays a saturation check for those) or a branch: rounding
        // pos − 1/2 to nearest gives floor(pos), except at odd integers, where it gives
        // pos − 1 and a fraction of exactly 1, and there `σ_k + step_k · 1 = σ_(k+1)`
        // exactly (the step is exact: adjacent values are within a factor of 2, or σ_k is 0).
        let r = (pos - 0.5) + ROUND;
        let k = r.to_bits() as usize & (Self::CELLS - 1);
        let frac = pos - (r - ROUND);
        let [a, step] = cells[k];
        a + step * frac
    }

    /// `σ(x)`.
    #[cfg(test)]
    pub(crate) fn eval(&self, x: f64) -> f64 {
        self.at(Self::pos(x))
    }
}
