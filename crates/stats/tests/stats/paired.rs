//! Paired comparisons on common random numbers.

use asocia_stats::paired::{compare_paired, PairedOptions};
use asocia_stats::StatsError;

use crate::assert_close;

#[test]
fn identical_arms_give_exactly_zero_and_a_zero_interval() {
    let a = [0.31, 0.47, 0.52, 0.1, 0.93, 0.47];
    let c = compare_paired(&a, &a, &PairedOptions::default()).unwrap();
    assert_eq!(c.diff, 0.0);
    assert_eq!(c.sd_diff, 0.0);
    assert_eq!((c.t_ci_low, c.t_ci_high), (0.0, 0.0));
    assert_eq!((c.boot_ci_low, c.boot_ci_high), (0.0, 0.0));
    assert_eq!(c.cohen_dz, 0.0);
    assert_eq!(
        (c.share_a_greater, c.share_ties, c.share_b_greater),
        (0.0, 1.0, 0.0)
    );
    assert_eq!(c.prob_superiority(), 0.5);
}

#[test]
fn constant_shift_has_infinite_effect_size_and_exact_interval() {
    let b = [1.0, 2.0, 3.0, 4.0];
    let a = b.map(|x| x + 0.5);
    let c = compare_paired(&a, &b, &PairedOptions::default()).unwrap();
    assert_eq!(c.diff, 0.5);
    assert_eq!((c.t_ci_low, c.t_ci_high), (0.5, 0.5));
    assert_eq!((c.boot_ci_low, c.boot_ci_high), (0.5, 0.5));
    assert_eq!(c.cohen_dz, f64::INFINITY);
    let c = compare_paired(&b, &a, &PairedOptions::default()).unwrap();
    assert_eq!(c.cohen_dz, f64::NEG_INFINITY);
    assert_eq!(c.share_b_greater, 1.0);
}

#[test]
fn worked_example_matches_hand_computation() {
    // Reference values from SciPy 1.17: t_{0.975,5} = 2.570581835636315.
    let a = [12.1, 11.4, 13.0, 12.7, 11.9, 12.5];
    let b = [11.8, 11.5, 12.2, 12.0, 11.9, 12.1];
    let c = compare_paired(&a, &b, &PairedOptions::default()).unwrap();
    assert_eq!(c.n, 6);
    assert_close(c.mean_a, 12.266666666666666, 1e-14);
    assert_close(c.mean_b, 11.916666666666666, 1e-14);
    assert_close(c.diff, 0.35, 1e-13);
    assert_close(c.sd_diff, 0.3619392214170772, 1e-12);
    assert_close(c.se_diff, 0.14776106839534336, 1e-12);
    assert_close(c.t_ci_low, -0.029831918431284854, 1e-11);
    assert_close(c.t_ci_high, 0.7298319184312847, 1e-12);
    assert_close(c.cohen_dz, 0.9670131869921905, 1e-12);
    // 4 wins for A, one tie (11.9 vs 11.9), one loss.
    assert_close(c.share_a_greater, 4.0 / 6.0, 1e-15);
    assert_close(c.share_ties, 1.0 / 6.0, 1e-15);
    assert_close(c.share_b_greater, 1.0 / 6.0, 1e-15);
    // The bootstrap interval lies within the range of the differences and around the mean.
    assert!(c.boot_ci_low < c.diff && c.diff < c.boot_ci_high);
    assert!(c.boot_ci_low >= -0.1 - 1e-12 && c.boot_ci_high <= 0.8 + 1e-12);
}

#[test]
fn bootstrap_is_deterministic_for_a_seed() {
    let a: Vec<f64> = (0..50).map(|i| (f64::from(i) * 0.7).sin()).collect();
    let b: Vec<f64> = (0..50).map(|i| (f64::from(i) * 0.3).cos() * 0.5).collect();
    let opts = PairedOptions {
        seed: 42,
        ..PairedOptions::default()
    };
    let x = compare_paired(&a, &b, &opts).unwrap();
    let y = compare_paired(&a, &b, &opts).unwrap();
    assert_eq!(x.boot_ci_low.to_bits(), y.boot_ci_low.to_bits());
    assert_eq!(x.boot_ci_high.to_bits(), y.boot_ci_high.to_bits());
    let z = compare_paired(&a, &b, &PairedOptions { seed: 43, ..opts }).unwrap();
    assert_ne!(x.boot_ci_low.to_bits(), z.boot_ci_low.to_bits());
}

#[test]
fn bootstrap_agrees_with_t_interval_on_a_large_sample() {
    // 400 pairs with smooth, roughly symmetric differences: the two intervals nearly coincide.
    let a: Vec<f64> = (0..400).map(|i| 1.0 + (f64::from(i) * 1.3).sin()).collect();
    let b: Vec<f64> = (0..400).map(|i| (f64::from(i) * 0.9).cos()).collect();
    let c = compare_paired(&a, &b, &PairedOptions::default()).unwrap();
    let t_width = c.t_ci_high - c.t_ci_low;
    let boot_width = c.boot_ci_high - c.boot_ci_low;
    assert!(
        (boot_width / t_width - 1.0).abs() < 0.1,
        "{boot_width} vs {t_width}"
    );
    assert!((c.boot_ci_low - c.t_ci_low).abs() < 0.1 * t_width);
}

#[test]
fn one_pair_has_no_intervals() {
    let c = compare_paired(&[2.0], &[1.0], &PairedOptions::default()).unwrap();
    assert_eq!(c.diff, 1.0);
    for x in [
        c.sd_diff,
        c.t_ci_low,
        c.t_ci_high,
        c.boot_ci_low,
        c.boot_ci_high,
        c.cohen_dz,
    ] {
        assert!(x.is_nan());
    }
}

#[test]
fn zero_resamples_skip_the_bootstrap() {
    let opts = PairedOptions {
        resamples: 0,
        ..PairedOptions::default()
    };
    let c = compare_paired(&[1.0, 2.0, 4.0], &[0.0, 1.0, 1.0], &opts).unwrap();
    assert!(c.boot_ci_low.is_nan() && c.boot_ci_high.is_nan());
    assert!(c.t_ci_low.is_finite());
}

#[test]
fn bad_inputs_are_typed_errors() {
    let opts = PairedOptions::default();
    assert_eq!(
        compare_paired(&[1.0, 2.0], &[1.0], &opts),
        Err(StatsError::LengthMismatch { left: 2, right: 1 })
    );
    assert_eq!(compare_paired(&[], &[], &opts), Err(StatsError::Empty));
    assert_eq!(
        compare_paired(&[1.0, 2.0], &[1.0, f64::NAN], &opts),
        Err(StatsError::NonFinite {
            sample: "b",
            index: 1
        })
    );
    let bad = PairedOptions { level: 1.5, ..opts };
    assert!(matches!(
        compare_paired(&[1.0], &[1.0], &bad),
        Err(StatsError::InvalidLevel { .. })
    ));
}
