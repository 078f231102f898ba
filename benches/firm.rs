//! Benchmark of one firm-economy step with every mechanism on (market shocks and crises,
//! logistic decisions, cost-sharing projects with transaction costs, monitoring with fines,
//! reputation, asymmetric trust with decay and tie breaks, Fermi learning with mutation,
//! spillovers with a cluster bonus, exit and entry) at N = 10^5 firms, mean degree 8
//! (stochastic block model, 4 groups), and — in the same criterion run, on the same graph —
//! the classic weak-PD Fermi step, so the cost per directed edge can be compared directly.
//!
//! Throughput is in directed edges per step (`Throughput::Elements`): the graph's for the
//! classic step, the ties alive at the measured state for the firm step. The ratio of the
//! two edges/s figures is the firm step's cost per directed edge relative to the classic
//! step. Run under `RAYON_NUM_THREADS=1` and `=2` to compare thread counts.
//!
//! The case `steady_formation` adds tie formation and fairs to `steady`: its time over
//! `steady`'s is the cost of the topology-changing step (at most 2×).
//!
//! Every sample steps a fresh clone of a fixed state (made, and stepped once, outside the
//! timing): the classic game from step 26 of a random half-cooperating start (as in the
//! `step` bench), each firm economy from step 51. Stepping one simulation on and on would drift (towards absorption,
//! towards fewer ties) while the throughput still counted the starting edges. The firm
//! economy is measured in two regimes, `steady` (about 7.9 live ties per firm) and
//! `shakeout` (about 4.3, after untrustworthy ties broke); see `step` below.

use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "common.rs"]
mod common;

use asocia_core::firm::{AllianceConfig, AllianceForm, AnchorConfig};
use asocia_core::firm::{AssociationConfig, AssociationSource, BuyingGroupConfig};
use asocia_core::firm::{
    ClusterConfig, DecisionRule, DemographyConfig, Distribution, FineTo, FirmConfig, FirmInit,
    FirmSimulation, LearningConfig, LearningRule, MarketConfig, MonitoringConfig,
    OptionalMechanisms, ProjectConfig, ProjectGame, ReputationConfig, SpilloverConfig, Success,
    TrustConfig, TrustRule,
};
use asocia_core::firm::{FairConfig, FormationConfig, StartTrust};
use asocia_core::network::{generate, NetworkSpec};
use asocia_core::Simulation;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

const N: usize = 100_000;

/// Firm steps run before the snapshot the firm bench measures.
const WARM_UP: usize = 50;

