//! Property tests: intervals contain their centre and are ordered, merging is associative.

use asocia_stats::design::{Design, Dimension};
use asocia_stats::paired::{compare_paired, PairedOptions};
use asocia_stats::summary::Accumulator;
use proptest::prelude::*;

fn sample(min_len: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-1e6_f64..1e6, min_len..60)
}

fn close(a: f64, b: f64, scale: f64) -> bool {
    (a - b).abs() <= 1e-9 * scale.max(1.0)
}

proptest! {
    #[test]
    fn t_interval_contains_the_mean(xs in sample(2), level in 0.5_f64..0.999) {
        let s = xs.iter().copied().collect::<Accumulator>().summary_at(level).unwrap();
        prop_assert!(s.ci_low <= s.mean && s.mean <= s.ci_high, "{s:?}");
        prop_assert!(s.min <= s.mean && s.mean <= s.max);
    }

    #[test]
    fn merge_is_associative_and_matches_one_pass(
        a in sample(0), b in sample(0), c in sample(0)
    ) {
        let acc = |xs: &[f64]| xs.iter().copied().collect::<Accumulator>();
        let (x, y, z) = (acc(&a), acc(&b), acc(&c));
        let mut left = x;
        left.merge(&y);
        left.merge(&z);
        let mut yz = y;
        yz.merge(&z);
        let mut right = x;
        right.merge(&yz);
        let all: Vec<f64> = a.iter().chain(&b).chain(&c).copied().collect();
        let one = acc(&all);
        let scale = all.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        for other in [right, one] {
            prop_assert_eq!(left.n(), other.n());
            if left.n() > 0 {
                prop_assert!(close(left.mean(), other.mean(), scale));
                prop_assert_eq!(left.min(), other.min());
                prop_assert_eq!(left.max(), other.max());
            }
            if left.n() > 1 {
                prop_assert!(close(left.sd(), other.sd(), scale), "{} {}", left.sd(), other.sd());
            }
        }
    }

    #[test]
    fn paired_intervals_are_ordered_and_bracket_the_difference(
        pairs in prop::collection::vec((-100.0_f64..100.0, -100.0_f64..100.0), 2..40),
        seed in any::<u64>(),
    ) {
        let (a, b): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
        let opts = PairedOptions { resamples: 200, seed, ..PairedOptions::default() };
        let c = compare_paired(&a, &b, &opts).unwrap();
        prop_assert!(c.boot_ci_low <= c.boot_ci_high, "{c:?}");
        prop_assert!(c.t_ci_low <= c.diff && c.diff <= c.t_ci_high, "{c:?}");
        let d: Vec<f64> = a.iter().zip(&b).map(|(x, y)| x - y).collect();
        let lo = d.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = d.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        prop_assert!(lo - 1e-9 <= c.boot_ci_low && c.boot_ci_high <= hi + 1e-9, "{c:?}");
        prop_assert!((c.share_a_greater + c.share_ties + c.share_b_greater - 1.0).abs() < 1e-12);
    }

    #[test]
    fn grid_len_is_the_product_of_level_counts(counts in prop::collection::vec(1_usize..5, 1..5)) {
        let dims: Vec<Dimension> = counts
            .iter()
            .enumerate()
            .map(|(i, &n)| Dimension::linspace(format!("x{i}"), 0.0, 1.0, n))
            .collect();
        let design = Design::Grid(dims);
        let product: usize = counts.iter().product();
        prop_assert_eq!(design.len().unwrap(), product);
        prop_assert_eq!(design.points().unwrap().len(), product);
    }
}
