//! Barabási–Albert preferential attachment, following networkx's `barabasi_albert_graph`.

use super::{index, Edge};
use rand_chacha::ChaCha8Rng;

/// Barabási–Albert with `1 <= m < n`, exactly as networkx builds it: a star on nodes
/// `0..=m` (centre 0), then each new node `m + 1, ..., n - 1` ties to `m` distinct targets
/// drawn uniformly from the list of tie endpoints (each node appears once per tie it has,
/// so draws are proportional to degree); repeats are redrawn. `m + (n - m - 1) m` ties.
///
/// A repeat is found by scanning the node's targets so far when `m` is at most
/// [`SCAN_UP_TO`] (no random access into an `n`-long array, which at large `n` misses the
/// cache on every draw), otherwise by a per-node stamp, so each draw costs O(1). Both reject
/// exactly the same draws, so the graph does not depend on which one runs.
pub(super) fn barabasi_albert(rng: &mut ChaCha8Rng, n: usize, m: usize) -> Vec<Edge> {
    if m <= SCAN_UP_TO {
        build(rng, n, m, |_, targets: &[u32], t| !targets.contains(&t))
    } else {
        let mut chosen_by = vec![u32::MAX; n];
        build(rng, n, m, move |source, _: &[u32], t| {
            let fresh = chosen_by[t as usize] != source;
            chosen_by[t as usize] = source;
            fresh
        })
    }
}

/// Largest `m` for which a repeat target is found by scanning the targets drawn so far.
const SCAN_UP_TO: usize = 16;

/// The Barabási–Albert loop; `fresh(source, targets, t)` says whether `t` is not yet among
/// `targets`, the distinct targets `source` has drawn so far (and may record `t` as drawn).
#[inline(always)]
fn build(
    rng: &mut ChaCha8Rng,
    n: usize,
    m: usize,
    mut fresh: impl FnMut(u32, &[u32], u32) -> bool,
) -> Vec<Edge> {
    let ties = m + (n - m - 1) * m;
    let mut edges = Vec::with_capacity(ties);
    // The star.
    edges.extend((1..=m as u32).map(|leaf| (0, leaf)));
    // networkx's `repeated_nodes`: node 0 m times, then each leaf once.
    let mut ends: Vec<u32> = Vec::with_capacity(2 * ties);
    ends.extend(std::iter::repeat_n(0, m));
    ends.extend(1..=m as u32);
    let mut targets: Vec<u32> = Vec::with_capacity(m);
    for source in m as u32 + 1..n as u32 {
        targets.clear();
        while targets.len() < m {
            let t = ends[index(rng, ends.len())];
            if fresh(source, &targets, t) {
                targets.push(t);
            }
        }
        edges.extend(targets.iter().map(|&t| (t, source)));
        ends.extend_from_slice(&targets);
        ends.extend(std::iter::repeat_n(source, m));
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Phase, Streams};

    /// The stamp test the generator used for every `m` before the scan.
    fn with_stamp(seed: u64, n: usize, m: usize) -> Vec<Edge> {
        let mut rng = Streams::new(seed).stream(0, Phase::Network);
        let mut chosen_by = vec![u32::MAX; n];
        build(&mut rng, n, m, move |source, _: &[u32], t| {
            let fresh = chosen_by[t as usize] != source;
            chosen_by[t as usize] = source;
            fresh
        })
    }

    /// Scanning the targets drawn so far rejects exactly the draws the stamp rejects: the
    /// same ties in the same order, for every `m` the scan serves and one above.
    #[test]
    fn scan_and_stamp_give_the_same_ties() {
        for seed in [0, 1, 77, 20_240_611] {
            for (n, m) in [
                (2, 1),
                (10, 3),
                (500, 1),
                (500, 2),
                (2000, 5),
                (300, 16),
                (300, 17),
            ] {
                let mut rng = Streams::new(seed).stream(0, Phase::Network);
                let ties = barabasi_albert(&mut rng, n, m);
                assert_eq!(ties, with_stamp(seed, n, m), "seed {seed}, n {n}, m {m}");
                assert_eq!(ties.len(), m + (n - m - 1) * m);
            }
        }
    }
}
