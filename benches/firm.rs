//! Benchmark of one firm-economy step with every mechanism on (market shocks and crises,
//! logistic decisions, cost-sharing projects with transaction costs, monitoring with fines,
//! reputation, asymmetric trust with decay and tie breaks, Fermi learning with mutation,
//! spillovers with a cluster bonus, exit and entry) at N = 10^5 firms, mean degree 8
//! (stochastic block model, 4 groups), and — in the same criterion run, on the same graph —
//! the classic weak-PD Fermi step, so the cost per directed edge can be compared directly.
//!
//! Throughput is in directed edges per step (`Throughput::Elements`): the graph's for the
//! classic step, the ties still alive after the firm run's warm-up for the firm step (ties
//! break and firms exit, so fewer remain; the count before and after the bench is printed).
//! The ratio of the two edges/s figures is the firm step's cost per directed edge relative to
//! the classic step. Run under `RAYON_NUM_THREADS=1` and `=2` to compare thread counts.

use std::hint::black_box;
use std::time::Duration;

use asocia_core::config::{
    GameConfig, InitialConfig, Payoffs, RunConfig, Schedule, SimConfig, UpdateConfig, UpdateRule,
};
use asocia_core::firm::{
    ClusterConfig, DecisionRule, DemographyConfig, Distribution, FineTo, FirmConfig, FirmInit,
    FirmSimulation, LearningConfig, LearningRule, MarketConfig, MonitoringConfig, ProjectConfig,
    ProjectGame, ReputationConfig, SpilloverConfig, Success, TrustConfig, TrustRule,
};
use asocia_core::network::{generate, NetworkSpec};
use asocia_core::Simulation;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

const N: usize = 100_000;

fn classic() -> SimConfig {
    SimConfig {
        game: GameConfig {
            payoffs: Payoffs {
                r: 1.0,
                s: 0.0,
                t: 1.5,
                p: 0.0,
            },
            normalise: false,
            self_interaction: false,
        },
        update: UpdateConfig {
            rule: UpdateRule::Fermi { k: 0.1 },
            schedule: Schedule::Synchronous,
            mutation: 0.0,
        },
        initial: InitialConfig::Random { coop_fraction: 0.5 },
        run: RunConfig {
            steps: u64::MAX >> 9,
            stop_at_absorption: false,
        },
    }
}

fn firms() -> FirmConfig {
    FirmConfig {
        init: FirmInit {
            capital: Distribution::Lognormal { mean: 5.0, sd: 3.0 },
            productivity: Distribution::Normal { mean: 1.0, sd: 0.3 },
            opportunism: Distribution::Beta {
                alpha: 2.0,
                beta: 3.0,
            },
        },
        trust: TrustConfig {
            initial: 0.6,
            rule: TrustRule::Asymmetric { up: 0.1, down: 0.3 },
            decay: 0.05,
            break_below: 0.02,
        },
        decision: DecisionRule::Logistic { beta: 10.0 },
        project: ProjectConfig {
            game: ProjectGame::CostSharing { v: 0.6, c: 0.4 },
            rate: 0.8,
            transaction_cost: 0.02,
        },
        monitoring: MonitoringConfig {
            q: 0.3,
            fine: 0.3,
            fine_to: FineTo::Victim,
            reputation_loss: 0.2,
        },
        reputation: ReputationConfig {
            weight: 0.5,
            recovery: 0.05,
        },
        learning: LearningConfig {
            rule: LearningRule::Fermi { k: 0.1 },
            rate: 0.2,
            success: Success::Network,
            mutation: 0.05,
            mutation_sd: 0.05,
        },
        market: MarketConfig {
            price: 1.0,
            access: 1.0,
            fixed_cost: 1.0,
            shock_sd: 0.3,
            crisis_prob: 0.05,
            crisis_depth: 0.4,
        },
        spillover: SpilloverConfig { rate: 0.05 },
        demography: DemographyConfig {
            exit_below: 0.0,
            entry: 1.0,
            entry_ties: 4,
        },
        cluster: ClusterConfig {
            groups: Vec::new(),
            discount: 0.5,
            spillover_rate: 0.1,
        },
        steps: 1 << 30,
        network_every: 10,
    }
}

fn step(c: &mut Criterion) {
    let mut group = c.benchmark_group("firm_vs_classic");
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    let threads = rayon::current_num_threads();
    let block = N / 4;
    let network = generate(
        &NetworkSpec::StochasticBlock {
            sizes: vec![block; 4],
            p_in: 7.5 / block as f64,
            p_out: 0.5 / (N - block) as f64,
        },
        7,
    )
    .expect("SBM graph");
    let directed = 2 * network.edge_count();
    eprintln!(
        "N = {N}: {directed} directed edges (mean degree {:.3}), {threads} thread(s)",
        directed as f64 / N as f64
    );
    group.throughput(Throughput::Elements(directed as u64));
    let mut sim = Simulation::new(&network, &classic(), 1).expect("classic scenario");
    group.bench_function(BenchmarkId::new("classic_pd_fermi", N), |b| {
        b.iter(|| {
            sim.step();
            black_box(sim.cooperators())
        })
    });

    let mut firm = FirmSimulation::new(&network, &firms(), 1).expect("firm scenario");
    // Past the initial shake-out of weak firms and untrustworthy ties, into the steady churn
    // the bench measures; throughput counts the directed ties alive then.
    for _ in 0..50 {
        firm.step();
    }
    let live = firm.directed_tie_count();
    eprintln!(
        "firm step: {} firms ever, {} alive, {live} directed ties after warm-up",
        firm.len(),
        firm.alive().filter(|&a| a).count(),
    );
    group.throughput(Throughput::Elements(live as u64));
    group.bench_function(BenchmarkId::new("firm_all_mechanisms", N), |b| {
        b.iter(|| {
            firm.step();
            black_box(firm.tie_count())
        })
    });
    group.finish();
    eprintln!(
        "firm step: {} directed ties after the bench",
        firm.directed_tie_count()
    );
}

criterion_group!(benches, step);
criterion_main!(benches);
