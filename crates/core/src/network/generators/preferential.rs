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
/// exactly the same draws, so the graph does not depend on which one runs. With the scan,
/// the draws of a batch of nodes are made ahead and their tie ends loaded together
/// ([`build_batched`]); the ties are those of the one-draw-at-a-time loop [`build`].
pub(super) fn barabasi_albert(rng: &mut ChaCha8Rng, n: usize, m: usize) -> Vec<Edge> {
    if m <= SCAN_UP_TO {
        build_batched(rng, n, m)
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

/// New nodes whose first `m` draws [`build_batched`] makes ahead, together.
const BATCH: usize = 64;

/// The Barabási–Albert loop of [`build`] with the scan for repeats, made faster by drawing
/// ahead: the index of a draw depends only on the stream and on the length of the list of
/// tie ends, which is known in advance for every new node (`2 m (source - m)`), not on the
/// ends drawn. So the first `m` draws of [`BATCH`] nodes are made at once, and every end
/// already in the list is loaded in one pass of independent loads (the list is tens of MiB
/// at a million nodes, and one-at-a-time each load waits for memory). Then the nodes are
/// processed in order as [`build`] does. Only a repeat needs more draws than `m`: then the
/// stream is rewound to the batch's start, the draws up to that node made again, and the
/// next batch starts after it. The ties, and the stream's state at the end, are exactly
/// those of [`build`].
fn build_batched(rng: &mut ChaCha8Rng, n: usize, m: usize) -> Vec<Edge> {
    let ties = m + (n - m - 1) * m;
    let mut edges = Vec::with_capacity(ties);
    edges.extend((1..=m as u32).map(|leaf| (0, leaf)));
    let mut ends: Vec<u32> = Vec::with_capacity(2 * ties);
    ends.extend(std::iter::repeat_n(0, m));
    ends.extend(1..=m as u32);
    let mut targets: Vec<u32> = Vec::with_capacity(m);
    let mut drawn: Vec<u32> = vec![0; BATCH * m];
    let mut loaded: Vec<u32> = vec![0; BATCH * m];
    let mut first = m + 1;
    while first < n {
        let count = BATCH.min(n - first);
        let known = ends.len();
        let rewind = rng.clone();
        // The first m draws of each node of the batch, as if none were a repeat.
        for (k, draws) in drawn.chunks_exact_mut(m).take(count).enumerate() {
            let len = known + 2 * m * k;
            for d in draws {
                *d = index(rng, len) as u32;
            }
        }
        // Every end already in the list, loaded together.
        for (v, &d) in loaded.iter_mut().zip(&drawn[..count * m]) {
            *v = ends[(d as usize).min(known - 1)];
        }
        let mut done = count;
        for (k, draws) in drawn.chunks_exact(m).take(count).enumerate() {
            let source = (first + k) as u32;
            targets.clear();
            for (j, &d) in draws.iter().enumerate() {
                let d = d as usize;
                let t = if d < known {
                    loaded[k * m + j]
                } else {
                    ends[d]
                };
                if !targets.contains(&t) {
                    targets.push(t);
                }
            }
            if targets.len() < m {
                // A repeat: the draws made ahead for the nodes after this one are not theirs.
                *rng = rewind.clone();
                for j in 0..=k {
                    let len = known + 2 * m * j;
                    for _ in 0..m {
                        index(rng, len);
                    }
                }
                let len = ends.len();
                while targets.len() < m {
                    let t = ends[index(rng, len)];
                    if !targets.contains(&t) {
                        targets.push(t);
                    }
                }
                done = k + 1;
            }
            edges.extend(targets.iter().map(|&t| (t, source)));
            ends.extend_from_slice(&targets);
            ends.extend(std::iter::repeat_n(source, m));
            if done < count {
                break;
            }
        }
        first += done;
    }
    edges
}

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
    use rand::Rng;

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

    /// The one-draw-at-a-time loop with the scan for repeats (what `barabasi_albert` ran
    /// for `m <= SCAN_UP_TO` before the batched loop), and the stream's next word after it.
    fn one_at_a_time(seed: u64, n: usize, m: usize) -> (Vec<Edge>, u64) {
        let mut rng = Streams::new(seed).stream(0, Phase::Network);
        let ties = build(&mut rng, n, m, |_, targets: &[u32], t| {
            !targets.contains(&t)
        });
        (ties, rng.next_u64())
    }

    /// Drawing a batch of nodes ahead gives the ties of the one-at-a-time loop, in the same
    /// order, and leaves the stream where that loop leaves it; sizes around the batch length
    /// and small `n` (many repeats, so many rewinds) included.
    #[test]
    fn batched_draws_give_the_ties_of_one_draw_at_a_time() {
        for seed in [0, 1, 77, 20_240_611] {
            for (n, m) in [
                (2, 1),
                (3, 2),
                (10, 3),
                (BATCH, 1),
                (BATCH + 1, 2),
                (BATCH + 3, 2),
                (3 * BATCH + 7, 4),
                (500, 1),
                (500, 2),
                (2000, 5),
                (300, 16),
                (20_000, 2),
            ] {
                let mut rng = Streams::new(seed).stream(0, Phase::Network);
                let ties = build_batched(&mut rng, n, m);
                let after = rng.next_u64();
                assert_eq!(
                    (ties, after),
                    one_at_a_time(seed, n, m),
                    "seed {seed}, n {n}, m {m}"
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// The same for any seed, size and `m` the scan serves.
        #[test]
        fn batched_draws_equal_one_at_a_time_for_any_seed(
            seed in proptest::prelude::any::<u64>(),
            n in 2usize..3000,
            m in 1usize..=SCAN_UP_TO,
        ) {
            let m = m.min(n - 1);
            let mut rng = Streams::new(seed).stream(0, Phase::Network);
            let ties = build_batched(&mut rng, n, m);
            let after = rng.next_u64();
            proptest::prop_assert_eq!((ties, after), one_at_a_time(seed, n, m));
        }
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
