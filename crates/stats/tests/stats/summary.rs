//! Summaries: the worked sample, degenerate sizes, merging shards, serialisation of NaN.

use asocia_stats::summary::{Accumulator, Summary};
use asocia_stats::StatsError;

use crate::assert_close;

const SAMPLE: [f64; 8] = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];

#[test]
fn ci_of_the_worked_sample_matches_hand_computation() {
    // mean 5; sd = √(32/7) = 2.138089935299395; se = sd/√8; t_{0.975,7} = 2.364624251592784
    // (reference values from SciPy 1.17).
    let s = Summary::of(&SAMPLE);
    assert_eq!(s.n, 8);
    assert_eq!(s.mean, 5.0);
    assert_close(s.sd, 2.138089935299395, 1e-14);
    assert_close(s.sd, (32.0_f64 / 7.0).sqrt(), 1e-14);
    assert_close(s.se, 0.7559289460184544, 1e-14);
    assert_close(s.ci_low, 3.21251208176379, 1e-13);
    assert_close(s.ci_high, 6.787487918236209, 1e-13);
    assert_eq!((s.min, s.max), (2.0, 9.0));
}

#[test]
fn ci_at_90_percent_uses_t_095() {
    let acc: Accumulator = SAMPLE.into_iter().collect();
    let s = acc.summary_at(0.90).unwrap();
    assert_close(s.ci_low, 3.5678331919051978, 1e-13);
    assert_close(s.ci_high, 6.432166808094802, 1e-13);
}

#[test]
fn invalid_level_is_an_error() {
    let acc: Accumulator = SAMPLE.into_iter().collect();
    for level in [0.0, 1.0, 95.0, f64::NAN] {
        assert!(matches!(
            acc.summary_at(level),
            Err(StatsError::InvalidLevel { .. })
        ));
    }
}

#[test]
fn one_value_has_no_spread() {
    let s = Summary::of(&[3.5]);
    assert_eq!((s.n, s.mean, s.min, s.max), (1, 3.5, 3.5, 3.5));
    assert!(s.sd.is_nan() && s.se.is_nan() && s.ci_low.is_nan() && s.ci_high.is_nan());
}

#[test]
fn no_values_give_nan_everywhere() {
    let s = Summary::of(&[]);
    assert_eq!(s.n, 0);
    for x in [s.mean, s.sd, s.se, s.ci_low, s.ci_high, s.min, s.max] {
        assert!(x.is_nan());
    }
}

#[test]
fn constant_sample_has_an_exact_degenerate_interval() {
    let s = Summary::of(&[0.1; 10]);
    assert_eq!((s.mean, s.sd, s.ci_low, s.ci_high), (0.1, 0.0, 0.1, 0.1));
}

#[test]
fn nan_poisons_the_summary() {
    let s = Summary::of(&[1.0, f64::NAN, 3.0]);
    assert_eq!(s.n, 3);
    assert!(s.mean.is_nan() && s.min.is_nan() && s.max.is_nan());
}

#[test]
fn welford_merge_equals_one_pass() {
    let xs: Vec<f64> = (0..1000)
        .map(|i| ((i * 37 % 101) as f64).sin() * 1e3 + 5e6)
        .collect();
    let one: Accumulator = xs.iter().copied().collect();
    let mut merged = Accumulator::default();
    for shard in xs.chunks(77) {
        merged.merge(&shard.iter().copied().collect());
    }
    assert_eq!(merged.n(), one.n());
    assert_eq!((merged.min(), merged.max()), (one.min(), one.max()));
    assert_close(merged.mean(), one.mean(), 1e-14);
    assert_close(merged.variance(), one.variance(), 1e-10);
    // A two-pass reference for the variance.
    let mean = xs.iter().sum::<f64>() / xs.len() as f64;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (xs.len() - 1) as f64;
    assert_close(one.variance(), var, 1e-10);
}

#[test]
fn merging_empty_accumulators_changes_nothing() {
    let acc: Accumulator = SAMPLE.into_iter().collect();
    let mut left = Accumulator::default();
    left.merge(&acc);
    assert_eq!(left, acc);
    let mut right = acc;
    right.merge(&Accumulator::default());
    assert_eq!(right, acc);
}

#[test]
fn merging_in_a_fixed_order_is_deterministic() {
    let shards: Vec<Accumulator> = (0..8)
        .map(|k| (0..100).map(|i| f64::from(i * k) * 0.37).collect())
        .collect();
    let run = || {
        let mut acc = Accumulator::default();
        for s in &shards {
            acc.merge(s);
        }
        acc.summary()
    };
    let (a, b) = (run(), run());
    assert_eq!(a.mean.to_bits(), b.mean.to_bits());
    assert_eq!(a.sd.to_bits(), b.sd.to_bits());
}

#[test]
fn nan_fields_serialise_as_empty_csv_fields_and_json_null() {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.serialize(Summary::of(&[2.0])).unwrap();
    let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    assert_eq!(
        text,
        "n,mean,sd,se,ci_low,ci_high,min,max\n1,2.0,,,,,2.0,2.0\n"
    );
    let json = serde_json::to_string(&Summary::of(&[2.0])).unwrap();
    assert!(json.contains("\"sd\":null"), "{json}");
}
