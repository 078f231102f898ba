//! Benchmarks of building a network: `generate` plus the `Csr` snapshot the step loop runs
//! on, for Barabási–Albert (m = 2) and a periodic Moore lattice at N = 10^4, 10^5, 10^6.
//!
//! Sample counts and times are kept small so the whole file runs in well under two minutes:
//! `cargo bench --bench network`.

use asocia_core::network::{generate, Csr, Neighbourhood, NetworkSpec};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};
use std::hint::black_box;
use std::time::Duration;

/// Seed of every benchmarked build (fixed, so every sample builds the same graph).
const SEED: u64 = 20_240_611;

/// Generates the network and takes its CSR snapshot.
fn build(spec: &NetworkSpec) -> Csr {
    let net = generate(spec, SEED).expect("benchmark parameters are valid");
    Csr::from_graph(&net.graph)
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

criterion_group!(benches, network_build);
criterion_main!(benches);
