//! Every column of the per-group statistics against a naive computation over that group's own
//! firms: on hand-made groups with values computed by hand, and as a property over random
//! groupings, networks and values.

use proptest::prelude::*;

use super::*;

/// The set of firms a row of the record describes.
#[derive(Clone, Copy)]
enum Set {
    All,
    Group(u32),
}

impl Set {
    fn has(self, sim: &FirmSimulation, i: usize) -> bool {
        match self {
            Set::All => true,
            Set::Group(g) => sim.firms.group[i] == g,
        }
    }
}

/// Median of a non-empty sorted list.
fn median(xs: &[f64]) -> f64 {
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// Gini by its definition: the mean absolute difference over all ordered pairs divided by
/// twice the mean, `Σ_i Σ_j |x_i − x_j| / (2 n² μ)`.
fn gini(xs: &[f64]) -> f64 {
    let n = xs.len() as f64;
    let total: f64 = xs.iter().sum();
    if total <= 0.0 {
        return f64::NAN;
    }
    let diffs: f64 = xs
        .iter()
        .map(|a| xs.iter().map(|b| (a - b).abs()).sum::<f64>())
        .sum();
    diffs / (2.0 * n * total)
}

/// Nearest-rank quantile of a non-empty sorted list at `pct` percent: the value of rank
/// `⌈pct · n / 100⌉` (at least 1), in exact integer arithmetic.
fn nearest_rank(xs: &[f32], pct: usize) -> f64 {
    let rank = (pct * xs.len()).div_ceil(100).max(1);
    f64::from(xs[rank - 1])
}

fn mean(sum: f64, n: usize) -> f64 {
    if n == 0 {
        f64::NAN
    } else {
        sum / n as f64
    }
}

/// Firms in the largest connected component of alive firms (the one holding the lowest id
/// among the largest), by breadth-first search.
fn largest_component(sim: &FirmSimulation) -> Vec<bool> {
    let n = sim.len();
    let mut comp = vec![usize::MAX; n];
    let mut best: (usize, usize) = (0, usize::MAX);
    for s in 0..n {
        if sim.firms.alive[s] == 0 || comp[s] != usize::MAX {
            continue;
        }
        comp[s] = s;
        let (mut queue, mut size) = (vec![s], 0);
        while let Some(i) = queue.pop() {
            size += 1;
            for e in sim.ties.slots(i) {
                let j = sim.ties.target[e] as usize;
                if comp[j] == usize::MAX {
                    comp[j] = s;
                    queue.push(j);
                }
            }
        }
        // `s` is the lowest id of its component, and components are met in order of it.
        if size > best.0 {
            best = (size, s);
        }
    }
    comp.iter().map(|&c| c == best.1).collect()
}

/// The row of `set`, computed firm by firm from the definitions of [`GroupStats`].
fn naive_row(sim: &FirmSimulation, set: Set, network_step: bool) -> GroupStats {
    let n = sim.len();
    let t = &sim.ties;
    let members: Vec<usize> = (0..n).filter(|&i| set.has(sim, i)).collect();
    let alive: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| sim.firms.alive[i] != 0)
        .collect();
    let initial = members.iter().filter(|&&i| i < sim.n0).count();
    let initial_alive = alive.iter().filter(|&&i| i < sim.n0).count();
    let mut capital: Vec<f64> = alive.iter().map(|&i| sim.firms.capital[i]).collect();
    capital.sort_by(f64::total_cmp);
    let mut trust: Vec<f32> = alive
        .iter()
        .flat_map(|&i| t.slots(i).map(|e| t.tau[e]))
        .collect();
    trust.sort_by(f32::total_cmp);
    let welfare: f64 = members.iter().map(|&i| sim.firms.income[i]).sum();
    let decisions: u64 = members
        .iter()
        .map(|&i| u64::from(sim.firms.decisions[i]))
        .sum();
    let cooperative: u64 = members
        .iter()
        .map(|&i| u64::from(sim.firms.cooperations[i]))
        .sum();
    // Undirected ties with at least one end in the set.
    let mut ties = 0;
    for i in 0..n {
        for e in t.slots(i) {
            let j = t.target[e] as usize;
            if j > i && (set.has(sim, i) || set.has(sim, j)) {
                ties += 1;
            }
        }
    }
    let sum = |f: &dyn Fn(usize) -> f64| alive.iter().map(|&i| f(i)).sum::<f64>();
    let (clustering, largest_component_share) = if network_step {
        // Local clustering: linked pairs of partners over all pairs, for degree ≥ 2.
        let local: Vec<f64> = alive
            .iter()
            .filter(|&&i| t.len[i] >= 2)
            .map(|&i| {
                let nb: Vec<usize> = t.slots(i).map(|e| t.target[e] as usize).collect();
                let k = nb.len();
                let mut linked = 0;
                for a in 0..k {
                    for b in a + 1..k {
                        linked += usize::from(t.tied(nb[a], nb[b]));
                    }
                }
                linked as f64 / (k * (k - 1) / 2) as f64
            })
            .collect();
        let inside = largest_component(sim);
        let hits = alive.iter().filter(|&&i| inside[i]).count();
        (
            Some(mean(local.iter().sum(), local.len())),
            Some(mean(hits as f64, alive.len())),
        )
    } else {
        (None, None)
    };
    let empty = alive.is_empty();
    GroupStats {
        group: match set {
            Set::All => None,
            Set::Group(g) => Some(g),
        },
        alive: alive.len(),
        exited: members.len() - alive.len(),
        initial,
        survival_rate: mean(initial_alive as f64, initial),
        capital_mean: mean(capital.iter().sum(), alive.len()),
        capital_median: if empty { f64::NAN } else { median(&capital) },
        capital_gini: if empty { f64::NAN } else { gini(&capital) },
        welfare,
        welfare_per_firm: mean(welfare, alive.len()),
        decisions,
        cooperative,
        coop_rate: if decisions == 0 {
            f64::NAN
        } else {
            cooperative as f64 / decisions as f64
        },
        trust_mean: mean(trust.iter().map(|&x| f64::from(x)).sum(), trust.len()),
        trust_q10: if trust.is_empty() {
            f64::NAN
        } else {
            nearest_rank(&trust, 10)
        },
        trust_q50: if trust.is_empty() {
            f64::NAN
        } else {
            nearest_rank(&trust, 50)
        },
        trust_q90: if trust.is_empty() {
            f64::NAN
        } else {
            nearest_rank(&trust, 90)
        },
        opportunism_mean: mean(sum(&|i| sim.firms.opportunism[i]), alive.len()),
        productivity_mean: mean(sum(&|i| sim.firms.productivity[i]), alive.len()),
        ties,
        degree_mean: mean(sum(&|i| f64::from(t.len[i])), alive.len()),
        clustering,
        largest_component_share,
        // The association columns are checked in `mechanism_tests/association.rs` and by
        // the reference step; the economies here have none.
        ..GroupStats::default()
    }
}

