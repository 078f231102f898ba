//! `asocia compare`: common random numbers (a scenario compared with itself differs by exactly
//! 0, with a warning), the paired statistics against the runs, arms of a `[compare]` section,
//! `--until-ci`, and the flagship firm comparison `scenarios/cluster-vs-isolated.toml` (its arms
//! are the shipped `cluster.toml` / `isolated.toml` pair; per-step summaries by group; plots).

use std::fs;
use std::path::Path;
use std::time::Duration;

use asocia_output::metrics::{Shown, FIRM_FINAL};

use crate::common::{col, interrupted, run_into, run_ok, table};

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
    let stdout = run_into("compare", &file, &out, &[]).stdout;
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
    // The seeds are those of `asocia run`: its run r is this comparison's replication r. (The
    // arm `low` is the file's scenario; `asocia run` refuses a file with a [compare] section,
    // so it runs that scenario from a file without one.)
    let base = tmp.path().join("low.toml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&base, &text[..text.find("[compare]").unwrap()]).unwrap();
    let run_out = tmp.path().join("run");
    run_into("run", &base, &run_out, &["--set", "run.replications=2"]);
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

/// `path`'s `column` as a number (empty cells are NaN).
fn num(row: &[String], h: &[String], column: &str) -> f64 {
    let cell = &row[col(h, column)];
    if cell.is_empty() {
        f64::NAN
    } else {
        cell.parse()
            .unwrap_or_else(|_| panic!("{column} = {cell:?} is not a number"))
    }
}

#[test]
fn flagship_cluster_vs_isolated_compares_the_shipped_pair_with_ordered_cis() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let stdout = run_ok(&[
        "compare",
        "scenarios/cluster-vs-isolated.toml",
        "--set",
        "compare.replications=6",
        "--out",
        out.to_str().unwrap(),
        "--plot",
    ])
    .stdout;
    let stdout = String::from_utf8(stdout).unwrap();
    assert!(
        stdout.contains("compare cluster-vs-isolated: 2 arms × 6 replications"),
        "{stdout}"
    );
    assert!(stdout.contains("cluster − isolated"), "{stdout}");

    // compare.csv: one row per final firm metric, cluster − isolated.
    let (h, rows) = table(&out.join("compare.csv"));
    for c in [
        "metric", "arm_a", "arm_b", "n", "mean_a", "mean_b", "diff", "ci_low", "ci_high",
    ] {
        col(&h, c);
    }
    // Every final firm metric in the registry's order, but those constant by construction.
    let metrics: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let tabled: Vec<&str> = FIRM_FINAL
        .iter()
        .filter(|m| m.info.shown != Shown::Constant)
        .map(|m| m.info.name)
        .collect();
    assert_eq!(metrics, tabled);
    assert!(metrics.contains(&"survival_rate_final") && !metrics.contains(&"steps_run"));
    for r in &rows {
        assert_eq!((&r[1][..], &r[2][..]), ("cluster", "isolated"));
        let n = num(r, &h, "n");
        if r[0] == "coop_rate_final" || r[0] == "trust_mean_final" {
            // Isolated firms take no tie decisions and trust no partner: nothing to pair.
            assert_eq!(n, 0.0, "{r:?}");
            continue;
        }
        assert_eq!(n, 6.0, "{r:?}");
        let (diff, lo, hi) = (
            num(r, &h, "diff"),
            num(r, &h, "ci_low"),
            num(r, &h, "ci_high"),
        );
        assert!(lo <= diff && diff <= hi, "t interval ordered: {r:?}");
        let (blo, bhi) = (num(r, &h, "boot_ci_low"), num(r, &h, "boot_ci_high"));
        assert!(blo <= bhi, "bootstrap interval ordered: {r:?}");
        for arm in ["a", "b"] {
            let mean = num(r, &h, &format!("mean_{arm}"));
            let (alo, ahi) = (
                num(r, &h, &format!("ci_{arm}_low")),
                num(r, &h, &format!("ci_{arm}_high")),
            );
            assert!(
                alo <= mean && mean <= ahi,
                "arm {arm} interval ordered: {r:?}"
            );
        }
        assert!(
            (num(r, &h, "mean_a") - num(r, &h, "mean_b") - diff).abs() < 1e-6 * diff.abs().max(1.0)
        );
    }
    let ties = rows.iter().find(|r| r[0] == "ties_final").unwrap();
    assert_eq!(num(ties, &h, "mean_b"), 0.0, "the isolated arm has no ties");

    // The arms are the shipped pair: replication r of each arm is run r of its file.
    let (rh, runs) = table(&out.join("runs.csv"));
    for (arm, file) in [
        ("cluster", "scenarios/cluster.toml"),
        ("isolated", "scenarios/isolated.toml"),
    ] {
        let run_out = tmp.path().join(arm);
        run_ok(&[
            "run",
            file,
            "--set",
            "run.replications=2",
            "--set",
            "output.timeseries=false",
            "--out",
            run_out.to_str().unwrap(),
        ]);
        let (sh, summary) = table(&run_out.join("summary.csv"));
        for (rep, srow) in summary.iter().enumerate() {
            let crow = runs
                .iter()
                .find(|r| {
                    r[col(&rh, "arm")] == arm && r[col(&rh, "replication")] == rep.to_string()
                })
                .unwrap();
            assert_eq!(crow[col(&rh, "seed")], srow[col(&sh, "seed")]);
            for m in &sh[2..] {
                assert_eq!(
                    crow[col(&rh, m)],
                    srow[col(&sh, m)],
                    "{arm} replication {rep}: {m} as in {file}"
                );
            }
        }
    }

    // Per-step summaries of the firm runs: per arm, step and group (`all` first, then each
    // cluster), over the 6 replications.
    let (th, steps) = table(&out.join("timeseries_summary.csv"));
    assert_eq!(&th[..4], ["arm", "step", "group", "metric"]);
    let groups: Vec<&str> = steps
        .iter()
        .filter(|r| r[0] == "cluster" && r[1] == "10" && r[3] == "survival_rate")
        .map(|r| r[2].as_str())
        .collect();
    assert_eq!(groups, ["all", "0", "1", "2", "3"]);
    for arm in ["cluster", "isolated"] {
        let at = |step: &str, metric: &str| {
            steps
                .iter()
                .find(|r| r[0] == arm && r[1] == step && r[2] == "all" && r[3] == metric)
                .unwrap_or_else(|| panic!("{arm} step {step} {metric}"))
        };
        let start = at("0", "survival_rate");
        assert_eq!(
            (&start[col(&th, "n")][..], &start[col(&th, "mean")][..]),
            ("6", "1")
        );
        let end = at("300", "survival_rate");
        assert!(num(end, &th, "ci_low") <= num(end, &th, "mean"));
        assert!(num(end, &th, "mean") <= num(end, &th, "ci_high"));
    }
    // The final step's mean survival is the mean of the runs' final survival.
    let end = steps
        .iter()
        .find(|r| r[0] == "isolated" && r[1] == "300" && r[2] == "all" && r[3] == "survival_rate")
        .unwrap();
    let survival = rows.iter().find(|r| r[0] == "survival_rate_final").unwrap();
    assert!((num(end, &th, "mean") - num(survival, &h, "mean_b")).abs() < 1e-12);

    // Plots: firm time series with a band per arm, units on the axis; forest plots.
    let svg = fs::read_to_string(out.join("plots/timeseries_survival_rate.svg")).unwrap();
    for text in [
        "cluster-vs-isolated: survival rate over time",
        "share of initial firms alive",
        "\ncluster\n",
        "\nisolated\n",
    ] {
        assert!(
            svg.contains(text),
            "timeseries_survival_rate.svg lacks {text:?}"
        );
    }
    for plot in [
        "timeseries_capital_mean",
        "timeseries_trust_mean",
        "timeseries_coop_rate",
        "forest_survival_rate_final",
        "forest_welfare_total",
    ] {
        let png = fs::read(out.join("plots").join(format!("{plot}.png"))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{plot}.png");
    }
}

#[test]
fn the_cluster_scenario_compared_with_itself_differs_by_exactly_zero() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let o = run_ok(&[
        "compare",
        "scenarios/cluster.toml",
        "scenarios/cluster.toml",
        "--out",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(
        stderr.contains("warning: arms `cluster-a` and `cluster-b` differ in nothing"),
        "{stderr}"
    );
    let (h, rows) = table(&out.join("compare.csv"));
    assert_eq!(
        rows.len(),
        FIRM_FINAL.len() - 1,
        "every final metric but steps_run"
    );
    for r in &rows {
        let cells = [
            "n",
            "diff",
            "ci_low",
            "ci_high",
            "boot_ci_low",
            "boot_ci_high",
        ]
        .map(|c| r[col(&h, c)].as_str());
        assert_eq!(cells, ["4", "0", "0", "0", "0", "0"], "{r:?}");
        assert_eq!(r[col(&h, "mean_a")], r[col(&h, "mean_b")]);
    }
    // Both arms' per-step summaries are the same bytes apart from the arm name.
    let text = fs::read_to_string(out.join("timeseries_summary.csv")).unwrap();
    let arm = |name: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.strip_prefix(name).map(str::to_string))
            .collect()
    };
    let (a, b) = (arm("cluster-a,"), arm("cluster-b,"));
    assert!(!a.is_empty());
    assert_eq!(a, b);
}

