//! Network generators: each generator's defining property, simple-graph invariants as
//! property tests, seed determinism, impossible parameters, and `Network::from_edges`.

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

// ---- deterministic generators ----

#[test]
fn isolated_has_no_ties() {
    let net = build(NetworkSpec::Isolated { n: 17 }, 0);
    assert_eq!((net.node_count(), net.edge_count()), (17, 0));
}

#[test]
fn complete_has_every_pair() {
    let net = build(NetworkSpec::Complete { n: 30 }, 0);
    assert_eq!(net.edge_count(), 30 * 29 / 2);
    assert!(degrees(&net).iter().all(|&d| d == 29));
    assert_simple(&net);
}

#[test]
fn ring_has_degree_k_and_nk_over_2_ties() {
    let net = build(NetworkSpec::Ring { n: 50, k: 6 }, 0);
    assert_eq!(net.edge_count(), 50 * 6 / 2);
    assert!(degrees(&net).iter().all(|&d| d == 6));
    let t = tie_set(&net);
    assert!(t.contains(&(0, 3)) && t.contains(&(47, 49)) && t.contains(&(0, 47)));
    assert!(!t.contains(&(0, 4)));
    assert_simple(&net);
}

#[test]
fn periodic_lattices_are_regular() {
    let vn = build(lattice(7, 5, Neighbourhood::VonNeumann, true), 0);
    assert_eq!(vn.edge_count(), 2 * 35);
    assert!(degrees(&vn).iter().all(|&d| d == 4));
    assert_eq!(vn.lattice, Some((7, 5)));
    let moore = build(lattice(7, 5, Neighbourhood::Moore, true), 0);
    assert_eq!(moore.edge_count(), 4 * 35);
    assert!(degrees(&moore).iter().all(|&d| d == 8));
    assert_simple(&vn);
    assert_simple(&moore);
}

#[test]
fn periodic_lattice_wraps_around() {
    let (w, h) = (6, 4);
    for nb in [Neighbourhood::VonNeumann, Neighbourhood::Moore] {
        let t = tie_set(&build(lattice(w, h, nb, true), 0));
        assert!(t.contains(&(0, w - 1)), "{nb:?}: 0 – (width-1)");
        assert!(
            t.contains(&(0, (h - 1) * w)),
            "{nb:?}: 0 – (height-1)·width"
        );
        assert_eq!(t.contains(&(0, w * h - 1)), nb == Neighbourhood::Moore);
    }
}

#[test]
fn open_lattices_have_fewer_ties_at_the_border() {
    let (w, h) = (7, 5);
    let vn = build(lattice(w, h, Neighbourhood::VonNeumann, false), 0);
    assert_eq!(vn.edge_count(), (w - 1) * h + w * (h - 1));
    let moore = build(lattice(w, h, Neighbourhood::Moore, false), 0);
    assert_eq!(
        moore.edge_count(),
        (w - 1) * h + w * (h - 1) + 2 * (w - 1) * (h - 1)
    );
    let d = degrees(&moore);
    assert_eq!((d[0], d[1], d[w + 1]), (3, 5, 8));
    assert!(!tie_set(&vn).contains(&(0, w - 1)));
    assert_simple(&moore);
}

#[test]
fn lattice_node_of_cell_is_row_major() {
    let t = tie_set(&build(lattice(5, 4, Neighbourhood::VonNeumann, false), 0));
    // (2, 1) = 7 ties to (3, 1) = 8 and (2, 2) = 12.
    assert!(t.contains(&(7, 8)) && t.contains(&(7, 12)) && t.contains(&(2, 7)));
}

// ---- Erdős–Rényi ----

#[test]
fn gnp_mean_degree_matches_p() {
    let (n, p) = (3000usize, 0.002);
    let pairs = (n * (n - 1) / 2) as f64;
    for seed in 0..3 {
        let net = build(NetworkSpec::ErdosRenyiGnp { n, p }, seed);
        let m = net.edge_count() as f64;
        let sd = (pairs * p * (1.0 - p)).sqrt();
        assert!(
            (m - pairs * p).abs() < 5.0 * sd,
            "seed {seed}: {m} ties, expected {}",
            pairs * p
        );
        let mean_degree = 2.0 * m / n as f64;
        assert!((mean_degree - p * (n - 1) as f64).abs() < 0.5);
        assert_simple(&net);
    }
}

