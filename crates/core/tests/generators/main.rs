//! Network generators: each generator's defining property, simple-graph invariants as
//! property tests, seed determinism, impossible parameters, and `Network::from_edges`.
//! Shared helpers here; one module per concern.

mod deterministic;
mod errors;
mod properties;
mod random;

use asocia_core::network::{generate, Neighbourhood, Network, NetworkError, NetworkSpec};
use petgraph::visit::EdgeRef;
use proptest::prelude::*;
use std::collections::BTreeSet;

fn build(spec: NetworkSpec, seed: u64) -> Network {
    generate(&spec, seed).unwrap_or_else(|e| panic!("{spec:?}: {e}"))
}

/// Ties as `(min, max)` pairs, in graph order.
fn ties(net: &Network) -> Vec<(usize, usize)> {
    net.graph()
        .edge_references()
        .map(|e| {
            let (a, b) = (e.source().index(), e.target().index());
            (a.min(b), a.max(b))
        })
        .collect()
}

fn tie_set(net: &Network) -> BTreeSet<(usize, usize)> {
    ties(net).into_iter().collect()
}

fn degrees(net: &Network) -> Vec<usize> {
    let csr = net.csr();
    (0..net.node_count()).map(|i| csr.degree(i)).collect()
}

/// No self-loops, no multi-ties, every attribute `n` long.
fn assert_simple(net: &Network) {
    let t = ties(net);
    assert!(t.iter().all(|&(a, b)| a != b), "self-loop");
    assert_eq!(tie_set(net).len(), t.len(), "multi-tie");
    assert_eq!(net.group.len(), net.node_count());
    if let Some(p) = &net.position {
        assert_eq!(p.len(), net.node_count());
    }
}

fn lattice(w: usize, h: usize, neighbourhood: Neighbourhood, periodic: bool) -> NetworkSpec {
    NetworkSpec::Lattice {
        width: w,
        height: h,
        neighbourhood,
        periodic,
    }
}
