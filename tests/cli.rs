//! The real binary on real scenario files: output files, their columns, refusal to overwrite,
//! located errors and reproducibility.

use std::fs;
use std::path::PathBuf;

use crate::common::{asocia, col, run_into, run_ok, table};

fn tmp_out(tmp: &tempfile::TempDir, name: &str) -> PathBuf {
    tmp.path().join(name)
}

#[test]
fn run_writes_tidy_timeseries_summary_and_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp_out(&tmp, "default");
    let o = out.to_str().unwrap();
    let stdout = run_ok(&[
        "run",
        "scenarios/default.toml",
        "--out",
        o,
        "--set",
        "network.n=400",
        "--set",
        "run.steps=30",
        "--set",
        "run.replications=3",
    ])
    .stdout;
    let stdout = String::from_utf8(stdout).unwrap();
    assert!(stdout.contains("400 firms"), "{stdout}");
    assert!(stdout.contains("3 runs"), "{stdout}");

    let (h, rows) = table(&out.join("timeseries.csv"));
    for c in ["run", "seed", "step", "alive", "coop_rate", "payoff_mean"] {
        col(&h, c);
    }
    let (run, step, alive, coop, coops) = (
        col(&h, "run"),
        col(&h, "step"),
        col(&h, "alive"),
        col(&h, "coop_rate"),
        col(&h, "cooperators"),
    );
    assert_eq!(rows.len(), 3 * 31, "3 runs × steps 0..=30");
    for (k, row) in rows.iter().enumerate() {
        assert_eq!(row[run].parse::<usize>().unwrap(), k / 31);
        assert_eq!(row[step].parse::<usize>().unwrap(), k % 31);
        assert_eq!(row[alive].parse::<usize>().unwrap(), 400);
        let rate: f64 = row[coop].parse().unwrap();
        let c: f64 = row[coops].parse().unwrap();
        assert!((0.0..=1.0).contains(&rate));
        assert_eq!(rate, c / 400.0);
    }
    // Half the firms cooperate at random at step 0 (default.toml's coop_fraction = 0.5).
    assert_eq!(&rows[0][coops], "200");

    let (h, rows) = table(&out.join("summary.csv"));
    for c in ["run", "seed", "steps_run", "coop_rate_final", "absorbed_at"] {
        col(&h, c);
    }
    assert_eq!(rows.len(), 3);
    let seeds: Vec<&str> = rows.iter().map(|r| r[col(&h, "seed")].as_str()).collect();
    assert!(
        seeds[0] != seeds[1] && seeds[1] != seeds[2],
        "replications have their own seeds"
    );

    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["program"], "asocia");
    assert_eq!(manifest["scenario"]["network"]["n"], 400);
    assert_eq!(manifest["scenario"]["run"]["steps"], 30);
    assert_eq!(manifest["run_seeds"].as_array().unwrap().len(), 3);
    assert_eq!(
        manifest["run_seeds"][1].as_u64().unwrap().to_string(),
        seeds[1]
    );
    assert!(manifest["threads"].as_u64().unwrap() >= 1);
    assert!(manifest["wall_seconds"].as_f64().unwrap() >= 0.0);
    assert!(manifest["started"].as_str().unwrap().ends_with('Z'));
    assert_eq!(manifest["overrides"].as_array().unwrap().len(), 3);
    // No staging folder is left beside the results.
    let left: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

#[test]
fn existing_results_are_not_overwritten_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp_out(&tmp, "r");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("precious.csv"), "keep me").unwrap();
    let o = out.to_str().unwrap();
    let args = [
        "run",
        "scenarios/default.toml",
        "--out",
        o,
        "--set",
        "network.n=100",
        "--set",
        "run.steps=5",
    ];
    let refused = asocia().args(args).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        fs::read_to_string(out.join("precious.csv")).unwrap(),
        "keep me"
    );

    // `--force` replaces only asocia results: a folder of other files is refused (before, it
    // was deleted, precious.csv with it).
    let mut forced: Vec<&str> = args.to_vec();
    forced.push("--force");
    let refused = asocia().args(&forced).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("holds no asocia result"), "{err}");
    assert_eq!(
        fs::read_to_string(out.join("precious.csv")).unwrap(),
        "keep me"
    );
}