#[test]
fn gnp_extremes() {
    assert_eq!(
        build(NetworkSpec::ErdosRenyiGnp { n: 40, p: 0.0 }, 1).edge_count(),
        0
    );
    assert_eq!(
        build(NetworkSpec::ErdosRenyiGnp { n: 40, p: 1.0 }, 1).edge_count(),
        780
    );
}

#[test]
fn gnp_ties_are_spread_over_all_pairs() {
    // Every pair should turn up across many dense draws (no pair the skipping never reaches).
    let n = 12;
    let mut seen = BTreeSet::new();
    for seed in 0..200 {
        seen.extend(tie_set(&build(
            NetworkSpec::ErdosRenyiGnp { n, p: 0.3 },
            seed,
        )));
    }
    assert_eq!(seen.len(), n * (n - 1) / 2);
}

#[test]
fn gnm_has_exactly_m_ties() {
    for (n, m) in [
        (100, 0),
        (100, 1),
        (100, 250),
        (100, 4000),
        (100, 4950),
        (2, 1),
    ] {
        let net = build(NetworkSpec::ErdosRenyiGnm { n, m }, 5);
        assert_eq!(net.edge_count(), m, "n = {n}, m = {m}");
        assert_simple(&net);
    }
}

// ---- Watts–Strogatz ----

#[test]
fn watts_strogatz_p0_is_the_ring() {
    let ws = build(
        NetworkSpec::WattsStrogatz {
            n: 60,
            k: 4,
            p: 0.0,
        },
        9,
    );
    let ring = build(NetworkSpec::Ring { n: 60, k: 4 }, 9);
    assert_eq!(tie_set(&ws), tie_set(&ring));
}

#[test]
fn watts_strogatz_rewiring_keeps_tie_count() {
    for p in [0.1, 0.5, 1.0] {
        let net = build(NetworkSpec::WattsStrogatz { n: 500, k: 6, p }, 2);
        assert_eq!(net.edge_count(), 500 * 3, "p = {p}");
        assert_simple(&net);
        let ring = tie_set(&build(NetworkSpec::Ring { n: 500, k: 6 }, 0));
        let kept = tie_set(&net).intersection(&ring).count() as f64 / 1500.0;
        // About a fraction 1 - p of ring ties survive (plus a few redrawn by chance).
        assert!((kept - (1.0 - p)).abs() < 0.08, "p = {p}: kept {kept}");
    }
}

// ---- Barabási–Albert ----

#[test]
fn barabasi_albert_matches_networkx_counts_and_has_a_heavy_tail() {
    for m in [1, 2, 3, 5] {
        let n = 5000;
        let net = build(NetworkSpec::BarabasiAlbert { n, m }, 11);
        assert_eq!(net.edge_count(), m + (n - m - 1) * m, "m = {m}");
        let d = degrees(&net);
        // networkx's star leaves start at degree 1 and need not be picked again; every node
        // added after the star arrives with m ties.
        assert!(
            d[m + 1..].iter().all(|&x| x >= m),
            "m = {m}: a new node below m"
        );
        assert!(d.iter().all(|&x| x >= 1));
        let mean = 2.0 * net.edge_count() as f64 / n as f64;
        let max = *d.iter().max().unwrap() as f64;
        assert!(max > 10.0 * mean, "m = {m}: max degree {max}, mean {mean}");
        assert_simple(&net);
    }
}

#[test]
fn barabasi_albert_starts_from_a_star() {
    // n = m + 1: just the star centred on node 0.
    let net = build(NetworkSpec::BarabasiAlbert { n: 6, m: 5 }, 0);
    assert_eq!(tie_set(&net), (1..6).map(|i| (0, i)).collect());
}

// ---- random regular ----

#[test]
fn random_regular_every_degree_is_k() {
    for (n, k) in [
        (1000, 3),
        (1000, 4),
        (200, 20),
        (50, 24),
        (50, 25 - 1),
        (51, 26),
        (40, 39),
        (10, 1),
        (7, 0),
    ] {
        let net = build(NetworkSpec::RandomRegular { n, k }, 3);
        assert!(degrees(&net).iter().all(|&d| d == k), "n = {n}, k = {k}");
        assert_eq!(net.edge_count(), n * k / 2);
        assert_simple(&net);
    }
}

