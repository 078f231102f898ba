//! Runs that fail do not stop a sweep, through the real binary: a point whose payoffs overflow
//! (`game.r = 1e308`: the accumulated payoff is infinite, a real failure mode) is recorded in
//! `failures.csv` with its seed and error, summaries count the failed and missing runs, a
//! resume does not run the failed runs again, and shards merged carry them.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{col, run_ok, table, write_scenario};

/// 2 grid points (the second overflows) × 3 replications of 60 players, 5 steps.
fn overflowing(dir: &Path) -> PathBuf {
    write_scenario(
        dir,
        "overflow.toml",
        "[scenario]\nname = \"overflow\"\n[network]\nkind = \"barabasi-albert\"\nn = 60\nm = 2\n\
         [game]\npreset = \"general\"\nr = 1.0\ns = 0.0\nt = 0.0\np = 0.0\n\
         [update]\nrule = \"fermi\"\nk = 0.1\n[run]\nsteps = 5\nseed = 3\n[output]\nevery = 1\n\
         [sweep]\nreplications = 3\ngame.r = [1.0, 1e308]\n",
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_failed_run_is_recorded_and_the_sweep_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let file = overflowing(tmp.path());
    let out = tmp.path().join("o");
    let o = run_ok(&["sweep", s(&file), "--out", s(&out), "--threads", "2"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("3 runs failed"), "{err}");
    assert!(
        err.contains(
            "main effects of `payoff_mean_final` not computed: every run of point 1 failed"
        ),
        "{err}"
    );

    let (h, rows) = table(&out.join("failures.csv"));
    assert_eq!(
        h,
        ["run", "point", "replication", "seed", "game.r", "error"]
    );
    assert_eq!(rows.len(), 3);
    let (runs_h, runs) = table(&out.join("runs.csv"));
    assert_eq!(runs.len(), 3, "only the finished runs have a row");
    for (k, r) in rows.iter().enumerate() {
        assert_eq!(r[0], (3 + k).to_string());
        assert_eq!((r[1].as_str(), r[2].as_str()), ("1", &*k.to_string()));
        assert_eq!(r[4].parse::<f64>().unwrap(), 1e308);
        assert_eq!(r[5], "final metric `payoff_mean_final` is not finite (inf)");
        // The seed is the run's: `--run` runs it alone, and it fails the same way.
        let one = tmp.path().join(format!("one-{k}"));
        run_ok(&["sweep", s(&file), "--run", &r[0], "--out", s(&one)]);
        let (_, again) = table(&one.join("failures.csv"));
        assert_eq!(again, vec![r.clone()]);
    }
    let seed = col(&runs_h, "seed");
    assert!(runs.iter().all(|r| !r[seed].is_empty()));

    let (h, summary) = table(&out.join("summary.csv"));
    let tail = &h[h.len() - 4..];
    assert_eq!(tail, ["runs", "complete", "failed", "missing"]);
    let (point, n, metric) = (col(&h, "point"), col(&h, "n"), col(&h, "metric"));
    for row in &summary {
        let cells = &row[row.len() - 4..];
        if row[point] == "0" {
            assert_eq!(cells, ["3", "true", "0", "0"]);
        } else {
            assert_eq!(cells, ["0", "false", "3", "0"], "{row:?}");
            assert_eq!(row[n], "0", "{}: no run behind it", row[metric]);
        }
    }
    // The grid's main effects need every point: none is computed.
    let (h, sens) = table(&out.join("sensitivity.csv"));
    assert_eq!(h.last().unwrap(), "failed_runs");
    assert!(sens.is_empty(), "{sens:?}");

    // Run again: nothing to do (failed runs are done), the same files.
    let before: Vec<(String, Vec<u8>)> =
        ["runs.csv", "summary.csv", "failures.csv", "sensitivity.csv"]
            .iter()
            .map(|f| (f.to_string(), fs::read(out.join(f)).unwrap()))
            .collect();
    let o = run_ok(&["sweep", s(&file), "--out", s(&out)]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("; 0 runs in") && text.contains("6 done before"),
        "{text}"
    );
    for (f, bytes) in &before {
        assert_eq!(&fs::read(out.join(f)).unwrap(), bytes, "{f}");
    }

    // One thread: the same bytes as two.
    let one = tmp.path().join("one-thread");
    run_ok(&["sweep", s(&file), "--out", s(&one), "--threads", "1"]);
    for (f, bytes) in &before {
        assert_eq!(&fs::read(one.join(f)).unwrap(), bytes, "1 thread: {f}");
    }

    // Two shards merged carry the failures: the same files as the sweep's.
    let mut dirs = Vec::new();
    for i in 0..2 {
        let d = tmp.path().join(format!("shard-{i}"));
        run_ok(&[
            "sweep",
            s(&file),
            "--shard",
            &format!("{i}/2"),
            "--out",
            s(&d),
        ]);
        dirs.push(d);
    }
    let merged = tmp.path().join("merged");
    run_ok(&["merge", s(&dirs[0]), s(&dirs[1]), "--out", s(&merged)]);
    for (f, bytes) in &before {
        assert_eq!(&fs::read(merged.join(f)).unwrap(), bytes, "merged {f}");
    }
}

#[test]
fn a_sweep_without_failures_has_an_empty_failures_table() {
    let tmp = tempfile::tempdir().unwrap();
    let file = overflowing(tmp.path());
    let out = tmp.path().join("o");
    run_ok(&[
        "sweep",
        s(&file),
        "--out",
        s(&out),
        "--set",
        "sweep.game.r=[1.0, 2.0]",
    ]);
    let (h, rows) = table(&out.join("failures.csv"));
    assert_eq!(
        h,
        ["run", "point", "replication", "seed", "game.r", "error"]
    );
    assert!(rows.is_empty());
    let (h, sens) = table(&out.join("sensitivity.csv"));
    let failed = col(&h, "failed_runs");
    assert!(!sens.is_empty() && sens.iter().all(|r| r[failed] == "0"));

    // A shard folder without failures.csv (written before failed runs were recorded) merges
    // as one without failures.
    let mut dirs = Vec::new();
    for i in 0..2 {
        let d = tmp.path().join(format!("shard-{i}"));
        run_ok(&[
            "sweep",
            s(&file),
            "--shard",
            &format!("{i}/2"),
            "--out",
            s(&d),
            "--set",
            "sweep.game.r=[1.0, 2.0]",
        ]);
        dirs.push(d);
    }
    fs::remove_file(dirs[1].join("failures.csv")).unwrap();
    let merged = tmp.path().join("merged");
    run_ok(&["merge", s(&dirs[0]), s(&dirs[1]), "--out", s(&merged)]);
    for f in ["runs.csv", "summary.csv", "failures.csv", "sensitivity.csv"] {
        assert_eq!(
            fs::read(merged.join(f)).unwrap(),
            fs::read(out.join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn a_compare_leaves_out_the_replications_with_a_failed_run_and_goes_on() {
    // Few initial cooperators: with `r = 1e308` a replication overflows when cooperators meet,
    // which depends on its seed, so some replications of arm `high` fail and others do not.
    let tmp = tempfile::tempdir().unwrap();
    let file = write_scenario(
        tmp.path(),
        "cmp.toml",
        "[scenario]\nname = \"cmp\"\n[network]\nkind = \"barabasi-albert\"\nn = 60\nm = 2\n\
         [game]\npreset = \"general\"\nr = 1.0\ns = 0.0\nt = 0.0\np = 0.0\n\
         [initial]\ncoop_fraction = 0.05\n[run]\nsteps = 5\nseed = 3\n\
         [compare]\nreplications = 8\n[compare.low]\n[compare.high]\ngame.r = 1e308\n",
    );
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out = tmp.path().join(format!("o{threads}"));
        let o = run_ok(&["compare", s(&file), "--out", s(&out), "--threads", threads]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("4 replications left out: a run of each failed"),
            "{err}"
        );
        assert!(String::from_utf8_lossy(&o.stdout).contains("2 arms × 4 replications"));
        outputs.push(out);
    }
    let (h, failures) = table(&outputs[0].join("failures.csv"));
    assert_eq!(h, ["run", "arm", "replication", "seed", "error"]);
    let failed: Vec<&str> = failures.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(failed, ["0", "1", "3", "5"]);
    for r in &failures {
        assert_eq!(r[1], "high");
        assert_eq!(r[4], "final metric `payoff_mean_final` is not finite (inf)");
    }
    // runs.csv keeps both arms of the other replications only, on their shared seeds.
    let (h, runs) = table(&outputs[0].join("runs.csv"));
    let rep = col(&h, "replication");
    let kept: Vec<&str> = runs.iter().map(|r| r[rep].as_str()).collect();
    assert_eq!(kept, ["2", "2", "4", "4", "6", "6", "7", "7"]);
    for f in ["failures.csv", "runs.csv", "compare.csv", "summary.csv"] {
        assert_eq!(
            fs::read(outputs[0].join(f)).unwrap(),
            fs::read(outputs[1].join(f)).unwrap(),
            "1 and 2 threads: {f}"
        );
    }
    let manifest = fs::read_to_string(outputs[0].join("manifest.json")).unwrap();
    assert!(manifest.contains("4 replications left out"));
}
