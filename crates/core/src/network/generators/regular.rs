//! Random regular graphs: configuration model, then degree-preserving switches that remove
//! self-loops and multi-ties.

use super::{index, key, unkey, Edge};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Switch attempts allowed for one bad tie before the pairing is thrown away and redrawn.
/// A random switch succeeds with probability about `(1 - k/n)² >= 1/4`, so running out
/// means the pairing is stuck, not unlucky.
const ATTEMPTS: usize = 1000;

/// A simple graph on `0..n` in which every node has degree `k` (`k < n`, `n k` even).
///
/// For `k <= (n - 1) / 2` the stubs are paired uniformly (configuration model); each
/// self-loop or repeated tie is then switched with a random good tie `(c, d)` into `(a, c)`
/// and `(b, d)` when that creates neither a loop nor a repeat. Degrees never change. Denser
/// graphs are the complement of a random `(n - 1 - k)`-regular graph. The result is close
/// to, not exactly, uniform over `k`-regular graphs. Expected time **O(n k + k³ log k)**;
/// terminates with probability 1, since every fresh pairing has a positive chance of
/// needing no switch at all.
pub(super) fn random_regular(rng: &mut ChaCha8Rng, n: usize, k: usize) -> Vec<Edge> {
    if 2 * k > n - 1 {
        let absent = sparse(rng, n, n - 1 - k);
        let mut edges = Vec::with_capacity(n * k / 2);
        let mut next = absent.iter().copied().peekable();
        for i in 0..n as u32 {
            for j in i + 1..n as u32 {
                if next.peek() == Some(&(i, j)) {
                    next.next();
                } else {
                    edges.push((i, j));
                }
            }
        }
        edges
    } else {
        sparse(rng, n, k)
    }
}

/// A `k`-regular simple graph for `k <= (n - 1) / 2`, ties `(i, j)` with `i < j`, sorted.
fn sparse(rng: &mut ChaCha8Rng, n: usize, k: usize) -> Vec<Edge> {
    if k == 0 {
        return Vec::new();
    }
    loop {
        if let Some(mut edges) = attempt(rng, n, k) {
            edges.sort_unstable();
            return edges;
        }
    }
}

/// One pairing plus repairs; `None` when a bad tie found no switch.
fn attempt(rng: &mut ChaCha8Rng, n: usize, k: usize) -> Option<Vec<Edge>> {
    // Configuration model: k stubs per node, shuffled, consecutive stubs paired.
    let mut stubs: Vec<u32> = Vec::with_capacity(n * k);
    for v in 0..n as u32 {
        stubs.extend(std::iter::repeat_n(v, k));
    }
    for i in (1..stubs.len()).rev() {
        stubs.swap(i, index(rng, i + 1));
    }
    let mut keys: Vec<u64> = stubs.chunks_exact(2).map(|s| key(s[0], s[1])).collect();
    drop(stubs);
    keys.sort_unstable();
    let mut good: Vec<Edge> = Vec::with_capacity(keys.len());
    let mut bad: Vec<Edge> = Vec::new();
    let mut last = u64::MAX;
    for &kk in &keys {
        let (a, b) = unkey(kk);
        if a == b || kk == last {
            bad.push((a, b));
        } else {
            good.push((a, b));
        }
        last = kk;
    }
    drop(keys);
    if bad.is_empty() {
        return Some(good);
    }
    let mut adj = Adjacency::new(n, k, &good);
    for &(a, b) in &bad {
        let mut fixed = false;
        for _ in 0..ATTEMPTS {
            if good.is_empty() {
                break;
            }
            let i = index(rng, good.len());
            let (mut c, mut d) = good[i];
            if rng.next_u32() & 1 == 1 {
                std::mem::swap(&mut c, &mut d);
            }
            // New ties (a, c) and (b, d) replace (a, b) and (c, d).
            if a == c || b == d || (a == d && b == c) || adj.has(a, c) || adj.has(b, d) {
                continue;
            }
            good.swap_remove(i);
            adj.remove(c, d);
            adj.insert(a, c);
            adj.insert(b, d);
            good.push((a.min(c), a.max(c)));
            good.push((b.min(d), b.max(d)));
            fixed = true;
            break;
        }
        if !fixed {
            return None;
        }
    }
    Some(good)
}

/// Sorted neighbour lists of the good ties, `k` slots per node (a node's good degree never
/// exceeds its total degree `k`).
struct Adjacency {
    k: usize,
    slots: Vec<u32>,
    len: Vec<u32>,
}

impl Adjacency {
    /// From ties `(i, j)`, `i < j`, sorted: each list comes out sorted.
    fn new(n: usize, k: usize, sorted: &[Edge]) -> Self {
        let mut adj = Adjacency {
            k,
            slots: vec![0; n * k],
            len: vec![0; n],
        };
        for &(a, b) in sorted {
            adj.push(a, b);
            adj.push(b, a);
        }
        adj
    }

    fn push(&mut self, a: u32, b: u32) {
        let l = self.len[a as usize] as usize;
        self.slots[a as usize * self.k + l] = b;
        self.len[a as usize] += 1;
    }

    fn list(&self, a: u32) -> &[u32] {
        let s = a as usize * self.k;
        &self.slots[s..s + self.len[a as usize] as usize]
    }

    fn has(&self, a: u32, b: u32) -> bool {
        self.list(a).binary_search(&b).is_ok()
    }

    fn insert(&mut self, a: u32, b: u32) {
        self.insert_one(a, b);
        self.insert_one(b, a);
    }

    fn insert_one(&mut self, a: u32, b: u32) {
        let s = a as usize * self.k;
        let l = self.len[a as usize] as usize;
        debug_assert!(l < self.k, "good degree above k");
        let pos = self.list(a).binary_search(&b).unwrap_err();
        self.slots.copy_within(s + pos..s + l, s + pos + 1);
        self.slots[s + pos] = b;
        self.len[a as usize] += 1;
    }

    fn remove(&mut self, a: u32, b: u32) {
        self.remove_one(a, b);
        self.remove_one(b, a);
    }

    fn remove_one(&mut self, a: u32, b: u32) {
        let s = a as usize * self.k;
        let l = self.len[a as usize] as usize;
        let pos = self
            .list(a)
            .binary_search(&b)
            .expect("removing a tie that is present");
        self.slots.copy_within(s + pos + 1..s + l, s + pos);
        self.len[a as usize] -= 1;
    }
}
