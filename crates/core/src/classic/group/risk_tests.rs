//! Tests of the collective-risk dilemma: payoffs worked out by hand, the neighbourhood
//! kernel (expected and drawn failures) against a plain reference, the well-mixed tables
//! against an independent computation, every rule and schedule, threads, and the published
//! results of Santos & Pacheco 2011 (PNAS 108:10421, "Risk of collective failure provides an
//! escape from the tragedy of the commons") computed exactly and checked against the
//! simulation.
//!
//! The model there: groups of `N` sampled from a well-mixed population of `Z`; endowment
//! `b`, a cooperator gives `c·b`; a group with fewer than `M` cooperators loses everything
//! with probability `r`: `Π_D(j) = b·{θ(j − M) + (1 − r)·[1 − θ(j − M)]}`,
//! `Π_C(j) = Π_D(j) − c·b`; social learning by the pairwise comparison (Fermi) rule. Its
//! results checked here: without risk defection dominates; with enough risk the gradient of
//! selection gains interior roots (in an infinite population exactly when
//! `r ≥ c / max_x C(N−1, M−1) x^(M−1) (1−x)^(N−M)`, the critical risk); and at a fixed
//! ratio `M/N` smaller groups reach more cooperation (a lower critical risk and a higher
//! stationary cooperation in a finite population).

use super::tests::{config, net, random_edges};
use crate::classic::config::{
    GameConfig, GroupGame, InitialConfig, Payoffs, RiskDraw, RiskGroups, Schedule, Strategy,
    UpdateRule,
};
use crate::classic::observer::StepRecord;
use crate::classic::Simulation;
use crate::network::{Network, NetworkSpec};
use crate::rng::{unit_f64, Phase, Streams};

const C: Strategy = Strategy::Cooperate;
const D: Strategy = Strategy::Defect;

fn crd(m: u32, risk: f64, c: f64, b: f64, groups: RiskGroups, normalise: bool) -> GameConfig {
    GameConfig {
        payoffs: Payoffs {
            r: 0.0,
            s: 0.0,
            t: 0.0,
            p: 0.0,
        },
        normalise,
        self_interaction: false,
        group: Some(GroupGame::CollectiveRisk {
            threshold: m,
            risk,
            contribution: c,
            endowment: b,
            groups,
        }),
    }
}

const EXPECTED: RiskGroups = RiskGroups::Neighbourhood {
    draw: RiskDraw::Expected,
};
const DRAWN: RiskGroups = RiskGroups::Neighbourhood {
    draw: RiskDraw::Drawn,
};

fn given(s: &[Strategy]) -> InitialConfig {
    InitialConfig::Given {
        strategies: s.to_vec(),
    }
}

fn payoffs(network: &Network, s: &[Strategy], game: GameConfig, seed: u64) -> Vec<f64> {
    let cfg = config(
        game,
        UpdateRule::ImitateBest,
        Schedule::Synchronous,
        given(s),
        0,
    );
    Simulation::new(network, &cfg, seed)
        .unwrap()
        .payoffs()
        .to_vec()
}

fn complete(z: usize) -> Network {
    crate::network::generate(&NetworkSpec::Complete { n: z }, 0).unwrap()
}

