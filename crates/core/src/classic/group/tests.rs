//! Tests of the group games: payoffs worked out by hand, the fast kernel against a plain
//! reference on random graphs and strategies, the on-the-fly payoff of the asynchronous
//! schedule against the kernel, every rule and schedule running on a group game, and
//! determinism across thread counts.

use proptest::prelude::*;

use crate::classic::config::{
    GameConfig, GroupCost, GroupGame, InitialConfig, Payoffs, RunConfig, Schedule, SimConfig,
    Strategy, UpdateConfig, UpdateRule,
};
use crate::classic::observer::StepRecord;
use crate::classic::Simulation;
use crate::network::Network;
use crate::rng::splitmix64;

const C: Strategy = Strategy::Cooperate;
const D: Strategy = Strategy::Defect;

pub(super) fn net(n: usize, edges: &[(usize, usize)]) -> Network {
    Network::from_ties_unchecked(
        n,
        edges.iter().map(|&(a, b)| (a as u32, b as u32)).collect(),
    )
}

/// A random simple graph with about `n · k / 2` ties.
pub(super) fn random_edges(n: usize, k: usize, seed: u64) -> Vec<(usize, usize)> {
    let mut state = seed;
    let mut edges: Vec<(usize, usize)> = (0..n * k / 2)
        .map(|_| {
            let a = (splitmix64(&mut state) % n as u64) as usize;
            let b = (splitmix64(&mut state) % n as u64) as usize;
            (a.min(b), a.max(b))
        })
        .filter(|(a, b)| a != b)
        .collect();
    edges.sort_unstable();
    edges.dedup();
    edges
}

pub(crate) fn pgg(r: f64, cost: GroupCost, normalise: bool) -> GameConfig {
    GameConfig {
        payoffs: Payoffs {
            r: 0.0,
            s: 0.0,
            t: 0.0,
            p: 0.0,
        },
        normalise,
        self_interaction: false,
        group: Some(GroupGame::PublicGoods { r, cost }),
    }
}

pub(super) fn config(
    game: GameConfig,
    rule: UpdateRule,
    schedule: Schedule,
    initial: InitialConfig,
    steps: u64,
) -> SimConfig {
    SimConfig {
        game,
        update: UpdateConfig {
            rule,
            schedule,
            mutation: 0.0,
        },
        initial,
        run: RunConfig {
            steps,
            stop_at_absorption: false,
        },
    }
}

fn payoffs_of(n: usize, edges: &[(usize, usize)], s: &[Strategy], game: GameConfig) -> Vec<f64> {
    let cfg = config(
        game,
        UpdateRule::ImitateBest,
        Schedule::Synchronous,
        InitialConfig::Given {
            strategies: s.to_vec(),
        },
        0,
    );
    Simulation::new(&net(n, edges), &cfg, 1)
        .unwrap()
        .payoffs()
        .to_vec()
}

/// The plain reference: every group listed as a `Vec` of members (centre first, then the
/// neighbours in ascending order), each agent's payoff summed over the groups it is in, in
/// the same order as the kernel so that the two agree exactly.
fn reference(
    n: usize,
    edges: &[(usize, usize)],
    s: &[u8],
    r: f64,
    per_individual: bool,
    normalise: bool,
) -> Vec<f64> {
    let mut adj = vec![Vec::new(); n];
    for &(a, b) in edges {
        adj[a].push(b);
        adj[b].push(a);
    }
    for l in &mut adj {
        l.sort_unstable();
    }
    let groups: Vec<Vec<usize>> = (0..n)
        .map(|g| std::iter::once(g).chain(adj[g].iter().copied()).collect())
        .collect();
    let share: Vec<f64> = groups
        .iter()
        .map(|members| {
            let size = members.len() as f64;
            if per_individual {
                let mut pot = 0.0;
                for &m in members {
                    pot += f64::from(s[m]) * (1.0 / groups[m].len() as f64);
                }
                r * pot / size
            } else {
                let nc: u32 = members.iter().map(|&m| u32::from(s[m])).sum();
                r * f64::from(nc) / size
            }
        })
        .collect();
    (0..n)
        .map(|i| {
            let mine = &groups[i];
            let mut gain = 0.0;
            for &g in mine {
                gain += share[g];
            }
            let paid = if per_individual {
                1.0
            } else {
                mine.len() as f64
            };
            let raw = gain - f64::from(s[i]) * paid;
            if normalise {
                raw / mine.len() as f64
            } else {
                raw
            }
        })
        .collect()
}

