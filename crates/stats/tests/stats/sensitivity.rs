//! Sobol indices on functions with known indices, and main effects of grids.

use std::f64::consts::PI;

use asocia_stats::design::{Design, Dimension, Level};
use asocia_stats::sensitivity::{
    main_effects, sobol_indices, SaltelliOutputs, SobolIndex, SobolOptions,
};
use asocia_stats::StatsError;

use crate::assert_close;

const A: f64 = 7.0;
const B: f64 = 0.1;

fn ishigami(x: &[Level]) -> f64 {
    let (x1, x2, x3) = (
        x[0].as_f64().unwrap(),
        x[1].as_f64().unwrap(),
        x[2].as_f64().unwrap(),
    );
    x1.sin() + A * x2.sin().powi(2) + B * x3.powi(4) * x1.sin()
}

/// Analytic first-order and total indices of the Ishigami function (Ishigami & Homma 1990;
/// Sobol' & Levitan 1999): V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V13 = 8b²π⁸/225.
fn ishigami_analytic() -> ([f64; 3], [f64; 3]) {
    let v1 = 0.5 * (1.0 + B * PI.powi(4) / 5.0).powi(2);
    let v2 = A * A / 8.0;
    let v13 = 8.0 * B * B * PI.powi(8) / 225.0;
    let v = v1 + v2 + v13;
    ([v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v])
}

fn ishigami_indices(n: usize, seed: Option<u64>) -> Vec<SobolIndex> {
    let design = Design::Sobol {
        dims: ["x1", "x2", "x3"]
            .map(|k| Dimension::interval(k, -PI, PI))
            .to_vec(),
        n,
        seed,
    };
    let y: Vec<f64> = design
        .points()
        .unwrap()
        .iter()
        .map(|p| ishigami(p))
        .collect();
    let outputs = SaltelliOutputs::from_design_order(&y, 3).unwrap();
    sobol_indices(&design.keys(), &outputs, &SobolOptions::default()).unwrap()
}

#[test]
fn ishigami_analytic_values_are_the_published_ones() {
    let (s, st) = ishigami_analytic();
    for (x, e) in s.iter().zip([0.314, 0.442, 0.0]) {
        assert!((x - e).abs() < 5e-4);
    }
    for (x, e) in st.iter().zip([0.558, 0.442, 0.244]) {
        assert!((x - e).abs() < 5e-4);
    }
}

/// N = 2^13 base rows (5 · 2^13 = 40 960 evaluations). Observed errors are at most 0.002 for
/// the plain sequence and two digital shifts (measured: S = 0.3148, 0.4424, 0.0008;
/// ST = 0.5586, 0.4424, 0.2434 unshifted), while an i.i.d. Monte Carlo estimate at this N has a
/// standard error near 0.015 (the bootstrap half-widths are about 0.03). A tolerance of 0.01 is
/// five times the observed quasi-Monte Carlo error, yet small enough that a wrong estimator
/// (A and B swapped, a variance of f(A) only, the 2007 first-order form, a missing ½ in
/// Jansen's) is caught.
const ISHIGAMI_TOLERANCE: f64 = 0.01;

#[test]
fn ishigami_indices_within_tolerance_at_n_2_to_13() {
    let (s, st) = ishigami_analytic();
    for seed in [None, Some(1), Some(2)] {
        let idx = ishigami_indices(1 << 13, seed);
        assert_eq!(
            idx.iter().map(|i| i.key.as_str()).collect::<Vec<_>>(),
            ["x1", "x2", "x3"]
        );
        for i in 0..3 {
            let x = &idx[i];
            assert!(
                (x.first - s[i]).abs() < ISHIGAMI_TOLERANCE,
                "{seed:?} {x:?}"
            );
            assert!(
                (x.total - st[i]).abs() < ISHIGAMI_TOLERANCE,
                "{seed:?} {x:?}"
            );
            assert!(
                x.first_ci_low <= s[i] && s[i] <= x.first_ci_high,
                "{seed:?} {x:?}"
            );
            assert!(
                x.total_ci_low <= st[i] && st[i] <= x.total_ci_high,
                "{seed:?} {x:?}"
            );
        }
    }
}

#[test]
fn additive_model_has_equal_first_and_total_indices() {
    // y = x1 + 2·x2 on the unit square: V1 = 1/12, V2 = 4/12, S = (0.2, 0.8) = ST.
    let design = Design::Sobol {
        dims: vec![
            Dimension::interval("x1", 0.0, 1.0),
            Dimension::interval("x2", 0.0, 1.0),
        ],
        n: 1 << 12,
        seed: Some(3),
    };
    let y: Vec<f64> = design
        .points()
        .unwrap()
        .iter()
        .map(|p| p[0].as_f64().unwrap() + 2.0 * p[1].as_f64().unwrap())
        .collect();
    let out = SaltelliOutputs::from_design_order(&y, 2).unwrap();
    let idx = sobol_indices(&design.keys(), &out, &SobolOptions::default()).unwrap();
    for (x, e) in idx.iter().zip([0.2, 0.8]) {
        assert!((x.first - e).abs() < 0.005, "{x:?}");
        assert!((x.total - e).abs() < 0.005, "{x:?}");
    }
}

#[test]
fn sobol_bootstrap_is_deterministic_for_a_seed() {
    let a = ishigami_indices(256, Some(4));
    let b = ishigami_indices(256, Some(4));
    assert_eq!(a, b);
}

