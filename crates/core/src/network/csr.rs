//! Compressed sparse row adjacency: the snapshot of the network the step loop runs on.

use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;
use rayon::prelude::*;

/// Compact adjacency of an undirected simple graph.
///
/// Invariants: `offsets` is always `node_count + 1` long, starts at 0 and never decreases;
/// `targets[offsets[i]..offsets[i + 1]]` are the neighbours of `i`, sorted ascending, without
/// duplicates or `i` itself; every tie appears twice (once from each end).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Csr {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Csr {
    /// The adjacency of nodes `0..n` with the given ties, built directly (no graph object):
    /// the path every generated or loaded [`Network`](super::Network) takes to the step loop.
    /// **O(n + m log d)**.
    ///
    /// The ties must be distinct, not self-loops and inside `0..n` (checked by
    /// `debug_assert!`); their order does not matter, since every neighbour list is sorted.
    /// The result equals [`Csr::from_ties_plain`] and [`Csr::from_graph`] of the petgraph
    /// graph with the same ties, on any number of threads.
    ///
    /// Large networks are laid out on the rayon pool: the nodes are split into ranges, one
    /// per thread, and each range counts, places and sorts the tie ends that fall into it
    /// (every range reads the whole tie list and writes only its own part of the arrays), so
    /// no counter is shared and the result is the same whatever the split.
    ///
    /// # Panics
    /// If there are 2^32 or more directed edge slots (the network constructors refuse more
    /// than [`MAX_TIES`](super::MAX_TIES) ties first).
    pub fn from_ties(n: usize, ties: &[(u32, u32)]) -> Csr {
        let parts = if ties.len() < PARALLEL_FROM {
            1
        } else {
            rayon::current_num_threads()
        };
        Csr::from_ties_in_parts(n, ties, parts)
    }

    /// [`Csr::from_ties`] with the nodes split into `parts` ranges (at least 1, at most `n`
    /// effective).
    fn from_ties_in_parts(n: usize, ties: &[(u32, u32)], parts: usize) -> Csr {
        let total = u32::try_from(2 * ties.len()).expect("more than 2^32 directed edges");
        let parts = parts.clamp(1, n.max(1));
        let bounds: Vec<usize> = (0..=parts).map(|p| p * n / parts).collect();
        // offsets[i] counts the ends at node i, then (summed) is where its list ends, then
        // (filled from the back) where it starts; offsets[n] is the total.
        let mut offsets = vec![0u32; n + 1];
        offsets[n] = total;
        split_mut(&mut offsets[..n], &bounds)
            .into_par_iter()
            .zip(&bounds[..parts])
            .for_each(|(count, &lo)| {
                for &(a, b) in ties {
                    debug_assert!(a != b && (a as usize) < n && (b as usize) < n);
                    bump(count, a, lo);
                    bump(count, b, lo);
                }
            });
        let mut acc: u32 = 0;
        for o in &mut offsets[..n] {
            acc += *o;
            *o = acc;
        }
        let ends: Vec<usize> = bounds
            .iter()
            .map(|&b| if b == 0 { 0 } else { offsets[b - 1] as usize })
            .collect();
        let mut targets = vec![0u32; total as usize];
        split_mut(&mut offsets[..n], &bounds)
            .into_par_iter()
            .zip(split_mut(&mut targets, &ends))
            .zip(bounds[..parts].par_iter().zip(&ends[..parts]))
            .for_each(|((end, list), (&lo, &base))| {
                // Ends from the back in reverse tie order: each list ends up in tie order.
                for &(a, b) in ties.iter().rev() {
                    place(end, list, a, lo, base, b);
                    place(end, list, b, lo, base, a);
                }
                // Now end[i] is where node lo + i's list starts.
                let stops = end[1..].iter().copied().chain([(base + list.len()) as u32]);
                sort_lists(stops, base as u32, list);
            });
        let csr = Csr { offsets, targets };
        debug_assert!(csr.check_invariants());
        csr
    }

    /// The plain one-thread layout of [`Csr::from_ties`] (count degrees, place both ends of
    /// every tie in tie order, sort each neighbour list): the reference the parallel layout
    /// is tested and benchmarked against. Same preconditions and panics.
    pub fn from_ties_plain(n: usize, ties: &[(u32, u32)]) -> Csr {
        let mut offsets = vec![0u32; n + 1];
        for &(a, b) in ties {
            debug_assert!(a != b && (a as usize) < n && (b as usize) < n);
            offsets[a as usize + 1] += 1;
            offsets[b as usize + 1] += 1;
        }
        let mut acc: u32 = 0;
        for o in &mut offsets[1..] {
            acc = acc.checked_add(*o).expect("more than 2^32 directed edges");
            *o = acc;
        }
        let mut fill: Vec<u32> = offsets[..n].to_vec();
        let mut targets = vec![0u32; acc as usize];
        for &(a, b) in ties {
            targets[fill[a as usize] as usize] = b;
            fill[a as usize] += 1;
            targets[fill[b as usize] as usize] = a;
            fill[b as usize] += 1;
        }
        drop(fill);
        sort_lists(offsets[1..].iter().copied(), 0, &mut targets);
        let csr = Csr { offsets, targets };
        debug_assert!(csr.check_invariants());
        csr
    }

    /// Snapshot of a petgraph graph (for a graph edited or analysed with petgraph; the
    /// generators and loaders go through [`Csr::from_ties`]). **O(n + m log d)**.
    ///
    /// # Panics
    /// If the graph has 2^32 or more directed edge slots (not reachable in memory here).
    pub fn from_graph<N, E>(graph: &UnGraph<N, E>) -> Csr {
        let n = graph.node_count();
        let mut degree = vec![0u32; n + 1];
        for e in graph.edge_references() {
            let (a, b) = (e.source().index(), e.target().index());
            debug_assert_ne!(a, b, "self-loops are not ties");
            degree[a] += 1;
            degree[b] += 1;
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut acc: u32 = 0;
        offsets.push(0);
        for &d in &degree[..n] {
            acc = acc.checked_add(d).expect("more than 2^32 directed edges");
            offsets.push(acc);
        }
        let mut fill: Vec<u32> = offsets[..n].to_vec();
        let mut targets = vec![0u32; acc as usize];
        for e in graph.edge_references() {
            let (a, b) = (e.source().index(), e.target().index());
            targets[fill[a] as usize] = b as u32;
            fill[a] += 1;
            targets[fill[b] as usize] = a as u32;
            fill[b] += 1;
        }
        sort_lists(offsets[1..].iter().copied(), 0, &mut targets);
        let csr = Csr { offsets, targets };
        debug_assert!(csr.check_invariants());
        csr
    }

    /// Number of nodes.
    #[inline]
    pub fn node_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Number of directed edge slots (twice the number of ties).
    #[inline]
    pub fn directed_edge_count(&self) -> usize {
        self.targets.len()
    }

    /// Neighbours of node `i`, sorted ascending.
    #[inline]
    pub fn neighbors(&self, i: usize) -> &[u32] {
        &self.targets[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// Degree of node `i`.
    #[inline]
    pub fn degree(&self, i: usize) -> usize {
        (self.offsets[i + 1] - self.offsets[i]) as usize
    }

    /// The offsets array (`node_count + 1` long).
    #[inline]
    pub fn offsets(&self) -> &[u32] {
        &self.offsets
    }

    /// The targets array (`directed_edge_count` long).
    #[inline]
    pub fn targets(&self) -> &[u32] {
        &self.targets
    }

    fn check_invariants(&self) -> bool {
        let n = self.node_count();
        self.offsets.first() == Some(&0)
            && self.offsets.windows(2).all(|w| w[0] <= w[1])
            && *self.offsets.last().unwrap_or(&0) as usize == self.targets.len()
            && (0..n).all(|i| {
                let nb = self.neighbors(i);
                nb.windows(2).all(|w| w[0] < w[1])
                    && nb.iter().all(|&j| (j as usize) < n && j as usize != i)
            })
    }
}

/// Fewest ties for which [`Csr::from_ties`] splits the work over the pool.
const PARALLEL_FROM: usize = 1 << 16;

/// `data` cut at `cuts[1..parts]` (`cuts` ascending, from 0 to `data.len()`): the pieces
/// `data[cuts[p]..cuts[p + 1]]`.
fn split_mut<'a>(mut data: &'a mut [u32], cuts: &[usize]) -> Vec<&'a mut [u32]> {
    let mut pieces = Vec::with_capacity(cuts.len().saturating_sub(1));
    for w in cuts.windows(2) {
        let (piece, rest) = data.split_at_mut(w[1] - w[0]);
        pieces.push(piece);
        data = rest;
    }
    pieces
}

