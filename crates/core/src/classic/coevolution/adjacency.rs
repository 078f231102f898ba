//! A mutable undirected simple graph on compact arrays: per node a fixed-capacity block of
//! slots (neighbour and tie id) with swap-removal, per tie its two ends and its slot at each
//! end. Moving one end of a tie costs O(1); testing whether a tie exists scans the smaller
//! of the two neighbour lists. Nothing is allocated or hashed after construction.

use std::fmt;

/// Why a tie list cannot be laid out as a [`DynamicTies`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AdjacencyError {
    /// A tie names a node at or beyond the node count.
    #[error("tie {tie} names node {node}, but there are {nodes} nodes")]
    NodeOutOfRange {
        /// Position of the tie in the list.
        tie: usize,
        /// The node named.
        node: u32,
        /// Number of nodes.
        nodes: u32,
    },
    /// A tie from a node to itself.
    #[error("tie {tie} is a self-loop on node {node}")]
    SelfLoop {
        /// Position of the tie in the list.
        tie: usize,
        /// The node.
        node: u32,
    },
    /// The same pair twice.
    #[error("tie {tie} repeats the tie {u}–{v}")]
    Duplicate {
        /// Position of the repeated tie in the list.
        tie: usize,
        /// One end.
        u: u32,
        /// The other end.
        v: u32,
    },
    /// A node has more ties than its capacity.
    #[error("node {node} has more than {capacity} ties")]
    Capacity {
        /// The node.
        node: u32,
        /// Slots per node.
        capacity: u32,
    },
}

/// A simple undirected graph whose ties can be moved.
///
/// Invariants (checked by [`DynamicTies::check`]): node `i`'s neighbours are
/// `nbr[i·cap .. i·cap + degree[i]]`, with `slot_tie` giving the tie of each slot; tie `e`
/// joins `ends[e][0]` and `ends[e][1]`, found at slot `pos[e][k]` of end `k`; no self-loops,
/// no pair twice, both ends agree.
#[derive(Clone, PartialEq, Eq)]
pub struct DynamicTies {
    cap: u32,
    nbr: Vec<u32>,
    slot_tie: Vec<u32>,
    degree: Vec<u32>,
    ends: Vec<[u32; 2]>,
    pos: Vec<[u32; 2]>,
}

impl fmt::Debug for DynamicTies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DynamicTies")
            .field("nodes", &self.nodes())
            .field("ties", &self.ties())
            .field("capacity", &self.cap)
            .finish()
    }
}

impl DynamicTies {
    /// Lays out `ties` on `nodes` nodes with `capacity` slots per node (at most `nodes − 1`
    /// is ever needed). Tie `e` keeps id `e` for the whole run.
    pub fn new(nodes: u32, capacity: u32, ties: &[(u32, u32)]) -> Result<Self, AdjacencyError> {
        let n = nodes as usize;
        let cap = capacity as usize;
        let mut g = DynamicTies {
            cap: capacity,
            nbr: vec![0; n * cap],
            slot_tie: vec![0; n * cap],
            degree: vec![0; n],
            ends: Vec::with_capacity(ties.len()),
            pos: Vec::with_capacity(ties.len()),
        };
        for (e, &(u, v)) in ties.iter().enumerate() {
            for node in [u, v] {
                if node >= nodes {
                    return Err(AdjacencyError::NodeOutOfRange {
                        tie: e,
                        node,
                        nodes,
                    });
                }
            }
            if u == v {
                return Err(AdjacencyError::SelfLoop { tie: e, node: u });
            }
            if g.has_tie(u, v) {
                return Err(AdjacencyError::Duplicate { tie: e, u, v });
            }
            for node in [u, v] {
                if g.degree[node as usize] >= capacity {
                    return Err(AdjacencyError::Capacity { node, capacity });
                }
            }
            let id = e as u32;
            g.ends.push([u, v]);
            g.pos.push([0, 0]);
            g.attach(id, 0);
            g.attach(id, 1);
        }
        Ok(g)
    }

    /// Number of nodes.
    pub fn nodes(&self) -> usize {
        self.degree.len()
    }

    /// Number of ties (constant under [`DynamicTies::move_end`]).
    pub fn ties(&self) -> usize {
        self.ends.len()
    }

    /// Slots per node.
    pub fn capacity(&self) -> u32 {
        self.cap
    }

    /// Degree of node `i`.
    #[inline]
    pub fn degree(&self, i: u32) -> u32 {
        self.degree[i as usize]
    }

    /// The degrees of all nodes.
    pub fn degrees(&self) -> &[u32] {
        &self.degree
    }

    /// Neighbours of node `i`, in slot order.
    #[inline]
    pub fn neighbours(&self, i: u32) -> &[u32] {
        let start = i as usize * self.cap as usize;
        &self.nbr[start..start + self.degree[i as usize] as usize]
    }