#[test]
fn collective_risk_on_a_path_by_hand() {
    // The path 0 — 1 — 2, strategies C, C, D; M = 2, b = 1, c = 0.1 (a cooperator gives 0.1
    // to each of its groups), r = 0.5. Groups G0 = {0, 1} (2 cooperators: kept, v = 1),
    // G1 = {1, 0, 2} (2: kept, v = 1), G2 = {2, 1} (1: below M, v = (1 − 0.5)·1 = 0.5).
    // Π0 = v0 + v1 − 2·0.1 = 1.8; Π1 = v1 + v0 + v2 − 3·0.1 = 2.2; Π2 = v2 + v1 = 1.5.
    let path = net(3, &[(0, 1), (1, 2)]);
    let p = payoffs(&path, &[C, C, D], crd(2, 0.5, 0.1, 1.0, EXPECTED, false), 1);
    let want = [1.8, 2.2, 1.5];
    for (a, b) in p.iter().zip(want) {
        assert!((a - b).abs() < 1e-12, "{p:?}");
    }
    // Normalised: 1.8/2, 2.2/3, 1.5/2.
    let p = payoffs(&path, &[C, C, D], crd(2, 0.5, 0.1, 1.0, EXPECTED, true), 1);
    for (a, b) in p.iter().zip([0.9, 2.2 / 3.0, 0.75]) {
        assert!((a - b).abs() < 1e-12, "{p:?}");
    }
    // Endowment 2, c = 0.25 (gives 0.5 a group), M = 3: only G1 could reach it, and with
    // C, C, D it holds 2: every group is below M, each keeps (1 − 0.5)·2 = 1.
    // Π0 = 1 + 1 − 2·0.5 = 1; Π1 = 3 − 3·0.5 = 1.5; Π2 = 2.
    let p = payoffs(
        &path,
        &[C, C, D],
        crd(3, 0.5, 0.25, 2.0, EXPECTED, false),
        1,
    );
    assert_eq!(p, [1.0, 1.5, 2.0]);
    // Drawn failures with r = 1: a group below M always loses everything (v = 0); with
    // r = 0 it never does (v = b). M = 2, C, C, D: Π2 = v2 + v1 = 0 + 1 resp. 1 + 1.
    let p = payoffs(&path, &[C, C, D], crd(2, 1.0, 0.1, 1.0, DRAWN, false), 7);
    assert_eq!(p[2], 1.0);
    assert!((p[1] - 1.7).abs() < 1e-12);
    let p = payoffs(&path, &[C, C, D], crd(2, 0.0, 0.1, 1.0, DRAWN, false), 7);
    assert_eq!(p[2], 2.0);
}

#[test]
fn drawn_failures_read_the_keyed_group_risk_stream() {
    // A star 0 — {1..5}, all defect, M = 1: every group is below the threshold. Group g
    // fails iff unit(word g of (0, GroupRisk)) < r, so the payoff of leaf i (groups G_i and
    // G_0) is b·(kept_i + kept_0).
    let edges: Vec<(usize, usize)> = (1..6).map(|i| (0, i)).collect();
    let star = net(6, &edges);
    let seed = 31;
    let draws = Streams::new(seed).keyed(0, Phase::GroupRisk);
    let kept = |g: u64| {
        if unit_f64(draws.word(g)) < 0.4 {
            0.0
        } else {
            3.0
        }
    };
    let p = payoffs(&star, &[D; 6], crd(1, 0.4, 0.1, 3.0, DRAWN, false), seed);
    for (i, pi) in p.iter().enumerate().skip(1) {
        assert_eq!(*pi, kept(i as u64) + kept(0), "leaf {i}");
    }
    assert_eq!(p[0], (0..6).map(kept).sum::<f64>());
}

/// The plain reference: groups as `Vec`s (centre first, then neighbours ascending), the
/// value of each group from its count, the payoff summed over an agent's groups.
fn reference(
    n: usize,
    edges: &[(usize, usize)],
    s: &[u8],
    (m, r, c, b): (u32, f64, f64, f64),
    fails: impl Fn(usize) -> Option<bool>,
    normalise: bool,
) -> Vec<f64> {
    let mut adj = vec![Vec::new(); n];
    for &(a, z) in edges {
        adj[a].push(z);
        adj[z].push(a);
    }
    for l in &mut adj {
        l.sort_unstable();
    }
    let groups: Vec<Vec<usize>> = (0..n)
        .map(|g| std::iter::once(g).chain(adj[g].iter().copied()).collect())
        .collect();
    let value: Vec<f64> = groups
        .iter()
        .enumerate()
        .map(|(g, members)| {
            let nc: u32 = members.iter().map(|&x| u32::from(s[x])).sum();
            if nc >= m {
                b
            } else {
                match fails(g) {
                    Some(true) => 0.0,
                    Some(false) => b,
                    None => (1.0 - r) * b,
                }
            }
        })
        .collect();
    (0..n)
        .map(|i| {
            let mut kept = value[i];
            for &g in &adj[i] {
                kept += value[g];
            }
            let k1 = (adj[i].len() + 1) as f64;
            let raw = kept - f64::from(s[i]) * c * b * k1;
            if normalise {
                raw / k1
            } else {
                raw
            }
        })
        .collect()
}

