//! Compressed sparse row adjacency: the snapshot of the network the step loop runs on.

use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;

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
    /// The result equals [`Csr::from_graph`] of the petgraph graph with the same ties.
    ///
    /// # Panics
    /// If there are 2^32 or more directed edge slots (the network constructors refuse more
    /// than [`MAX_TIES`](super::MAX_TIES) ties first).
    pub fn from_ties(n: usize, ties: &[(u32, u32)]) -> Csr {
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
        sort_lists(&offsets, &mut targets);
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
        sort_lists(&offsets, &mut targets);
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

/// Sorts every node's neighbour list `targets[offsets[i]..offsets[i + 1]]` ascending.
fn sort_lists(offsets: &[u32], targets: &mut [u32]) {
    let mut rest = targets;
    for w in offsets.windows(2) {
        let (list, tail) = rest.split_at_mut((w[1] - w[0]) as usize);
        list.sort_unstable();
        rest = tail;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