#[test]
fn public_goods_on_a_path_by_hand() {
    // The path 0 — 1 — 2, strategies C, D, C; node 1 has degree 2. Groups: G0 = {0, 1},
    // G1 = {1, 0, 2}, G2 = {2, 1}.
    let edges = [(0, 1), (1, 2)];
    let s = [C, D, C];
    // Cost per game, r = 3: σ0 = 3·1/2 = 1.5, σ1 = 3·2/3 = 2, σ2 = 1.5.
    // Π1 (D, in G1, G0, G2) = 2 + 1.5 + 1.5 = 5; Π0 (C, in G0, G1, pays 1 in each)
    // = 1.5 + 2 − 2 = 1.5; Π2 = 1.5 likewise.
    assert_eq!(
        payoffs_of(3, &edges, &s, pgg(3.0, GroupCost::PerGame, false)),
        [1.5, 5.0, 1.5]
    );
    // Normalised by the number of groups: 1.5/2, 5/3, 1.5/2.
    assert_eq!(
        payoffs_of(3, &edges, &s, pgg(3.0, GroupCost::PerGame, true)),
        [0.75, 5.0 / 3.0, 0.75]
    );
    // Cost per individual: node 0 (two groups) puts 1/2 in each, node 2 likewise.
    // σ0 = 3·(1/2)/2 = 0.75, σ1 = 3·(1/2 + 1/2)/3 = 1, σ2 = 0.75.
    // Π1 = 1 + 0.75 + 0.75 = 2.5; Π0 = 0.75 + 1 − 1 = 0.75; Π2 = 0.75.
    assert_eq!(
        payoffs_of(3, &edges, &s, pgg(3.0, GroupCost::PerIndividual, false)),
        [0.75, 2.5, 0.75]
    );
    // The centre cooperating instead (D, C, D), per game: σ0 = 1.5, σ1 = 3·1/3 = 1,
    // σ2 = 1.5; Π1 = 1 + 1.5 + 1.5 − 3 = 1; Π0 = 1.5 + 1 = 2.5 = Π2.
    assert_eq!(
        payoffs_of(3, &edges, &[D, C, D], pgg(3.0, GroupCost::PerGame, false)),
        [2.5, 1.0, 2.5]
    );
}

#[test]
fn public_goods_full_cooperation_on_a_lattice() {
    // Everyone cooperates on a 4-regular ring of cliques-free lattice: each of the 5 groups
    // of an agent has 5 contributors. Per game: σ = 5r/5 = r, Π = 5r − 5 (r = 3.5: 12.5).
    // Per individual: each contributes 1/5 per group, σ = r·1/5, Π = 5·r/5 − 1 = 2.5.
    let (w, h) = (6, 5);
    let mut edges = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let i = y * w + x;
            edges.push((i.min(y * w + (x + 1) % w), i.max(y * w + (x + 1) % w)));
            edges.push((i.min(((y + 1) % h) * w + x), i.max(((y + 1) % h) * w + x)));
        }
    }
    let all = vec![C; w * h];
    for p in payoffs_of(w * h, &edges, &all, pgg(3.5, GroupCost::PerGame, false)) {
        assert_eq!(p, 12.5);
    }
    for p in payoffs_of(
        w * h,
        &edges,
        &all,
        pgg(3.5, GroupCost::PerIndividual, false),
    ) {
        assert!((p - 2.5).abs() < 1e-12, "{p}");
    }
    // A lone agent is its own group of one: per game it gets r − 1 back.
    assert_eq!(
        payoffs_of(1, &[], &[C], pgg(3.5, GroupCost::PerGame, false)),
        [2.5]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn kernel_equals_the_reference(
        n in 1usize..90,
        k in 0usize..9,
        graph_seed in any::<u64>(),
        bits in proptest::collection::vec(any::<bool>(), 90),
        r in 0.01..12.0f64,
        per_individual in any::<bool>(),
        normalise in any::<bool>(),
    ) {
        let edges = random_edges(n, k, graph_seed);
        let s: Vec<Strategy> = bits[..n].iter().map(|&b| if b { C } else { D }).collect();
        let bytes: Vec<u8> = bits[..n].iter().map(|&b| u8::from(b)).collect();
        let cost = if per_individual { GroupCost::PerIndividual } else { GroupCost::PerGame };
        let game = pgg(r, cost, normalise);
        let fast = payoffs_of(n, &edges, &s, game);
        let plain = reference(n, &edges, &bytes, r, per_individual, normalise);
        prop_assert_eq!(&fast, &plain);
        // The asynchronous schedule's on-the-fly payoff is the same number.
        let cfg = config(game, UpdateRule::Fermi { k: 0.5 }, Schedule::Asynchronous,
            InitialConfig::Given { strategies: s.clone() }, 0);
        let sim = Simulation::new(&net(n, &edges), &cfg, 1).unwrap();
        for (i, want) in plain.iter().enumerate() {
            prop_assert_eq!(sim.payoff_now(i), *want);
        }
    }
}