/// Every row of the record, naively: all firms, then each group in ascending id.
fn naive(sim: &FirmSimulation) -> Vec<GroupStats> {
    let network_step = sim.t.is_multiple_of(sim.cfg.network_every);
    let mut ids = sim.firms.group.clone();
    ids.sort_unstable();
    ids.dedup();
    std::iter::once(Set::All)
        .chain(ids.into_iter().map(Set::Group))
        .map(|s| naive_row(sim, s, network_step))
        .collect()
}

/// Equal, or both NaN, or within a relative `1e-12` (sums taken in another order).
fn close(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// The first column of `got` that differs from `want`, if any.
fn first_difference(got: &GroupStats, want: &GroupStats) -> Option<&'static str> {
    let exact = [
        ("group", got.group == want.group),
        ("alive", got.alive == want.alive),
        ("exited", got.exited == want.exited),
        ("initial", got.initial == want.initial),
        ("decisions", got.decisions == want.decisions),
        ("cooperative", got.cooperative == want.cooperative),
        ("ties", got.ties == want.ties),
    ];
    let float = [
        ("survival_rate", got.survival_rate, want.survival_rate),
        ("capital_mean", got.capital_mean, want.capital_mean),
        ("capital_median", got.capital_median, want.capital_median),
        ("capital_gini", got.capital_gini, want.capital_gini),
        ("welfare", got.welfare, want.welfare),
        (
            "welfare_per_firm",
            got.welfare_per_firm,
            want.welfare_per_firm,
        ),
        ("coop_rate", got.coop_rate, want.coop_rate),
        ("trust_mean", got.trust_mean, want.trust_mean),
        ("trust_q10", got.trust_q10, want.trust_q10),
        ("trust_q50", got.trust_q50, want.trust_q50),
        ("trust_q90", got.trust_q90, want.trust_q90),
        (
            "opportunism_mean",
            got.opportunism_mean,
            want.opportunism_mean,
        ),
        (
            "productivity_mean",
            got.productivity_mean,
            want.productivity_mean,
        ),
        ("degree_mean", got.degree_mean, want.degree_mean),
    ];
    let optional = [
        ("clustering", got.clustering, want.clustering),
        (
            "largest_component_share",
            got.largest_component_share,
            want.largest_component_share,
        ),
    ];
    exact
        .iter()
        .find(|(_, ok)| !ok)
        .map(|(name, _)| *name)
        .or_else(|| {
            float
                .iter()
                .find(|(_, a, b)| !close(*a, *b))
                .map(|(name, ..)| *name)
        })
        .or_else(|| {
            optional
                .iter()
                .find(|(_, a, b)| !close_opt(*a, *b))
                .map(|(name, ..)| *name)
        })
}

