//! A coordinate of `n` equal cells, `0.0..n`: cell `i` spans `[i, i + 1]` and its tick sits at
//! its centre `i + 0.5`, so heat-map columns and forest rows are labelled in their middle.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};

/// `n` equal cells along one axis (see the module docs). `n` ≥ 1.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cells {
    pub(crate) n: usize,
    /// Most ticks drawn; more cells label every k-th from the first.
    pub(crate) max_ticks: usize,
}

impl Cells {
    /// The centre of cell `i`.
    pub(crate) fn centre(i: usize) -> f64 {
        i as f64 + 0.5
    }

    /// The cell a tick value belongs to.
    pub(crate) fn index(v: f64) -> usize {
        v.floor().max(0.0) as usize
    }
}

impl Ranged for Cells {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let t = value / self.n.max(1) as f64;
        limit.0 + (t * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            return Vec::new();
        }
        let most = self.max_ticks.min(hint.max_num_points()).max(1);
        let step = self.n.div_ceil(most).max(1);
        (0..self.n).step_by(step).map(Cells::centre).collect()
    }

    fn range(&self) -> Range<f64> {
        0.0..self.n as f64
    }
}