#[test]
fn kernel_equals_the_reference_on_random_graphs() {
    let mut state = 17u64;
    for case in 0..60 {
        let n = 1 + (crate::rng::splitmix64(&mut state) % 80) as usize;
        let k = (crate::rng::splitmix64(&mut state) % 9) as usize;
        let edges = random_edges(n, k, case);
        let bits: Vec<u8> = (0..n)
            .map(|_| (crate::rng::splitmix64(&mut state) & 1) as u8)
            .collect();
        let s: Vec<Strategy> = bits.iter().map(|&x| if x == 1 { C } else { D }).collect();
        let m = 1 + (crate::rng::splitmix64(&mut state) % 3) as u32;
        let network = net(n, &edges);
        let largest = (0..n).map(|i| network.csr().degree(i) + 1).max().unwrap();
        if m as usize > largest {
            continue;
        }
        let (r, c, b) = (0.37, 0.2, 1.5);
        let normalise = case % 2 == 0;
        for (groups, drawn) in [(EXPECTED, false), (DRAWN, true)] {
            let game = crd(m, r, c, b, groups, normalise);
            let fast = payoffs(&network, &s, game, case);
            let draws = Streams::new(case).keyed(0, Phase::GroupRisk);
            let plain = reference(
                n,
                &edges,
                &bits,
                (m, r, c, b),
                |g| drawn.then(|| unit_f64(draws.word(g as u64)) < r),
                normalise,
            );
            assert_eq!(fast, plain, "case {case} drawn {drawn}");
            // The asynchronous schedule's on-the-fly payoff is the same number.
            let cfg = config(
                game,
                UpdateRule::Fermi { k: 0.5 },
                Schedule::Asynchronous,
                given(&s),
                0,
            );
            let sim = Simulation::new(&network, &cfg, case).unwrap();
            for (i, want) in plain.iter().enumerate() {
                assert_eq!(sim.payoff_now(i), *want, "case {case} agent {i}");
            }
        }
    }
}

/// `H(j; P, K, n)` by the product of binomials in `f64` (independent of the kernel's
/// log-factorials).
fn hyper(j: usize, pop: usize, succ: usize, n: usize) -> f64 {
    let choose = |a: usize, k: usize| -> f64 {
        if k > a {
            return 0.0;
        }
        (0..k).fold(1.0, |acc, t| acc * (a - t) as f64 / (t + 1) as f64)
    };
    choose(succ, j) * choose(pop - succ, n - j) / choose(pop, n)
}

/// `f_C(k)`, `f_D(k)` of the well-mixed model, computed directly.
fn fitness(z: usize, n: usize, m: u32, r: f64, c: f64, k: usize) -> (f64, f64) {
    let pd = |j: usize| if j as u32 >= m { 1.0 } else { 1.0 - r };
    let pc = |j: usize| pd(j) - c;
    let fc = if k == 0 {
        0.0
    } else {
        (0..n)
            .map(|j| hyper(j, z - 1, k - 1, n - 1) * pc(j + 1))
            .sum()
    };
    let fd = if k == z {
        0.0
    } else {
        (0..n).map(|j| hyper(j, z - 1, k, n - 1) * pd(j)).sum()
    };
    (fc, fd)
}

/// The payoffs the simulation gives a cooperator and a defector when `k` of `z` cooperate.
fn simulated_fitness(z: usize, game: GameConfig, k: usize) -> (f64, f64) {
    let s: Vec<Strategy> = (0..z).map(|i| if i < k { C } else { D }).collect();
    let p = payoffs(&complete(z), &s, game, 1);
    let fc = if k > 0 { p[0] } else { 0.0 };
    let fd = if k < z { p[z - 1] } else { 0.0 };
    (fc, fd)
}

#[test]
fn well_mixed_payoffs_by_hand_and_against_the_hypergeometric_sums() {
    // Z = 4, N = 2, M = 1, r = 0.5, c = 0.1, b = 1: a cooperator always reaches the
    // threshold (f_C = 1 − 0.1 = 0.9); a defector's partner is one of the 3 others, a
    // cooperator with probability k/3: f_D(1) = 1/3 + (2/3)·0.5 = 2/3.
    let game = crd(1, 0.5, 0.1, 1.0, RiskGroups::Sampled { size: 2 }, false);
    let (fc, fd) = simulated_fitness(4, game, 1);
    assert!(
        (fc - 0.9).abs() < 1e-14 && (fd - 2.0 / 3.0).abs() < 1e-14,
        "{fc} {fd}"
    );
    // Every k of a population of 50 in groups of 6, M = 3, against the direct sums.
    for r in [0.0, 0.3, 0.9] {
        let game = crd(3, r, 0.1, 1.0, RiskGroups::Sampled { size: 6 }, false);
        for k in 0..=50 {
            let (a, b) = simulated_fitness(50, game, k);
            let (fc, fd) = fitness(50, 6, 3, r, 0.1, k);
            assert!(
                (a - fc).abs() < 1e-12 && (b - fd).abs() < 1e-12,
                "r {r} k {k}"
            );
        }
    }
}

