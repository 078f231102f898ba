//! Sobol indices do not depend on the output's mean: the indices and intervals of `y` and
//! `y + c` agree (exactly for integer outputs), the Ishigami function and an additive linear
//! model give their analytic indices with and without a large constant added.

use std::f64::consts::PI;

use asocia_stats::design::{Design, Dimension, Level};
use asocia_stats::sensitivity::{sobol_indices, SaltelliOutputs, SobolIndex, SobolOptions};
use proptest::prelude::*;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn ishigami(x: &[Level]) -> f64 {
    let (x1, x2, x3) = (
        x[0].as_f64().unwrap(),
        x[1].as_f64().unwrap(),
        x[2].as_f64().unwrap(),
    );
    x1.sin() + 7.0 * x2.sin().powi(2) + 0.1 * x3.powi(4) * x1.sin()
}

/// Ishigami outputs (a = 7, b = 0.1) on a Saltelli design of `n` base rows, design order.
fn ishigami_outputs(n: usize, seed: Option<u64>) -> (Vec<String>, Vec<f64>) {
    let design = Design::Sobol {
        dims: ["x1", "x2", "x3"]
            .map(|k| Dimension::interval(k, -PI, PI))
            .to_vec(),
        n,
        seed,
    };
    let y = design
        .points()
        .unwrap()
        .iter()
        .map(|p| ishigami(p))
        .collect();
    (design.keys(), y)
}

fn indices(keys: &[String], y: &[f64], resamples: usize) -> Vec<SobolIndex> {
    let out = SaltelliOutputs::from_design_order(y, keys.len()).unwrap();
    let opts = SobolOptions {
        resamples,
        ..SobolOptions::default()
    };
    sobol_indices(keys, &out, &opts).unwrap()
}

/// The six numbers of an index row: value and interval of the first-order and total index.
fn numbers(s: &SobolIndex) -> [f64; 6] {
    [
        s.first,
        s.first_ci_low,
        s.first_ci_high,
        s.total,
        s.total_ci_low,
        s.total_ci_high,
    ]
}

#[track_caller]
fn assert_same_indices(a: &[SobolIndex], b: &[SobolIndex], tol: f64, what: &str) {
    let mut worst = 0.0_f64;
    for (x, y) in a.iter().zip(b) {
        for (u, v) in numbers(x).into_iter().zip(numbers(y)) {
            worst = worst.max((u - v).abs());
            assert!((u - v).abs() <= tol, "{what}: {x:?} vs {y:?}");
        }
    }
    eprintln!("{what}: largest difference {worst:.2e} (tolerance {tol:.0e})");
}

/// The regression of a firm sweep whose `alive_final` (a count near 10³) got S = −15.75 with
/// an interval [−450, 389] while the centred outputs gave 0.83: the first-order estimator
/// `mean(f_B·(f_AB − f_A))` carried `c·mean(f_AB − f_A)` for an output shifted by `c`.
///
/// Adding `c` to outputs of standard deviation σ only rounds each output by at most half an
/// ulp of `c` (ulp(10⁶) = 2^−33 ≈ 1.2·10⁻¹⁰, ulp(10⁹) = 2^−23 ≈ 1.2·10⁻⁷); an index moves by
/// a few of those relative errors, u/σ. Ishigami outputs have σ ≈ 3.7: u/σ ≈ 1.6·10⁻¹¹ at
/// 10⁶ and 1.6·10⁻⁸ at 10⁹; scaled by 10⁻³ (σ ≈ 3.7·10⁻³, a tiny-variance output) and
/// shifted by 10⁹, u/σ ≈ 1.6·10⁻⁵. The tolerances (10⁻⁹, 10⁻⁶, 10⁻³) are about 60 times
/// those; measured: 1.5·10⁻¹², 1.6·10⁻⁹ and 1.1·10⁻⁶. The uncentred estimator was off by
/// whole units (S of x1 = −21, interval [−17 369, 19 329], for y + 10⁶).
#[test]
fn sobol_indices_of_an_output_with_a_large_mean_equal_those_of_the_centred_output() {
    let (keys, y) = ishigami_outputs(1 << 10, Some(5));
    let base = indices(&keys, &y, 200);
    let shifted = |c: f64, scale: f64| -> Vec<f64> { y.iter().map(|v| scale * v + c).collect() };
    assert_same_indices(
        &base,
        &indices(&keys, &shifted(1e6, 1.0), 200),
        1e-9,
        "y + 1e6",
    );
    assert_same_indices(
        &base,
        &indices(&keys, &shifted(1e9, 1.0), 200),
        1e-6,
        "y + 1e9",
    );
    let small = indices(&keys, &shifted(0.0, 1e-3), 200);
    assert_same_indices(&base, &small, 1e-12, "1e-3·y");
    assert_same_indices(
        &small,
        &indices(&keys, &shifted(1e9, 1e-3), 200),
        1e-3,
        "1e-3·y + 1e9",
    );
}

