//! `asocia sweep` on real scenario files: the design's runs, their seeds and rows, summaries
//! checked against the runs, re-running one run from its row, determinism over threads, located
//! errors before any run, Ctrl-C keeping finished runs, `--set sweep.…`, swept lists (the firm
//! economy's sweep is in `firm_sweep.rs`).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::{asocia, col, interrupted, run_into, run_ok, table, write_scenario};

/// A small sweep: 5 × 2 grid points of 100 firms, 100 steps, `reps` replications.
pub fn small_sweep(dir: &Path, reps: u64) -> PathBuf {
    let path = dir.join("small.toml");
    fs::write(
        &path,
        format!(
            "[scenario]\nname = \"small\"\n[network]\nkind = \"barabasi-albert\"\nn = 100\nm = 2\n\
             [update]\nrule = \"fermi\"\nk = 0.1\n[run]\nsteps = 100\nseed = 3\n\
             [sweep]\nreplications = {reps}\ngame.b = {{ start = 1.0, stop = 2.0, step = 0.25 }}\n\
             update.k = [0.05, 0.5]\n"
        ),
    )
    .unwrap();
    path
}

#[test]
fn sweep_writes_one_row_per_run_with_seed_and_parameters() {
    let tmp = tempfile::tempdir().unwrap();
    let file = small_sweep(tmp.path(), 3);
    let out = tmp.path().join("o");
    let stdout = run_into("sweep", &file, &out, &[]).stdout;
    let stdout = String::from_utf8(stdout).unwrap();
    assert!(
        stdout.contains("10 points × 3 replications = 30 runs"),
        "{stdout}"
    );
    let (h, rows) = table(&out.join("runs.csv"));
    assert_eq!(
        h,
        [
            "run",
            "point",
            "replication",
            "seed",
            "game.b",
            "update.k",
            "steps_run",
            "coop_rate_final",
            "payoff_mean_final",
            "absorbed_at"
        ]
    );
    assert_eq!(rows.len(), 30);
    for (k, r) in rows.iter().enumerate() {
        assert_eq!(r[0], k.to_string());
        assert_eq!(r[1], (k / 3).to_string());
        assert_eq!(r[2], (k % 3).to_string());
        let seed = asocia_core::rng::run_seed(3, (k / 3) as u64, (k % 3) as u64);
        assert_eq!(r[3], seed.to_string());
    }
    assert_eq!((&rows[0][4][..], &rows[0][5][..]), ("1", "0.05"));
    assert_eq!((&rows[29][4][..], &rows[29][5][..]), ("2", "0.5"));
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["study"], "sweep");
    assert_eq!(manifest["interrupted"], false);
    assert_eq!(manifest["runs_done"], 30);
    assert_eq!(manifest["design"]["keys"][1], "update.k");
}

#[test]
fn summary_and_main_effects_match_the_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let file = small_sweep(tmp.path(), 4);
    let out = tmp.path().join("o");
    run_into("sweep", &file, &out, &[]);
    let (rh, runs) = table(&out.join("runs.csv"));
    let (sh, summary) = table(&out.join("summary.csv"));
    assert_eq!(
        sh,
        [
            "point", "game.b", "update.k", "metric", "n", "mean", "sd", "se", "ci_low", "ci_high",
            "min", "max", "runs", "complete", "failed", "missing"
        ]
    );
    assert_eq!(summary.len(), 10 * 4);
    for r in &summary {
        assert_eq!(
            (&r[12][..], &r[13][..]),
            ("4", "true"),
            "every point ran: {r:?}"
        );
    }
    let coop = col(&rh, "coop_rate_final");
    let value = |s: &str| s.parse::<f64>().unwrap();
    // Point 7's coop_rate_final by hand: mean, sample sd, t(3) = 3.182446 interval.
    let xs: Vec<f64> = runs[28..32].iter().map(|r| value(&r[coop])).collect();
    let mean = xs.iter().sum::<f64>() / 4.0;
    let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 3.0).sqrt();
    let row = summary
        .iter()
        .find(|r| r[0] == "7" && r[3] == "coop_rate_final")
        .unwrap();
    assert_eq!(row[4], "4");
    assert!((value(&row[5]) - mean).abs() < 1e-12);
    if sd > 0.0 {
        assert!((value(&row[6]) - sd).abs() < 1e-12);
        let half = 3.182_446_305_284_263 * sd / 2.0;
        assert!((value(&row[9]) - (mean + half)).abs() < 1e-9, "{row:?}");
        assert!((value(&row[8]) - (mean - half)).abs() < 1e-9, "{row:?}");
    }
    let min = xs.iter().copied().fold(f64::INFINITY, f64::min);
    assert_eq!(value(&row[10]), min);
    // Main effect of game.b = 1 on coop_rate_final: mean of its 2 points minus the grand mean.
    let (eh, effects) = table(&out.join("sensitivity.csv"));
    assert_eq!(
        eh,
        [
            "metric",
            "parameter",
            "index",
            "level",
            "n",
            "mean",
            "value",
            "ci_low",
            "ci_high",
            "failed_runs"
        ]
    );
    let point_mean = |p: usize| {
        runs[p * 4..p * 4 + 4]
            .iter()
            .map(|r| value(&r[coop]))
            .sum::<f64>()
            / 4.0
    };
    let grand = (0..10).map(point_mean).sum::<f64>() / 10.0;
    let at_one = (point_mean(0) + point_mean(1)) / 2.0;
    let e = effects
        .iter()
        .find(|r| r[0] == "coop_rate_final" && r[1] == "game.b" && r[3] == "1")
        .unwrap();
    assert_eq!((&e[2][..], &e[4][..]), ("main_effect", "2"));
    assert!((value(&e[5]) - at_one).abs() < 1e-12);
    assert!((value(&e[6]) - (at_one - grand)).abs() < 1e-12);
}