/// Fails with the first column of the first row that differs from its naive value.
fn assert_record_is_naive(sim: &mut FirmSimulation) {
    let want = naive(sim);
    let got = sim.record().groups.clone();
    assert_eq!(got.len(), want.len(), "rows");
    for (g, w) in got.iter().zip(&want) {
        if let Some(col) = first_difference(g, w) {
            panic!(
                "step {}, group {:?}: `{col}` is wrong\n got {g:?}\nwant {w:?}",
                sim.t, w.group
            );
        }
    }
}

/// Two groups of ten firms, each a ring: group 0 (ids 0–9) with capital 100, 101, …, 109,
/// group 1 (ids 10–19) with capital 1, 2, …, 10.
fn two_rings() -> FirmSimulation {
    let mut edges = Vec::new();
    for base in [0u32, 10] {
        edges.extend((0..10).map(|k| (base + k, base + (k + 1) % 10)));
    }
    let group = (0..20).map(|i| u32::from(i >= 10)).collect();
    let net = Network::from_edges(20, &edges, Some(group), None).unwrap();
    let mut cfg = config(3);
    let mut capital: Vec<f64> = (100..110).map(f64::from).collect();
    capital.extend((1..=10).map(f64::from));
    cfg.init.capital = Distribution::Given { values: capital };
    cfg.network_every = 1;
    FirmSimulation::new(&net, &cfg, 1).unwrap()
}

#[test]
fn per_group_capital_median_and_gini_describe_the_groups_own_firms() {
    let mut sim = two_rings();
    let r = sim.record().clone();
    let (all, g0, g1) = (&r.groups[0], &r.groups[1], &r.groups[2]);
    assert_eq!((g0.group, g1.group), (Some(0), Some(1)));
    // Group 0: 100 … 109, mean = median = 104.5. Σ_i Σ_j |x_i − x_j| over ten consecutive
    // integers is 2 · Σ_{d=1}^{9} d (10 − d) = 2 · 165 = 330, so Gini = 330 / (2 · 10² ·
    // 104.5) = 330 / 20 900 = 3 / 190 ≈ 0.0158.
    assert_eq!(g0.capital_mean, 104.5);
    assert_eq!(g0.capital_median, 104.5);
    assert!((g0.capital_gini - 3.0 / 190.0).abs() < 1e-15, "{g0:?}");
    // Group 1: 1 … 10, mean = median = 5.5, Gini = 330 / (2 · 10² · 5.5) = 0.3.
    assert_eq!(g1.capital_mean, 5.5);
    assert_eq!(g1.capital_median, 5.5);
    assert!((g1.capital_gini - 0.3).abs() < 1e-15, "{g1:?}");
    // All twenty: mean 55, median (10 + 100) / 2 = 55. Σ|x_i − x_j| = 330 + 330 within the
    // groups, plus 2 · Σ over cross pairs (x − y) = 2 · (10 · 1045 − 10 · 55) = 19 800:
    // Gini = 20 460 / (2 · 20² · 55) = 20 460 / 44 000 = 0.465.
    assert_eq!(all.capital_mean, 55.0);
    assert_eq!(all.capital_median, 55.0);
    assert!((all.capital_gini - 0.465).abs() < 1e-15, "{all:?}");
    assert_record_is_naive(&mut sim);
}

