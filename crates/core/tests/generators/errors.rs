//! Seed determinism, impossible parameters and their messages, and `Network::from_edges`.

use super::*;

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
