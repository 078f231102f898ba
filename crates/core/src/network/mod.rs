//! Networks: specification of the generators, the [`Network`] they build (a tie list plus node
//! attributes), and the compact [`Csr`] snapshot the step loop runs on, built straight from the
//! tie list. A petgraph graph is made only on request ([`Network::graph`]), for editing and
//! analysis.

mod csr;
mod generators;

pub use csr::Csr;
pub use generators::generate;

use petgraph::graph::UnGraph;
use serde::{Deserialize, Serialize};

/// Most nodes a [`Network`] may have: node ids are `u32` and petgraph reserves `u32::MAX`.
pub const MAX_NODES: usize = u32::MAX as usize;

/// Most ties a [`Network`] may have: the [`Csr`] snapshot counts both ends of every tie in
/// `u32` offsets.
pub const MAX_TIES: usize = (u32::MAX / 2) as usize;

/// Which neighbours a square-lattice cell has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Neighbourhood {
    /// The 4 orthogonal neighbours.
    VonNeumann,
    /// The 8 orthogonal and diagonal neighbours.
    Moore,
}

/// A network generator and its parameters. Node ids are `0..n`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NetworkSpec {
    /// `n` firms and no ties: the isolated-firms baseline.
    Isolated {
        /// Number of nodes.
        n: usize,
    },
    /// Every pair tied.
    Complete {
        /// Number of nodes.
        n: usize,
    },
    /// Ring lattice: each node tied to its `k / 2` nearest nodes on each side (`k` even).
    Ring {
        /// Number of nodes.
        n: usize,
        /// Degree of every node (even, `< n`).
        k: usize,
    },
    /// `width × height` square lattice; node of cell `(x, y)` is `y · width + x`.
    Lattice {
        /// Cells per row.
        width: usize,
        /// Rows.
        height: usize,
        /// Von Neumann (4) or Moore (8) neighbours.
        neighbourhood: Neighbourhood,
        /// Wrap around the edges (torus).
        periodic: bool,
    },
    /// Erdős–Rényi G(n, p): each pair tied independently with probability `p`.
    ErdosRenyiGnp {
        /// Number of nodes.
        n: usize,
        /// Tie probability.
        p: f64,
    },
    /// Erdős–Rényi G(n, m): exactly `m` ties drawn uniformly among all pairs.
    ErdosRenyiGnm {
        /// Number of nodes.
        n: usize,
        /// Number of ties.
        m: usize,
    },
    /// Watts–Strogatz: ring lattice of degree `k`, each tie rewired with probability `p`
    /// (networkx's algorithm; no self-loops or multi-ties).
    WattsStrogatz {
        /// Number of nodes.
        n: usize,
        /// Ring degree (even).
        k: usize,
        /// Rewiring probability.
        p: f64,
    },
    /// Barabási–Albert preferential attachment (networkx's algorithm: a star on `m + 1`
    /// nodes, then each new node ties to `m` distinct targets drawn from the list of
    /// tie endpoints).
    BarabasiAlbert {
        /// Number of nodes.
        n: usize,
        /// Ties added per new node.
        m: usize,
    },
    /// Uniformly random simple graph in which every node has degree `k` (`n · k` even).
    RandomRegular {
        /// Number of nodes.
        n: usize,
        /// Degree.
        k: usize,
    },
    /// Stochastic block model: consecutive blocks of the given sizes; a pair is tied with
    /// probability `p_in` inside a block and `p_out` across blocks. The block is the group.
    StochasticBlock {
        /// Block sizes; node ids run block by block.
        sizes: Vec<usize>,
        /// Tie probability inside a block.
        p_in: f64,
        /// Tie probability across blocks.
        p_out: f64,
    },
    /// Random geometric graph: nodes uniform in the unit square, tied when closer than
    /// `radius` (Euclidean; on the torus if `periodic`).
    RandomGeometric {
        /// Number of nodes.
        n: usize,
        /// Connection radius.
        radius: f64,
        /// Measure distances on the unit torus.
        periodic: bool,
    },
}

/// A built network: nodes `0..n`, their ties, plus the node attributes a generator or a file
/// gives.
///
/// Invariant: the ties are distinct, not self-loops and inside `0..n`, and there are at most
/// [`MAX_TIES`] of them; `n` is at most [`MAX_NODES`].
#[derive(Clone, Debug)]
pub struct Network {
    /// Number of nodes; node `i` is firm `i`.
    n: usize,
    /// The undirected ties, in the order the generator made them.
    ties: Vec<(u32, u32)>,
    /// Group (cluster, block, community) of each node; all 0 when the generator has none.
    /// Always `node_count()` long.
    pub group: Vec<u32>,
    /// 2-D position of each node, when the generator or file has one.
    pub position: Option<Vec<[f64; 2]>>,
    /// `(width, height)` when the network is a square lattice (used for centre patterns).
    pub lattice: Option<(usize, usize)>,
}