/// The exact stationary distribution of the number of cooperators under the asynchronous
/// Fermi rule (noise `kn`) with mutation `mu` on the complete graph: a birth–death chain.
/// In a micro-step a random focal agent meets a random other one; if their strategies differ
/// it adopts the other's with probability `1/(1 + exp((Π_focal − Π_other)/K))`; then it flips
/// with probability `mu`. So with `q+ = k/(Z−1)·F(f_D − f_C)`,
/// `T+(k) = (Z−k)/Z·[(1−μ)q+ + μ(1−q+)]` and likewise `T−(k)`;
/// `p(k+1)/p(k) = T+(k)/T−(k+1)`.
fn stationary(z: usize, f: impl Fn(usize) -> (f64, f64), kn: f64, mu: f64) -> Vec<f64> {
    let fermi = |x: f64| 1.0 / (1.0 + (x / kn).exp());
    let zf = z as f64;
    let t_plus = |k: usize| {
        let (fc, fd) = f(k);
        let q = k as f64 / (zf - 1.0) * fermi(fd - fc);
        (zf - k as f64) / zf * ((1.0 - mu) * q + mu * (1.0 - q))
    };
    let t_minus = |k: usize| {
        let (fc, fd) = f(k);
        let q = (zf - k as f64) / (zf - 1.0) * fermi(fc - fd);
        k as f64 / zf * ((1.0 - mu) * q + mu * (1.0 - q))
    };
    let mut p = vec![1.0];
    for k in 0..z {
        p.push(p[k] * t_plus(k) / t_minus(k + 1));
    }
    let total: f64 = p.iter().sum();
    p.iter().map(|x| x / total).collect()
}

fn mean_share(p: &[f64]) -> f64 {
    let z = (p.len() - 1) as f64;
    p.iter().enumerate().map(|(k, x)| k as f64 / z * x).sum()
}

#[test]
fn santos_pacheco_2011_gradient_of_selection_and_critical_risk() {
    // The gradient of selection G(k) = (k/Z)((Z−k)/Z) tanh(β/2 · (f_C(k) − f_D(k))) has the
    // sign of f_C − f_D, computed here from the simulation's own payoffs (Z = 50, N = 6,
    // M = 3, c = 0.1, b = 1: the paper's setting).
    let z = 50;
    let sign_changes = |r: f64| {
        let game = crd(3, r, 0.1, 1.0, RiskGroups::Sampled { size: 6 }, false);
        let diff: Vec<f64> = (1..z)
            .map(|k| {
                let (fc, fd) = simulated_fitness(z, game, k);
                fc - fd
            })
            .collect();
        (
            diff.windows(2)
                .filter(|w| (w[0] > 0.0) != (w[1] > 0.0))
                .count(),
            diff.iter().all(|&d| d < 0.0),
        )
    };
    // No risk: f_C − f_D = −c·b at every k, defection dominates.
    assert_eq!(sign_changes(0.0), (0, true));
    // High risk: a coordination point and a coexistence point (two interior roots).
    assert_eq!(sign_changes(0.9).0, 2);
    // The infinite-population critical risk r* = c / max_x C(N−1, M−1)x^(M−1)(1−x)^(N−M),
    // the maximum at x = (M−1)/(N−1); N = 6, M = 3: 0.1 / (10·0.4²·0.6³) = 0.28935.
    let critical = |n: u32, m: u32| {
        let x = f64::from(m - 1) / f64::from(n - 1);
        let binom = (0..m - 1).fold(1.0, |a, t| a * f64::from(n - 1 - t) / f64::from(t + 1));
        0.1 / (binom * x.powi(m as i32 - 1) * (1.0 - x).powi((n - m) as i32))
    };
    let r6 = critical(6, 3);
    assert!((r6 - 0.1 / 0.3456).abs() < 1e-12, "{r6}");
    // A large population follows it: interior roots just above r*, none just below
    // (Z = 2000: the finite-population correction is of order N/Z).
    let z_big = 2000;
    for (r, roots) in [(r6 - 0.02, false), (r6 + 0.02, true)] {
        let game = crd(3, r, 0.1, 1.0, RiskGroups::Sampled { size: 6 }, false);
        let positive = (1..z_big).step_by(7).any(|k| {
            let (fc, fd) = simulated_fitness_fast(z_big, game, k);
            fc > fd
        });
        assert_eq!(positive, roots, "r = {r}");
    }
    // Small groups do better: at M/N = 1/2 the critical risk grows with the group size
    // (0.225, 0.289, 0.340, 0.384, 0.493 for N = 4, 6, 8, 10, 16).
    let rs: Vec<f64> = [4, 6, 8, 10, 16]
        .iter()
        .map(|&n| critical(n, n / 2))
        .collect();
    assert!(rs.windows(2).all(|w| w[0] < w[1]), "{rs:?}");
    assert!((rs[0] - 0.225).abs() < 1e-12);
}

