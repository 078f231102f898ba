//! Benchmarks of building a network: `generate` plus the `Csr` snapshot the step loop runs
//! on (built straight from the tie list), for Barabási–Albert (m = 2) and a periodic Moore
//! lattice at N = 10^4, 10^5, 10^6, the same Barabási–Albert build through a petgraph graph
//! (`Csr::from_graph(&net.graph())`, the path runs took before) for comparison, and every
//! generator at N = 10^6 (mean degree about 6).
//!
//! Sample counts and times are kept small so the whole file runs in well under two minutes:
//! `cargo bench --bench network`.

use asocia_core::network::{generate, Csr, Neighbourhood, NetworkSpec};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};
use std::hint::black_box;
use std::time::Duration;

/// Seed of every benchmarked build (fixed, so every sample builds the same graph).
const SEED: u64 = 20_240_611;

/// Generates the network and takes its CSR snapshot straight from the tie list.
fn build(spec: &NetworkSpec) -> Csr {
    let net = generate(spec, SEED).expect("benchmark parameters are valid");
    net.csr()
}

/// Generates the network and takes its CSR snapshot through a petgraph graph.
fn build_via_petgraph(spec: &NetworkSpec) -> Csr {
    let net = generate(spec, SEED).expect("benchmark parameters are valid");
    Csr::from_graph(&net.graph())
}

fn network_build(c: &mut Criterion) {
    let mut group = c.benchmark_group("network_build");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    for side in [100usize, 316, 1000] {
        let n = side * side;
        let ba = NetworkSpec::BarabasiAlbert { n, m: 2 };
        group.bench_with_input(BenchmarkId::new("barabasi_albert_m2", n), &ba, |b, spec| {
            b.iter(|| build(black_box(spec)))
        });
        group.bench_with_input(
            BenchmarkId::new("barabasi_albert_m2_via_petgraph", n),
            &ba,
            |b, spec| b.iter(|| build_via_petgraph(black_box(spec))),
        );
        let moore = NetworkSpec::Lattice {
            width: side,
            height: side,
            neighbourhood: Neighbourhood::Moore,
            periodic: true,
        };
        group.bench_with_input(BenchmarkId::new("moore_periodic", n), &moore, |b, spec| {
            b.iter(|| build(black_box(spec)))
        });
    }
    group.finish();
}

/// Every generator at a million nodes, mean degree about 6 (the "well under a second").
fn generators_at_a_million(c: &mut Criterion) {
    let n = 1_000_000;
    let lattice = |neighbourhood| NetworkSpec::Lattice {
        width: 1000,
        height: 1000,
        neighbourhood,
        periodic: true,
    };
    let specs = [
        ("ring_k6", NetworkSpec::Ring { n, k: 6 }),
        ("von_neumann_periodic", lattice(Neighbourhood::VonNeumann)),
        ("moore_periodic", lattice(Neighbourhood::Moore)),
        (
            "gnp_mean6",
            NetworkSpec::ErdosRenyiGnp {
                n,
                p: 6.0 / n as f64,
            },
        ),
        ("gnm_m3n", NetworkSpec::ErdosRenyiGnm { n, m: 3 * n }),
        (
            "watts_strogatz_k6_p0.1",
            NetworkSpec::WattsStrogatz { n, k: 6, p: 0.1 },
        ),
        (
            "barabasi_albert_m3",
            NetworkSpec::BarabasiAlbert { n, m: 3 },
        ),
        ("random_regular_k6", NetworkSpec::RandomRegular { n, k: 6 }),
        (
            "stochastic_block_1000x1000",
            NetworkSpec::StochasticBlock {
                sizes: vec![1000; 1000],
                p_in: 0.004,
                p_out: 2.0 / n as f64,
            },
        ),
        (
            "random_geometric_periodic",
            NetworkSpec::RandomGeometric {
                n,
                radius: (6.0 / (std::f64::consts::PI * n as f64)).sqrt(),
                periodic: true,
            },
        ),
    ];
    let mut group = c.benchmark_group("generate_1e6");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_secs(1));
    for (name, spec) in &specs {
        group.bench_with_input(BenchmarkId::new(*name, n), spec, |b, spec| {
            b.iter(|| build(black_box(spec)))
        });
    }
    group.finish();
}

criterion_group!(benches, network_build, generators_at_a_million);
criterion_main!(benches);
