//! Unit tests of the step loop: hand-checked payoffs and rules on tiny graphs, statistics of
//! the random rules, initial conditions, absorption, and determinism across thread counts.

use super::*;
use crate::config::Strategy;
use crate::config::{GameConfig, Payoffs, UpdateConfig};
use crate::network::Neighbourhood;
use crate::observer::NoopObserver;
use crate::rng::splitmix64;
use proptest::prelude::{
    any, prop_assert, prop_assert_eq, prop_oneof, proptest, Just, ProptestConfig,
};
use proptest::strategy::Strategy as _;

const C: Strategy = Strategy::Cooperate;
const D: Strategy = Strategy::Defect;

fn from_edges(n: usize, edges: &[(usize, usize)]) -> Network {
    let ties = edges.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
    Network::from_ties_unchecked(n, ties)
}

/// Periodic `w × h` lattice (von Neumann or Moore), node `y·w + x`.
pub(crate) fn lattice(w: usize, h: usize, nb: Neighbourhood) -> Network {
    let offsets: &[(isize, isize)] = match nb {
        Neighbourhood::VonNeumann => &[(1, 0), (0, 1)],
        Neighbourhood::Moore => &[(1, 0), (0, 1), (1, 1), (1, -1)],
    };
    let mut edges = Vec::new();
    for y in 0..h as isize {
        for x in 0..w as isize {
            for &(dx, dy) in offsets {
                let (x2, y2) = (
                    (x + dx).rem_euclid(w as isize),
                    (y + dy).rem_euclid(h as isize),
                );
                edges.push((
                    (y * w as isize + x) as usize,
                    (y2 * w as isize + x2) as usize,
                ));
            }
        }
    }
    let mut net = from_edges(w * h, &edges);
    net.lattice = Some((w, h));
    net
}

/// A random simple graph with about `n · k / 2` ties (duplicates and loops dropped).
fn random_graph(n: usize, k: usize, seed: u64) -> Network {
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
    from_edges(n, &edges)
}

fn weak_pd(b: f64) -> Payoffs {
    Payoffs {
        r: 1.0,
        s: 0.0,
        t: b,
        p: 0.0,
    }
}