#[test]
fn an_interrupted_compare_exits_130_and_keeps_only_whole_replications() {
    let tmp = tempfile::tempdir().unwrap();
    // Arm `slow` (400 000 steps, about a second a run) before arm `fast` (10 steps): the two
    // pool threads mostly wait on slow runs of consecutive replications, so at the signal a
    // replication has its slow run finished and its fast one not started.
    let file = tmp.path().join("slowfast.toml");
    fs::write(
        &file,
        "[scenario]\nname = \"slowfast\"\n[network]\nkind = \"ring\"\nn = 100\nk = 4\n\
         [run]\nsteps = 400000\nseed = 3\n[compare]\nreplications = 50\n\
         [compare.slow]\n[compare.fast]\nrun.steps = 10\n",
    )
    .unwrap();
    let out = tmp.path().join("o");
    let (result, stderr, manifest) =
        interrupted("compare", &file, &out, 2, Duration::from_secs(60));
    let reps = manifest["design"]["replications"].as_u64().unwrap();
    let (rh, runs) = table(&out.join("runs.csv"));
    assert_eq!(
        runs.len() as u64,
        2 * reps,
        "runs.csv holds exactly the replications the manifest keeps"
    );
    assert_eq!(manifest["runs_done"].as_u64(), Some(2 * reps));
    let (arm, rep) = (col(&rh, "arm"), col(&rh, "replication"));
    for (k, pair) in runs.chunks(2).enumerate() {
        let k = k.to_string();
        assert_eq!(
            [
                &pair[0][arm][..],
                &pair[0][rep][..],
                &pair[1][arm][..],
                &pair[1][rep][..]
            ],
            ["slow", &k[..], "fast", &k[..]]
        );
    }
    let (sh, summary) = table(&out.join("summary.csv"));
    for r in summary
        .iter()
        .filter(|r| r[col(&sh, "metric")] == "steps_run")
    {
        assert_eq!(r[col(&sh, "n")], reps.to_string(), "{r:?}");
    }
    assert!((1..50).contains(&reps), "replications kept: {reps}");
    assert_eq!(manifest["interrupted"], true);
    assert_eq!(
        result.status.code(),
        Some(130),
        "exit status; stderr:\n{stderr}"
    );
}

