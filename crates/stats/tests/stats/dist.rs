//! Student-t quantiles against published table values (SciPy 1.17 `stats.t.ppf`, 16 digits).

use asocia_stats::dist::{student_t_cdf, student_t_quantile};

use crate::assert_close;

/// (df, t_{0.95}, t_{0.975}, t_{0.995}).
const TABLE: [(f64, f64, f64, f64); 6] = [
    (
        1.0,
        6.313751514675037,
        12.706204736174694,
        63.656741162871526,
    ),
    (
        2.0,
        2.9199855803537242,
        4.302652729749462,
        9.924843200918287,
    ),
    (
        5.0,
        2.0150483733330233,
        2.5705818356363146,
        4.032142983555228,
    ),
    (
        10.0,
        1.8124611228116756,
        2.228138851986274,
        3.16927267261695,
    ),
    (
        30.0,
        1.697260886593957,
        2.0422724563012378,
        2.7499956535672254,
    ),
    (
        1000.0,
        1.6463788172854643,
        1.9623390808264083,
        2.580754698065951,
    ),
];

#[test]
fn t_quantiles_match_table_for_df_1_2_5_10_30_1000() {
    for (df, q95, q975, q995) in TABLE {
        assert_close(student_t_quantile(0.95, df), q95, 1e-12);
        assert_close(student_t_quantile(0.975, df), q975, 1e-12);
        assert_close(student_t_quantile(0.995, df), q995, 1e-12);
        // Lower tail by symmetry.
        assert_close(student_t_quantile(0.025, df), -q975, 1e-12);
    }
}

#[test]
fn t_quantile_for_the_worked_sample_df_7() {
    assert_close(student_t_quantile(0.975, 7.0), 2.364624251592784, 1e-12);
}

#[test]
fn cdf_at_table_quantiles_gives_back_the_probability() {
    for (df, q95, q975, _) in TABLE {
        assert!((student_t_cdf(q95, df) - 0.95).abs() < 1e-13);
        assert!((student_t_cdf(q975, df) - 0.975).abs() < 1e-13);
    }
}