/// Dense corners: the switch repair at k = (n - 1) / 2, the complement just above it, a
/// Watts–Strogatz ring where most nodes are tied to nearly everyone, BA with m = n - 2.
#[test]
fn dense_parameters_finish_with_the_right_degrees() {
    for (n, k) in [(401, 200), (400, 199), (400, 200), (400, 398)] {
        for seed in 0..3 {
            let net = build(NetworkSpec::RandomRegular { n, k }, seed);
            assert!(degrees(&net).iter().all(|&d| d == k), "n = {n}, k = {k}");
            assert_simple(&net);
        }
    }
    let ws = build(
        NetworkSpec::WattsStrogatz {
            n: 200,
            k: 198,
            p: 1.0,
        },
        0,
    );
    assert_eq!(ws.edge_count(), 200 * 99);
    assert_simple(&ws);
    let ba = build(NetworkSpec::BarabasiAlbert { n: 300, m: 298 }, 0);
    assert_eq!(ba.edge_count(), 298 + 298);
    assert_simple(&ba);
}

// ---- stochastic block model ----

#[test]
fn stochastic_block_densities_and_groups() {
    let sizes = vec![300, 200, 500];
    let (p_in, p_out) = (0.05, 0.004);
    let net = build(
        NetworkSpec::StochasticBlock {
            sizes: sizes.clone(),
            p_in,
            p_out,
        },
        4,
    );
    let mut expected_group = Vec::new();
    for (b, &s) in sizes.iter().enumerate() {
        expected_group.extend(std::iter::repeat_n(b as u32, s));
    }
    assert_eq!(net.group, expected_group);
    let (mut inside, mut across) = (0.0f64, 0.0f64);
    for (a, b) in ties(&net) {
        if net.group[a] == net.group[b] {
            inside += 1.0;
        } else {
            across += 1.0;
        }
    }
    let pairs_in: f64 = sizes.iter().map(|&s| (s * (s - 1) / 2) as f64).sum();
    let pairs_out = (1000.0 * 999.0 / 2.0) - pairs_in;
    let within = |count: f64, pairs: f64, p: f64| {
        (count - pairs * p).abs() < 5.0 * (pairs * p * (1.0 - p)).sqrt()
    };
    assert!(within(inside, pairs_in, p_in), "inside {inside}");
    assert!(within(across, pairs_out, p_out), "across {across}");
    assert_simple(&net);
}

#[test]
fn stochastic_block_reaches_every_block_pair() {
    let net = build(
        NetworkSpec::StochasticBlock {
            sizes: vec![1, 2, 3],
            p_in: 1.0,
            p_out: 1.0,
        },
        0,
    );
    assert_eq!(net.edge_count(), 15);
    let none = build(
        NetworkSpec::StochasticBlock {
            sizes: vec![4, 5],
            p_in: 1.0,
            p_out: 0.0,
        },
        0,
    );
    assert_eq!(none.edge_count(), 6 + 10);
    assert!(ties(&none)
        .iter()
        .all(|&(a, b)| none.group[a] == none.group[b]));
}

// ---- random geometric ----

fn distance(a: [f64; 2], b: [f64; 2], periodic: bool) -> f64 {
    let mut dx = (a[0] - b[0]).abs();
    let mut dy = (a[1] - b[1]).abs();
    if periodic {
        dx = dx.min(1.0 - dx);
        dy = dy.min(1.0 - dy);
    }
    (dx * dx + dy * dy).sqrt()
}

#[test]
fn random_geometric_ties_exactly_the_close_pairs() {
    for (n, radius, periodic) in [
        (400, 0.08, false),
        (400, 0.08, true),
        (300, 0.3, true),
        (300, 0.45, false),
        (50, 1.5, false),
        (100, 0.0, true),
    ] {
        let net = build(
            NetworkSpec::RandomGeometric {
                n,
                radius,
                periodic,
            },
            8,
        );
        let pos = net.position.as_ref().expect("positions");
        assert!(pos
            .iter()
            .all(|p| (0.0..1.0).contains(&p[0]) && (0.0..1.0).contains(&p[1])));
        let t = tie_set(&net);
        for i in 0..n {
            for j in i + 1..n {
                let close = distance(pos[i], pos[j], periodic) < radius;
                assert_eq!(
                    t.contains(&(i, j)),
                    close,
                    "{i}–{j} (r = {radius}, {periodic})"
                );
            }
        }
        assert_simple(&net);
    }
}

