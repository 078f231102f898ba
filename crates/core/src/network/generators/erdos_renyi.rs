//! Independent-tie generators: Erdős–Rényi G(n, p) and G(n, m), and the stochastic block
//! model, all in **O(n + m)** by geometric skipping (Batagelj & Brandes 2005).

use super::{index, key, unit, unkey, Edge};
use rand_chacha::ChaCha8Rng;

/// Visits every cell of a ragged triangle (row `v` in `0..rows` has `len(v)` cells) and
/// keeps each independently with probability `p`, calling `keep(v, c)` for each kept cell
/// `c` of row `v`, rows in order. Geometric skipping jumps straight from one kept cell to the
/// next: one draw per kept cell plus **O(rows)**.
fn bernoulli_rows(
    rng: &mut ChaCha8Rng,
    p: f64,
    rows: usize,
    len: impl Fn(usize) -> u64,
    mut keep: impl FnMut(usize, u64),
) {
    if p <= 0.0 {
        return;
    }
    if p >= 1.0 {
        for v in 0..rows {
            for c in 0..len(v) {
                keep(v, c);
            }
        }
        return;
    }
    // ln(1 - p) < 0; ln_1p keeps precision for tiny p.
    let log_q = (-p).ln_1p();
    // Next candidate cell: row v, column w.
    let (mut v, mut w) = (0usize, 0u64);
    loop {
        // Number of cells rejected before the next kept one: Geometric(p) on {0, 1, ...}.
        let gap = ((-unit(rng)).ln_1p() / log_q).floor();
        let mut gap = if gap < 1e18 { gap as u64 } else { u64::MAX };
        loop {
            if v >= rows {
                return;
            }
            let left = len(v) - w;
            if gap < left {
                w += gap;
                break;
            }
            gap -= left;
            v += 1;
            w = 0;
        }
        keep(v, w);
        w += 1;
    }
}

/// G(n, p): pair `(i, j)` tied with probability `p`, independently. **O(n + m)**.
pub(super) fn gnp(rng: &mut ChaCha8Rng, n: usize, p: f64) -> Vec<Edge> {
    let expected = p * n as f64 * n.saturating_sub(1) as f64 / 2.0;
    let mut edges = Vec::with_capacity((expected * 1.01 + 16.0) as usize);
    // Row v holds the pairs (c, v), c < v.
    bernoulli_rows(
        rng,
        p,
        n,
        |v| v as u64,
        |v, c| edges.push((c as u32, v as u32)),
    );
    edges
}

/// G(n, m): exactly `m` distinct ties, uniform over all sets of `m` pairs
/// (`m <= n (n - 1) / 2`). Sparse requests draw pairs with replacement, then sort, drop
/// duplicates and draw the shortfall again; requests above half of all pairs draw the
/// complement instead. **O(m log m)** when sparse, **O(n²)** = O(m) when dense.
pub(super) fn gnm(rng: &mut ChaCha8Rng, n: usize, m: usize) -> Vec<Edge> {
    let total = (n as u64 * n.saturating_sub(1) as u64 / 2) as usize;
    if 2 * m <= total {
        sample_pairs(rng, n, m).into_iter().map(unkey).collect()
    } else {
        let absent = sample_pairs(rng, n, total - m);
        let mut edges = Vec::with_capacity(m);
        let mut next = absent.iter().copied().peekable();
        for i in 0..n as u32 {
            for j in i + 1..n as u32 {
                if next.peek() == Some(&key(i, j)) {
                    next.next();
                } else {
                    edges.push((i, j));
                }
            }
        }
        edges
    }
}

/// `m` distinct pairs of `0..n`, uniform, as sorted [`key`]s. Needs `m` at most half of all
/// pairs, so each round keeps most of its draws.
fn sample_pairs(rng: &mut ChaCha8Rng, n: usize, m: usize) -> Vec<u64> {
    let mut keys: Vec<u64> = Vec::with_capacity(m);
    let mut first = true;
    while keys.len() < m {
        for _ in keys.len()..m {
            // Uniform over ordered pairs of distinct nodes, hence over unordered pairs.
            loop {
                let (i, j) = (index(rng, n) as u32, index(rng, n) as u32);
                if i != j {
                    keys.push(key(i, j));
                    break;
                }
            }
        }
        if first {
            keys.sort_unstable();
            first = false;
        } else {
            // A long sorted run plus a short tail: the stable sort merges it in linear time.
            keys.sort();
        }
        keys.dedup();
    }
    keys
}

/// Stochastic block model over consecutive blocks of the given (non-zero) sizes: pairs
/// inside a block tied with probability `p_in`, across blocks with `p_out`. Returns the ties
/// and each node's block. **O(n + m)** whatever the number of blocks: inside ties of node `v`
/// look back to the start of its block, across ties look forward past the end of it, and
/// both sets of pairs are skipped through as ragged triangles.
pub(super) fn stochastic_block(
    rng: &mut ChaCha8Rng,
    sizes: &[usize],
    p_in: f64,
    p_out: f64,
) -> (Vec<Edge>, Vec<u32>) {
    let n: usize = sizes.iter().sum();
    let mut group = Vec::with_capacity(n);
    let mut start = Vec::with_capacity(n);
    let mut end = Vec::with_capacity(n);
    let mut s = 0usize;
    for (b, &size) in sizes.iter().enumerate() {
        group.extend(std::iter::repeat_n(b as u32, size));
        start.extend(std::iter::repeat_n(s as u32, size));
        end.extend(std::iter::repeat_n((s + size) as u32, size));
        s += size;
    }
    let mut edges = Vec::new();
    // Inside: row v holds the pairs (start(v) + c, v).
    bernoulli_rows(
        rng,
        p_in,
        n,
        |v| (v - start[v] as usize) as u64,
        |v, c| edges.push((start[v] + c as u32, v as u32)),
    );
    // Across: row v holds the pairs (v, end(v) + c).
    bernoulli_rows(
        rng,
        p_out,
        n,
        |v| (n - end[v] as usize) as u64,
        |v, c| edges.push((v as u32, end[v] + c as u32)),
    );
    (edges, group)
}