/// As [`simulated_fitness`], from one simulation per `k` on the complete graph of `z` —
/// too big a graph at `z = 2000`; the tables depend only on the population size, so a
/// network of `z` isolated agents gives the same payoffs.
fn simulated_fitness_fast(z: usize, game: GameConfig, k: usize) -> (f64, f64) {
    let s: Vec<Strategy> = (0..z).map(|i| if i < k { C } else { D }).collect();
    let p = payoffs(&net(z, &[]), &s, game, 1);
    (p[0], p[z - 1])
}

#[test]
fn santos_pacheco_2011_small_groups_do_better_in_the_stationary_distribution() {
    // The exact stationary cooperation of the finite population (Z = 50, c = 0.1, K = 0.2,
    // i.e. β = 5, mutation 2^-5), at M/N = 1/2: it falls with the group size at every risk
    // and rises with the risk at every group size (exact, from the simulation's payoffs).
    let z = 50;
    let mu = 1.0 / 32.0;
    let mean = |n: u32, r: f64| {
        let game = crd(n / 2, r, 0.1, 1.0, RiskGroups::Sampled { size: n }, false);
        let table: Vec<(f64, f64)> = (0..=z).map(|k| simulated_fitness(z, game, k)).collect();
        mean_share(&stationary(z, |k| table[k], 0.2, mu))
    };
    for r in [0.3, 0.5, 0.9] {
        let by_size: Vec<f64> = [4, 6, 8, 16].iter().map(|&n| mean(n, r)).collect();
        assert!(
            by_size.windows(2).all(|w| w[0] > w[1]),
            "r {r}: {by_size:?}"
        );
    }
    for n in [4, 6, 8] {
        let by_risk: Vec<f64> = [0.0, 0.3, 0.5, 0.9].iter().map(|&r| mean(n, r)).collect();
        assert!(
            by_risk.windows(2).all(|w| w[0] < w[1]),
            "N {n}: {by_risk:?}"
        );
    }
}

#[test]
fn well_mixed_simulation_matches_the_exact_stationary_distribution() {
    // The simulation (asynchronous Fermi on the complete graph of Z = 50, N = 6, M = 3,
    // c = 0.1, K = 0.2, mutation 2^-5, exact as a 32-bit threshold) against the exact
    // stationary mean share of cooperators, at a low and a high risk. Tolerance: 4 standard
    // errors of the time average, estimated by 40 batch means of 1000 steps each (batches
    // much longer than the chain's correlation time of a few tens of steps); the two risks'
    // exact means (0.186 and 0.682) are many standard errors apart, so a wrong chain fails.
    let z = 50;
    let mu = 1.0 / 32.0;
    let network = complete(z);
    for (r, seed) in [(0.2, 11u64), (0.9, 12)] {
        let game = crd(3, r, 0.1, 1.0, RiskGroups::Sampled { size: 6 }, false);
        let table: Vec<(f64, f64)> = (0..=z).map(|k| simulated_fitness(z, game, k)).collect();
        let exact = mean_share(&stationary(z, |k| table[k], 0.2, mu));
        let mut cfg = config(
            game,
            UpdateRule::Fermi { k: 0.2 },
            Schedule::Asynchronous,
            InitialConfig::Random { coop_fraction: 0.5 },
            0,
        );
        cfg.update.mutation = mu;
        let mut sim = Simulation::new(&network, &cfg, seed).unwrap();
        for _ in 0..500 {
            sim.step();
        }
        let (batches, len) = (40, 1000);
        let means: Vec<f64> = (0..batches)
            .map(|_| {
                (0..len)
                    .map(|_| {
                        sim.step();
                        sim.coop_rate()
                    })
                    .sum::<f64>()
                    / len as f64
            })
            .collect();
        let mean = means.iter().sum::<f64>() / batches as f64;
        let var = means.iter().map(|m| (m - mean).powi(2)).sum::<f64>() / (batches - 1) as f64;
        let se = (var / batches as f64).sqrt();
        assert!(
            (mean - exact).abs() < 4.0 * se,
            "r {r}: simulated {mean} exact {exact} se {se}"
        );
        assert!(se < 0.02, "r {r}: se {se}");
    }
}