fn config(rule: UpdateRule, schedule: Schedule, initial: InitialConfig, steps: u64) -> SimConfig {
    SimConfig {
        game: GameConfig {
            payoffs: weak_pd(1.5),
            normalise: false,
            self_interaction: false,
        },
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

fn given(s: &[Strategy]) -> InitialConfig {
    InitialConfig::Given {
        strategies: s.to_vec(),
    }
}

fn half() -> InitialConfig {
    InitialConfig::Random { coop_fraction: 0.5 }
}

#[test]
fn payoffs_by_hand_for_every_game_option() {
    // Triangle 0–1–2 plus a pendant 3 on 0, and an isolated node 4.
    let net = from_edges(5, &[(0, 1), (1, 2), (0, 2), (0, 3)]);
    let s = [C, D, C, D, C];
    let payoffs = Payoffs {
        r: 3.0,
        s: -1.0,
        t: 5.0,
        p: 0.5,
    };
    let expect = [
        // (normalise, self): payoffs of nodes 0..5
        (
            (false, false),
            [3.0 - 1.0 - 1.0, 5.0 + 5.0, 3.0 - 1.0, 5.0, 0.0],
        ),
        (
            (false, true),
            [1.0 + 3.0, 10.0 + 0.5, 2.0 + 3.0, 5.0 + 0.5, 3.0],
        ),
        ((true, false), [1.0 / 3.0, 10.0 / 2.0, 2.0 / 2.0, 5.0, 0.0]),
        (
            (true, true),
            [4.0 / 4.0, 10.5 / 3.0, 5.0 / 3.0, 5.5 / 2.0, 3.0],
        ),
    ];
    for ((normalise, self_interaction), want) in expect {
        let mut cfg = config(UpdateRule::ImitateBest, Schedule::Synchronous, given(&s), 0);
        cfg.game = GameConfig {
            payoffs,
            normalise,
            self_interaction,
        };
        let sim = Simulation::new(&net, &cfg, 1).unwrap();
        assert_eq!(
            sim.payoffs(),
            &want,
            "normalise {normalise}, self {self_interaction}"
        );
        let mean = want.iter().sum::<f64>() / 5.0;
        assert!((sim.record().payoff_mean - mean).abs() < 1e-12);
        assert_eq!(sim.cooperators(), 3);
        assert_eq!(sim.record().coop_rate, 0.6);
    }
}

#[test]
fn imitate_best_on_a_path_and_its_ties() {
    let net = from_edges(3, &[(0, 1), (1, 2)]);
    let cfg = config(
        UpdateRule::ImitateBest,
        Schedule::Synchronous,
        given(&[D, C, C]),
        1,
    );
    let mut sim = Simulation::new(&net, &cfg, 1).unwrap();
    // Payoffs D 1.5, C 1, C 1: the middle C sees the D's 1.5 and defects.
    assert_eq!(sim.payoffs(), &[1.5, 1.0, 1.0]);
    sim.step();
    assert_eq!(sim.strategies().collect::<Vec<_>>(), [D, D, C]);
    // With T = R = 1 the middle C ties with the D at 1 and keeps C; the D keeps D.
    let mut cfg = cfg;
    cfg.game.payoffs = weak_pd(1.0);
    let mut sim = Simulation::new(&net, &cfg, 1).unwrap();
    sim.step();
    assert_eq!(sim.strategies().collect::<Vec<_>>(), [D, C, C]);
}

#[test]
fn isolated_agents_keep_their_strategy_under_every_rule() {
    let net = from_edges(4, &[]);
    let s = [C, D, C, D];
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
        let mut sim = Simulation::new(&net, &config(rule, schedule, given(&s), 5), 3).unwrap();
        sim.run(&mut NoopObserver).unwrap();
        assert_eq!(
            sim.strategies().collect::<Vec<_>>(),
            s,
            "{rule:?} {schedule:?}"
        );
    }
}

/// `pairs` disjoint C–D pairs: node `2p` is C, `2p + 1` is D.
fn pairs(pairs: usize) -> (Network, InitialConfig) {
    let edges: Vec<_> = (0..pairs).map(|p| (2 * p, 2 * p + 1)).collect();
    let s: Vec<_> = (0..2 * pairs)
        .map(|i| if i % 2 == 0 { C } else { D })
        .collect();
    (from_edges(2 * pairs, &edges), given(&s))
}

/// `count` successes out of `n` trials agree with probability `p` within 5 standard errors.
fn assert_binomial(count: usize, n: usize, p: f64, what: &str) {
    let sd = (n as f64 * p * (1.0 - p)).sqrt();
    let dev = (count as f64 - n as f64 * p).abs();
    assert!(
        dev < 5.0 * sd,
        "{what}: {count} of {n}, expected {:.1} ± {sd:.1}",
        n as f64 * p
    );
}

#[test]
fn fermi_adopts_with_the_fermi_probability() {
    // In a C–D pair, C earns S = 0 and D earns T = 1.5. With K = 1.5, C adopts D with
    // 1/(1 + e^{-1}) and D adopts C with 1/(1 + e^{1}).
    let n = 20_000;
    let (net, init) = pairs(n);
    let cfg = config(UpdateRule::Fermi { k: 1.5 }, Schedule::Synchronous, init, 1);
    let mut sim = Simulation::new(&net, &cfg, 11).unwrap();
    sim.step();
    let s = sim.strategy_bytes();
    let c_to_d = (0..n).filter(|p| s[2 * p] == DEFECT).count();
    let d_to_c = (0..n).filter(|p| s[2 * p + 1] == COOPERATE).count();
    assert_binomial(c_to_d, n, 1.0 / (1.0 + (-1f64).exp()), "C adopts D");
    assert_binomial(d_to_c, n, 1.0 / (1.0 + 1f64.exp()), "D adopts C");
}

#[test]
fn proportional_adopts_with_the_scaled_difference() {
    // C earns 0, D earns 1.5 = D (payoff range), k_> = 1: C adopts D with probability 1;
    // with R = 1, T = 1.2, S = -0.5, P = 0: D = 1.7, C earns -0.5, D earns 1.2 → 1.7 / 1.7.
    // Use T = 0.75 instead: C earns 0, D earns 0.75, D range 1 → probability 0.75. D never
    // adopts C.
    let n = 20_000;
    let (net, init) = pairs(n);
    let mut cfg = config(UpdateRule::Proportional, Schedule::Synchronous, init, 1);
    cfg.game.payoffs = Payoffs {
        r: 1.0,
        s: 0.0,
        t: 0.75,
        p: 0.0,
    };
    let mut sim = Simulation::new(&net, &cfg, 5).unwrap();
    sim.step();
    let s = sim.strategy_bytes();
    let c_to_d = (0..n).filter(|p| s[2 * p] == DEFECT).count();
    assert_binomial(c_to_d, n, 0.75, "C adopts D");
    assert!(
        (0..n).all(|p| s[2 * p + 1] == DEFECT),
        "D never adopts the worse C"
    );
}

#[test]
fn proportional_never_adopts_a_worse_strategy() {
    let net = random_graph(3000, 6, 4);
    let cfg = config(UpdateRule::Proportional, Schedule::Synchronous, half(), 10);
    let mut sim = Simulation::new(&net, &cfg, 8).unwrap();
    for _ in 0..10 {
        let (before, pay) = (sim.strategy_bytes().to_vec(), sim.payoffs().to_vec());
        sim.step();
        for (i, (&old, &new)) in before.iter().zip(sim.strategy_bytes()).enumerate() {
            if old != new {
                let better = sim
                    .csr()
                    .neighbors(i)
                    .iter()
                    .any(|&j| before[j as usize] == new && pay[j as usize] > pay[i]);
                assert!(
                    better,
                    "agent {i} switched without a better neighbour of the new strategy"
                );
            }
        }
    }
}

#[test]
fn death_birth_on_a_star() {
    // Leaves have only the hub: they all copy it. The hub copies a leaf.
    let edges: Vec<_> = (1..6).map(|l| (0, l)).collect();
    let net = from_edges(6, &edges);
    let cfg = config(
        UpdateRule::DeathBirth { w: 1.0 },
        Schedule::Synchronous,
        given(&[C, D, D, D, D, D]),
        2,
    );
    let mut sim = Simulation::new(&net, &cfg, 2).unwrap();
    sim.step();
    assert_eq!(sim.strategies().collect::<Vec<_>>(), [D, C, C, C, C, C]);
    sim.step();
    assert_eq!(sim.strategies().collect::<Vec<_>>(), [C, D, D, D, D, D]);
}

#[test]
fn death_birth_chooses_in_proportion_to_fitness() {
    // Hub 0 with 3 leaves, leaf 1 is C (fitness 1 − w + w·0 with hub D), leaves 2, 3 are D
    // (fitness 1 − w + w·0 too): make the payoffs differ with P = 1: D leaves earn 1, C leaf
    // earns S = 0. w = 0.5: fitnesses 0.5, 1, 1 → the hub becomes C with probability 0.2.
    let stars = 10_000;
    let mut edges = Vec::new();
    let mut s = Vec::new();
    for h in 0..stars {
        let b = 4 * h;
        edges.extend([(b, b + 1), (b, b + 2), (b, b + 3)]);
        s.extend([D, C, D, D]);
    }
    let net = from_edges(4 * stars, &edges);
    let mut cfg = config(
        UpdateRule::DeathBirth { w: 0.5 },
        Schedule::Synchronous,
        given(&s),
        1,
    );
    cfg.game.payoffs = Payoffs {
        r: 1.0,
        s: 0.0,
        t: 1.5,
        p: 1.0,
    };
    let mut sim = Simulation::new(&net, &cfg, 9).unwrap();
    sim.step();
    let hubs_c = (0..stars)
        .filter(|h| sim.strategy_bytes()[4 * h] == COOPERATE)
        .count();
    assert_binomial(hubs_c, stars, 0.2, "hub copies the C leaf");
}

#[test]
fn birth_death_zero_fitness_never_reproduces() {
    // w = 1: a C in a C–D pair has fitness S = 0 and never reproduces; D has T = 1.5.
    let (net, init) = pairs(500);
    let cfg = config(
        UpdateRule::BirthDeath { w: 1.0 },
        Schedule::Asynchronous,
        init,
        30,
    );
    let mut sim = Simulation::new(&net, &cfg, 4).unwrap();
    let mut last = sim.cooperators();
    for _ in 0..30 {
        sim.step();
        assert!(sim.cooperators() <= last);
        last = sim.cooperators();
    }
    assert_eq!(last, 0, "every pair absorbs into D");
    // With w = 0 (neutral drift) both strategies survive one step in some pairs.
    let (net, init) = pairs(500);
    let cfg = config(
        UpdateRule::BirthDeath { w: 0.0 },
        Schedule::Asynchronous,
        init,
        1,
    );
    let mut sim = Simulation::new(&net, &cfg, 4).unwrap();
    sim.step();
    assert!(
        sim.cooperators() > 100 && sim.cooperators() < 900,
        "{}",
        sim.cooperators()
    );
}

#[test]
fn birth_death_is_rejected_with_the_synchronous_schedule() {
    let net = from_edges(2, &[(0, 1)]);
    let cfg = config(
        UpdateRule::BirthDeath { w: 0.1 },
        Schedule::Synchronous,
        half(),
        1,
    );
    assert_eq!(
        Simulation::new(&net, &cfg, 1).unwrap_err(),
        SimError::BirthDeathSynchronous
    );
}

#[test]
fn invalid_parameters_are_rejected() {
    let net = from_edges(2, &[(0, 1)]);
    let cfg = config(
        UpdateRule::Fermi { k: 0.0 },
        Schedule::Synchronous,
        half(),
        1,
    );
    assert!(matches!(
        Simulation::new(&net, &cfg, 1),
        Err(SimError::OutOfRange {
            name: "fermi.k",
            ..
        })
    ));
    let mut cfg = config(UpdateRule::ImitateBest, Schedule::Synchronous, half(), 1);
    cfg.update.mutation = 1.5;
    assert!(matches!(
        Simulation::new(&net, &cfg, 1),
        Err(SimError::OutOfRange {
            name: "mutation",
            ..
        })
    ));
    let cfg = config(
        UpdateRule::ImitateBest,
        Schedule::Synchronous,
        given(&[C]),
        1,
    );
    assert_eq!(
        Simulation::new(&net, &cfg, 1).unwrap_err(),
        SimError::GivenLength {
            expected: 2,
            found: 1
        }
    );
    assert_eq!(
        Simulation::new(&from_edges(0, &[]), &cfg, 1).unwrap_err(),
        SimError::EmptyNetwork
    );
}

#[test]
fn initial_conditions_have_exact_counts() {
    let net = random_graph(1001, 4, 1);
    for (f, want) in [(0.37, 370), (0.0, 0), (1.0, 1001), (0.5, 501)] {
        let cfg = config(
            UpdateRule::ImitateBest,
            Schedule::Synchronous,
            InitialConfig::Random { coop_fraction: f },
            0,
        );
        let sim = Simulation::new(&net, &cfg, 77).unwrap();
        assert_eq!(sim.cooperators(), want, "f = {f}");
        assert_eq!(sim.strategies().filter(|&s| s == C).count(), want);
    }
    // Different seeds place them differently.
    let cfg = config(UpdateRule::ImitateBest, Schedule::Synchronous, half(), 0);
    let a = Simulation::new(&net, &cfg, 1).unwrap();
    let b = Simulation::new(&net, &cfg, 2).unwrap();
    assert_ne!(a.strategy_bytes(), b.strategy_bytes());
    // Single patterns at the centre: cell (5, 3) of a 11 × 7 lattice.
    let lat = lattice(11, 7, Neighbourhood::Moore);
    let cfg = config(
        UpdateRule::ImitateBest,
        Schedule::Synchronous,
        InitialConfig::SingleDefector,
        0,
    );
    let sim = Simulation::new(&lat, &cfg, 1).unwrap();
    assert_eq!(sim.cooperators(), 76);
    assert_eq!(sim.strategy_bytes()[3 * 11 + 5], DEFECT);
    let cfg = config(
        UpdateRule::ImitateBest,
        Schedule::Synchronous,
        InitialConfig::SingleCooperator,
        0,
    );
    let sim = Simulation::new(&net, &cfg, 1).unwrap();
    assert_eq!(sim.cooperators(), 1);
    assert_eq!(sim.strategy_bytes()[500], COOPERATE);
}

#[test]
fn absorption_is_detected_and_stops_the_run() {
    // All C from the start: absorbed at 0, the run emits only step 0.
    let net = random_graph(100, 4, 3);
    let mut cfg = config(
        UpdateRule::Fermi { k: 0.1 },
        Schedule::Synchronous,
        InitialConfig::Random { coop_fraction: 1.0 },
        10,
    );
    cfg.run.stop_at_absorption = true;
    let mut sim = Simulation::new(&net, &cfg, 1).unwrap();
    let mut rec = Vec::new();
    let sum = sim.run(&mut rec).unwrap();
    assert_eq!((rec.len(), sum.steps_run, sum.absorbed_at), (1, 0, Some(0)));
    // A path with one D at an end and T = 3: the C next to the front sees the front D's 3
    // above every C payoff (at most 2) and defects; one C per step.
    let net = from_edges(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
    let mut cfg = config(
        UpdateRule::ImitateBest,
        Schedule::Synchronous,
        given(&[D, C, C, C, C]),
        10,
    );
    cfg.game.payoffs = weak_pd(3.0);
    cfg.run.stop_at_absorption = true;
    let mut sim = Simulation::new(&net, &cfg, 1).unwrap();
    let mut rec = Vec::new();
    let sum = sim.run(&mut rec).unwrap();
    let coops: Vec<_> = rec.iter().map(|r| r.cooperators).collect();
    assert_eq!(coops, [4, 3, 2, 1, 0]);
    assert_eq!(
        rec.iter().map(|r| r.step).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4]
    );
    assert_eq!(
        (sum.steps_run, sum.absorbed_at, sum.coop_rate_final),
        (4, Some(4), 0.0)
    );
    // Without stopping the run goes on and still reports the first absorption.
    cfg.run.stop_at_absorption = false;
    let sum = Simulation::new(&net, &cfg, 1)
        .unwrap()
        .run(&mut NoopObserver)
        .unwrap();
    assert_eq!((sum.steps_run, sum.absorbed_at), (10, Some(4)));
}

#[test]
fn mutation_flips_at_the_configured_rate() {
    // Isolated agents keep their strategy, so every change is a mutation.
    let n = 100_000;
    let net = from_edges(n, &[]);
    for schedule in [Schedule::Synchronous, Schedule::Asynchronous] {
        let mut cfg = config(
            UpdateRule::ImitateBest,
            schedule,
            InitialConfig::Random { coop_fraction: 1.0 },
            1,
        );
        cfg.update.mutation = 0.1;
        let mut sim = Simulation::new(&net, &cfg, 6).unwrap();
        sim.step();
        let flipped = n - sim.cooperators();
        let p = match schedule {
            Schedule::Synchronous => 0.1,
            // Random sequential: an agent revises k ~ Binomial(N, 1/N) times and ends up D
            // iff it flipped an odd number of times: E = (1 − E[(1 − 2μ)^k]) / 2.
            Schedule::Asynchronous => (1.0 - (-2.0 * 0.1f64).exp()) / 2.0,
        };
        assert_binomial(flipped, n, p, &format!("{schedule:?}"));
    }
}

#[test]
fn asynchronous_counts_stay_consistent() {
    let net = random_graph(2000, 6, 5);
    for rule in [
        UpdateRule::Fermi { k: 0.5 },
        UpdateRule::DeathBirth { w: 0.3 },
        UpdateRule::BirthDeath { w: 0.3 },
        UpdateRule::ImitateBest,
    ] {
        let mut cfg = config(rule, Schedule::Asynchronous, half(), 5);
        cfg.update.mutation = 0.01;
        let mut sim = Simulation::new(&net, &cfg, 12).unwrap();
        for _ in 0..5 {
            sim.step();
            for i in 0..sim.len() {
                let nc: u32 = sim
                    .csr
                    .neighbors(i)
                    .iter()
                    .map(|&j| u32::from(sim.strategies[j as usize]))
                    .sum();
                assert_eq!(sim.ncoop[i], nc, "{rule:?}");
            }
            if let Rule::BirthDeath { w } = sim.rule {
                // The incremental fitness tree agrees with the payoffs of the new state.
                let total: f64 = sim.payoffs.iter().map(|&p| fitness(w, p)).sum();
                assert!((sim.fenwick.total() - total).abs() < 1e-9 * total.max(1.0));
            }
        }
    }
}

fn trajectory(net: &Network, cfg: &SimConfig, seed: u64) -> (Vec<StepRecord>, Vec<u8>, Vec<u64>) {
    let mut sim = Simulation::new(net, cfg, seed).unwrap();
    let mut rec = Vec::new();
    sim.run(&mut rec).unwrap();
    let pay = sim.payoffs().iter().map(|p| p.to_bits()).collect();
    (rec, sim.strategy_bytes().to_vec(), pay)
}

#[test]
fn one_and_two_threads_give_identical_trajectories() {
    let net = random_graph(60_000, 4, 21);
    let pool1 = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let pool2 = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    for (rule, schedule) in [
        (UpdateRule::Fermi { k: 0.1 }, Schedule::Synchronous),
        (UpdateRule::Proportional, Schedule::Synchronous),
        (UpdateRule::ImitateBest, Schedule::Synchronous),
        (UpdateRule::DeathBirth { w: 0.1 }, Schedule::Synchronous),
        (UpdateRule::Fermi { k: 0.1 }, Schedule::Asynchronous),
    ] {
        let mut cfg = config(rule, schedule, half(), 8);
        cfg.update.mutation = 0.001;
        let a = pool1.install(|| trajectory(&net, &cfg, 99));
        let b = pool2.install(|| trajectory(&net, &cfg, 99));
        assert!(
            a.0.len() == 9 && a.0[8].cooperators != a.0[0].cooperators,
            "{rule:?}: the state must move"
        );
        let bits = |r: &[StepRecord]| {
            r.iter()
                .map(|r| (r.cooperators, r.payoff_mean.to_bits()))
                .collect::<Vec<_>>()
        };
        assert_eq!(bits(&a.0), bits(&b.0), "{rule:?} {schedule:?}: records");
        assert_eq!(a.1, b.1, "{rule:?} {schedule:?}: strategies");
        assert_eq!(a.2, b.2, "{rule:?} {schedule:?}: payoffs");
    }
}

#[test]
fn same_seed_same_trajectory_other_seed_other() {
    let net = random_graph(5000, 4, 2);
    let cfg = config(
        UpdateRule::Fermi { k: 0.1 },
        Schedule::Synchronous,
        half(),
        10,
    );
    assert_eq!(trajectory(&net, &cfg, 5), trajectory(&net, &cfg, 5));
    assert_ne!(trajectory(&net, &cfg, 5).1, trajectory(&net, &cfg, 6).1);
}

fn arb_rule() -> impl proptest::strategy::Strategy<Value = (UpdateRule, Schedule)> {
    prop_oneof![
        (0.01..5.0f64).prop_map(|k| (UpdateRule::Fermi { k }, Schedule::Synchronous)),
        (0.01..5.0f64).prop_map(|k| (UpdateRule::Fermi { k }, Schedule::Asynchronous)),
        Just((UpdateRule::ImitateBest, Schedule::Synchronous)),
        Just((UpdateRule::ImitateBest, Schedule::Asynchronous)),
        Just((UpdateRule::Proportional, Schedule::Synchronous)),
        Just((UpdateRule::Proportional, Schedule::Asynchronous)),
        (0.0..=1.0f64).prop_map(|w| (UpdateRule::DeathBirth { w }, Schedule::Synchronous)),
        (0.0..=1.0f64).prop_map(|w| (UpdateRule::DeathBirth { w }, Schedule::Asynchronous)),
        (0.0..=1.0f64).prop_map(|w| (UpdateRule::BirthDeath { w }, Schedule::Asynchronous)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn counts_and_rates_stay_consistent(
        n in 1usize..60,
        k in 0usize..8,
        graph_seed in any::<u64>(),
        seed in any::<u64>(),
        (rule, schedule) in arb_rule(),
        f in 0.0..=1.0f64,
        mutation in prop_oneof![Just(0.0), 0.0..=1.0f64],
        payoffs in (-2.0..2.0f64, -2.0..2.0f64, -2.0..2.0f64, -2.0..2.0f64),
        normalise in any::<bool>(),
        self_interaction in any::<bool>(),
    ) {
        let net = random_graph(n, k, graph_seed);
        let mut cfg = config(rule, schedule, InitialConfig::Random { coop_fraction: f }, 6);
        cfg.update.mutation = mutation;
        cfg.game = GameConfig { payoffs: Payoffs { r: payoffs.0, s: payoffs.1, t: payoffs.2, p: payoffs.3 }, normalise, self_interaction };
        let mut sim = Simulation::new(&net, &cfg, seed).unwrap();
        let mut rec = Vec::new();
        sim.run(&mut rec).unwrap();
        prop_assert_eq!(rec.len(), 7);
        for r in &rec {
            prop_assert!(r.cooperators <= r.alive && r.alive == n);
            prop_assert!((0.0..=1.0).contains(&r.coop_rate));
            prop_assert!(r.payoff_mean.is_finite());
        }
        let c = sim.strategies().filter(|&s| s == C).count();
        let d = sim.strategies().filter(|&s| s == D).count();
        prop_assert_eq!(c + d, n);
        prop_assert_eq!(c, sim.cooperators());
    }
}

#[test]
fn pairwise_rules_match_a_naive_reference_step() {
    // The two-pass candidate loop must equal the textbook per-agent loop, draw for draw:
    // agent i reads the u64 at words [2i, 2i + 2) of the (step, Update) stream.
    use rand::Rng;
    let net = random_graph(10_000, 4, 8);
    for rule in [UpdateRule::Fermi { k: 0.3 }, UpdateRule::Proportional] {
        let cfg = config(rule, Schedule::Synchronous, half(), 1);
        let mut sim = Simulation::new(&net, &cfg, 17).unwrap();
        let (s0, p0) = (sim.strategy_bytes().to_vec(), sim.payoffs().to_vec());
        let streams = Streams::new(17);
        let table = PayoffTable::new(&cfg.game);
        let expect: Vec<u8> = (0..s0.len())
            .map(|i| {
                let r = streams.stream_at(1, Phase::Update, 2 * i as u64).next_u64();
                let nb = sim.csr().neighbors(i);
                if nb.is_empty() {
                    return s0[i];
                }
                let j = nb[below(r as u32, nb.len() as u32) as usize] as usize;
                let u = (r >> 32) as f64 / 4_294_967_296.0;
                let adopt = s0[j] != s0[i]
                    && match rule {
                        UpdateRule::Fermi { k } => u < 1.0 / (1.0 + ((p0[i] - p0[j]) / k).exp()),
                        _ => proportional_accepts(
                            &table,
                            (p0[i], nb.len() as u32),
                            (p0[j], sim.csr().degree(j) as u32),
                            u,
                        ),
                    };
                if adopt {
                    s0[j]
                } else {
                    s0[i]
                }
            })
            .collect();
        sim.step();
        let differ = expect
            .iter()
            .zip(sim.strategy_bytes())
            .filter(|(a, b)| a != b)
            .count();
        // Fermi: `u·(1 + e) < 1` and `u < 1/(1 + e)` can disagree only within rounding.
        assert!(
            differ <= 1,
            "{rule:?}: {differ} agents differ from the reference"
        );
        assert!(expect != s0, "{rule:?}: the step must change something");
    }
}

#[test]
fn birth_death_picks_the_reproducer_in_proportion_to_fitness() {
    // C–D pairs, w = 0.5: a C has fitness 0.5 + 0.5·S = 0.5, a D 0.5 + 0.5·T = 1.25, so a
    // micro-step's reproducer is a C with probability 0.5 / 1.75, and its offspring lands on
    // the partner.
    let (net, init) = pairs(1000);
    let cfg = config(
        UpdateRule::BirthDeath { w: 0.5 },
        Schedule::Asynchronous,
        init,
        1,
    );
    let mut sim = Simulation::new(&net, &cfg, 3).unwrap();
    let w = 0.5;
    sim.fenwick
        .rebuild(sim.payoffs.iter().map(|&p| fitness(w, p)));
    let mut state = 99u64;
    let draws = 20_000;
    let mut c_parents = 0;
    for _ in 0..draws {
        let (a, b) = (splitmix64(&mut state), splitmix64(&mut state));
        let (child, s) = sim.micro_step(a, b, sim.len() as u32).unwrap();
        assert_ne!(
            sim.strategy_bytes()[child],
            s,
            "offspring replaces the partner"
        );
        c_parents += usize::from(s == COOPERATE);
    }
    assert_binomial(c_parents, draws, 0.5 / 1.75, "C reproduces");
}