#[test]
fn bad_scenario_is_located_and_runs_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bad.toml");
    fs::write(
        &file,
        "[network]\nkind = \"barabasi-albert\"\nn = 100\n\n[run]\nstepz = 10\n",
    )
    .unwrap();
    let out = tmp_out(&tmp, "never");
    let o = asocia()
        .args([
            "run",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.toml:6:1"), "{err}");
    assert!(
        err.contains("steps"),
        "did-you-mean suggestion expected: {err}"
    );
    assert!(
        !out.exists(),
        "no output folder for a scenario that did not run"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn bad_override_is_reported_and_runs_nothing() {
    let o = asocia()
        .args([
            "run",
            "scenarios/default.toml",
            "--set",
            "run.steps=abc",
            "--out",
            "target/never",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("run.steps=abc"), "{err}");
}

#[test]
fn validate_prints_the_resolved_scenario() {
    let out = run_ok(&["validate", "scenarios/default.toml", "--set", "run.seed=77"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("[network]") && text.contains("[run]"),
        "{text}"
    );
    assert!(text.contains("seed = 77"), "{text}");
}

#[test]
fn same_seed_gives_same_bytes_and_other_seed_differs() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |name: &str, seed: &str| {
        let out = tmp_out(&tmp, name);
        let set = format!("run.seed={seed}");
        run_ok(&[
            "run",
            "scenarios/default.toml",
            "--out",
            out.to_str().unwrap(),
            "--set",
            "network.n=500",
            "--set",
            "run.steps=40",
            "--set",
            &set,
        ]);
        (
            fs::read(out.join("timeseries.csv")).unwrap(),
            fs::read(out.join("summary.csv")).unwrap(),
        )
    };
    let a = run("a", "5");
    let b = run("b", "5");
    let c = run("c", "6");
    assert_eq!(a, b);
    assert_ne!(a.0, c.0);
}

/// Byte-identical outputs on 1 and 2 threads, on a network big enough (10^5 firms) that rayon
/// splits the payoff and update phases across both workers.
#[test]
fn outputs_identical_across_thread_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |name: &str, threads: &str| {
        let out = tmp_out(&tmp, name);
        let o = asocia()
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "run",
                "scenarios/bench-ba-pd-fermi.toml",
                "--out",
                out.to_str().unwrap(),
                "--set",
                "run.steps=20",
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let manifest: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
        assert_eq!(manifest["threads"].to_string(), threads);
        (
            fs::read(out.join("timeseries.csv")).unwrap(),
            fs::read(out.join("summary.csv")).unwrap(),
        )
    };
    let one = run("t1", "1");
    let two = run("t2", "2");
    assert_eq!(one.0.len(), two.0.len());
    assert!(
        one == two,
        "timeseries or summary differ between 1 and 2 threads"
    );
    // The --threads flag agrees with the environment variable.
    let out = tmp_out(&tmp, "flag");
    run_ok(&[
        "run",
        "scenarios/bench-ba-pd-fermi.toml",
        "--out",
        out.to_str().unwrap(),
        "--set",
        "run.steps=20",
        "--threads",
        "2",
    ]);
    assert_eq!(fs::read(out.join("timeseries.csv")).unwrap(), two.0);
}

/// docs/citing.md's promise: the resolved scenario printed by `validate` re-runs to the same bytes.
#[test]
fn resolved_scenario_reruns_to_identical_results() {
    let tmp = tempfile::tempdir().unwrap();
    let set = [
        "--set",
        "network.n=300",
        "--set",
        "run.steps=25",
        "--set",
        "run.seed=11",
    ];
    let mut args = vec!["validate", "scenarios/default.toml"];
    args.extend(set);
    let resolved = run_ok(&args).stdout;
    let file = tmp.path().join("resolved.toml");
    fs::write(&file, resolved).unwrap();
    let (a, b) = (tmp_out(&tmp, "a"), tmp_out(&tmp, "b"));
    let mut first = vec![
        "run",
        "scenarios/default.toml",
        "--out",
        a.to_str().unwrap(),
    ];
    first.extend(set);
    run_ok(&first);
    run_ok(&["run", file.to_str().unwrap(), "--out", b.to_str().unwrap()]);
    for name in ["timeseries.csv", "summary.csv"] {
        assert_eq!(
            fs::read(a.join(name)).unwrap(),
            fs::read(b.join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn run_summary_prints_a_dash_for_metrics_no_run_has() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp_out(&tmp, "isolated");
    let stdout = run_ok(&[
        "run",
        "scenarios/isolated.toml",
        "--set",
        "run.steps=30",
        "--out",
        out.to_str().unwrap(),
    ])
    .stdout;
    let stdout = String::from_utf8(stdout).unwrap();
    // Isolated firms take no tie decisions: no cooperation rate, no trust, in any run.
    assert!(!stdout.contains("NaN"), "{stdout}");
    assert!(stdout.contains("  mean coop_rate_final: -\n"), "{stdout}");
    assert!(stdout.contains("  mean trust_mean_final: -\n"), "{stdout}");
    assert!(
        stdout.contains("  mean survival_rate_final: 0."),
        "{stdout}"
    );
}

/// A closed pipe (`asocia ... | head -1`) is a normal end: exit 0, results complete, no panic.
#[test]
fn broken_pipe_exits_zero_with_results_written() {
    use std::io::Read;
    use std::process::Stdio;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp_out(&tmp, "piped");
    let mut child = asocia()
        .args([
            "run",
            "scenarios/default.toml",
            "--out",
            out.to_str().unwrap(),
            "--set",
            "network.n=200",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before anything is printed
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success(), "{status:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.join("summary.csv").exists() && out.join("manifest.json").exists());
}

#[test]
fn firm_summaries_report_fines_paid_and_the_treasury() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp_out(&tmp, "fines");
    run_ok(&[
        "run",
        "scenarios/cluster.toml",
        "--set",
        "network.sizes=[50, 50, 50, 50]",
        "--set",
        "network.p_in=0.16",
        "--set",
        "run.steps=30",
        "--set",
        "run.replications=2",
        "--set",
        "output.every=1",
        "--set",
        "monitoring.fine_to=\"treasury\"",
        "--out",
        out.to_str().unwrap(),
    ]);
    let (sh, summary) = table(&out.join("summary.csv"));
    let (th, steps) = table(&out.join("timeseries.csv"));
    for (run, srow) in summary.iter().enumerate() {
        let totals: Vec<&Vec<String>> = steps
            .iter()
            .filter(|r| r[col(&th, "run")] == run.to_string() && r[col(&th, "group")] == "all")
            .collect();
        assert_eq!(totals.len(), 31, "steps 0..=30");
        let cell = |r: &[String], h: &[String], c: &str| r[col(h, c)].parse::<f64>().unwrap();
        // Fines paid over the run: the sum of the per-step fines of every step.
        let fines: f64 = totals.iter().map(|r| cell(r, &th, "fines_paid")).sum();
        let reported = cell(srow, &sh, "fines_total");
        assert!(fines > 0.0, "some defector is fined");
        assert!(
            (reported - fines).abs() <= 1e-9 * fines,
            "{reported} vs {fines}"
        );
        // Every fine goes to the treasury, which keeps it.
        let treasury = cell(totals[30], &th, "treasury");
        assert_eq!(cell(srow, &sh, "treasury_final"), treasury);
        assert!(
            (treasury - fines).abs() <= 1e-9 * fines,
            "{treasury} vs {fines}"
        );
    }
}

#[test]
fn validate_prints_the_study_sections_and_the_text_reruns_the_same_sweep() {
    // Before, `validate` dropped [sweep] and [compare] (and did not check them), so the
    // citing recipe could not re-create a study.
    let tmp = tempfile::tempdir().unwrap();
    let file = crate::sweep::small_sweep(tmp.path(), 2);
    let set = [
        "--set",
        "run.steps=10",
        "--set",
        "sweep.update.k=[0.1, 1.0]",
    ];
    let mut args = vec!["validate", file.to_str().unwrap()];
    args.extend(set);
    let first = String::from_utf8(run_ok(&args).stdout).unwrap();
    assert!(first.contains("[sweep]"), "{first}");
    assert!(first.contains("update.k = [0.1, 1.0]"), "{first}");
    let resolved = tmp.path().join("resolved.toml");
    fs::write(&resolved, &first).unwrap();
    let again =
        String::from_utf8(run_ok(&["validate", resolved.to_str().unwrap()]).stdout).unwrap();
    assert_eq!(
        again, first,
        "validate of the resolved text prints the same text"
    );
    let (a, b) = (tmp_out(&tmp, "a"), tmp_out(&tmp, "b"));
    let mut args = vec![
        "sweep",
        file.to_str().unwrap(),
        "--out",
        a.to_str().unwrap(),
    ];
    args.extend(set);
    run_ok(&args);
    run_into("sweep", &resolved, &b, &[]);
    let runs = fs::read_to_string(a.join("runs.csv")).unwrap();
    assert_eq!(runs.lines().count(), 1 + 5 * 2 * 2);
    assert_eq!(fs::read_to_string(b.join("runs.csv")).unwrap(), runs);
    assert_eq!(
        fs::read_to_string(b.join("summary.csv")).unwrap(),
        fs::read_to_string(a.join("summary.csv")).unwrap()
    );
}

#[test]
fn validate_checks_every_sweep_point_and_arm() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bad.toml");
    fs::write(
        &file,
        "[network]\nkind = \"ring\"\nn = 40\nk = 4\n[sweep]\nupdate.kk = [1]\n[compare]\n[compare.a]\n[compare.b]\ngame.bb = 2\n",
    )
    .unwrap();
    let o = asocia()
        .args(["validate", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    let f = file.display();
    assert!(
        err.starts_with(&format!(
            "{f}:6:8: error: unknown key `kk` in [update]; did you mean `k`?\n{f}:10:6: error: unknown key `bb` in [game]; did you mean `b`?\n2 errors"
        )),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn run_on_a_study_file_says_which_command_runs_it() {
    // Before, `asocia run` ran the base scenario and ignored the study sections.
    for (file, command) in [
        ("scenarios/trust-sweep.toml", "sweep"),
        ("scenarios/cluster-vs-isolated.toml", "compare"),
    ] {
        let o = asocia()
            .args(["run", file, "--out", "target/never-run-study"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.starts_with(&format!(
                "error: {file} has a [{command}] section: run the study with `asocia {command} {file}`"
            )),
            "{err}"
        );
        assert!(o.stdout.is_empty());
    }
    assert!(!std::path::Path::new("target/never-run-study").exists());
}