/// The cluster-vs-isolated comparison at a small size: 4 clusters of 50 firms, 40 steps.
fn small_flagship(out: &Path, reps: &str) -> String {
    let stdout = run_ok(&[
        "compare",
        "scenarios/cluster-vs-isolated.toml",
        "--set",
        "network.sizes=[50, 50, 50, 50]",
        "--set",
        "network.p_in=0.16",
        "--set",
        "run.steps=40",
        "--set",
        &format!("compare.replications={reps}"),
        "--out",
        out.to_str().unwrap(),
    ])
    .stdout;
    String::from_utf8(stdout).unwrap()
}

#[test]
fn comparison_tables_name_the_arms_show_unpaired_means_and_relative_differences() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let stdout = small_flagship(&out, "4");
    // The printed table names its columns after the arms.
    let header = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("metric"))
        .unwrap_or_else(|| panic!("{stdout}"));
    let words: Vec<&str> = header.split_whitespace().collect();
    assert!(
        words.contains(&"cluster") && words.contains(&"isolated"),
        "{header}"
    );
    assert!(
        !header.contains("mean A") && !header.contains("mean B"),
        "{header}"
    );

    let (rh, runs) = table(&out.join("runs.csv"));
    let arm_values = |arm: &str, metric: &str| -> Vec<f64> {
        runs.iter()
            .filter(|r| r[col(&rh, "arm")] == arm)
            .map(|r| r[col(&rh, metric)].parse().unwrap_or(f64::NAN))
            .collect()
    };
    let (h, rows) = table(&out.join("compare.csv"));
    let row = |metric: &str| rows.iter().find(|r| r[0] == metric).unwrap();

    // Cooperation and trust exist only in the cluster arm: its mean is shown, the difference
    // is empty and the note says why.
    for metric in ["coop_rate_final", "trust_mean_final"] {
        let r = row(metric);
        let cluster = arm_values("cluster", metric);
        assert!(cluster.iter().all(|v| v.is_finite()), "{cluster:?}");
        assert!(arm_values("isolated", metric).iter().all(|v| v.is_nan()));
        let mean = cluster.iter().sum::<f64>() / cluster.len() as f64;
        assert!((num(r, &h, "mean_a") - mean).abs() < 1e-12, "{r:?}");
        assert!(num(r, &h, "mean_b").is_nan(), "{r:?}");
        for c in ["diff", "ci_low", "ci_high", "rel_diff"] {
            assert!(num(r, &h, c).is_nan(), "{c} of {r:?}");
        }
        assert_eq!(r[col(&h, "n")], "0");
        assert_eq!(r[col(&h, "n_a")], "4");
        assert_eq!(r[col(&h, "n_b")], "0");
        let note = &r[col(&h, "note")];
        assert!(note.contains("`isolated` has no value"), "{note}");
        let line = stdout
            .lines()
            .find(|l| l.trim_start().starts_with(metric))
            .unwrap();
        assert!(line.contains(&format!("{mean:.4}")), "{line}");
        assert!(line.contains("`isolated` has no value"), "{line}");
    }

    // The relative difference is diff / mean of the isolated arm, with a delta-method CI:
    // R = mean(d) / mean(b), half-width t(n−1) · sd(d − R·b) / (√n · |mean(b)|).
    let a = arm_values("cluster", "survival_rate_final");
    let b = arm_values("isolated", "survival_rate_final");
    let n = a.len() as f64;
    let d: Vec<f64> = a.iter().zip(&b).map(|(x, y)| x - y).collect();
    let (md, mb) = (d.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let ratio = md / mb;
    let resid: Vec<f64> = d.iter().zip(&b).map(|(d, b)| d - ratio * b).collect();
    let mr = resid.iter().sum::<f64>() / n;
    let sd = (resid.iter().map(|e| (e - mr).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    // t(3) 0.975 quantile = 3.182446.
    let half = 3.182_446_305_284_263 * sd / (n.sqrt() * mb.abs());
    let r = row("survival_rate_final");
    assert!((num(r, &h, "rel_diff") - ratio).abs() < 1e-9, "{r:?}");
    assert!(
        (num(r, &h, "rel_ci_low") - (ratio - half)).abs() < 1e-9,
        "{r:?}"
    );
    assert!(
        (num(r, &h, "rel_ci_high") - (ratio + half)).abs() < 1e-9,
        "{r:?}"
    );
    assert!((num(r, &h, "rel_diff") - num(r, &h, "diff") / num(r, &h, "mean_b")).abs() < 1e-12);

    // Fines: paid in the cluster, none without ties; the relative difference to 0 is empty.
    let r = row("fines_total");
    assert!(num(r, &h, "mean_a") > 0.0, "{r:?}");
    assert_eq!(num(r, &h, "mean_b"), 0.0, "{r:?}");
    assert!(num(r, &h, "diff") > 0.0, "{r:?}");
    assert!(num(r, &h, "rel_diff").is_nan(), "{r:?}");
    assert!(r[col(&h, "note")].contains("relative difference"), "{r:?}");
    row("treasury_final");
}

#[test]
fn comparing_files_with_different_run_steps_warns() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, steps) in [("short", 10), ("long", 20)] {
        fs::write(
            tmp.path().join(format!("{name}.toml")),
            format!("[network]\nkind = \"ring\"\nn = 50\nk = 4\n[run]\nsteps = {steps}\nreplications = 2\n"),
        )
        .unwrap();
    }
    let out = tmp.path().join("o");
    let o = run_ok(&[
        "compare",
        tmp.path().join("short.toml").to_str().unwrap(),
        tmp.path().join("long.toml").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8(o.stderr).unwrap();
    let expected = "arms `short` and `long` run different numbers of steps (run.steps = 10 and 20)";
    assert!(stderr.contains(&format!("warning: {expected}")), "{stderr}");
    let manifest = fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(manifest.contains(expected), "{manifest}");
}

#[test]
fn set_compare_arm_overrides_take_effect_and_typos_are_located() {
    // Before, `--set compare.…` keys other than the section's own were silently ignored.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("arms.toml");
    fs::write(
        &file,
        "[network]\nkind = \"ring\"\nn = 60\nk = 4\n[game]\nb = 1.3\n[run]\nsteps = 20\nseed = 9\n\
         [compare]\nreplications = 2\n[compare.low]\n[compare.high]\ngame.b = 1.9\n",
    )
    .unwrap();
    let out = tmp.path().join("o");
    run_into(
        "compare",
        &file,
        &out,
        &[
            "--set",
            "compare.high.game.b=1.1",
            "--set",
            "compare.low.network.n=80",
        ],
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let arms = &manifest["design"]["arms"];
    assert_eq!(arms[0]["overrides"], serde_json::json!(["network.n=80"]));
    assert_eq!(arms[1]["overrides"], serde_json::json!(["game.b=1.1"]));
    // The arms ran what the overrides say.
    assert_eq!(arms[0]["scenario"]["network"]["n"], 80);
    assert_eq!(arms[1]["scenario"]["game"]["b"], 1.1);
    assert_eq!(arms[1]["scenario"]["network"]["n"], 60);
    let o = crate::common::asocia()
        .args([
            "compare",
            file.to_str().unwrap(),
            "--set",
            "compare.hihg.game.b=1.1",
            "--out",
            tmp.path().join("never").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("--set compare.hihg.game.b=1.1: error: [compare]: no arm named `hihg`; did you mean `high`?"),
        "{err}"
    );
}
