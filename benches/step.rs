//! Benchmark of one step of the reference scenario: weak prisoner's dilemma (R = 1, T = b = 1.5,
//! S = P = 0, accumulated payoffs, no self-interaction), synchronous Fermi (K = 0.1) against one
//! random neighbour, on a Barabási–Albert graph (m = 2) with half the agents cooperating at
//! random, N = 10^4, 10^5, 10^6.
//!
//! Throughput is reported in agent-steps per second (`Throughput::Elements(N)`); the
//! directed-edge visits per second are that figure times the mean degree (≈ 4, printed at setup).
//! Run under `RAYON_NUM_THREADS=1` and `RAYON_NUM_THREADS=2` to compare thread counts.
//!
//! The timed step is always step 26 of the same run (a clone of the state after 25 steps, made
//! outside the timing): the reference figure is the mean over the first 50 steps from the random
//! start, and repeating one mid-transient step keeps the workload fixed, whereas stepping one
//! simulation on and on would drift into the quieter stationary state and flatter the numbers.

use std::hint::black_box;
use std::time::Duration;

#[path = "common.rs"]
mod common;

use asocia_core::classic::config::{
    GroupCost, GroupGame, RiskDraw, RiskGroups, SimConfig, UpdateRule,
};
use asocia_core::network::{generate, Neighbourhood, NetworkSpec};
use asocia_core::Simulation;
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};

fn step(c: &mut Criterion) {
    let mut group = c.benchmark_group("step_fermi_ba");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    let threads = rayon::current_num_threads();
    for n in [10_000usize, 100_000, 1_000_000] {
        let network = generate(&NetworkSpec::BarabasiAlbert { n, m: 2 }, 7).expect("BA graph");
        let mut sim =
            Simulation::new(&network, &common::weak_pd_fermi(50), 1).expect("valid scenario");
        for _ in 0..25 {
            sim.step();
        }
        let directed = sim.csr().directed_edge_count();
        eprintln!(
            "N = {n}: {directed} directed edges (mean degree {:.3}), {threads} thread(s); \
             edge visits/s = agent-steps/s × {:.3}",
            directed as f64 / n as f64,
            directed as f64 / n as f64
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::new(format!("{threads}_threads"), n), |b| {
            b.iter_batched_ref(
                || sim.clone(),
                |s| {
                    s.step();
                    black_box(s.cooperators())
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

/// The spatial public goods game of `scenarios/szolnoki-perc-szabo-2009.toml` (r = 4.5, cost
/// per game, accumulated over the groups), but synchronous Fermi (K = 0.5), half the agents
/// cooperating at random, run for `steps` steps.
fn public_goods_fermi(steps: u64) -> SimConfig {
    let mut cfg = common::weak_pd_fermi(steps);
    cfg.game.group = Some(GroupGame::PublicGoods {
        r: 4.5,
        cost: GroupCost::PerGame,
    });
    cfg.update.rule = UpdateRule::Fermi { k: 0.5 };
    cfg
}

/// One synchronous Fermi (K = 0.5) step of the public goods game (r = 4.5, cost per game) in
/// the five overlapping groups of every agent of a periodic von Neumann lattice,
/// N = 10^5 and 10^6 (`scenarios/szolnoki-perc-szabo-2009.toml` at that size): the group
/// kernel's two passes over the directed edges plus the revision. The timed step is step 26,
/// as above.
fn step_public_goods(c: &mut Criterion) {
    let mut group = c.benchmark_group("step_pgg_lattice");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    let threads = rayon::current_num_threads();
    for side in [316usize, 1000] {
        let n = side * side;
        let spec = NetworkSpec::Lattice {
            width: side,
            height: side,
            neighbourhood: Neighbourhood::VonNeumann,
            periodic: true,
        };
        let network = generate(&spec, 7).expect("lattice");
        let mut sim =
            Simulation::new(&network, &public_goods_fermi(50), 1).expect("valid scenario");
        for _ in 0..25 {
            sim.step();
        }
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::new(format!("{threads}_threads"), n), |b| {
            b.iter_batched_ref(
                || sim.clone(),
                |s| {
                    s.step();
                    black_box(s.cooperators())
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

/// One synchronous Fermi (K = 0.1) step of the collective-risk dilemma (M = 3, r = 0.5,
/// c = 0.1, failures expected and drawn) in the five neighbourhood groups of every agent of a
/// periodic von Neumann lattice of 10^5 agents, beside the public goods step of the same
/// lattice and start in the same run (so their ratio is measured under the same load); and
/// the well-mixed collective-risk step (groups of 6 sampled from 10^5 agents: a table lookup
/// per agent; on an isolated network, since the revision then only needs the payoffs).
fn step_collective_risk(c: &mut Criterion) {
    let mut group = c.benchmark_group("step_crd_lattice");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    let threads = rayon::current_num_threads();
    let side = 316usize;
    let n = side * side;
    let spec = NetworkSpec::Lattice {
        width: side,
        height: side,
        neighbourhood: Neighbourhood::VonNeumann,
        periodic: true,
    };
    let network = generate(&spec, 7).expect("lattice");
    let risk = |groups| {
        let mut cfg = public_goods_fermi(50);
        cfg.game.group = Some(GroupGame::CollectiveRisk {
            threshold: 3,
            risk: 0.5,
            contribution: 0.1,
            endowment: 1.0,
            groups,
        });
        cfg.update.rule = UpdateRule::Fermi { k: 0.1 };
        cfg
    };
    let cases = [
        ("public_goods", public_goods_fermi(50), &network),
        (
            "expected",
            risk(RiskGroups::Neighbourhood {
                draw: RiskDraw::Expected,
            }),
            &network,
        ),
        (
            "drawn",
            risk(RiskGroups::Neighbourhood {
                draw: RiskDraw::Drawn,
            }),
            &network,
        ),
    ];
    let isolated = generate(&NetworkSpec::Isolated { n }, 7).expect("isolated");
    let mixed = (
        "well_mixed",
        risk(RiskGroups::Sampled { size: 6 }),
        &isolated,
    );
    for (name, cfg, net) in cases.into_iter().chain([mixed]) {
        let mut sim = Simulation::new(net, &cfg, 1).expect("valid scenario");
        for _ in 0..25 {
            sim.step();
        }
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(
            BenchmarkId::new(format!("{name}_{threads}_threads"), n),
            |b| {
                b.iter_batched_ref(
                    || sim.clone(),
                    |s| {
                        s.step();
                        black_box(s.cooperators())
                    },
                    BatchSize::LargeInput,
                )
            },
        );
    }
    group.finish();
}

criterion_group!(benches, step, step_public_goods, step_collective_risk);
criterion_main!(benches);
