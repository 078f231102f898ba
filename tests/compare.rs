//! `asocia compare`: common random numbers (a scenario compared with itself differs by exactly
//! 0, with a warning), the paired statistics against the runs, arms of a `[compare]` section, and
//! `--until-ci`.

use std::fs;

use crate::sweep::{col, run_ok, table};

#[test]
fn a_scenario_compared_with_itself_differs_by_exactly_zero_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let o = run_ok(&[
        "compare",
        "scenarios/default.toml",
        "scenarios/default.toml",
        "--set",
        "network.n=300",
        "--set",
        "run.steps=40",
        "--out",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(
        stderr.contains("warning: arms `default-a` and `default-b` differ in nothing"),
        "{stderr}"
    );
    let (h, rows) = table(&out.join("compare.csv"));
    for c in [
        "metric", "arm_a", "arm_b", "n", "mean_a", "mean_b", "diff", "ci_low", "ci_high",
    ] {
        col(&h, c);
    }
    let (diff, lo, hi, n) = (
        col(&h, "diff"),
        col(&h, "ci_low"),
        col(&h, "ci_high"),
        col(&h, "n"),
    );
    let coop = rows.iter().find(|r| r[0] == "coop_rate_final").unwrap();
    assert_eq!(
        (&coop[n][..], &coop[diff][..], &coop[lo][..], &coop[hi][..]),
        ("4", "0", "0", "0")
    );
    for r in rows.iter().filter(|r| r[n] != "0") {
        assert_eq!(r[diff], "0", "{r:?}");
    }
    let manifest = fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(manifest.contains("differ in nothing"));
}

#[test]
fn arms_share_seeds_and_the_paired_difference_matches_the_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("arms.toml");
    fs::write(
        &file,
        "[network]\nkind = \"barabasi-albert\"\nn = 150\nm = 2\n[game]\nb = 1.3\n[run]\nsteps = 60\nseed = 9\n\
         [compare]\nreplications = 12\n[compare.low]\n[compare.high]\ngame.b = 1.9\n",
    )
    .unwrap();
    let out = tmp.path().join("o");
    let stdout = run_ok(&[
        "compare",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .stdout;
    let stdout = String::from_utf8(stdout).unwrap();
    assert!(stdout.contains("low − high"), "{stdout}");
    let (rh, runs) = table(&out.join("runs.csv"));
    assert_eq!(runs.len(), 24);
    let (arm, seed, coop) = (
        col(&rh, "arm"),
        col(&rh, "seed"),
        col(&rh, "coop_rate_final"),
    );
    let mut diffs = Vec::new();
    for pair in runs.chunks(2) {
        assert_eq!((&pair[0][arm][..], &pair[1][arm][..]), ("low", "high"));
        assert_eq!(pair[0][seed], pair[1][seed], "common random numbers");
        diffs.push(pair[0][coop].parse::<f64>().unwrap() - pair[1][coop].parse::<f64>().unwrap());
    }
    let (h, rows) = table(&out.join("compare.csv"));
    let row = rows.iter().find(|r| r[0] == "coop_rate_final").unwrap();
    assert_eq!((&row[1][..], &row[2][..]), ("low", "high"));
    let mean = diffs.iter().sum::<f64>() / 12.0;
    let sd = (diffs.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / 11.0).sqrt();
    let v = |c: &str| row[col(&h, c)].parse::<f64>().unwrap();
    assert!((v("diff") - mean).abs() < 1e-12);
    // t(11) 0.975 quantile = 2.200985.
    let half = 2.200_985_160_082_949 * sd / 12f64.sqrt();
    assert!((v("ci_high") - (mean + half)).abs() < 1e-9);
    let wins = diffs.iter().filter(|d| **d > 0.0).count() as f64 / 12.0;
    assert_eq!(v("share_a_greater"), wins);
    // The seeds are those of `asocia run`: its run r is this comparison's replication r.
    let run_out = tmp.path().join("run");
    run_ok(&[
        "run",
        file.to_str().unwrap(),
        "--set",
        "run.replications=2",
        "--out",
        run_out.to_str().unwrap(),
    ]);
    let (sh, summary) = table(&run_out.join("summary.csv"));
    assert_eq!(summary[1][col(&sh, "seed")], runs[2][seed]);
    assert_eq!(summary[1][col(&sh, "coop_rate_final")], runs[2][coop]);
}

#[test]
fn until_ci_adds_replications_until_the_interval_is_narrow() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    run_ok(&[
        "compare",
        "scenarios/clustered-vs-random.toml",
        "--set",
        "compare.replications=4",
        "--set",
        "run.steps=100",
        "--until-ci",
        "0.05",
        "--ci-metric",
        "coop_rate_final",
        "--max-replications",
        "64",
        "--out",
        out.to_str().unwrap(),
    ]);
    let (h, rows) = table(&out.join("compare.csv"));
    for r in rows.iter().filter(|r| r[0] == "coop_rate_final") {
        let n: u64 = r[col(&h, "n")].parse().unwrap();
        let half = (r[col(&h, "ci_high")].parse::<f64>().unwrap()
            - r[col(&h, "ci_low")].parse::<f64>().unwrap())
            / 2.0;
        assert!(half < 0.05 || n == 64, "half-width {half} with n = {n}");
        assert!(n >= 4 && n.is_power_of_two(), "batches double: n = {n}");
    }
}
