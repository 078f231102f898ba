//! Property tests: generated and edge-list graphs are simple, valid parameters build, and
//! nothing panics.

use super::*;

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