#[test]
fn zero_resamples_skip_the_intervals() {
    let out = SaltelliOutputs {
        f_a: vec![1.0, 2.0, 3.0],
        f_b: vec![2.0, 1.0, 0.0],
        f_ab: vec![vec![2.0, 1.0, 0.0]],
    };
    let opts = SobolOptions {
        resamples: 0,
        ..SobolOptions::default()
    };
    let idx = sobol_indices(&["x".to_string()], &out, &opts).unwrap();
    // By hand: the six outputs have mean f̄ = 9/6 = 1.5 and V = 5.5/6 = 11/12;
    // f_B − f̄ = (0.5, −0.5, −1.5), f_AB − f_A = (1, −1, −3), so
    // S = mean((f_B − f̄)·(f_AB − f_A))/V = ((0.5 + 0.5 + 4.5)/3)/V = (11/6)/(11/12) = 2;
    // ST = mean((f_A − f_AB)²)/2/V = ((1 + 1 + 9)/6)/V = 2 (three rows are far too few to be
    // near 1). The uncentred first-order form mean(f_B·(f_AB − f_A))/V gave (1/3)/V = 4/11.
    assert_close(idx[0].first, 2.0, 1e-14);
    assert_close(idx[0].total, 2.0, 1e-14);
    assert!(idx[0].first_ci_low.is_nan() && idx[0].total_ci_high.is_nan());
}

#[test]
fn intervals_wider_than_the_unit_range_are_flagged() {
    let index = |first: (f64, f64), total: (f64, f64)| SobolIndex {
        key: "x".into(),
        first: 0.5,
        first_ci_low: first.0,
        first_ci_high: first.1,
        total: 0.5,
        total_ci_low: total.0,
        total_ci_high: total.1,
    };
    // Widths 1.1 (wide) and 0.95 (not); exactly 1 is not wider than the range.
    let w: Vec<_> = index((-0.2, 0.9), (0.1, 1.05)).wide_intervals().collect();
    assert_eq!(w, [("first", -0.2, 0.9)]);
    let w: Vec<_> = index((-450.0, 389.0), (-0.5, 1.5))
        .wide_intervals()
        .collect();
    assert_eq!(w, [("first", -450.0, 389.0), ("total", -0.5, 1.5)]);
    assert_eq!(index((0.0, 1.0), (0.0, 1.0)).wide_intervals().count(), 0);
    assert_eq!(
        index((f64::NAN, f64::NAN), (f64::NAN, f64::NAN))
            .wide_intervals()
            .count(),
        0
    );
    // Measured: Ishigami on N = 8 base rows has intervals wider than 1, on N = 2^13 none.
    assert!(ishigami_indices(8, Some(1))
        .iter()
        .any(|s| s.wide_intervals().count() > 0));
    assert!(ishigami_indices(1 << 13, None)
        .iter()
        .all(|s| s.wide_intervals().count() == 0));
}

#[test]
fn bad_outputs_are_typed_errors() {
    assert_eq!(
        SaltelliOutputs::from_design_order(&[1.0; 11], 3),
        Err(StatsError::NotSaltelliShape {
            len: 11,
            dimensions: 3
        })
    );
    assert!(SaltelliOutputs::from_design_order(&[1.0; 10], 0).is_err());
    let keys = ["x".to_string()];
    let constant = SaltelliOutputs::from_design_order(&[2.0; 9], 1).unwrap();
    assert_eq!(
        sobol_indices(&keys, &constant, &SobolOptions::default()),
        Err(StatsError::ZeroVariance)
    );
    let ragged = SaltelliOutputs {
        f_a: vec![1.0, 2.0],
        f_b: vec![1.0, 2.0],
        f_ab: vec![vec![1.0]],
    };
    assert_eq!(
        sobol_indices(&keys, &ragged, &SobolOptions::default()),
        Err(StatsError::LengthMismatch { left: 2, right: 1 })
    );
    let mut y = vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    y[4] = f64::INFINITY;
    let inf = SaltelliOutputs::from_design_order(&y, 1).unwrap();
    assert_eq!(
        sobol_indices(&keys, &inf, &SobolOptions::default()),
        Err(StatsError::NonFinite {
            sample: "f(AB_i)",
            index: 0
        })
    );
}

#[test]
fn main_effects_of_a_grid() {
    // y = 2·x + [g = "b"] on x ∈ {0, 1, 2} × g ∈ {a, b}: grand mean 2.5.
    let design = Design::Grid(vec![
        Dimension::step("x", 0.0, 2.0, 1.0),
        Dimension::list("g", ["a", "b"]),
    ]);
    let pts = design.points().unwrap();
    let y: Vec<f64> = pts
        .iter()
        .map(|p| 2.0 * p[0].as_f64().unwrap() + if p[1] == Level::from("b") { 1.0 } else { 0.0 })
        .collect();
    let me = main_effects(&design.keys(), &pts, &y).unwrap();
    let rows: Vec<(String, String, u64, f64, f64)> = me
        .iter()
        .map(|m| (m.key.clone(), m.level.to_string(), m.n, m.mean, m.effect))
        .collect();
    let expected = [
        ("x", "0", 2, 0.5, -2.0),
        ("x", "1", 2, 2.5, 0.0),
        ("x", "2", 2, 4.5, 2.0),
        ("g", "a", 3, 2.0, -0.5),
        ("g", "b", 3, 3.0, 0.5),
    ]
    .map(|(k, l, n, m, e)| (k.to_string(), l.to_string(), n, m, e));
    assert_eq!(rows, expected);
}

#[test]
fn main_effects_errors() {
    let keys = ["x".to_string()];
    let pts = vec![vec![Level::Int(1)], vec![Level::Int(2)]];
    assert_eq!(
        main_effects(&keys, &pts, &[1.0]),
        Err(StatsError::LengthMismatch { left: 2, right: 1 })
    );
    assert_eq!(main_effects(&keys, &[], &[]), Err(StatsError::Empty));
    assert_eq!(
        main_effects(&keys, &[vec![]], &[1.0]),
        Err(StatsError::LengthMismatch { left: 1, right: 0 })
    );
}