#[test]
fn rerunning_one_run_from_its_row_reproduces_its_metrics() {
    let tmp = tempfile::tempdir().unwrap();
    let file = small_sweep(tmp.path(), 3);
    let out = tmp.path().join("o");
    let f = file.to_str().unwrap();
    run_ok(&["sweep", f, "--out", out.to_str().unwrap()]);
    let (_, rows) = table(&out.join("runs.csv"));
    for run in ["17", "22"] {
        let one = tmp.path().join(format!("run{run}"));
        run_ok(&["sweep", f, "--run", run, "--out", one.to_str().unwrap()]);
        let (_, again) = table(&one.join("runs.csv"));
        let original = &rows[run.parse::<usize>().unwrap()];
        assert_eq!(
            &again,
            std::slice::from_ref(original),
            "run {run} reproduced cell for cell"
        );
        let (th, steps) = table(&one.join("timeseries.csv"));
        assert_eq!(steps.len(), 101);
        assert_eq!(steps[0][col(&th, "seed")], original[3]);
    }
}

#[test]
fn outputs_are_the_same_bytes_on_one_and_two_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let file = small_sweep(tmp.path(), 20);
    let f = file.to_str().unwrap();
    let (a, b) = (tmp.path().join("t1"), tmp.path().join("t2"));
    let args = ["--step-summary", "--timeseries"];
    run_ok(
        &[
            &["sweep", f, "--threads", "1", "--out", a.to_str().unwrap()][..],
            &args,
        ]
        .concat(),
    );
    run_ok(
        &[
            &["sweep", f, "--threads", "2", "--out", b.to_str().unwrap()][..],
            &args,
        ]
        .concat(),
    );
    for name in [
        "runs.csv",
        "summary.csv",
        "sensitivity.csv",
        "timeseries.csv",
        "timeseries_summary.csv",
    ] {
        let (x, y) = (
            fs::read(a.join(name)).unwrap(),
            fs::read(b.join(name)).unwrap(),
        );
        assert!(x == y, "{name} differs between 1 and 2 threads");
    }
    let (_, rows) = table(&a.join("runs.csv"));
    assert_eq!(rows.len(), 200);
}

/// A Sobol (Saltelli) design of 16 base rows over two parameters of a ring of 60 agents.
fn sobol_sweep(dir: &Path) -> PathBuf {
    write_scenario(
        dir,
        "sobol.toml",
        "[network]\nkind = \"ring\"\nn = 60\nk = 4\n[run]\nsteps = 5\n[sweep]\ndesign = \"sobol\"\n\
         samples = 16\nreplications = 1\ngame.b = { start = 1.0, stop = 2.0 }\n\
         initial.coop_fraction = { start = 0.1, stop = 0.9 }\n",
    )
}

#[test]
fn sobol_sweep_writes_first_and_total_indices() {
    let tmp = tempfile::tempdir().unwrap();
    let file = sobol_sweep(tmp.path());
    let out = tmp.path().join("o");
    run_into("sweep", &file, &out, &[]);
    let (_, runs) = table(&out.join("runs.csv"));
    assert_eq!(runs.len(), 16 * 4, "Saltelli: N (d + 2) points");
    let (_, rows) = table(&out.join("sensitivity.csv"));
    let kinds: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r[0] == "coop_rate_final")
        .map(|r| (r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("game.b", "first"),
            ("game.b", "total"),
            ("initial.coop_fraction", "first"),
            ("initial.coop_fraction", "total")
        ]
    );
}