/// Analytic Ishigami indices (a = 7, b = 0.1): V1 = (1 + bπ⁴/5)²/2 = 4.3459, V2 = a²/8 =
/// 6.125, V13 = 8b²π⁸/225 = 3.3737, V = 13.8446; S = (0.3139, 0.4424, 0),
/// ST = (0.5576, 0.4424, 0.2437).
fn ishigami_analytic() -> ([f64; 3], [f64; 3]) {
    let v1 = 0.5 * (1.0 + 0.1 * PI.powi(4) / 5.0).powi(2);
    let v2 = 49.0 / 8.0;
    let v13 = 8.0 * 0.01 * PI.powi(8) / 225.0;
    let v = v1 + v2 + v13;
    ([v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v])
}

/// 10⁴ base rows (5·10⁴ evaluations) of the Sobol design, unshifted and with a digital shift;
/// the outputs as they are and plus 10⁴. The tolerance, 0.01, is the one of the N = 2^13 test
/// in `sensitivity.rs` (five times the quasi-Monte Carlo error observed there); the same
/// tolerance must hold with the constant added.
#[test]
fn ishigami_plus_a_large_constant_gives_the_ishigami_indices() {
    let (s, st) = ishigami_analytic();
    for seed in [None, Some(7)] {
        let (keys, y) = ishigami_outputs(10_000, seed);
        let plus: Vec<f64> = y.iter().map(|v| v + 1e4).collect();
        for (what, out) in [("y", &y), ("y + 1e4", &plus)] {
            let idx = indices(&keys, out, 100);
            for i in 0..3 {
                let x = &idx[i];
                eprintln!(
                    "ishigami {seed:?} {what} {}: S {:.4} (analytic {:.4}), ST {:.4} (analytic {:.4})",
                    x.key, x.first, s[i], x.total, st[i]
                );
                assert!((x.first - s[i]).abs() < 0.01, "{seed:?} {what} {x:?}");
                assert!((x.total - st[i]).abs() < 0.01, "{seed:?} {what} {x:?}");
            }
        }
    }
}

/// `y = c + Σ a_i x_i` with x_i i.i.d. uniform on [0, 1], evaluated on i.i.d. (ChaCha8) A and
/// B matrices of `n` rows: the Saltelli blocks in design order.
fn linear_outputs(a: &[f64], c: f64, n: usize, seed: u64) -> Vec<f64> {
    let d = a.len();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut draw = || -> Vec<Vec<f64>> {
        (0..n)
            .map(|_| (0..d).map(|_| rng.random::<f64>()).collect())
            .collect()
    };
    let (ma, mb) = (draw(), draw());
    let f = |x: &[f64]| c + a.iter().zip(x).map(|(ai, xi)| ai * xi).sum::<f64>();
    let mut y: Vec<f64> = ma.iter().map(|r| f(r)).collect();
    y.extend(mb.iter().map(|r| f(r)));
    for i in 0..d {
        y.extend(ma.iter().zip(&mb).map(|(ra, rb)| {
            let mut r = ra.clone();
            r[i] = rb[i];
            f(&r)
        }));
    }
    y
}