#[test]
fn random_geometric_periodic_ties_wrap_around() {
    let net = build(
        NetworkSpec::RandomGeometric {
            n: 2000,
            radius: 0.05,
            periodic: true,
        },
        1,
    );
    let pos = net.position.as_ref().unwrap();
    let wraps = ties(&net)
        .iter()
        .filter(|&&(a, b)| (pos[a][0] - pos[b][0]).abs() > 0.5)
        .count();
    assert!(wraps > 0);
}

// ---- determinism and errors ----

fn sample_specs() -> Vec<NetworkSpec> {
    vec![
        NetworkSpec::ErdosRenyiGnp { n: 300, p: 0.02 },
        NetworkSpec::ErdosRenyiGnm { n: 300, m: 700 },
        NetworkSpec::WattsStrogatz {
            n: 300,
            k: 4,
            p: 0.2,
        },
        NetworkSpec::BarabasiAlbert { n: 300, m: 2 },
        NetworkSpec::RandomRegular { n: 300, k: 5 },
        NetworkSpec::StochasticBlock {
            sizes: vec![100, 200],
            p_in: 0.05,
            p_out: 0.01,
        },
        NetworkSpec::RandomGeometric {
            n: 300,
            radius: 0.1,
            periodic: false,
        },
    ]
}

#[test]
fn same_seed_same_graph_other_seed_other_graph() {
    for spec in sample_specs() {
        let a = build(spec.clone(), 77);
        let b = build(spec.clone(), 77);
        assert_eq!(ties(&a), ties(&b), "{spec:?}");
        assert_eq!(a.position, b.position);
        let c = build(spec.clone(), 78);
        assert_ne!(tie_set(&a), tie_set(&c), "{spec:?}");
    }
}

#[test]
fn impossible_parameters_are_errors() {
    let bad = [
        NetworkSpec::Isolated { n: 0 },
        NetworkSpec::Ring { n: 10, k: 3 },
        NetworkSpec::Ring { n: 10, k: 10 },
        NetworkSpec::WattsStrogatz {
            n: 10,
            k: 4,
            p: 1.5,
        },
        NetworkSpec::WattsStrogatz {
            n: 10,
            k: 12,
            p: 0.1,
        },
        NetworkSpec::ErdosRenyiGnp { n: 10, p: -0.1 },
        NetworkSpec::ErdosRenyiGnp { n: 10, p: f64::NAN },
        NetworkSpec::ErdosRenyiGnm { n: 10, m: 46 },
        NetworkSpec::BarabasiAlbert { n: 5, m: 5 },
        NetworkSpec::BarabasiAlbert { n: 5, m: 0 },
        NetworkSpec::RandomRegular { n: 5, k: 3 },
        NetworkSpec::RandomRegular { n: 5, k: 5 },
        NetworkSpec::StochasticBlock {
            sizes: vec![],
            p_in: 0.1,
            p_out: 0.1,
        },
        NetworkSpec::StochasticBlock {
            sizes: vec![3, 0],
            p_in: 0.1,
            p_out: 0.1,
        },
        NetworkSpec::StochasticBlock {
            sizes: vec![3],
            p_in: 0.1,
            p_out: 2.0,
        },
        NetworkSpec::RandomGeometric {
            n: 5,
            radius: -1.0,
            periodic: false,
        },
        NetworkSpec::RandomGeometric {
            n: 5,
            radius: f64::INFINITY,
            periodic: false,
        },
        lattice(2, 5, Neighbourhood::Moore, true),
        lattice(0, 5, Neighbourhood::Moore, false),
        NetworkSpec::Complete { n: 200_000 },
        NetworkSpec::ErdosRenyiGnp {
            n: 1_000_000,
            p: 0.5,
        },
    ];
    for spec in bad {
        match generate(&spec, 0) {
            Err(NetworkError::Impossible(msg)) => assert!(!msg.is_empty()),
            other => panic!("{spec:?} gave {other:?}"),
        }
    }
}

#[test]
fn error_messages_name_the_problem() {
    let e = generate(&NetworkSpec::RandomRegular { n: 5, k: 3 }, 0).unwrap_err();
    assert!(e.to_string().contains("n · k must be even"), "{e}");
    let e = generate(&NetworkSpec::BarabasiAlbert { n: 5, m: 5 }, 0).unwrap_err();
    assert!(e.to_string().contains("less than n"), "{e}");
}