/// Every firm mechanism on; opportunism drawn from Beta(2, `opportunism_beta`).
fn firms(opportunism_beta: f64) -> FirmConfig {
    FirmConfig {
        init: FirmInit {
            capital: Distribution::Lognormal { mean: 5.0, sd: 3.0 },
            productivity: Distribution::Normal { mean: 1.0, sd: 0.3 },
            opportunism: Distribution::Beta {
                alpha: 2.0,
                beta: opportunism_beta,
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
        optional: OptionalMechanisms::default(),
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

/// Times `iters` steps of a fresh clone of `snapshot`, so every sample starts from the same
/// state: stepping one simulation on and on would drift (the classic game towards
/// absorption, the firm economy towards fewer ties). The clone, `prepare` and one first step
/// are outside the timing.
fn steps_from<S: Clone>(
    snapshot: &S,
    iters: u64,
    prepare: impl FnOnce(&mut S),
    mut step: impl FnMut(&mut S),
) -> Duration {
    let mut s = snapshot.clone();
    prepare(&mut s);
    step(&mut s);
    let t = Instant::now();
    for _ in 0..iters {
        step(&mut s);
    }
    let elapsed = t.elapsed();
    black_box(&s);
    elapsed
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

    // The classic step from two states of a random half-cooperating start: `late`, step 26
    // (as in the `step` bench; on this graph defection has nearly taken over by then) and
    // `mixed`, step 1 (half the agents cooperate). The ratio uses `late`; `mixed` shows
    // whether the reference depends on the state (on 2 cores it measured the same).
    for (name, warm_up) in [("late", 25), ("mixed", 0)] {
        let mut sim = Simulation::new(&network, &common::weak_pd_fermi(u64::MAX >> 9), 1)
            .expect("classic scenario");
        for _ in 0..warm_up {
            sim.step();
        }
        eprintln!(
            "classic step ({name}): {} cooperators at the snapshot",
            sim.cooperators()
        );
        group.throughput(Throughput::Elements(directed as u64));
        group.bench_function(BenchmarkId::new("classic_pd_fermi", name), |b| {
            b.iter_custom(|iters| steps_from(&sim, iters, |_| {}, |s| s.step()))
        });
    }

    // Two firm economies on the same graph, each measured from a snapshot taken after
    // `WARM_UP` steps. `steady`: opportunism ~ Beta(2, 8) (mean 0.2); few ties break, so the
    // measured state keeps the graph's mean degree of about 8 that the target refers to, with
    // every mechanism still at work (defections, detections and fines, trust updates, tie
    // breaks, exits and entries, learning, mutation, crises, spillovers). `shakeout`:
    // opportunism ~ Beta(2, 3) (mean 0.4); untrustworthy ties break in the first steps, and
    // the snapshot has about 4.3 ties per firm, so per-firm work weighs more per tie.
    // `steady_associations`: `steady` with every association of the network's groups on
    // (fees, trust in the association, departures, joins through trusted partners), whose
    // per-firm pass is to cost at most half the firm step more. `steady_formation`: `steady`
    // with every tie formation mechanism on (closure, meetings, 2 introductions per group
    // and step, a fair every 10 steps, a cap of 16 ties, start trust from reputation), a
    // topology-changing step (new ties, re-layouts) that is to cost at most twice `steady`.
    // `steady_chains`: `steady` with temporary alliances (20 contracts a step needing three
    // firms' capacity, a consorcio) and 20 anchor firms tied to 200 suppliers each (formed
    // at step 1, before the snapshot): their sequential passes touch only the takers',
    // members' and anchors' ties. `steady_schemes`: `steady_associations` with every scheme
    // of the associations on as well (a buying group with free-riding, monitoring paid from
    // the treasury, fines and expulsion), to cost at most half the firm step more than
    // `steady`.
    for (name, opportunism_beta, associations, schemes) in [
        ("steady", 8.0, false, false),
        ("shakeout", 3.0, false, false),
        ("steady_associations", 8.0, true, false),
        ("steady_formation", 8.0, false, false),
        ("steady_chains", 8.0, false, false),
        ("steady_schemes", 8.0, true, true),
    ] {
        let mut cfg = firms(opportunism_beta);
        if name == "steady_formation" {
            cfg.optional.formation = FormationConfig {
                closure: 0.02,
                closure_trust: 0.6,
                meeting: 0.005,
                introductions: 2.0,
                introduction_cost: 0.01,
                max_ties: 16,
                start_trust: StartTrust::Reputation,
                ..FormationConfig::default()
            };
            cfg.optional.fair = FairConfig {
                every: 10,
                share: 0.1,
                meetings: 3,
                form: 0.3,
                access: 0.05,
                duration: 5,
                cost: 0.01,
            };
        }
        if schemes {
            cfg.optional.buying_group = BuyingGroupConfig {
                quantity: 0.05,
                unit_cost: 0.2,
                discount: 0.3,
                saturation: 1000,
                free_ride: 0.5,
                monitoring: 0.5,
                fine: 0.01,
                expel: true,
                monitoring_cost: 0.0001,
            };
        }
        if associations {
            cfg.optional.association = AssociationConfig {
                from: AssociationSource::List,
                members: (0..N as u32).step_by(2).collect(),
                fee: 0.001,
                initial_trust: 0.6,
                trust_rate: 0.1,
                leave_below: 0.3,
                join: 0.2,
                join_trust: 0.5,
            };
        }
        if name == "steady_chains" {
            cfg.optional.alliance = AllianceConfig {
                rate: 20.0,
                value: 3.0,
                capacity: 2.5,
                penalty: 1.0,
                min_trust: 0.4,
                form: AllianceForm::Consorcio,
            };
            cfg.optional.anchor = AnchorConfig {
                count: 20,
                suppliers: 200,
                price: 0.01,
                resale: 1.1,
                assistance: 0.001,
            };
        }
        let mut firm = FirmSimulation::new(&network, &cfg, 1).expect("firm scenario");
        for _ in 0..WARM_UP {
            firm.step();
        }
        let live = firm.directed_tie_count();
        let mut probe = firm.clone();
        for _ in 0..50 {
            probe.step();
        }
        eprintln!(
            "firm step ({name}): {} firms ever, {} alive, {live} directed ties at the snapshot \
             (mean degree {:.3}); 50 steps later {} directed ties, {} exits and {} entries in \
             those steps, mean opportunism {:.3}",
            firm.len(),
            firm.alive().filter(|&a| a).count(),
            live as f64 / N as f64,
            probe.directed_tie_count(),
            probe.exits() - firm.exits(),
            probe.len() - firm.len(),
            firm.opportunism().iter().sum::<f64>() / firm.len() as f64,
        );
        group.throughput(Throughput::Elements(live as u64));
        group.bench_function(BenchmarkId::new("firm_all_mechanisms", name), |b| {
            // A clone's arrays have no spare capacity: its first entrant would copy
            // every array (about 8 ms here), which a long run pays once, when they double.
            b.iter_custom(|iters| steps_from(&firm, iters, |s| s.reserve(4096), |s| s.step()))
        });
    }
    group.finish();
}

criterion_group!(benches, step);
criterion_main!(benches);