    /// The two ends of tie `e`.
    #[inline]
    pub fn ends(&self, e: u32) -> [u32; 2] {
        self.ends[e as usize]
    }

    /// Whether `u` and `v` are tied (scans the shorter neighbour list).
    #[inline]
    pub fn has_tie(&self, u: u32, v: u32) -> bool {
        let (a, b) = if self.degree[u as usize] <= self.degree[v as usize] {
            (u, v)
        } else {
            (v, u)
        };
        self.neighbours(a).contains(&b)
    }

    /// Moves the end `from` of tie `e` to node `to`, keeping its other end: the tie
    /// `keep–from` becomes `keep–to`. The caller guarantees that `from` is an end of `e`,
    /// `to` is not the kept end and not already tied to it, and `to` has a free slot.
    pub fn move_end(&mut self, e: u32, from: u32, to: u32) {
        let k = usize::from(self.ends[e as usize][1] == from);
        debug_assert_eq!(
            self.ends[e as usize][k], from,
            "{from} is not an end of tie {e}"
        );
        debug_assert_ne!(self.ends[e as usize][1 - k], to, "self-loop");
        debug_assert!(
            !self.has_tie(self.ends[e as usize][1 - k], to),
            "duplicate tie"
        );
        self.detach(e, k);
        self.ends[e as usize][k] = to;
        self.attach(e, k);
        // The kept end's slot now names the new neighbour.
        let keep = self.ends[e as usize][1 - k];
        let slot = keep as usize * self.cap as usize + self.pos[e as usize][1 - k] as usize;
        self.nbr[slot] = to;
    }

    /// Puts end `k` of tie `e` in the next free slot of its node.
    #[inline]
    fn attach(&mut self, e: u32, k: usize) {
        let [a, b] = self.ends[e as usize];
        let (node, other) = if k == 0 { (a, b) } else { (b, a) };
        let d = self.degree[node as usize];
        debug_assert!(d < self.cap, "node {node} is full");
        let slot = node as usize * self.cap as usize + d as usize;
        self.nbr[slot] = other;
        self.slot_tie[slot] = e;
        self.pos[e as usize][k] = d;
        self.degree[node as usize] = d + 1;
    }

    /// Removes end `k` of tie `e` from its node's slots, moving the node's last slot into
    /// the hole.
    #[inline]
    fn detach(&mut self, e: u32, k: usize) {
        let node = self.ends[e as usize][k];
        let base = node as usize * self.cap as usize;
        let hole = self.pos[e as usize][k] as usize;
        let last = self.degree[node as usize] as usize - 1;
        if hole != last {
            let moved = self.slot_tie[base + last];
            self.nbr[base + hole] = self.nbr[base + last];
            self.slot_tie[base + hole] = moved;
            let mk = usize::from(self.ends[moved as usize][1] == node);
            self.pos[moved as usize][mk] = hole as u32;
        }
        self.degree[node as usize] = last as u32;
    }

    /// Checks every invariant; the first violation found, in words.
    pub fn check(&self) -> Result<(), String> {
        let cap = self.cap as usize;
        let mut seen_slots = 0usize;
        for i in 0..self.nodes() as u32 {
            let d = self.degree[i as usize];
            if d > self.cap {
                return Err(format!("node {i}: degree {d} above capacity {}", self.cap));
            }
            for s in 0..d {
                let slot = i as usize * cap + s as usize;
                let e = self.slot_tie[slot];
                let Some(&[a, b]) = self.ends.get(e as usize) else {
                    return Err(format!("node {i} slot {s}: tie {e} does not exist"));
                };
                let k = if a == i {
                    0
                } else if b == i {
                    1
                } else {
                    return Err(format!("node {i} slot {s}: tie {e} joins {a}–{b}"));
                };
                if self.pos[e as usize][k] != s {
                    return Err(format!("tie {e}: end {k} recorded at a wrong slot"));
                }
                if self.nbr[slot] != self.ends[e as usize][1 - k] {
                    return Err(format!(
                        "node {i} slot {s}: neighbour disagrees with tie {e}"
                    ));
                }
                seen_slots += 1;
            }
            let nb = self.neighbours(i);
            for (x, &j) in nb.iter().enumerate() {
                if j == i {
                    return Err(format!("node {i}: self-loop"));
                }
                if nb[..x].contains(&j) {
                    return Err(format!("node {i}: tie to {j} twice"));
                }
                if !self.neighbours(j).contains(&i) {
                    return Err(format!("tie {i}–{j} missing at {j}"));
                }
            }
        }
        if seen_slots != 2 * self.ties() {
            return Err(format!(
                "{seen_slots} slots in use for {} ties",
                self.ties()
            ));
        }
        Ok(())
    }
}