impl Network {
    /// A network on nodes `0..n` from a list of ties, with optional node attributes: the
    /// constructor behind the edge-list loader.
    ///
    /// Ties are undirected; a tie listed more than once (as `(a, b)`, `(b, a)` or both) is
    /// silently merged into one. The graph stores ties sorted by `(min, max)` id, whatever
    /// the order of `edges`. `group` defaults to all 0; `position` to none.
    ///
    /// # Errors
    /// - [`NetworkError::InvalidTie`] for a self-loop or an id outside `0..n` (the first one
    ///   in list order);
    /// - [`NetworkError::AttributeLength`] when `group` or `position` is not `n` long;
    /// - [`NetworkError::Impossible`] when `n` is 0 or above [`MAX_NODES`], or the distinct
    ///   ties exceed [`MAX_TIES`].
    pub fn from_edges(
        n: usize,
        edges: &[(u32, u32)],
        group: Option<Vec<u32>>,
        position: Option<Vec<[f64; 2]>>,
    ) -> Result<Network, NetworkError> {
        if n == 0 {
            return Err(NetworkError::Impossible(
                "a network needs at least one firm".into(),
            ));
        }
        if n > MAX_NODES {
            return Err(NetworkError::Impossible(format!(
                "{n} firms exceed the limit of {MAX_NODES}"
            )));
        }
        if let Some(g) = &group {
            if g.len() != n {
                return Err(NetworkError::AttributeLength {
                    attribute: "group",
                    len: g.len(),
                    n,
                });
            }
        }
        if let Some(p) = &position {
            if p.len() != n {
                return Err(NetworkError::AttributeLength {
                    attribute: "position",
                    len: p.len(),
                    n,
                });
            }
        }
        let mut keys: Vec<u64> = Vec::with_capacity(edges.len());
        for &(a, b) in edges {
            if a == b {
                return Err(NetworkError::InvalidTie(
                    a.into(),
                    b.into(),
                    "a firm cannot be tied to itself".into(),
                ));
            }
            if a as usize >= n || b as usize >= n {
                return Err(NetworkError::InvalidTie(
                    a.into(),
                    b.into(),
                    format!("firm ids must lie in 0..={} ({n} firms)", n - 1),
                ));
            }
            let (lo, hi) = (a.min(b), a.max(b));
            keys.push((u64::from(lo) << 32) | u64::from(hi));
        }
        keys.sort_unstable();
        keys.dedup();
        let ties: Vec<(u32, u32)> = keys
            .into_iter()
            .map(|k| ((k >> 32) as u32, k as u32))
            .collect();
        generators::check_size(n, ties.len())?;
        Ok(Network {
            n,
            ties,
            group: group.unwrap_or_else(|| vec![0; n]),
            position,
            lattice: None,
        })
    }

    /// A network on nodes `0..n` with exactly these ties, in this order, no attributes; the
    /// caller guarantees the [`Network`] invariant (unit tests only).
    #[cfg(test)]
    pub(crate) fn from_ties_unchecked(n: usize, ties: Vec<(u32, u32)>) -> Network {
        Network {
            n,
            ties,
            group: vec![0; n],
            position: None,
            lattice: None,
        }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.n
    }

    /// Number of undirected ties.
    pub fn edge_count(&self) -> usize {
        self.ties.len()
    }

    /// The ties, in the order the generator made them (an edge-list network: sorted by
    /// `(min, max)` id).
    pub fn ties(&self) -> &[(u32, u32)] {
        &self.ties
    }

    /// The compact adjacency the step loop runs on, built straight from the tie list.
    /// **O(n + m log d)**.
    pub fn csr(&self) -> Csr {
        Csr::from_ties(self.n, &self.ties)
    }

    /// The network as a petgraph graph, for editing and analysis: node index `i` is firm
    /// `i`, edge index `e` is `ties()[e]`. Built on each call. **O(n + m)**.
    pub fn graph(&self) -> UnGraph<(), ()> {
        let mut graph = UnGraph::with_capacity(self.n, self.ties.len());
        for _ in 0..self.n {
            graph.add_node(());
        }
        graph.extend_with_edges(self.ties.iter().copied());
        graph
    }

    /// The node at the centre: cell `(w/2, h/2)` of a lattice, otherwise `n / 2`.
    pub fn centre(&self) -> usize {
        match self.lattice {
            Some((w, h)) => (h / 2) * w + w / 2,
            None => self.node_count() / 2,
        }
    }
}

/// Why a network could not be built.
#[derive(Debug, thiserror::Error, PartialEq)]
#[non_exhaustive]
pub enum NetworkError {
    /// Parameters that admit no graph (e.g. odd `n · k` for a regular graph, `k >= n`).
    #[error("impossible network parameters: {0}")]
    Impossible(String),
    /// An edge list names a node outside `0..n`, or a self-loop.
    #[error("invalid tie {0}–{1}: {2}")]
    InvalidTie(u64, u64, String),
    /// A node attribute (group, position) whose length is not the number of nodes.
    #[error("{attribute} has {len} entries but the network has {n} firms")]
    AttributeLength {
        /// Which attribute: `"group"` or `"position"`.
        attribute: &'static str,
        /// Entries given.
        len: usize,
        /// Number of nodes.
        n: usize,
    },
}
