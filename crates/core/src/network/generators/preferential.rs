//! Barabási–Albert preferential attachment, following networkx's `barabasi_albert_graph`.

use super::{index, Edge};
use rand_chacha::ChaCha8Rng;

/// Barabási–Albert with `1 <= m < n`, exactly as networkx builds it: a star on nodes
/// `0..=m` (centre 0), then each new node `m + 1, ..., n - 1` ties to `m` distinct targets
/// drawn uniformly from the list of tie endpoints (each node appears once per tie it has,
/// so draws are proportional to degree); repeats are redrawn. `m + (n - m - 1) m` ties.
///
/// A per-node stamp records which targets the current node has, so each draw costs O(1).
pub(super) fn barabasi_albert(rng: &mut ChaCha8Rng, n: usize, m: usize) -> Vec<Edge> {
    let ties = m + (n - m - 1) * m;
    let mut edges = Vec::with_capacity(ties);
    // The star.
    edges.extend((1..=m as u32).map(|leaf| (0, leaf)));
    // networkx's `repeated_nodes`: node 0 m times, then each leaf once.
    let mut ends: Vec<u32> = Vec::with_capacity(2 * ties);
    ends.extend(std::iter::repeat_n(0, m));
    ends.extend(1..=m as u32);
    let mut chosen_by = vec![u32::MAX; n];
    let mut targets: Vec<u32> = Vec::with_capacity(m);
    for source in m as u32 + 1..n as u32 {
        targets.clear();
        while targets.len() < m {
            let t = ends[index(rng, ends.len())];
            if chosen_by[t as usize] != source {
                chosen_by[t as usize] = source;
                targets.push(t);
            }
        }
        edges.extend(targets.iter().map(|&t| (t, source)));
        ends.extend_from_slice(&targets);
        ends.extend(std::iter::repeat_n(source, m));
    }
    edges
}
