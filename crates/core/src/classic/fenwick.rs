//! A Fenwick (binary indexed) tree of non-negative weights: point update and sampling an
//! index in proportion to its weight, both **O(log n)**. Used by birth–death to pick the
//! reproducer in proportion to fitness without an O(N) scan per micro-step.

/// Fenwick tree over `f64` weights.
///
/// Invariant: `tree` is `len + 1` long; `tree[i]` (1-based) holds the sum of the weights in
/// `(i − lowbit(i), i]`; `weights[i]` is the current weight of index `i`.
#[derive(Clone, Debug, Default)]
pub struct Fenwick {
    tree: Vec<f64>,
    weights: Vec<f64>,
    top: usize,
}

impl Fenwick {
    /// Rebuilds the tree from `weights` in **O(n)**, reusing its storage.
    pub fn rebuild(&mut self, weights: impl ExactSizeIterator<Item = f64>) {
        let n = weights.len();
        self.weights.clear();
        self.weights.extend(weights);
        self.tree.clear();
        self.tree.resize(n + 1, 0.0);
        for i in 1..=n {
            self.tree[i] += self.weights[i - 1];
            let parent = i + (i & i.wrapping_neg());
            if parent <= n {
                let v = self.tree[i];
                self.tree[parent] += v;
            }
        }
        self.top = if n == 0 {
            0
        } else {
            1 << (usize::BITS - 1 - n.leading_zeros())
        };
        debug_assert_eq!(self.tree.len(), self.weights.len() + 1);
    }

    /// Sets the weight of index `i` to `w`. **O(log n)**.
    pub fn set(&mut self, i: usize, w: f64) {
        let delta = w - self.weights[i];
        if delta == 0.0 {
            return;
        }
        self.weights[i] = w;
        let mut k = i + 1;
        while k < self.tree.len() {
            self.tree[k] += delta;
            k += k & k.wrapping_neg();
        }
    }

    /// Sum of all weights (accumulated rounding aside). **O(log n)**.
    pub fn total(&self) -> f64 {
        let mut k = self.weights.len();
        let mut s = 0.0;
        while k > 0 {
            s += self.tree[k];
            k &= k - 1;
        }
        s
    }

    /// The index `i` with `prefix(i) ≤ target < prefix(i + 1)`, where `prefix(i)` is the sum of
    /// the weights before `i`; clamped to the last index with a positive weight when rounding
    /// pushes `target` past the end. **O(log n)**. `None` when empty.
    pub fn find(&self, mut target: f64) -> Option<usize> {
        let n = self.weights.len();
        if n == 0 {
            return None;
        }
        let mut pos = 0;
        let mut step = self.top;
        while step > 0 {
            let next = pos + step;
            if next <= n && self.tree[next] <= target {
                pos = next;
                target -= self.tree[next];
            }
            step >>= 1;
        }
        // `pos` weights lie at or below the target; index `pos` is the one sampled.
        let mut i = pos.min(n - 1);
        while i > 0 && self.weights[i] <= 0.0 {
            i -= 1;
        }
        Some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_prefix() {
        let mut f = Fenwick::default();
        f.rebuild([1.0, 0.0, 2.0, 3.0, 0.5].into_iter());
        assert_eq!(f.total(), 6.5);
        assert_eq!(f.find(0.0), Some(0));
        assert_eq!(f.find(0.99), Some(0));
        assert_eq!(f.find(1.0), Some(2), "zero weights are never drawn");
        assert_eq!(f.find(2.99), Some(2));
        assert_eq!(f.find(3.0), Some(3));
        assert_eq!(f.find(6.0), Some(4));
        assert_eq!(f.find(7.0), Some(4), "rounding past the end is clamped");
        f.set(4, 0.0);
        f.set(1, 4.0);
        assert_eq!(f.total(), 10.0);
        assert_eq!(f.find(1.5), Some(1));
        assert_eq!(f.find(9.99), Some(3));
        assert_eq!(f.find(20.0), Some(3));
    }

    #[test]
    fn matches_linear_scan() {
        let w: Vec<f64> = (0..37).map(|i| ((i * 7) % 5) as f64).collect();
        let mut f = Fenwick::default();
        f.rebuild(w.iter().copied());
        let total: f64 = w.iter().sum();
        for q in 0..200 {
            let target = total * q as f64 / 200.0;
            let mut acc = 0.0;
            let expect = w
                .iter()
                .position(|&x| {
                    acc += x;
                    acc > target
                })
                .unwrap();
            assert_eq!(f.find(target), Some(expect), "target {target}");
        }
    }
}