/// Every rule and schedule on a group game, with the payoffs checked against the reference
/// after every step.
#[test]
fn every_rule_and_schedule_plays_the_group_game() {
    let n = 300;
    let edges = random_edges(n, 4, 3);
    let network = net(n, &edges);
    for (rule, schedule) in [
        (UpdateRule::Fermi { k: 0.5 }, Schedule::Synchronous),
        (UpdateRule::Fermi { k: 0.5 }, Schedule::Asynchronous),
        (UpdateRule::ImitateBest, Schedule::Synchronous),
        (UpdateRule::ImitateBest, Schedule::Asynchronous),
        (UpdateRule::Proportional, Schedule::Synchronous),
        (UpdateRule::Proportional, Schedule::Asynchronous),
        (UpdateRule::DeathBirth { w: 0.2 }, Schedule::Synchronous),
        (UpdateRule::DeathBirth { w: 0.2 }, Schedule::Asynchronous),
        (UpdateRule::BirthDeath { w: 0.2 }, Schedule::Asynchronous),
    ] {
        for cost in [GroupCost::PerGame, GroupCost::PerIndividual] {
            let mut cfg = config(
                pgg(3.0, cost, false),
                rule,
                schedule,
                InitialConfig::Random { coop_fraction: 0.5 },
                6,
            );
            cfg.update.mutation = 0.01;
            let mut sim = Simulation::new(&network, &cfg, 5).unwrap();
            let s0 = sim.strategy_bytes().to_vec();
            for _ in 0..6 {
                sim.step();
                let want = reference(
                    n,
                    &edges,
                    sim.strategy_bytes(),
                    3.0,
                    cost == GroupCost::PerIndividual,
                    false,
                );
                assert_eq!(sim.payoffs(), &want[..], "{rule:?} {schedule:?} {cost:?}");
                let coop = sim.strategy_bytes().iter().filter(|&&b| b == 1).count();
                assert_eq!(sim.cooperators(), coop);
                if let UpdateRule::BirthDeath { w } = rule {
                    // The Fenwick tree follows the two-hop reach of each change.
                    let total: f64 = (0..n)
                        .map(|i| crate::selection::fitness(w, sim.payoff_now(i)))
                        .sum();
                    assert!((sim.fenwick.total() - total).abs() < 1e-9 * total.max(1.0));
                }
            }
            assert_ne!(
                sim.strategy_bytes(),
                &s0[..],
                "{rule:?} {schedule:?}: the state must move"
            );
        }
    }
}

#[test]
fn group_game_is_identical_on_one_and_two_threads() {
    let n = 40_000;
    let network = net(n, &random_edges(n, 4, 21));
    let pool = |t| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build()
            .unwrap()
    };
    let (p1, p2) = (pool(1), pool(2));
    for (rule, schedule, cost) in [
        (
            UpdateRule::Fermi { k: 0.5 },
            Schedule::Synchronous,
            GroupCost::PerGame,
        ),
        (
            UpdateRule::Proportional,
            Schedule::Synchronous,
            GroupCost::PerIndividual,
        ),
        (
            UpdateRule::DeathBirth { w: 0.1 },
            Schedule::Synchronous,
            GroupCost::PerGame,
        ),
        (
            UpdateRule::Fermi { k: 0.5 },
            Schedule::Asynchronous,
            GroupCost::PerIndividual,
        ),
    ] {
        let mut cfg = config(
            pgg(3.5, cost, false),
            rule,
            schedule,
            InitialConfig::Random { coop_fraction: 0.5 },
            5,
        );
        cfg.update.mutation = 0.001;
        let run = || {
            let mut sim = Simulation::new(&network, &cfg, 99).unwrap();
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
        assert_eq!(a, b, "{rule:?} {schedule:?} {cost:?}");
    }
}

#[test]
fn a_synergy_factor_that_is_not_positive_is_refused() {
    for r in [0.0, -1.0, f64::NAN] {
        let cfg = config(
            pgg(r, GroupCost::PerGame, false),
            UpdateRule::ImitateBest,
            Schedule::Synchronous,
            InitialConfig::Random { coop_fraction: 0.5 },
            1,
        );
        assert!(
            Simulation::new(&net(2, &[(0, 1)]), &cfg, 1).is_err(),
            "r = {r}"
        );
    }
}
