//! Whole runs: absorption, mutation, the asynchronous counts, determinism across seeds and
//! thread counts, and invariants under random configurations.

use super::*;
use proptest::prelude::{
    any, prop_assert, prop_assert_eq, prop_oneof, proptest, Just, ProptestConfig,
};
use proptest::strategy::Strategy as _;

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
        cfg.game = GameConfig { payoffs: Payoffs { r: payoffs.0, s: payoffs.1, t: payoffs.2, p: payoffs.3 }, normalise, self_interaction, group: None };
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