/// Monte Carlo standard errors of the two estimators for the linear model, for i.i.d. rows.
/// With u = x − ½ (E u² = 1/12, E u⁴ = 1/80), A₂ = Σa², V = A₂/12, V_i = a_i²/12:
///
/// * variance: V̂ is the variance of 2N outputs W = Σ a_j u_j, so Var V̂ ≈ (E W⁴ − V²)/(2N)
///   with E W⁴ = Σa⁴/80 + 3(A₂² − Σa⁴)/144;
/// * first order: the row term is a_i D·W_B with D = u_i^B − u_i^A (the centring by the sample
///   mean adds O(1/N)); E[D²] = 1/6, E[D²u²] = 1/80 + 1/144 = 7/360, so its variance is
///   a_i²(a_i²·7/360 + (A₂ − a_i²)/72) − V_i²;
/// * total: the row term is a_i²D²/2 with E D⁴ = 1/15, variance a_i⁴(1/15 − 1/36)/4.
///
/// Returned as (se of the first-order numerator, se of the total numerator, se of V̂).
fn linear_standard_errors(a: &[f64], i: usize, n: usize) -> (f64, f64, f64) {
    let n = n as f64;
    let a2: f64 = a.iter().map(|x| x * x).sum();
    let a4: f64 = a.iter().map(|x| x.powi(4)).sum();
    let (ai2, v, vi) = (a[i] * a[i], a2 / 12.0, a[i] * a[i] / 12.0);
    let w4 = a4 / 80.0 + 3.0 * (a2 * a2 - a4) / 144.0;
    let var_first = ai2 * (ai2 * 7.0 / 360.0 + (a2 - ai2) / 72.0) - vi * vi;
    let var_total = ai2 * ai2 * (1.0 / 15.0 - 1.0 / 36.0) / 4.0;
    (
        (var_first / n).sqrt(),
        (var_total / n).sqrt(),
        ((w4 - v * v) / (2.0 * n)).sqrt(),
    )
}

/// An additive model has S_i = ST_i = a_i²/Σa². For a = (1, 2, 3): 1/14, 4/14, 9/14. The
/// estimate is a ratio N̂/V̂, so |Ŝ − S| ≤ (|N̂ − V_i| + S·|V̂ − V|)/V̂; the tolerance takes
/// each deviation at four Monte Carlo standard errors (derived in `linear_standard_errors`):
/// at N = 10⁵ it is 0.0055–0.0207 for the first-order and 0.0018–0.0164 for the total
/// indices, with a chance below 10⁻⁴ to be exceeded for any seed.
#[test]
fn additive_linear_model_has_its_exact_indices() {
    let a = [1.0, 2.0, 3.0];
    let n = 100_000;
    let keys: Vec<String> = ["x1", "x2", "x3"].map(String::from).to_vec();
    let a2: f64 = a.iter().map(|x| x * x).sum();
    for c in [0.0, 1e4] {
        let idx = indices(&keys, &linear_outputs(&a, c, n, 11), 0);
        for i in 0..3 {
            let exact = a[i] * a[i] / a2;
            let (se1, set, sev) = linear_standard_errors(&a, i, n);
            let v = a2 / 12.0;
            let tol_first = 4.0 * (se1 + exact * sev) / v;
            let tol_total = 4.0 * (set + exact * sev) / v;
            let x = &idx[i];
            eprintln!(
                "linear c = {c} {}: S {:.5}, ST {:.5}, exact {exact:.5} (tolerances {tol_first:.4}, {tol_total:.4})",
                x.key, x.first, x.total
            );
            assert!((x.first - exact).abs() < tol_first, "c = {c}: {x:?}");
            assert!((x.total - exact).abs() < tol_total, "c = {c}: {x:?}");
        }
    }
}

proptest! {
    /// Integer outputs shifted by an integer below 2^40 are exact in floating point, so the
    /// indices and intervals of `y` and `y + c` are the same numbers, bit for bit.
    #[test]
    fn indices_of_integer_outputs_do_not_depend_on_an_integer_shift(
        y in prop::collection::vec(-1000_i64..1000, 5 * 4..5 * 12),
        c in -(1_i64 << 40)..(1_i64 << 40),
    ) {
        let n = y.len() / 5;
        let y: Vec<f64> = y[..5 * n].iter().map(|&v| v as f64).collect();
        let keys: Vec<String> = ["p", "q", "r"].map(String::from).to_vec();
        let out = SaltelliOutputs::from_design_order(&y, 3).unwrap();
        let plus: Vec<f64> = y.iter().map(|v| v + c as f64).collect();
        let out_plus = SaltelliOutputs::from_design_order(&plus, 3).unwrap();
        let opts = SobolOptions { resamples: 50, ..SobolOptions::default() };
        let a = sobol_indices(&keys, &out, &opts);
        let b = sobol_indices(&keys, &out_plus, &opts);
        match (a, b) {
            (Ok(a), Ok(b)) => {
                for (x, z) in a.iter().zip(&b) {
                    let (u, v) = (numbers(x), numbers(z));
                    for (p, q) in u.iter().zip(&v) {
                        prop_assert!(p == q || (p.is_nan() && q.is_nan()), "{x:?} vs {z:?}");
                    }
                }
            }
            (a, b) => prop_assert_eq!(a.is_err(), b.is_err()),
        }
    }
}
