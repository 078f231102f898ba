//! The step's adjacency built straight from a network's tie list (`Network::csr`) is exactly
//! the one built through a petgraph graph (`Csr::from_graph`, the path every run took
//! before), for every generator kind, several seeds and sizes, and edge-list networks.

use asocia_core::network::{generate, Csr, Neighbourhood, Network, NetworkSpec};
use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;
use proptest::prelude::*;
use std::collections::BTreeSet;

/// The old path: a petgraph graph on `0..n` with the network's ties added in order, then its
/// CSR snapshot.
fn through_petgraph(net: &Network) -> Csr {
    let mut graph = UnGraph::<(), ()>::with_capacity(net.node_count(), net.edge_count());
    for _ in 0..net.node_count() {
        graph.add_node(());
    }
    graph.extend_with_edges(net.ties().iter().copied());
    Csr::from_graph(&graph)
}

/// Neighbour sets computed without any CSR code.
fn neighbour_sets(net: &Network) -> Vec<BTreeSet<u32>> {
    let mut sets = vec![BTreeSet::new(); net.node_count()];
    for &(a, b) in net.ties() {
        sets[a as usize].insert(b);
        sets[b as usize].insert(a);
    }
    sets
}

/// `net.csr()` equals the petgraph path and lists every node's neighbours in ascending order.
fn assert_same(net: &Network, what: &str) {
    let direct = net.csr();
    assert_eq!(direct, through_petgraph(net), "{what}");
    assert_eq!(
        direct,
        Csr::from_graph(&net.graph()),
        "{what}: Network::graph"
    );
    assert_eq!(direct.node_count(), net.node_count(), "{what}");
    assert_eq!(direct.directed_edge_count(), 2 * net.edge_count(), "{what}");
    for (i, set) in neighbour_sets(net).iter().enumerate() {
        let expected: Vec<u32> = set.iter().copied().collect();
        assert_eq!(direct.neighbors(i), &expected[..], "{what}: node {i}");
    }
}

/// Every generator kind at size `n` (roughly; lattices are `side × side`).
fn every_kind(n: usize) -> Vec<NetworkSpec> {
    let side = (n as f64).sqrt().round() as usize;
    let lattice = |neighbourhood, periodic| NetworkSpec::Lattice {
        width: side,
        height: side + 1,
        neighbourhood,
        periodic,
    };
    vec![
        NetworkSpec::Isolated { n },
        NetworkSpec::Complete { n: n.min(60) },
        NetworkSpec::Ring { n, k: 6 },
        lattice(Neighbourhood::VonNeumann, true),
        lattice(Neighbourhood::Moore, true),
        lattice(Neighbourhood::Moore, false),
        NetworkSpec::ErdosRenyiGnp {
            n,
            p: 6.0 / n as f64,
        },
        NetworkSpec::ErdosRenyiGnm { n, m: 3 * n },
        NetworkSpec::WattsStrogatz { n, k: 6, p: 0.1 },
        NetworkSpec::BarabasiAlbert { n, m: 1 },
        NetworkSpec::BarabasiAlbert { n, m: 3 },
        NetworkSpec::BarabasiAlbert {
            n,
            m: 20.min(n - 1),
        },
        NetworkSpec::RandomRegular { n, k: 4 },
        NetworkSpec::StochasticBlock {
            sizes: vec![n / 3, n - n / 3],
            p_in: 8.0 / n as f64,
            p_out: 1.0 / n as f64,
        },
        NetworkSpec::RandomGeometric {
            n,
            radius: (6.0 / (std::f64::consts::PI * n as f64)).sqrt(),
            periodic: false,
        },
        NetworkSpec::RandomGeometric {
            n,
            radius: (6.0 / (std::f64::consts::PI * n as f64)).sqrt(),
            periodic: true,
        },
    ]
}

#[test]
fn direct_csr_equals_the_petgraph_path_for_every_generator() {
    for n in [30, 400, 5000] {
        for spec in every_kind(n) {
            for seed in [0, 1, 20_240_611] {
                let net = generate(&spec, seed).unwrap_or_else(|e| panic!("{spec:?}: {e}"));
                assert_same(&net, &format!("{spec:?}, seed {seed}"));
            }
        }
    }
}

/// `Network::graph` holds the ties in the order `ties()` gives, edge index for edge index.
#[test]
fn graph_keeps_the_tie_order() {
    let net = generate(&NetworkSpec::BarabasiAlbert { n: 200, m: 2 }, 5).unwrap();
    let graph = net.graph();
    let from_graph: Vec<(u32, u32)> = graph
        .edge_references()
        .map(|e| (e.source().index() as u32, e.target().index() as u32))
        .collect();
    assert_eq!(from_graph, net.ties());
    assert_eq!(graph.node_count(), 200);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Edge-list networks (duplicates merged, any order) take the same direct path.
    #[test]
    fn direct_csr_equals_the_petgraph_path_for_edge_lists(
        n in 1usize..40,
        edges in prop::collection::vec((0u32..40, 0u32..40), 0..120),
    ) {
        let edges: Vec<(u32, u32)> = edges
            .into_iter()
            .filter(|&(a, b)| a != b && (a as usize) < n && (b as usize) < n)
            .collect();
        let net = Network::from_edges(n, &edges, None, None).unwrap();
        assert_same(&net, "edge list");
    }
}

/// `Csr::from_ties` on `threads` threads.
fn on_threads(threads: usize, net: &Network) -> Csr {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
        .install(|| net.csr())
}

/// Networks large enough for the layout to be split over the pool (2^16 ties or more) give
/// the plain one-thread layout and the petgraph path's, on 1, 2, 3 and 5 threads.
#[test]
fn split_layout_is_the_plain_one_on_any_thread_count() {
    let specs = [
        NetworkSpec::BarabasiAlbert { n: 60_000, m: 2 },
        NetworkSpec::ErdosRenyiGnm {
            n: 50_001,
            m: 150_000,
        },
        NetworkSpec::Lattice {
            width: 201,
            height: 199,
            neighbourhood: Neighbourhood::Moore,
            periodic: true,
        },
    ];
    for spec in &specs {
        let net = generate(spec, 3).expect("valid parameters");
        assert!(
            net.edge_count() >= 1 << 16,
            "{spec:?} is too small to be split"
        );
        let plain = Csr::from_ties_plain(net.node_count(), net.ties());
        assert_eq!(plain, through_petgraph(&net), "{spec:?}");
        for threads in [1, 2, 3, 5] {
            assert_eq!(
                on_threads(threads, &net),
                plain,
                "{spec:?} on {threads} threads"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Barabási–Albert networks of any seed and size above the split threshold: the layout on
    /// 2 and 3 threads is the plain one.
    #[test]
    fn split_layout_is_the_plain_one_for_barabasi_albert(
        seed in any::<u64>(),
        n in 33_000usize..70_000,
        m in 2usize..4,
    ) {
        let net = generate(&NetworkSpec::BarabasiAlbert { n, m }, seed).expect("valid parameters");
        let plain = Csr::from_ties_plain(n, net.ties());
        prop_assert_eq!(&on_threads(2, &net), &plain);
        prop_assert_eq!(&on_threads(3, &net), &plain);
    }
}
