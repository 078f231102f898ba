//! `asocia sweep` on the firm economy: the trust × opportunism sweep of
//! `scenarios/trust-sweep.toml` at a tenth of its size — firm final metrics, their summary,
//! per-step summaries by group, per-run time series, and re-running one run from its row.

use asocia_output::FIRM_SUMMARY_METRICS;

use crate::common::{col, run_ok, table};

#[test]
fn firm_sweep_writes_firm_final_metrics_their_summary_and_step_summaries_by_group() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    // scenarios/trust-sweep.toml at a tenth of its size: 5 × 5 points × 2 replications of
    // 4 clusters of 25 firms, 40 steps.
    let small = [
        "--set",
        "network.sizes=[25, 25, 25, 25]",
        "--set",
        "network.p_in=0.32",
        "--set",
        "network.p_out=0.004",
        "--set",
        "run.steps=40",
        "--set",
        "sweep.replications=2",
    ];
    let args = [
        &["sweep", "scenarios/trust-sweep.toml"][..],
        &small,
        &[
            "--step-summary",
            "--timeseries",
            "--out",
            out.to_str().unwrap(),
        ],
    ]
    .concat();
    let stdout = String::from_utf8(run_ok(&args).stdout).unwrap();
    assert!(
        stdout.contains("25 points × 2 replications = 50 runs"),
        "{stdout}"
    );
    let (rh, runs) = table(&out.join("runs.csv"));
    // The run's keys, the swept parameters, then every final firm metric in the registry.
    let keys = [
        "run",
        "point",
        "replication",
        "seed",
        "trust.initial",
        "firms.opportunism_mean",
    ];
    let expected = [&keys[..], &FIRM_SUMMARY_METRICS].concat();
    assert_eq!(rh, expected);
    assert!(FIRM_SUMMARY_METRICS.contains(&"survival_rate_final"));
    assert_eq!(runs.len(), 50);
    // Point 6 is τ0 = 0.35, θ = 0.3 (the first dimension varies slowest).
    assert_eq!(
        &runs[12][..6],
        ["12", "6", "0", &runs[12][3], "0.35", "0.3"]
    );
    let value = |s: &str| s.parse::<f64>().unwrap();
    for r in &runs {
        assert_eq!(r[col(&rh, "steps_run")], "40");
        let s = value(&r[col(&rh, "survival_rate_final")]);
        assert!((0.0..=1.0).contains(&s), "{r:?}");
    }
    // summary.csv: per point and firm metric, the mean of the point's runs.
    let (sh, summary) = table(&out.join("summary.csv"));
    assert_eq!(summary.len(), 25 * FIRM_SUMMARY_METRICS.len());
    for point in [0_usize, 6, 24] {
        for metric in ["survival_rate_final", "welfare_total", "ties_final"] {
            let c = col(&rh, metric);
            let mean = (value(&runs[2 * point][c]) + value(&runs[2 * point + 1][c])) / 2.0;
            let row = summary
                .iter()
                .find(|r| r[0] == point.to_string() && r[col(&sh, "metric")] == metric)
                .unwrap();
            assert_eq!(row[col(&sh, "n")], "2");
            assert!((value(&row[col(&sh, "mean")]) - mean).abs() < 1e-9 * mean.abs().max(1.0));
        }
    }
    // Per-step summaries: per point, step (every 10 and the last) and group, `all` first.
    let (th, steps) = table(&out.join("timeseries_summary.csv"));
    assert_eq!(
        &th[..6],
        [
            "point",
            "trust.initial",
            "firms.opportunism_mean",
            "step",
            "group",
            "metric"
        ]
    );
    let at = |point: &str, step: &str, metric: &str| -> Vec<&Vec<String>> {
        steps
            .iter()
            .filter(|r| r[0] == point && r[3] == step && r[5] == metric)
            .collect()
    };
    let groups: Vec<&str> = at("6", "20", "capital_mean")
        .iter()
        .map(|r| r[4].as_str())
        .collect();
    assert_eq!(groups, ["all", "0", "1", "2", "3"]);
    let steps_recorded: Vec<&str> = steps
        .iter()
        .filter(|r| r[0] == "0" && r[4] == "all" && r[5] == "alive")
        .map(|r| r[3].as_str())
        .collect();
    assert_eq!(steps_recorded, ["0", "10", "20", "30", "40"]);
    // The last step's `all` survival is the mean of the runs' final survival.
    let last = at("6", "40", "survival_rate")[0];
    let c = col(&rh, "survival_rate_final");
    let mean = (value(&runs[12][c]) + value(&runs[13][c])) / 2.0;
    assert!((value(&last[col(&th, "mean")]) - mean).abs() < 1e-12);
    // timeseries.csv: the firm columns, one row per run, recorded step and group.
    let (fh, series) = table(&out.join("timeseries.csv"));
    assert_eq!(&fh[..4], ["run", "seed", "step", "group"]);
    col(&fh, "trust_mean");
    assert_eq!(series.len(), 50 * 5 * 5);
    assert_eq!(series[5 * 5 * 12][..4], ["12", &runs[12][3], "0", "all"]);
    // Every per-step metric of the summary is the mean of that column of timeseries.csv over
    // the point's runs (12 and 13 for point 6), in every group: the summary's metric names and
    // values come from one list and the CSV's from another, and must not drift apart.
    let metrics: Vec<&str> = steps
        .iter()
        .filter(|r| r[0] == "6" && r[3] == "20" && r[4] == "all")
        .map(|r| r[5].as_str())
        .collect();
    assert!(metrics.len() >= 15, "{metrics:?}");
    for metric in &metrics {
        for row in at("6", "20", metric) {
            let group = &row[4];
            let cells: Vec<f64> = series
                .iter()
                .filter(|r| (r[0] == "12" || r[0] == "13") && r[2] == "20" && &r[3] == group)
                .filter_map(|r| r[col(&fh, metric)].parse::<f64>().ok())
                .filter(|x| x.is_finite())
                .collect();
            assert_eq!(
                row[col(&th, "n")],
                cells.len().to_string(),
                "{metric} {group}"
            );
            let mean = cells.iter().sum::<f64>() / cells.len() as f64;
            let got = value(&row[col(&th, "mean")]);
            assert!(
                (got - mean).abs() <= 1e-9 * mean.abs().max(1.0),
                "{metric} group {group}: summary {got}, timeseries.csv {mean}"
            );
        }
    }
    // Re-running a firm run alone from its row reproduces it.
    let one = tmp.path().join("one");
    let args = [
        &["sweep", "scenarios/trust-sweep.toml"][..],
        &small,
        &["--run", "13", "--out", one.to_str().unwrap()],
    ]
    .concat();
    run_ok(&args);
    let (_, again) = table(&one.join("runs.csv"));
    assert_eq!(again, [runs[13].clone()]);
}