#[test]
fn per_group_trust_quantiles_describe_the_groups_own_firms() {
    let mut sim = two_rings();
    // Each firm trusts both its partners alike: firm k of group 0 at 0.5 + 0.05 k, firm k of
    // group 1 at 0.05 k (k = 0 … 9), twenty trusts per group.
    let level: [f32; 10] = [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45];
    let high: [f32; 10] = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
    for i in 0..20 {
        let tau = if i < 10 { high[i] } else { level[i - 10] };
        for e in sim.ties.slots(i) {
            sim.ties.tau[e] = tau;
        }
    }
    let r = sim.record().clone();
    let (all, g0, g1) = (&r.groups[0], &r.groups[1], &r.groups[2]);
    let q = |x: f32| f64::from(x);
    // Twenty trusts, each level twice: ranks ⌈0.1 · 20⌉ = 2, ⌈0.5 · 20⌉ = 10, ⌈0.9 · 20⌉ = 18
    // are the levels k = 0, 4, 8.
    assert_eq!(
        (g0.trust_q10, g0.trust_q50, g0.trust_q90),
        (q(0.5), q(0.7), q(0.9))
    );
    assert_eq!(
        (g1.trust_q10, g1.trust_q50, g1.trust_q90),
        (q(0.0), q(0.2), q(0.4))
    );
    // Forty trusts: ranks 4, 20 and 36: group 1's level 1, its top level 9, and group 0's
    // 16th smallest, its level 7.
    assert_eq!(
        (all.trust_q10, all.trust_q50, all.trust_q90),
        (q(0.05), q(0.45), q(0.85))
    );
    assert_record_is_naive(&mut sim);
}

#[test]
fn every_group_column_equals_its_naive_value_over_a_run_with_exits_and_entries() {
    // Four blocks whose ids interleave (group = id mod 4 mapped to 3, 8, 1, 6), so that no
    // group is a contiguous id range; every step a network step.
    let mut net = sbm(400, 5);
    net.group = (0..400).map(|i| [3, 8, 1, 6][i % 4]).collect();
    let mut cfg = config(30);
    cfg.network_every = 1;
    cfg.init.capital = Distribution::Uniform {
        min: -0.5,
        max: 3.0,
    };
    let mut sim = FirmSimulation::new(&net, &cfg, 3).unwrap();
    assert_record_is_naive(&mut sim);
    for _ in 0..30 {
        sim.step();
        assert_record_is_naive(&mut sim);
    }
    assert!(
        sim.exits() > 0 && sim.len() > 400,
        "exits and entries happened"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn every_group_column_equals_its_naive_value_on_random_groupings(
        (n, groups, capital) in (2usize..70).prop_flat_map(|n| (
            Just(n),
            prop::collection::vec(prop::sample::select(vec![0u32, 2, 5, 9]), n),
            prop::collection::vec(-1.0f64..20.0, n),
        )),
        p in 0.0f64..0.4,
        network_every in 1u64..4,
        steps in 0usize..8,
        seed in 0u64..1000,
    ) {
        let mut net = generate(&NetworkSpec::ErdosRenyiGnp { n, p }, seed).unwrap();
        net.group = groups;
        let mut cfg = config(steps as u64);
        cfg.network_every = network_every;
        cfg.init.capital = Distribution::Given { values: capital };
        let mut sim = FirmSimulation::new(&net, &cfg, seed).unwrap();
        assert_record_is_naive(&mut sim);
        for _ in 0..steps {
            sim.step();
            assert_record_is_naive(&mut sim);
        }
    }
}