#[test]
fn every_rule_and_schedule_plays_the_collective_risk_games() {
    let n = 300;
    let edges = random_edges(n, 4, 3);
    let graph = net(n, &edges);
    let mixed = complete(60);
    let games = [
        (crd(3, 0.6, 0.1, 1.0, EXPECTED, false), &graph),
        (crd(3, 0.6, 0.1, 1.0, DRAWN, true), &graph),
        (
            crd(3, 0.6, 0.1, 1.0, RiskGroups::Sampled { size: 6 }, false),
            &mixed,
        ),
    ];
    for (rule, schedule) in [
        (UpdateRule::Fermi { k: 0.1 }, Schedule::Synchronous),
        (UpdateRule::Fermi { k: 0.1 }, Schedule::Asynchronous),
        (UpdateRule::ImitateBest, Schedule::Synchronous),
        (UpdateRule::ImitateBest, Schedule::Asynchronous),
        (UpdateRule::Proportional, Schedule::Synchronous),
        (UpdateRule::Proportional, Schedule::Asynchronous),
        (UpdateRule::DeathBirth { w: 0.5 }, Schedule::Synchronous),
        (UpdateRule::DeathBirth { w: 0.5 }, Schedule::Asynchronous),
        (UpdateRule::BirthDeath { w: 0.5 }, Schedule::Asynchronous),
    ] {
        for (gi, (game, network)) in games.iter().enumerate() {
            let mut cfg = config(
                *game,
                rule,
                schedule,
                InitialConfig::Random { coop_fraction: 0.5 },
                6,
            );
            cfg.update.mutation = 0.02;
            let mut sim = Simulation::new(network, &cfg, 5).unwrap();
            let s0 = sim.strategy_bytes().to_vec();
            for _ in 0..6 {
                sim.step();
                let coop = sim.strategy_bytes().iter().filter(|&&b| b == 1).count();
                assert_eq!(sim.cooperators(), coop);
                // The asynchronous payoff equals the payoff phase's.
                for i in 0..sim.len() {
                    assert_eq!(sim.payoff_now(i), sim.payoffs()[i], "{rule:?} game {gi}");
                }
                // Birth–death's fitness tree follows every change of the step. (With drawn
                // failures the payoff phase at the end of the step redraws the failures, so
                // the tree, rebuilt at the start of each step's revision, describes the
                // draws the revision saw, not the new ones.)
                if let (UpdateRule::BirthDeath { w }, false) = (rule, gi == 1) {
                    let total: f64 = (0..sim.len())
                        .map(|i| crate::selection::fitness(w, sim.payoff_now(i)))
                        .sum();
                    assert!((sim.fenwick.total() - total).abs() < 1e-9 * total.max(1.0));
                }
            }
            assert_ne!(
                sim.strategy_bytes(),
                &s0[..],
                "{rule:?} {schedule:?} game {gi}"
            );
        }
    }
}