/// `sweep` warns, on stderr and in the manifest, of every Sobol interval wider than the [0, 1]
/// range of an index, naming the metric, the parameter and the index; and of no other. With
/// N = 16 base rows (the design above) some total-index intervals are that wide, the
/// first-order ones are not.
#[test]
fn sobol_sweep_warns_of_intervals_wider_than_the_unit_range() {
    let tmp = tempfile::tempdir().unwrap();
    let file = sobol_sweep(tmp.path());
    let out = tmp.path().join("o");
    let stderr = run_into("sweep", &file, &out, &[]).stderr;
    let stderr = String::from_utf8(stderr).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let noted = manifest["warnings"].as_array().unwrap();
    let (h, rows) = table(&out.join("sensitivity.csv"));
    let (lo, hi) = (col(&h, "ci_low"), col(&h, "ci_high"));
    let mut wide = 0;
    for r in &rows {
        let width = r[hi].parse::<f64>().unwrap() - r[lo].parse::<f64>().unwrap();
        let line = format!(
            "sensitivity of `{}` to `{}`: the 95% interval of the `{}` index",
            r[0], r[1], r[2]
        );
        let in_manifest = noted.iter().any(|w| w.as_str().unwrap().starts_with(&line));
        assert_eq!(
            stderr.contains(&format!("warning: {line}")),
            width > 1.0,
            "{r:?}\n{stderr}"
        );
        assert_eq!(in_manifest, width > 1.0, "{r:?}");
        wide += usize::from(width > 1.0);
    }
    assert!(
        wide > 0 && wide < rows.len(),
        "{wide} of {} rows wide",
        rows.len()
    );
    assert_eq!(
        stderr.matches("is wider than the [0, 1] range").count(),
        wide
    );
}

