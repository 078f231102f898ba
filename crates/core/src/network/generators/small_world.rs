//! Watts–Strogatz small-world networks, following networkx's `watts_strogatz_graph`.

use super::{index, lattice, unit, Edge};
use rand_chacha::ChaCha8Rng;

/// Watts–Strogatz: the ring lattice of degree `k` (`k` even, `k < n`), then each ring tie
/// `(u, u + j)`, visited `j` outer and `u` inner, is rewired with probability `p` to
/// `(u, w)`, `w` uniform among the nodes that are neither `u` nor already tied to `u`; a
/// node already tied to everyone keeps its tie. The tie count stays `n k / 2`.
///
/// Adjacency is kept as one small list per node, so a membership test costs the degree.
pub(super) fn watts_strogatz(rng: &mut ChaCha8Rng, n: usize, k: usize, p: f64) -> Vec<Edge> {
    let mut edges = lattice::ring(n, k);
    if p <= 0.0 || edges.is_empty() {
        return edges;
    }
    let mut adj: Vec<Vec<u32>> = (0..n).map(|_| Vec::with_capacity(k + 2)).collect();
    for &(a, b) in &edges {
        adj[a as usize].push(b);
        adj[b as usize].push(a);
    }
    let tied = |adj: &[Vec<u32>], a: usize, b: usize| {
        let (x, y) = if adj[a].len() <= adj[b].len() {
            (a, b)
        } else {
            (b, a)
        };
        adj[x].contains(&(y as u32))
    };
    for slot in edges.iter_mut() {
        let (u, v) = (slot.0 as usize, slot.1 as usize);
        if unit(rng) >= p {
            continue;
        }
        let mut w = index(rng, n);
        let mut full = false;
        while w == u || tied(&adj, u, w) {
            w = index(rng, n);
            if adj[u].len() >= n - 1 {
                full = true;
                break;
            }
        }
        if full {
            continue;
        }
        remove(&mut adj[u], v as u32);
        remove(&mut adj[v], u as u32);
        adj[u].push(w as u32);
        adj[w].push(u as u32);
        *slot = (u as u32, w as u32);
    }
    edges
}

/// Removes one occurrence of `x` from `list` (order not kept).
fn remove(list: &mut Vec<u32>, x: u32) {
    if let Some(i) = list.iter().position(|&y| y == x) {
        list.swap_remove(i);
    }
}