// ---- from_edges ----

#[test]
fn from_edges_merges_duplicates_and_keeps_attributes() {
    let net = Network::from_edges(
        4,
        &[(0, 1), (1, 0), (2, 3), (0, 1), (1, 2)],
        Some(vec![0, 0, 1, 1]),
        Some(vec![[0.0, 0.0]; 4]),
    )
    .unwrap();
    assert_eq!(ties(&net), vec![(0, 1), (1, 2), (2, 3)]);
    assert_eq!(net.group, vec![0, 0, 1, 1]);
    assert!(net.position.is_some() && net.lattice.is_none());
    let bare = Network::from_edges(3, &[], None, None).unwrap();
    assert_eq!((bare.edge_count(), bare.group.clone()), (0, vec![0, 0, 0]));
}

#[test]
fn from_edges_rejects_bad_ties_and_attributes() {
    assert!(matches!(
        Network::from_edges(4, &[(0, 1), (2, 2)], None, None),
        Err(NetworkError::InvalidTie(2, 2, _))
    ));
    assert!(matches!(
        Network::from_edges(4, &[(0, 4)], None, None),
        Err(NetworkError::InvalidTie(0, 4, _))
    ));
    assert!(matches!(
        Network::from_edges(4, &[], Some(vec![0; 3]), None),
        Err(NetworkError::AttributeLength {
            attribute: "group",
            len: 3,
            n: 4
        })
    ));
    assert!(matches!(
        Network::from_edges(4, &[], None, Some(vec![[0.0; 2]; 5])),
        Err(NetworkError::AttributeLength {
            attribute: "position",
            ..
        })
    ));
    assert!(Network::from_edges(0, &[], None, None).is_err());
}

// ---- property tests ----

fn small_spec() -> impl Strategy<Value = NetworkSpec> {
    let nb = prop_oneof![Just(Neighbourhood::VonNeumann), Just(Neighbourhood::Moore)];
    let prob = prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0f64];
    prop_oneof![
        (0usize..40).prop_map(|n| NetworkSpec::Isolated { n }),
        (0usize..40).prop_map(|n| NetworkSpec::Complete { n }),
        (0usize..40, 0usize..40).prop_map(|(n, k)| NetworkSpec::Ring { n, k }),
        (0usize..12, 0usize..12, nb, any::<bool>()).prop_map(|(w, h, nb, periodic)| {
            NetworkSpec::Lattice {
                width: w,
                height: h,
                neighbourhood: nb,
                periodic,
            }
        }),
        (0usize..60, prob.clone()).prop_map(|(n, p)| NetworkSpec::ErdosRenyiGnp { n, p }),
        (0usize..40, 0usize..900).prop_map(|(n, m)| NetworkSpec::ErdosRenyiGnm { n, m }),
        (0usize..40, 0usize..40, prob.clone()).prop_map(|(n, k, p)| NetworkSpec::WattsStrogatz {
            n,
            k,
            p
        }),
        (0usize..60, 0usize..12).prop_map(|(n, m)| NetworkSpec::BarabasiAlbert { n, m }),
        (0usize..40, 0usize..40).prop_map(|(n, k)| NetworkSpec::RandomRegular { n, k }),
        (
            prop::collection::vec(0usize..15, 0..5),
            prob.clone(),
            prob.clone()
        )
            .prop_map(|(sizes, p_in, p_out)| NetworkSpec::StochasticBlock {
                sizes,
                p_in,
                p_out
            }),
        (0usize..80, 0.0..0.8f64, any::<bool>()).prop_map(|(n, radius, periodic)| {
            NetworkSpec::RandomGeometric {
                n,
                radius,
                periodic,
            }
        }),
    ]
}