#[test]
fn collective_risk_is_identical_on_one_and_two_threads() {
    let n = 40_000;
    let network = net(n, &random_edges(n, 4, 21));
    let mixed = net(30_000, &random_edges(30_000, 2, 5));
    let pool = |t| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build()
            .unwrap()
    };
    let (p1, p2) = (pool(1), pool(2));
    for (game, net, rule, schedule) in [
        (
            crd(3, 0.7, 0.1, 1.0, DRAWN, false),
            &network,
            UpdateRule::Fermi { k: 0.1 },
            Schedule::Synchronous,
        ),
        (
            crd(2, 0.5, 0.2, 1.0, EXPECTED, true),
            &network,
            UpdateRule::DeathBirth { w: 0.3 },
            Schedule::Synchronous,
        ),
        (
            crd(3, 0.7, 0.1, 1.0, DRAWN, false),
            &network,
            UpdateRule::Fermi { k: 0.1 },
            Schedule::Asynchronous,
        ),
        (
            crd(3, 0.7, 0.1, 1.0, RiskGroups::Sampled { size: 6 }, false),
            &mixed,
            UpdateRule::Proportional,
            Schedule::Synchronous,
        ),
    ] {
        let mut cfg = config(
            game,
            rule,
            schedule,
            InitialConfig::Random { coop_fraction: 0.5 },
            5,
        );
        cfg.update.mutation = 0.001;
        let run = || {
            let mut sim = Simulation::new(net, &cfg, 99).unwrap();
            let mut rec: Vec<StepRecord> = Vec::new();
            sim.run(&mut rec).unwrap();
            let bits: Vec<(usize, u64)> = rec
                .iter()
                .map(|r| (r.cooperators, r.payoff_mean.to_bits()))
                .collect();
            let pay: Vec<u64> = sim.payoffs().iter().map(|p| p.to_bits()).collect();
            (bits, sim.strategy_bytes().to_vec(), pay)
        };
        let (a, b) = (p1.install(run), p2.install(run));
        assert_ne!(a.0[0].0, a.0[5].0, "{rule:?}: the state must move");
        assert_eq!(a, b, "{rule:?} {schedule:?}");
    }
}

#[test]
fn impossible_thresholds_and_parameters_are_refused() {
    let path = net(3, &[(0, 1), (1, 2)]);
    let cfg = |game| {
        config(
            game,
            UpdateRule::ImitateBest,
            Schedule::Synchronous,
            InitialConfig::Random { coop_fraction: 0.5 },
            1,
        )
    };
    // The largest group of the path has 3 members.
    assert!(Simulation::new(&path, &cfg(crd(3, 0.5, 0.1, 1.0, EXPECTED, false)), 1).is_ok());
    for game in [
        crd(4, 0.5, 0.1, 1.0, EXPECTED, false),
        crd(0, 0.5, 0.1, 1.0, EXPECTED, false),
        crd(2, 1.5, 0.1, 1.0, EXPECTED, false),
        crd(2, 0.5, -0.1, 1.0, EXPECTED, false),
        crd(2, 0.5, 0.1, 0.0, EXPECTED, false),
        crd(4, 0.5, 0.1, 1.0, RiskGroups::Sampled { size: 3 }, false),
        crd(2, 0.5, 0.1, 1.0, RiskGroups::Sampled { size: 4 }, false),
        crd(1, 0.5, 0.1, 1.0, RiskGroups::Sampled { size: 1 }, false),
    ] {
        let e = Simulation::new(&path, &cfg(game), 1);
        assert!(e.is_err(), "{game:?}");
    }
}

/// Drawn failures change between steps (a new keyed stream each step) but not within one.
#[test]
fn drawn_failures_are_redrawn_every_step() {
    let n = 200;
    let network = net(n, &random_edges(n, 4, 8));
    let cfg = config(
        crd(5, 0.5, 0.1, 1.0, DRAWN, false),
        UpdateRule::Fermi { k: 0.1 },
        Schedule::Synchronous,
        InitialConfig::Given {
            strategies: vec![D; n],
        },
        3,
    );
    let mut sim = Simulation::new(&network, &cfg, 4).unwrap();
    let mut seen = vec![sim.payoffs().to_vec()];
    for _ in 0..3 {
        sim.step();
        // All defect, no mutation: the strategies stay, only the draws change.
        assert_eq!(sim.cooperators(), 0);
        seen.push(sim.payoffs().to_vec());
    }
    assert_ne!(seen[0], seen[1]);
    assert_ne!(seen[1], seen[2]);
    // About half the groups fail: the mean payoff is near (mean degree + 1)·b/2 ≈ 2.5 (the
    // mean degree of this random graph is about 4; 200 agents keep the mean within ±1).
    let mean = seen[3].iter().sum::<f64>() / n as f64;
    assert!(mean > 1.5 && mean < 3.5, "{mean}");
}
