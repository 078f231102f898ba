//! The random generators' defining properties: Erdős–Rényi, Watts–Strogatz,
//! Barabási–Albert, random regular, stochastic block and random geometric.

use super::*;

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