/// Arbitrary (often invalid) parameters, including non-finite probabilities.
fn wild_spec() -> impl Strategy<Value = NetworkSpec> {
    let p = prop_oneof![
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        -2.0..2.0f64
    ];
    let s = 0usize..30;
    prop_oneof![
        (s.clone(), s.clone()).prop_map(|(n, k)| NetworkSpec::Ring { n, k }),
        (s.clone(), s.clone(), p.clone()).prop_map(|(n, k, p)| NetworkSpec::WattsStrogatz {
            n,
            k,
            p
        }),
        (s.clone(), p.clone()).prop_map(|(n, p)| NetworkSpec::ErdosRenyiGnp { n, p }),
        (s.clone(), any::<usize>()).prop_map(|(n, m)| NetworkSpec::ErdosRenyiGnm { n, m }),
        (s.clone(), any::<usize>()).prop_map(|(n, m)| NetworkSpec::BarabasiAlbert { n, m }),
        (s.clone(), any::<usize>()).prop_map(|(n, k)| NetworkSpec::RandomRegular { n, k }),
        (any::<usize>(), any::<usize>(), any::<bool>()).prop_map(|(w, h, periodic)| {
            NetworkSpec::Lattice {
                width: w,
                height: h,
                neighbourhood: Neighbourhood::Moore,
                periodic,
            }
        }),
        (
            prop::collection::vec(any::<usize>(), 0..3),
            p.clone(),
            p.clone()
        )
            .prop_map(|(sizes, p_in, p_out)| NetworkSpec::StochasticBlock {
                sizes,
                p_in,
                p_out
            }),
        (s, p, any::<bool>()).prop_map(|(n, radius, periodic)| {
            NetworkSpec::RandomGeometric {
                n,
                radius,
                periodic,
            }
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// Whatever the small parameters, `generate` returns a simple graph or an error.
    #[test]
    fn generated_graphs_are_simple(spec in small_spec(), seed in any::<u64>()) {
        if let Ok(net) = generate(&spec, seed) {
            assert_simple(&net);
            let n = net.node_count();
            let d = degrees(&net);
            match spec {
                NetworkSpec::Ring { k, .. } | NetworkSpec::RandomRegular { k, .. } => {
                    prop_assert!(d.iter().all(|&x| x == k));
                }
                NetworkSpec::Complete { .. } => prop_assert_eq!(net.edge_count(), n * (n - 1) / 2),
                NetworkSpec::ErdosRenyiGnm { m, .. } => prop_assert_eq!(net.edge_count(), m),
                NetworkSpec::WattsStrogatz { k, .. } => prop_assert_eq!(net.edge_count(), n * k / 2),
                NetworkSpec::BarabasiAlbert { m, .. } => {
                    prop_assert_eq!(net.edge_count(), m + (n - m - 1) * m);
                    // Star leaves start at degree 1; every later node arrives with m ties.
                    prop_assert!(d.iter().all(|&x| x >= 1));
                    prop_assert!(d[m + 1..].iter().all(|&x| x >= m));
                }
                NetworkSpec::Lattice { width, height, neighbourhood, periodic: true } => {
                    let per = if neighbourhood == Neighbourhood::Moore { 8 } else { 4 };
                    prop_assert!(d.iter().all(|&x| x == per));
                    prop_assert_eq!(net.edge_count(), width * height * per / 2);
                }
                NetworkSpec::StochasticBlock { sizes, .. } => {
                    prop_assert_eq!(net.group.len(), sizes.iter().sum::<usize>());
                }
                _ => {}
            }
        }
    }

    /// Valid small parameters always build (nothing is rejected that admits a graph).
    #[test]
    fn valid_regular_parameters_build(n in 1usize..40, k in 0usize..40, seed in any::<u64>()) {
        let ok = k < n && (n * k) % 2 == 0;
        prop_assert_eq!(generate(&NetworkSpec::RandomRegular { n, k }, seed).is_ok(), ok);
    }

    /// `generate` never panics, whatever the parameters.
    #[test]
    fn generate_never_panics(spec in wild_spec(), seed in any::<u64>()) {
        let _ = generate(&spec, seed);
    }

    /// `from_edges` never panics and, when it succeeds, merges ties into a simple graph.
    #[test]
    fn from_edges_is_simple(
        n in 0usize..20,
        edges in prop::collection::vec((0u32..22, 0u32..22), 0..60),
    ) {
        match Network::from_edges(n, &edges, None, None) {
            Ok(net) => {
                assert_simple(&net);
                let expected: BTreeSet<_> = edges
                    .iter()
                    .map(|&(a, b)| (a.min(b) as usize, a.max(b) as usize))
                    .collect();
                prop_assert_eq!(tie_set(&net), expected);
            }
            Err(_) => prop_assert!(
                n == 0 || edges.iter().any(|&(a, b)| a == b || a as usize >= n || b as usize >= n)
            ),
        }
    }
}