fn sweep_error(section: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bad.toml");
    fs::write(
        &file,
        format!(
            "[network]\nkind = \"ring\"\nn = 50\nk = 4\n[run]\nsteps = 10\n[sweep]\n{section}\n"
        ),
    )
    .unwrap();
    let out = tmp.path().join("o");
    let o = asocia()
        .args([
            "sweep",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists(), "nothing written before the error");
    assert!(o.stdout.is_empty(), "nothing ran");
    String::from_utf8(o.stderr)
        .unwrap()
        .replace(file.to_str().unwrap(), "bad.toml")
}

#[test]
fn bad_sweeps_give_located_errors_before_any_run() {
    let e = sweep_error("network.size = [10, 20]");
    assert!(
        e.starts_with("bad.toml:8:9: error: unknown key `size` in [network]"),
        "{e}"
    );
    let e = sweep_error("game.b = { start = 1.5, stop = 1.0, step = 0.1 }");
    assert!(
        e.starts_with("bad.toml:8:10: error: [sweep]: dimension `game.b` steps by 0.1 from 1.5"),
        "{e}"
    );
    let e = sweep_error("update.k = { start = 1.0, stop = 2.0, n = 0 }");
    assert!(
        e.starts_with("bad.toml:8:12: error: [sweep]: dimension `update.k` has no values"),
        "{e}"
    );
    let e = sweep_error("initial.coop_fraction = { start = 0.5, stop = 1.5, step = 0.5 }");
    assert!(
        e.starts_with(
            "bad.toml:8:25: error: `coop_fraction`: expected a probability in [0, 1], found 1.5"
        ),
        "{e}"
    );
    assert!(
        e.contains("1 error in the scenario; nothing was run"),
        "{e}"
    );
}

#[test]
fn an_interrupted_sweep_exits_130_keeps_finished_runs_and_marks_incomplete_points() {
    let tmp = tempfile::tempdir().unwrap();
    // Point 0: 8 runs of 10 steps (instant); point 1: 8 runs of 400 000 steps (about a
    // second each). Runs are started replication by replication across the points, so the
    // signal, sent once 4 runs are journaled, lands while runs of both points remain.
    let file = tmp.path().join("slow.toml");
    fs::write(
        &file,
        "[scenario]\nname = \"slow\"\n[network]\nkind = \"ring\"\nn = 100\nk = 4\n\
         [run]\nseed = 3\n[sweep]\nreplications = 8\nrun.steps = [10, 400000]\n",
    )
    .unwrap();
    let out = tmp.path().join("o");
    let (result, stderr, manifest) = interrupted("sweep", &file, &out, 4, Duration::from_secs(120));
    assert_eq!(
        result.status.code(),
        Some(130),
        "exit status; stderr:\n{stderr}"
    );
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert!(
        stderr.contains("run the same command again to resume"),
        "{stderr}"
    );
    assert_eq!(manifest["interrupted"], true);
    let done = manifest["runs_done"].as_u64().unwrap();
    let (_, rows) = table(&out.join("runs.csv"));
    assert_eq!(rows.len() as u64, done, "every finished run is written");
    let runs: Vec<u64> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
    assert!(
        runs.windows(2).all(|w| w[0] < w[1]),
        "in run order: {runs:?}"
    );
    // Interleaved: both points have finished runs, and not all 16 ran.
    let of_point = |p: u64| runs.iter().filter(|&&r| r / 8 == p).count() as u64;
    assert!(of_point(0) >= 2 && of_point(1) >= 2, "runs: {runs:?}");
    assert!((4..16).contains(&done), "runs done: {done}");
    let (h, summary) = table(&out.join("summary.csv"));
    let (point, metric) = (col(&h, "point"), col(&h, "metric"));
    let (n_runs, complete) = (col(&h, "runs"), col(&h, "complete"));
    for r in &summary {
        let k = of_point(r[point].parse().unwrap());
        let expected = (k, if k == 8 { "true" } else { "false" });
        let got = (r[n_runs].parse::<u64>().unwrap(), r[complete].as_str());
        assert_eq!(got, expected, "{r:?}");
    }
    let points: Vec<&str> = summary
        .iter()
        .filter(|r| r[metric] == "steps_run")
        .map(|r| r[point].as_str())
        .collect();
    assert_eq!(
        points,
        ["0", "1"],
        "the incomplete points are summarised and marked"
    );
    assert!(!out.join("sensitivity.csv").exists());
}

#[test]
fn set_sweep_grid_replaces_the_files_grid_and_typos_are_located() {
    // Before, `--set 'sweep.game.b=[…]'` ran the file's grid and `sweep.KEY` typos were ignored.
    let tmp = tempfile::tempdir().unwrap();
    let file = small_sweep(tmp.path(), 1);
    let out = tmp.path().join("o");
    run_into(
        "sweep",
        &file,
        &out,
        &["--set", "sweep.game.b=[1.1, 1.2]", "--set", "run.steps=5"],
    );
    let (h, rows) = table(&out.join("runs.csv"));
    let b: Vec<&str> = rows.iter().map(|r| r[col(&h, "game.b")].as_str()).collect();
    assert_eq!(b, ["1.1", "1.1", "1.2", "1.2"]);
    let k: Vec<&str> = rows
        .iter()
        .map(|r| r[col(&h, "update.k")].as_str())
        .collect();
    assert_eq!(k, ["0.05", "0.5", "0.05", "0.5"]);
    for (set, message) in [
        (
            "sweep.replicatons=2",
            "error: unknown key `replicatons` in [sweep]; did you mean `replications`?",
        ),
        (
            "sweep.game.bb=[1.1]",
            "error: unknown key `bb` in [game]; did you mean `b`?",
        ),
    ] {
        let o = asocia()
            .args([
                "sweep",
                file.to_str().unwrap(),
                "--set",
                set,
                "--out",
                tmp.path().join("never").to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.starts_with(&format!("--set {set}: {message}")), "{err}");
        assert!(!tmp.path().join("never").exists());
    }
}

#[test]
fn list_values_are_swept_and_shown_joined_by_semicolons() {
    // `network.sizes` (the number and size of clusters) as a grid factor.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("sizes.toml");
    fs::write(
        &file,
        "[network]\nkind = \"stochastic-block\"\nsizes = [40, 40]\np_in = 0.1\np_out = 0.01\n\
         [run]\nsteps = 5\n[sweep]\nnetwork.sizes = [[40, 40], [20, 20, 20, 20]]\n",
    )
    .unwrap();
    let out = tmp.path().join("o");
    run_into("sweep", &file, &out, &[]);
    let (h, rows) = table(&out.join("runs.csv"));
    let sizes: Vec<&str> = rows
        .iter()
        .map(|r| r[col(&h, "network.sizes")].as_str())
        .collect();
    assert_eq!(sizes, ["40;40", "20;20;20;20"]);
    let (h, rows) = table(&out.join("summary.csv"));
    assert!(rows
        .iter()
        .any(|r| r[col(&h, "network.sizes")] == "20;20;20;20"));
}