/// Counts an end at `node` if it falls in the range starting at `lo` that `count` covers.
#[inline(always)]
fn bump(count: &mut [u32], node: u32, lo: usize) {
    if let Some(c) = count.get_mut((node as usize).wrapping_sub(lo)) {
        *c += 1;
    }
}

/// Places `other` at the back of `node`'s list if `node` falls in the range starting at
/// `lo`: `end[node - lo]` is where the list's unfilled part ends (an index into the whole
/// targets array; `list` starts at index `base` of it).
#[inline(always)]
fn place(end: &mut [u32], list: &mut [u32], node: u32, lo: usize, base: usize, other: u32) {
    if let Some(e) = end.get_mut((node as usize).wrapping_sub(lo)) {
        *e -= 1;
        list[*e as usize - base] = other;
    }
}

/// Sorts every neighbour list of `targets`, where list `i` ends at the `i`-th of `ends`
/// minus `base` and starts where list `i - 1` ends (list 0 at 0); `ends` ascending.
fn sort_lists(ends: impl IntoIterator<Item = u32>, base: u32, targets: &mut [u32]) {
    let mut rest = targets;
    let mut start = base;
    for end in ends {
        let (list, tail) = rest.split_at_mut((end - start) as usize);
        if list.len() > 1 {
            list.sort_unstable();
        }
        rest = tail;
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Split into any number of node ranges (more than there are nodes included), the
        /// layout is the plain one, for ties in any order.
        #[test]
        fn any_split_gives_the_plain_layout(
            n in 1usize..60,
            pairs in prop::collection::vec((0u32..60, 0u32..60), 0..200),
            parts in 1usize..70,
        ) {
            let mut seen = std::collections::BTreeSet::new();
            let ties: Vec<(u32, u32)> = pairs
                .into_iter()
                .filter(|&(a, b)| a != b && (a as usize) < n && (b as usize) < n)
                .filter(|&(a, b)| seen.insert((a.min(b), a.max(b))))
                .collect();
            let plain = Csr::from_ties_plain(n, &ties);
            prop_assert_eq!(&Csr::from_ties_in_parts(n, &ties, parts), &plain);
            prop_assert_eq!(&Csr::from_ties(n, &ties), &plain);
        }
    }

    /// Ties 0–1, 0–2, 2–3 split into nodes {0, 1} and {2, 3}: offsets 0, 2, 3, 5, 6 (degrees
    /// 2, 1, 2, 1), lists [1, 2], [0], [0, 3], [2]; part 2's lists start at slot 3.
    #[test]
    fn two_parts_by_hand() {
        let c = Csr::from_ties_in_parts(4, &[(2, 3), (0, 2), (1, 0)], 2);
        assert_eq!(c.offsets(), &[0, 2, 3, 5, 6]);
        assert_eq!(c.targets(), &[1, 2, 0, 0, 3, 2]);
    }

    #[test]
    fn triangle_plus_isolated() {
        let mut g = UnGraph::<(), ()>::new_undirected();
        let v: Vec<_> = (0..4).map(|_| g.add_node(())).collect();
        g.add_edge(v[2], v[0], ());
        g.add_edge(v[0], v[1], ());
        g.add_edge(v[1], v[2], ());
        let c = Csr::from_graph(&g);
        assert_eq!(c, Csr::from_ties(4, &[(2, 0), (0, 1), (1, 2)]));
        assert_eq!(c.node_count(), 4);
        assert_eq!(c.directed_edge_count(), 6);
        assert_eq!(c.neighbors(0), &[1, 2]);
        assert_eq!(c.neighbors(2), &[0, 1]);
        assert_eq!(c.degree(3), 0);
        assert!(c.neighbors(3).is_empty());
    }
}
